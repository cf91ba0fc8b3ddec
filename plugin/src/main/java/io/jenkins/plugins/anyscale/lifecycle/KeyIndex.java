package io.jenkins.plugins.anyscale.lifecycle;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.ExtensionList;
import hudson.XmlFile;
import io.jenkins.plugins.anyscale.KeyStoreListener;
import io.jenkins.plugins.anyscale.client.inventory.CredentialLocation;
import io.jenkins.plugins.anyscale.client.inventory.KeyAge;
import io.jenkins.plugins.anyscale.client.inventory.KeyAgePolicy;
import io.jenkins.plugins.anyscale.client.inventory.KeyHolder;
import io.jenkins.plugins.anyscale.client.inventory.KeyHolderIndex;
import java.io.File;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.model.Jenkins;

/**
 * The credentials that hold service-account keys, as the key sink stored and removed them, kept in {@code
 * JENKINS_HOME/io.jenkins.plugins.anyscale.lifecycle.KeyIndex.xml}: what the inventory page shows without reading
 * every folder's store. Folders renamed, moved or deleted carry their entries along ({@link FolderChanges}); a rescan of
 * every store replaces it whole ({@link StoreScan}). Only metadata: no key is ever in it.
 */
@Extension
public final class KeyIndex implements KeyStoreListener {

    private static final Logger LOGGER = Logger.getLogger(KeyIndex.class.getName());

    private final KeyHolderIndex index;

    /**
     * The changes the key sink made while a rescan was running, replayed over what the rescan found: a scan that read a
     * store before a key was stored there must not forget the key. {@code null} when no scan runs; guarded by {@code
     * index}.
     */
    private List<Consumer<KeyHolderIndex>> duringScan;

    public KeyIndex() {
        this.index = load();
    }

    @NonNull
    public static KeyIndex get() {
        return ExtensionList.lookupSingleton(KeyIndex.class);
    }

    private static XmlFile file() {
        return new XmlFile(Jenkins.XSTREAM2, new File(Jenkins.get().getRootDir(), KeyIndex.class.getName() + ".xml"));
    }

    private static KeyHolderIndex load() {
        XmlFile file = file();
        if (file.exists()) {
            try {
                return (KeyHolderIndex) file.read();
            } catch (IOException | RuntimeException e) {
                LOGGER.log(Level.WARNING, "Could not read " + file + "; rescan all stores on the Anyscale page", e);
            }
        }
        return new KeyHolderIndex();
    }

    @Override
    public void stored(@NonNull KeyHolder holder) {
        change(index -> index.put(holder));
    }

    @Override
    public void removed(@NonNull CredentialLocation location) {
        change(index -> index.remove(location));
    }

    /** A folder was renamed or moved: what its store, and the stores of folders inside it, hold moves with it. */
    void folderMoved(@NonNull String fromFullName, @NonNull String toFullName) {
        change(index -> index.folderMoved(fromFullName, toFullName));
    }

    /** A folder was deleted, and the credentials of its store, and of the folders inside it, with it. */
    void folderDeleted(@NonNull String fullName) {
        change(index -> index.folderDeleted(fullName));
    }

    private void change(Consumer<KeyHolderIndex> change) {
        synchronized (index) {
            change.accept(index);
            if (duringScan != null) {
                duringScan.add(change);
            }
            save();
        }
    }

    /** From now on, what the key sink changes is also kept aside for {@link #scanFinished}. */
    void scanStarted() {
        synchronized (index) {
            duringScan = new ArrayList<>();
        }
    }

    /**
     * Replaces the index with what a scan of every store found, then applies again what changed while the scan ran.
     */
    void scanFinished(@NonNull Collection<KeyHolder> found) {
        synchronized (index) {
            index.replaceAll(found);
            if (duringScan != null) {
                duringScan.forEach(change -> change.accept(index));
            }
            duringScan = null;
            save();
        }
    }

    /** A scan that failed: the index stays as the key sink kept it. */
    void scanAbandoned() {
        synchronized (index) {
            duringScan = null;
        }
    }

    /** Every holder, by location (the root store first), in a list of its own. */
    @NonNull
    public List<KeyHolder> holders() {
        return index.snapshot();
    }

    public int size() {
        return index.size();
    }

    /**
     * How many indexed keys are at or over the policy's age at that moment, by their recorded mint time alone: cheap
     * enough for an administrative monitor, which asks on every page an administrator sees. Whether the credentials are
     * still in their stores is checked on the inventory page, not here.
     */
    public int countOverPolicy(@NonNull KeyAgePolicy policy, @NonNull Instant now) {
        if (!policy.isOn()) {
            return 0;
        }
        int over = 0;
        for (KeyHolder holder : index.snapshot()) {
            if (policy.verdictOn(KeyAge.of(holder.mintedAt(), now)) == KeyAgePolicy.Verdict.OVER_POLICY) {
                over++;
            }
        }
        return over;
    }

    /** Written while holding the index's monitor, so that no change lands half-way through the write. */
    private void save() {
        try {
            file().write(index);
        } catch (IOException e) {
            LOGGER.log(Level.WARNING, "Could not save the index of Anyscale key credentials", e);
        }
    }
}
