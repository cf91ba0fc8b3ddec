package io.jenkins.plugins.anyscale.client.inventory;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What needs an administrator's attention, newest first, until dismissed: at most {@link #capacity()} entries, the
 * oldest dropped first when more come, and how many were dropped is kept.
 *
 * <p>Thread-safe: every method synchronizes on the list. The plugin persists it with XStream: save it while holding
 * its monitor ({@code synchronized (list) { xmlFile.write(list); }}).
 */
public final class AttentionList {

    public static final int DEFAULT_CAPACITY = 500;

    /** The most that can be kept: the list is read whole for every page view. */
    public static final int MAX_CAPACITY = 10_000;

    private int capacity;

    /** Oldest first. Not final: XStream leaves it {@code null} when a file lacks it; {@link #readResolve} repairs. */
    private List<AttentionEntry> entries = new ArrayList<>();

    private long dropped;

    public AttentionList() {
        this(DEFAULT_CAPACITY);
    }

    /** @throws IllegalArgumentException unless 1 to {@link #MAX_CAPACITY} */
    public AttentionList(int capacity) {
        if (capacity < 1 || capacity > MAX_CAPACITY) {
            throw new IllegalArgumentException(
                    "An attention list keeps from 1 to " + MAX_CAPACITY + " entries; got " + capacity + ".");
        }
        this.capacity = capacity;
    }

    /**
     * Adds the entry as the newest, dropping the oldest when the list is full.
     *
     * @return false, and nothing changes, when an entry with that ID is already listed
     */
    public synchronized boolean add(AttentionEntry entry) {
        for (AttentionEntry listed : entries) {
            if (listed.id().equals(entry.id())) {
                return false;
            }
        }
        entries.add(entry);
        dropOverCapacity();
        return true;
    }

    /**
     * Removes the entry with that ID, once a person has seen to it.
     *
     * @return false when no entry has that ID (already dismissed, or dropped)
     */
    public synchronized boolean dismiss(String id) {
        return entries.removeIf(entry -> entry.id().equals(id));
    }

    public synchronized Optional<AttentionEntry> get(String id) {
        return entries.stream().filter(entry -> entry.id().equals(id)).findFirst();
    }

    /** The entries, newest first, in a list of their own. */
    public synchronized List<AttentionEntry> snapshot() {
        List<AttentionEntry> newestFirst = new ArrayList<>(entries.size());
        for (int i = entries.size() - 1; i >= 0; i--) {
            newestFirst.add(entries.get(i));
        }
        return newestFirst;
    }

    public synchronized int size() {
        return entries.size();
    }

    public synchronized boolean isEmpty() {
        return entries.isEmpty();
    }

    /** How many entries were dropped, oldest first, to keep within the capacity, since the list was made. */
    public synchronized long dropped() {
        return dropped;
    }

    public synchronized int capacity() {
        return capacity;
    }

    private void dropOverCapacity() {
        int over = entries.size() - capacity;
        if (over > 0) {
            entries.subList(0, over).clear();
            dropped += over;
        }
    }

    /** Called by XStream after reading: repairs what an older or hand-edited file lacks, and keeps the bound. */
    private Object readResolve() {
        if (capacity < 1 || capacity > MAX_CAPACITY) {
            capacity = DEFAULT_CAPACITY;
        }
        if (entries == null) {
            entries = new ArrayList<>();
        }
        entries.removeIf(entry -> entry == null || entry.id() == null);
        dropOverCapacity();
        return this;
    }
}
