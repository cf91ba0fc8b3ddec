package io.jenkins.plugins.anyscale.client.provisioning;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * One lock per service account in this process, so that two operations on the same account run one after the
 * other (two rotations cannot leave a sink holding a key the other revoked) while work on different accounts runs
 * in parallel. A lock lives only while someone holds or waits for it.
 */
final class AccountLocks {

    private static final class Entry {
        final ReentrantLock lock = new ReentrantLock();
        int users;
    }

    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();

    <T> T withLock(String key, Supplier<T> work) {
        Entry entry = entries.compute(key, (k, e) -> {
            Entry held = e == null ? new Entry() : e;
            held.users++;
            return held;
        });
        entry.lock.lock();
        try {
            return work.get();
        } finally {
            entry.lock.unlock();
            entries.compute(key, (k, e) -> --e.users == 0 ? null : e);
        }
    }
}
