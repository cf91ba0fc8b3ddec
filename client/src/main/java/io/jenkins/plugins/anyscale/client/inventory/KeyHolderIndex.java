package io.jenkins.plugins.anyscale.client.inventory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The credentials that hold service-account keys, as the key sink stored and removed them: what the inventory shows
 * without reading every folder's credentials store. The plugin records each store and removal here, checks each entry
 * against its store when the inventory is shown ({@link CheckedHolder#check}), and rebuilds the whole index from a
 * scan of every store ({@link #replaceAll}) when asked.
 *
 * <p>Thread-safe: every method synchronizes on the index. The plugin persists it with XStream: save it while holding
 * its monitor ({@code synchronized (index) { xmlFile.write(index); }}).
 */
public final class KeyHolderIndex {

    /** Not final: XStream leaves it {@code null} when a file lacks it, and {@link #readResolve} repairs that. */
    private Map<CredentialLocation, KeyHolder> holders = new HashMap<>();

    /** Records that a key is stored at the holder's location, replacing what was recorded there; returns that. */
    public synchronized Optional<KeyHolder> put(KeyHolder holder) {
        return Optional.ofNullable(holders.put(holder.location(), holder));
    }

    /** Forgets the credential at that location (the key sink removed it); returns what was recorded there. */
    public synchronized Optional<KeyHolder> remove(CredentialLocation location) {
        return Optional.ofNullable(holders.remove(location));
    }

    public synchronized Optional<KeyHolder> get(CredentialLocation location) {
        return Optional.ofNullable(holders.get(location));
    }

    /** Every recorded holder, by location (root store first), in a list of its own. */
    public synchronized List<KeyHolder> snapshot() {
        List<KeyHolder> all = new ArrayList<>(holders.values());
        all.sort((a, b) -> a.location().compareTo(b.location()));
        return all;
    }

    public synchronized int size() {
        return holders.size();
    }

    /** Replaces everything recorded with what a scan of every store found. */
    public synchronized void replaceAll(Collection<KeyHolder> found) {
        Map<CredentialLocation, KeyHolder> fresh = new HashMap<>();
        for (KeyHolder holder : found) {
            fresh.put(holder.location(), holder);
        }
        holders = fresh;
    }

    /**
     * Follows a folder that was renamed or moved: what was recorded in its store, or in the store of a folder inside
     * it, moves with it.
     *
     * @return how many holders moved
     */
    public synchronized int folderMoved(String fromFullName, String toFullName) {
        List<KeyHolder> moved = new ArrayList<>();
        for (Iterator<KeyHolder> it = holders.values().iterator(); it.hasNext(); ) {
            KeyHolder holder = it.next();
            if (holder.location().isWithin(fromFullName)) {
                it.remove();
                moved.add(holder.at(holder.location().afterFolderMoved(fromFullName, toFullName)));
            }
        }
        for (KeyHolder holder : moved) {
            holders.put(holder.location(), holder);
        }
        return moved.size();
    }

    /**
     * Forgets what was recorded in the store of a deleted folder and of the folders inside it: their credentials went
     * with them.
     *
     * @return how many holders were forgotten
     */
    public synchronized int folderDeleted(String fullName) {
        int before = holders.size();
        holders.values().removeIf(holder -> holder.location().isWithin(fullName));
        return before - holders.size();
    }

    /** Called by XStream after reading: a file without holders is an empty index. */
    private Object readResolve() {
        if (holders == null) {
            holders = new HashMap<>();
        }
        return this;
    }
}
