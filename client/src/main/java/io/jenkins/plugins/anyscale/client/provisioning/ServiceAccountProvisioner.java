package io.jenkins.plugins.anyscale.client.provisioning;

import io.jenkins.plugins.anyscale.client.AnyscaleClient;
import io.jenkins.plugins.anyscale.client.AnyscaleException;
import io.jenkins.plugins.anyscale.client.ApiKey;
import io.jenkins.plugins.anyscale.client.ConflictException;
import io.jenkins.plugins.anyscale.client.ErrorContext;
import io.jenkins.plugins.anyscale.client.MalformedResponseException;
import io.jenkins.plugins.anyscale.client.RetryPolicy;
import io.jenkins.plugins.anyscale.client.ServerErrorException;
import io.jenkins.plugins.anyscale.client.ServiceAccount;
import io.jenkins.plugins.anyscale.client.ServiceAccountRef;
import io.jenkins.plugins.anyscale.client.ServiceAccounts;
import io.jenkins.plugins.anyscale.client.TransportException;
import io.jenkins.plugins.anyscale.client.provisioning.ProvisioningException.Consequence;
import io.jenkins.plugins.anyscale.client.provisioning.ProvisioningOutcome.Operation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The operations that mint or revoke keys, each paired with a {@link KeySink}, so that no key is ever lost and no
 * account is left half-made:
 *
 * <ul>
 *   <li>the sink is asked first, and a refusal stops the operation before anything is sent to Anyscale;
 *   <li>create rolls the account back if its key cannot be minted or stored;
 *   <li>create-api-key retries the store, and says so loudly if a valid key is left unheld;
 *   <li>rotate retries mint and store after the revoke, since the account then has no working key;
 *   <li>an answer that leaves open whether Anyscale made a change (a dropped connection, say) is resolved by
 *       looking the account up, never by a blind repeat;
 *   <li>operations on one account, and operations on one key target, are serialized within the process;
 *   <li>the caller's {@link AccountAccess} is asked before anything that changes an account is sent.
 * </ul>
 *
 * <h2>Locks</h2>
 *
 * <p>An operation takes the lock of its account, then the lock of its target (a delete has none). Always in that
 * order, and nothing else is waited for while a target lock is held, so a thread holding a target lock never waits
 * and every chain of waiting threads ends at one that runs: the two locks cannot deadlock. Targets are identified by
 * {@link KeySink#lockKey(KeyTarget)}, so that two operations storing keys of different accounts at one target do not
 * interleave: the second one finds the first one's key there and is refused before it mints anything. Waiting for a
 * lock can be interrupted (a Pipeline abort): then nothing was changed, and a {@link ProvisioningException} with
 * {@link ProvisioningException#interrupted()} says so.
 */
public final class ServiceAccountProvisioner {

    private static final KeyedLocks ACCOUNT_LOCKS = new KeyedLocks();
    private static final KeyedLocks TARGET_LOCKS = new KeyedLocks();

    /** Three tries, 200 ms doubling to 2 s, 20 s in all: for storing keys and for re-keying after a revoke. */
    public static final RetryPolicy DEFAULT_RECOVERY =
            new RetryPolicy(3, Duration.ofMillis(200), Duration.ofSeconds(2), Duration.ofSeconds(20));

    private final AnyscaleClient client;
    private final ServiceAccounts accounts;
    private final RetryPolicy recovery;
    private final AccountAccess access;

    /** A provisioner that may manage every account the token may: for callers who hold the owner token themselves. */
    public ServiceAccountProvisioner(AnyscaleClient client) {
        this(client, DEFAULT_RECOVERY, AccountAccess.UNRESTRICTED);
    }

    /** @param recovery how storing a key, and re-keying after a revoke, are retried */
    public ServiceAccountProvisioner(AnyscaleClient client, RetryPolicy recovery) {
        this(client, recovery, AccountAccess.UNRESTRICTED);
    }

    /**
     * @param recovery how storing a key, and re-keying after a revoke, are retried
     * @param access which accounts the caller may manage: asked before anything that changes an account is sent
     */
    public ServiceAccountProvisioner(AnyscaleClient client, RetryPolicy recovery, AccountAccess access) {
        this.client = Objects.requireNonNull(client, "client");
        this.accounts = client.serviceAccounts();
        this.recovery = Objects.requireNonNull(recovery, "recovery");
        this.access = Objects.requireNonNull(access, "access");
    }

    /**
     * Creates the account, mints its first key and stores it at {@code target}. If minting or storing fails, the
     * account is deleted again; if that fails too, the error names the account to delete by hand.
     */
    public ProvisioningOutcome create(String name, KeyTarget target, KeySink sink) {
        ServiceAccountRef.requireName(name);
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(sink, "sink");
        access.checkMayManage(name);
        return locked("Creating service account '" + name + "'", name, sink.lockKey(target), () -> {
            sink.checkAccepts(target, KeyOwner.named(name));
            ServiceAccountRef ref = ServiceAccountRef.byName(name);
            accounts.findIfExists(ref).ifPresent(existing -> {
                throw new ConflictException(ErrorContext.of("A service account named '" + name
                        + "' already exists; nothing was created. Create another API key for it, or rotate its"
                        + " keys, to get a stored key."));
            });
            List<String> notes = new ArrayList<>();
            ServiceAccount account = createAccount(name, ref, notes);
            try {
                ApiKey key = mintRevokingOnDrop(account, notes);
                store(sink, target, key, notes);
            } catch (RuntimeException failure) {
                throw rollBack(account, failure);
            }
            return new ProvisioningOutcome(Operation.CREATE, account, target, sink.describe(target), notes, List.of());
        });
    }

    /**
     * Mints another key for the account and stores it at {@code target}; the account's older keys stay valid. If
     * storing fails for good, the error says that a valid key exists that nothing holds.
     */
    public ProvisioningOutcome createApiKey(ServiceAccountRef ref, KeyTarget target, KeySink sink) {
        return withCheckedAccount(ref, target, sink, (account, notes) -> {
            ApiKey key = accounts.mintApiKey(account);
            try {
                store(sink, target, key, notes);
            } catch (RuntimeException failure) {
                throw new ProvisioningException(
                        "A new API key for service account " + account.describe() + " was created, but storing it in "
                                + sink.describe(target) + " failed: " + failure.getMessage()
                                + " That valid key is held by nothing: rotating the account's API keys revokes it.",
                        Consequence.UNSTORED_KEY,
                        account.name(),
                        failure);
            }
            return Operation.CREATE_API_KEY;
        });
    }

    /**
     * Revokes every key of the account, mints a new one and stores it at {@code target}. After the revoke the
     * account has no working key, so minting and storing are retried; a final failure says exactly that.
     */
    public ProvisioningOutcome rotateApiKeys(ServiceAccountRef ref, KeyTarget target, KeySink sink) {
        return withCheckedAccount(ref, target, sink, (account, notes) -> {
            try {
                accounts.revokeApiKeys(account);
            } catch (AnyscaleException e) {
                boolean refused = e.statusCode() >= 400 && e.statusCode() < 500;
                throw new ProvisioningException(
                        "Rotating the API keys of service account " + account.describe() + " failed: "
                                + e.getMessage()
                                + (refused
                                        ? " Its keys were not revoked."
                                        : " Its keys may or may not have been revoked; rotate its API keys again."),
                        refused ? Consequence.NOTHING_CHANGED : Consequence.NO_WORKING_KEY,
                        account.name(),
                        e);
            }
            rekey(account, target, sink, notes);
            return Operation.ROTATE_API_KEYS;
        });
    }

    /**
     * Deletes the account (its keys stop working), then removes what the sink holds for it, unless
     * {@code removeStoredKeys} is false.
     */
    public ProvisioningOutcome delete(ServiceAccountRef ref, KeySink sink, boolean removeStoredKeys) {
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(sink, "sink");
        checkAccessBeforeLookup(ref);
        if (removeStoredKeys) {
            sink.checkRemovesKeys(); // before anything is sent, even the lookup
        }
        ServiceAccount account = accounts.find(ref);
        access.checkMayManage(account.name()); // by email, the name is known only now
        return locked("Deleting service account " + account.describe(), account.name(), null, () -> {
            accounts.deleteAccount(account);
            List<String> removed = List.of();
            List<String> notes = new ArrayList<>();
            if (removeStoredKeys) {
                try {
                    removed = sink.removeKeysOf(account);
                } catch (RuntimeException e) {
                    throw new ProvisioningException(
                            "Service account " + account.describe() + " was deleted, but removing its stored API"
                                    + " keys failed: " + e.getMessage()
                                    + " Those keys no longer work; remove them by hand.",
                            Consequence.STORED_KEYS_LEFT,
                            account.name(),
                            e);
                }
            } else {
                notes.add("stored keys of the account were kept; they no longer work");
            }
            return new ProvisioningOutcome(Operation.DELETE, account, null, null, notes, removed);
        });
    }

    @FunctionalInterface
    private interface KeyWork {
        Operation run(ServiceAccount account, List<String> notes);
    }

    /** Finds the account, locks it and the target, asks the sink first, then does the work and reports it. */
    private ProvisioningOutcome withCheckedAccount(
            ServiceAccountRef ref, KeyTarget target, KeySink sink, KeyWork work) {
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(sink, "sink");
        checkAccessBeforeLookup(ref);
        sink.checkAccepts(target, KeyOwner.of(ref)); // before anything is sent, even the lookup
        ServiceAccount account = accounts.find(ref);
        access.checkMayManage(account.name()); // by email, the name is known only now
        String what = "Provisioning a key for service account " + account.describe();
        return locked(what, account.name(), sink.lockKey(target), () -> {
            sink.checkAccepts(target, KeyOwner.of(account)); // again: now with name and email, under the locks
            List<String> notes = new ArrayList<>();
            Operation done = work.run(account, notes);
            return new ProvisioningOutcome(done, account, target, sink.describe(target), notes, List.of());
        });
    }

    /** A ref by name is checked before anything is sent; one by email can only be checked after the lookup. */
    private void checkAccessBeforeLookup(ServiceAccountRef ref) {
        if (ref.name() != null) {
            access.checkMayManage(ref.name());
        }
    }

    /**
     * Creates the account. When the answer leaves open whether Anyscale created it (the connection dropped, a 5xx, an
     * unreadable answer, or a 409 on a retry after a 503 that Anyscale did act on), the account is looked up: it did
     * not exist a moment ago and this process holds its lock, so if it exists now, it is ours. A create dropped
     * before Anyscale acted is sent once more.
     */
    private ServiceAccount createAccount(String name, ServiceAccountRef ref, List<String> notes) {
        for (int attempt = 1; ; attempt++) {
            AnyscaleException uncertain;
            try {
                return accounts.createAccount(name);
            } catch (TransportException | ServerErrorException | MalformedResponseException e) {
                uncertain = e;
            } catch (ConflictException e) {
                if (e.attempts() == 1) {
                    throw e; // someone else's account: none of our requests could have made it
                }
                uncertain = e;
            }
            Optional<ServiceAccount> found = lookUpAfterUncertainCreate(ref, uncertain);
            if (found.isPresent()) {
                notes.add(
                        uncertain instanceof TransportException
                                ? "the connection dropped after Anyscale created the account; found it by lookup"
                                : uncertain instanceof ConflictException
                                        ? "Anyscale made the account although it answered the first attempt as"
                                                + " failed; found it by lookup when the retry was refused"
                                        : "Anyscale answered HTTP " + uncertain.statusCode()
                                                + " but had created the account; found it by lookup");
                return found.get();
            }
            if (!(uncertain instanceof TransportException) || attempt > 1) {
                throw uncertain;
            }
            notes.add("the connection dropped before Anyscale created the account; created it again");
        }
    }

    private Optional<ServiceAccount> lookUpAfterUncertainCreate(ServiceAccountRef ref, AnyscaleException uncertain) {
        try {
            return accounts.findIfExists(ref);
        } catch (RuntimeException lookupFailed) {
            uncertain.addSuppressed(lookupFailed);
            throw new ProvisioningException(
                    uncertain.getMessage() + " Looking the account up to learn whether Anyscale created it failed too ("
                            + lookupFailed.getMessage() + "): if service account '" + ref.name()
                            + "' exists, delete it by hand.",
                    Consequence.ACCOUNT_LEFT_BEHIND,
                    ref.name(),
                    uncertain);
        }
    }

    /**
     * Mints a key for an account that holds no key anyone needs (just created, or just revoked). If the connection
     * drops, a key may exist that nothing holds: revoking all the account's keys makes sure it does not, then the
     * key is minted again.
     */
    private ApiKey mintRevokingOnDrop(ServiceAccount account, List<String> notes) {
        try {
            return accounts.mintApiKey(account);
        } catch (TransportException dropped) {
            notes.add("the connection dropped while minting the key; revoked any key it made and minted again");
            accounts.revokeApiKeys(account);
            return accounts.mintApiKey(account);
        }
    }

    /** Stores the key, retrying failures other than a refusal. */
    private void store(KeySink sink, KeyTarget target, ApiKey key, List<String> notes) {
        long deadline = System.nanoTime() + recovery.maxElapsed().toNanos();
        for (int attempt = 1; ; attempt++) {
            try {
                sink.store(target, key);
                if (attempt > 1) {
                    notes.add("storing the key was retried " + (attempt - 1) + (attempt == 2 ? " time" : " times"));
                }
                return;
            } catch (KeyTargetRefusedException refused) {
                throw refused;
            } catch (RuntimeException e) {
                if (attempt >= recovery.maxAttempts() || !pause(attempt, deadline)) {
                    throw e;
                }
            }
        }
    }

    /** After a revoke: mint and store until a key is stored, or fail saying the account has no working key. */
    private void rekey(ServiceAccount account, KeyTarget target, KeySink sink, List<String> notes) {
        long deadline = System.nanoTime() + recovery.maxElapsed().toNanos();
        boolean unheldKeyMayExist = false;
        RuntimeException last = null;
        for (int attempt = 1; attempt <= recovery.maxAttempts(); attempt++) {
            try {
                if (unheldKeyMayExist) {
                    accounts.revokeApiKeys(account);
                    unheldKeyMayExist = false;
                }
                unheldKeyMayExist = true;
                ApiKey key = accounts.mintApiKey(account);
                store(sink, target, key, notes);
                if (attempt > 1) {
                    notes.add("minting and storing the new key took " + attempt + " attempts");
                }
                return;
            } catch (KeyTargetRefusedException refused) {
                last = refused;
                break;
            } catch (RuntimeException e) {
                last = e;
                if (!pause(attempt, deadline)) {
                    break;
                }
            }
        }
        if (unheldKeyMayExist) {
            try {
                accounts.revokeApiKeys(account); // no minted key without a home
            } catch (RuntimeException e) {
                last.addSuppressed(e);
            }
        }
        throw new ProvisioningException(
                "Service account " + account.describe() + " is left without a working stored API key: all its keys"
                        + " were revoked, and storing a new one in " + sink.describe(target) + " failed: "
                        + last.getMessage() + " Rotate its API keys again to recover.",
                Consequence.NO_WORKING_KEY,
                account.name(),
                last);
    }

    private ProvisioningException rollBack(ServiceAccount account, RuntimeException failure) {
        try {
            accounts.deleteAccount(account);
        } catch (RuntimeException deleteFailed) {
            failure.addSuppressed(deleteFailed);
            return new ProvisioningException(
                    "Creating service account '" + account.name() + "' failed: " + failure.getMessage()
                            + " Deleting the half-made account failed too (" + deleteFailed.getMessage()
                            + "): delete service account '" + account.name() + "' by hand.",
                    Consequence.ACCOUNT_LEFT_BEHIND,
                    account.name(),
                    failure);
        }
        return new ProvisioningException(
                "Creating service account '" + account.name() + "' failed: " + failure.getMessage()
                        + " The account was deleted again, so nothing is left behind.",
                Consequence.ROLLED_BACK,
                account.name(),
                failure);
    }

    /** Sleeps the backoff after {@code attempt}; false if that would pass the deadline. */
    private boolean pause(int attempt, long deadline) {
        Duration wait = recovery.backoffAfter(attempt);
        if (System.nanoTime() + wait.toNanos() > deadline) {
            return false;
        }
        try {
            Thread.sleep(wait.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Runs the work holding the account's lock, then the target's (none when {@code targetKey} is null). */
    @SuppressWarnings("try") // the locks are held for the block, not used in it
    private <T> T locked(String what, String accountName, String targetKey, Supplier<T> work) {
        try (KeyedLocks.Held accountLock = ACCOUNT_LOCKS.acquire(client.baseUrl() + "\n" + accountName);
                KeyedLocks.Held targetLock = targetKey == null ? null : TARGET_LOCKS.acquire(targetKey)) {
            return work.get();
        } catch (InterruptedException e) { // waiting for another operation on the same account or target
            Thread.currentThread().interrupt();
            throw new ProvisioningException(
                    what + " was interrupted before anything was changed.",
                    Consequence.NOTHING_CHANGED,
                    accountName,
                    e,
                    true);
        }
    }
}
