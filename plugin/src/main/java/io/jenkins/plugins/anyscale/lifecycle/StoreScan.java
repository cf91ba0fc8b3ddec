package io.jenkins.plugins.anyscale.lifecycle;

import com.cloudbees.hudson.plugins.folder.AbstractFolder;
import com.cloudbees.hudson.plugins.folder.properties.FolderCredentialsProvider.FolderCredentialsProperty;
import com.cloudbees.plugins.credentials.Credentials;
import com.cloudbees.plugins.credentials.CredentialsStore;
import com.cloudbees.plugins.credentials.domains.Domain;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.ExtensionList;
import hudson.model.Computer;
import hudson.security.ACL;
import hudson.security.ACLContext;
import io.jenkins.plugins.anyscale.AnyscaleServiceAccountKey;
import io.jenkins.plugins.anyscale.CredentialStores;
import io.jenkins.plugins.anyscale.client.inventory.CredentialLocation;
import io.jenkins.plugins.anyscale.client.inventory.KeyHolder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.model.Jenkins;

/**
 * "Rescan all stores": reads the Jenkins root store and the store of every folder, gathers the Anyscale service-account
 * keys found there, and replaces the {@link KeyIndex} with them. For keys that reached the stores some other way than
 * the key sink (by hand, configuration as code, a backup restored) and for an index lost or damaged. It runs in the
 * background, one at a time, and says how far it got; what the key sink changes meanwhile is kept. A folder without a
 * credentials property holds no credential, and its store is not made.
 */
@Extension
public final class StoreScan {

    private static final Logger LOGGER = Logger.getLogger(StoreScan.class.getName());

    /** Where the scan is, or how the last one ended; replaced as a whole. */
    private volatile Progress progress = Progress.NEVER;

    @NonNull
    public static StoreScan get() {
        return ExtensionList.lookupSingleton(StoreScan.class);
    }

    /**
     * How far a scan got.
     *
     * @param running whether a scan runs now
     * @param done stores read so far (the root store counts as one)
     * @param total stores to read: the root store and every folder's
     * @param found keys found so far that this plugin's key sink stored (sealed): those are indexed
     * @param unsealed key credentials found that the sink did not store, or that were changed by hand since: their
     *     account and mint time cannot be trusted, so they are not indexed
     * @param finishedAt when the last scan ended; {@code null} while one runs or before the first
     * @param error why the last scan failed, or {@code null}
     */
    public record Progress(
            boolean running,
            int done,
            int total,
            int found,
            int unsealed,
            @CheckForNull Instant finishedAt,
            @CheckForNull String error) {

        static final Progress NEVER = new Progress(false, 0, 0, 0, 0, null, null);

        /** Whether a scan ran since Jenkins started. */
        public boolean hasRun() {
            return running || finishedAt != null;
        }
    }

    @NonNull
    public Progress progress() {
        return progress;
    }

    /**
     * Starts a scan in the background.
     *
     * @return false, and nothing starts, when one is running
     */
    public synchronized boolean start() {
        if (progress.running()) {
            return false;
        }
        progress = new Progress(true, 0, 0, 0, 0, null, null);
        Computer.threadPoolForRemoting.submit(this::run);
        return true;
    }

    private void run() {
        KeyIndex index = KeyIndex.get();
        index.scanStarted();
        List<KeyHolder> found = new ArrayList<>();
        int[] unsealed = {0};
        int done = 0;
        int total = 0;
        String error = "it stopped unexpectedly";
        try (ACLContext ignored = ACL.as2(ACL.SYSTEM2)) {
            List<AbstractFolder> folders = Jenkins.get().getAllItems(AbstractFolder.class);
            total = folders.size() + 1;
            collect(CredentialStores.root(), null, found, unsealed);
            progress = new Progress(true, ++done, total, found.size(), unsealed[0], null, null);
            for (AbstractFolder<?> folder : folders) {
                if (folder.getProperties().get(FolderCredentialsProperty.class) != null) {
                    collect(CredentialStores.ofFolder(folder), folder.getFullName(), found, unsealed);
                }
                progress = new Progress(true, ++done, total, found.size(), unsealed[0], null, null);
            }
            index.scanFinished(found);
            error = null;
        } catch (RuntimeException e) {
            LOGGER.log(Level.WARNING, "Rescanning the credentials stores for Anyscale keys failed", e);
            error = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        } finally {
            if (error != null) {
                index.scanAbandoned();
            }
            progress = new Progress(false, done, total, found.size(), unsealed[0], Instant.now(), error);
        }
    }

    private static void collect(
            @CheckForNull CredentialsStore store, @CheckForNull String folder, List<KeyHolder> found, int[] unsealed) {
        if (store == null) {
            return;
        }
        for (Domain domain : store.getDomains()) {
            for (Credentials c : store.getCredentials(domain)) {
                if (c instanceof AnyscaleServiceAccountKey key && !key.isSealed()) {
                    unsealed[0]++; // anyone who may create credentials here could have typed in its account
                } else if (c instanceof AnyscaleServiceAccountKey key) {
                    found.add(key.holderAt(
                            folder == null
                                    ? CredentialLocation.inRootStore(key.getId())
                                    : CredentialLocation.inFolder(folder, key.getId())));
                }
            }
        }
    }
}
