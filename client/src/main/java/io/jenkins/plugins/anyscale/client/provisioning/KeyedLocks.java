package io.jenkins.plugins.anyscale.client.provisioning;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One lock per key in this process (a service account, or a place a key is stored), so that two operations on the
 * same key run one after the other while work on different keys runs in parallel. A lock lives only while someone
 * holds or waits for it. Waiting can be interrupted: an aborted operation does not hang behind another one.
 */
final class KeyedLocks {

    /** A held lock; closing it releases it. */
    interface Held extends AutoCloseable {
        @Override
        void close();
    }

    private static final class Entry {
        final ReentrantLock lock = new ReentrantLock();
        int users;
    }

    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();

    /** Waits for the key's lock, and holds it until the result is closed. */
    Held acquire(String key) throws InterruptedException {
        Entry entry = entries.compute(key, (k, e) -> {
            Entry held = e == null ? new Entry() : e;
            held.users++;
            return held;
        });
        try {
            entry.lock.lockInterruptibly();
        } catch (InterruptedException e) {
            leave(key);
            throw e;
        }
        return () -> {
            entry.lock.unlock();
            leave(key);
        };
    }

    private void leave(String key) {
        entries.compute(key, (k, e) -> --e.users == 0 ? null : e);
    }
}
