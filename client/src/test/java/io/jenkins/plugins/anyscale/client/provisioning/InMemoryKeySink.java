package io.jenkins.plugins.anyscale.client.provisioning;

import io.jenkins.plugins.anyscale.client.ApiKey;
import io.jenkins.plugins.anyscale.client.ServiceAccount;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/** A key sink in memory, with faults on demand, as the provisioning tests need it. */
final class InMemoryKeySink implements KeySink {

    /** What sits at a target: one of our keys, or something foreign that must not be overwritten. */
    record Stored(String secret, String accountName, String accountEmail, boolean foreign) {}

    private final Map<String, Stored> stored = new ConcurrentHashMap<>();
    private final AtomicInteger storeFailuresLeft = new AtomicInteger();
    private final AtomicInteger removeFailuresLeft = new AtomicInteger();
    private final AtomicInteger storeCalls = new AtomicInteger();
    private volatile String refusal;
    private final AtomicReference<Pause> nextStorePause = new AtomicReference<>();

    /**
     * Holds a thread inside {@link #store}, between its check of the target and its write, until released: where two
     * unserialized stores to one target would overwrite each other.
     */
    static final class Pause {
        private final CountDownLatch reached = new CountDownLatch(1);
        private final CountDownLatch released = new CountDownLatch(1);

        /** Waits (at most 10 s) until a thread is held; false if none came. */
        boolean awaitReached() throws InterruptedException {
            return reached.await(10, TimeUnit.SECONDS);
        }

        void release() {
            released.countDown();
        }

        private void hold() {
            reached.countDown();
            try {
                if (!released.await(30, TimeUnit.SECONDS)) {
                    throw new KeySinkException("the paused store was never released (test bug)");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new KeySinkException("interrupted while paused", e);
            }
            // Interrupted just as it was released, before the latch looked at the flag: a file write fails all the
            // same.
            if (Thread.currentThread().isInterrupted()) {
                throw new KeySinkException("interrupted while paused");
            }
        }
    }

    InMemoryKeySink failNextStores(int times) {
        storeFailuresLeft.set(times);
        return this;
    }

    InMemoryKeySink failNextRemovals(int times) {
        removeFailuresLeft.set(times);
        return this;
    }

    /** Refuse every target, as a store the policy forbids would. */
    InMemoryKeySink refuseAll(String why) {
        this.refusal = why;
        return this;
    }

    /** The next call of {@link #store} is held after its check, until the returned pause is released. */
    Pause pauseNextStore() {
        Pause pause = new Pause();
        nextStorePause.set(pause);
        return pause;
    }

    InMemoryKeySink putForeign(String target) {
        stored.put(target, new Stored("not-ours", null, null, true));
        return this;
    }

    InMemoryKeySink putKey(String target, String secret, String accountName, String accountEmail) {
        stored.put(target, new Stored(secret, accountName, accountEmail, false));
        return this;
    }

    Optional<Stored> at(String target) {
        return Optional.ofNullable(stored.get(target));
    }

    Map<String, Stored> all() {
        return Map.copyOf(stored);
    }

    int storeCalls() {
        return storeCalls.get();
    }

    @Override
    public void checkAccepts(KeyTarget target, KeyOwner owner) {
        if (refusal != null) {
            throw new KeyTargetRefusedException(refusal);
        }
        Stored there = stored.get(target.id());
        if (there == null) {
            return;
        }
        if (there.foreign()) {
            throw new KeyTargetRefusedException(
                    describe(target) + " exists and is not an Anyscale API key;" + " choose another credentials ID.");
        }
        if (!owner.isSameAccount(there.accountName(), there.accountEmail())) {
            throw new KeyTargetRefusedException(describe(target) + " holds the key of service account '"
                    + there.accountName() + "'; choose another credentials ID.");
        }
    }

    @Override
    public void store(KeyTarget target, ApiKey key) {
        storeCalls.incrementAndGet();
        if (storeFailuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new KeySinkException("the store is unavailable (injected)");
        }
        checkAccepts(target, KeyOwner.of(key.serviceAccount()));
        Pause pause = nextStorePause.getAndSet(null);
        if (pause != null) {
            pause.hold();
        }
        ServiceAccount a = key.serviceAccount();
        stored.put(target.id(), new Stored(key.secret(), a.name(), a.email(), false));
    }

    @Override
    public void checkRemovesKeys() {
        if (refusal != null) {
            throw new KeyTargetRefusedException(refusal);
        }
    }

    @Override
    public List<String> removeKeysOf(ServiceAccount account) {
        if (removeFailuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new KeySinkException("the store is unavailable (injected)");
        }
        KeyOwner owner = KeyOwner.of(account);
        List<String> removed = new ArrayList<>();
        stored.forEach((id, s) -> {
            if (!s.foreign() && owner.isSameAccount(s.accountName(), s.accountEmail())) {
                stored.remove(id);
                removed.add(describe(new KeyTarget(id)));
            }
        });
        return removed;
    }

    @Override
    public String describe(KeyTarget target) {
        return "memory slot '" + target.id() + "'";
    }
}
