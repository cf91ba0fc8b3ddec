package io.jenkins.plugins.anyscale.client.provisioning;

import io.jenkins.plugins.anyscale.client.AnyscaleClient;
import io.jenkins.plugins.anyscale.client.AnyscaleException;
import io.jenkins.plugins.anyscale.client.ApiKey;
import io.jenkins.plugins.anyscale.client.ConflictException;
import io.jenkins.plugins.anyscale.client.ErrorContext;
import io.jenkins.plugins.anyscale.client.InterruptedOperationException;
import io.jenkins.plugins.anyscale.client.MalformedResponseException;
import io.jenkins.plugins.anyscale.client.Printable;
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
 *   <li>an answer that leaves open whether Anyscale made a change (a dropped connection, an interruption, a 5xx, an
 *       unreadable answer, or an exception the client does not raise on purpose) is resolved by looking the account
 *       up, or for a key by revoking or reporting it, never by a blind repeat and never by skipping compensation;
 *   <li>operations on one account, and operations on one key target, are serialized within the process;
 *   <li>the caller's {@link AccountAccess} is asked before anything that changes an account is sent.
 * </ul>
 *
 * <h2>Interruption</h2>
 *
 * <p>A Jenkins Pipeline abort or {@code timeout} interrupts the thread that runs an operation. From then on:
 *
 * <ul>
 *   <li>no new change is sent to Anyscale, and waiting for another operation on the same account or target stops;
 *       a change already on its way is not abandoned: the client waits for its answer (at most its call timeout), so
 *       that what follows knows what Anyscale did;
 *   <li>what undoes or finishes a change already made still runs, with the interrupt flag cleared and set again
 *       afterwards: create's rollback, rotate's revoke of a key that was minted but not stored, the lookup that tells
 *       whether an interrupted create or delete was applied, and the sink's part, which is local and quick: storing
 *       a key that create-api-key or rotate has minted (it must get its home), removing the keys of a deleted account;
 *   <li>the operation ends with a {@link ProvisioningException} whose {@link ProvisioningException#interrupted()} is
 *       true, whose message says it was interrupted and what it left, and whose {@link
 *       ProvisioningException#consequence()} says the same for code. The interrupt flag stays set. An operation
 *       whose last change to Anyscale was made before it noticed the interruption completes, and returns with the
 *       flag still set.
 * </ul>
 *
 * <p>A second interruption while that runs stops the compensating calls that have not started yet (a user who aborts
 * twice means it); one already on its way is still waited for, at most the call timeout. The error then says what is
 * left, as it does for any failure of a compensating call.
 *
 * <p>What each operation leaves when interrupted is in its own documentation.
 *
 * <h2>Locks</h2>
 *
 * <p>An operation takes the lock of its account, then the lock of its target (a delete has none). Always in that
 * order, and nothing else is waited for while a target lock is held, so a thread holding a target lock never waits
 * and every chain of waiting threads ends at one that runs: the two locks cannot deadlock. Targets are identified by
 * {@link KeySink#lockKey(KeyTarget)}, so that two operations storing keys of different accounts at one target do not
 * interleave: the second one finds the first one's key there and is refused before it mints anything.
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
     *
     * <p>Interrupted before the account is created: {@link Consequence#NOTHING_CHANGED}. Interrupted once the create
     * is sent (if the connection drops too, the account is looked up), and until the key is stored: the account is
     * deleted again rather than given a key, with any key already minted, {@link Consequence#ROLLED_BACK}, or {@link
     * Consequence#ACCOUNT_LEFT_BEHIND} if that delete fails. Nothing depends on a new account yet, so an abort leaves
     * none.
     */
    public ProvisioningOutcome create(String name, KeyTarget target, KeySink sink) {
        ServiceAccountRef ref = ServiceAccountRef.byName(name);
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(sink, "sink");
        access.checkMayManage(name);
        String what = doing(Operation.CREATE, "'" + Printable.of(name) + "'");
        return locked(Operation.CREATE, what, name, sink.lockKey(target), () -> {
            sink.checkAccepts(target, KeyOwner.named(name));
            if (lookUp(Operation.CREATE, what, name, () -> accounts.findIfExists(ref))
                    .isPresent()) {
                throw new ConflictException(ErrorContext.of("A service account named '" + Printable.of(name)
                        + "' already exists; nothing was created. Create another API key for it, or rotate its"
                        + " keys, to get a stored key."));
            }
            List<String> notes = new ArrayList<>();
            ServiceAccount account = createAccount(what, ref, notes);
            String step = "minting its API key";
            try {
                ApiKey key = mintForNewAccount(account, notes);
                step = "storing its API key in " + sink.describe(target);
                stopIfInterrupted("before the key was stored");
                store(sink, target, key, notes);
            } catch (RuntimeException failure) {
                throw rollBack(what, step, account, failure);
            }
            return new ProvisioningOutcome(Operation.CREATE, account, target, sink.describe(target), notes, List.of());
        });
    }

    /**
     * Mints another key for the account and stores it at {@code target}; the account's older keys stay valid. If
     * storing fails for good, the error says that a valid key exists that nothing holds.
     *
     * <p>Interrupted before the key is minted: {@link Consequence#NOTHING_CHANGED}. Interrupted once the mint is sent:
     * the key is stored all the same, and the operation completes. If the connection drops too, a key may exist that
     * nothing holds, {@link Consequence#UNSTORED_KEY}; it is not revoked, since that would revoke the older keys that
     * this operation promises to keep.
     */
    public ProvisioningOutcome createApiKey(ServiceAccountRef ref, KeyTarget target, KeySink sink) {
        return withCheckedAccount(Operation.CREATE_API_KEY, ref, target, sink, (account, notes) -> {
            String what = doing(Operation.CREATE_API_KEY, account.describe());
            if (Thread.currentThread().isInterrupted()) {
                throw nothingChanged(Operation.CREATE_API_KEY, what, account.name(), null);
            }
            ApiKey key;
            try {
                key = accounts.mintApiKey(account);
            } catch (InterruptedOperationException e) {
                if (!e.mayHaveReachedAnyscale()) {
                    throw nothingChanged(Operation.CREATE_API_KEY, what, account.name(), e);
                }
                throw new ProvisioningFailure(
                                Operation.CREATE_API_KEY,
                                account.name(),
                                ProvisioningFailure.interrupted(what, " while the key was being minted"),
                                e,
                                true)
                        .unstoredKeyMayExist();
            } catch (AnyscaleException e) {
                if (!ServiceAccounts.mayHaveMinted(e)) {
                    throw e; // refused: nothing was minted
                }
                // Not revoked: that would revoke the older keys this operation promises to keep.
                throw new ProvisioningFailure(
                                Operation.CREATE_API_KEY,
                                account.name(),
                                ProvisioningFailure.failed(what, e),
                                e,
                                Thread.currentThread().isInterrupted())
                        .unstoredKeyMayExist();
            } catch (RuntimeException unexpected) { // says nothing of whether a key was made
                throw new ProvisioningFailure(
                                Operation.CREATE_API_KEY,
                                account.name(),
                                ProvisioningFailure.failed(what, unexpected),
                                unexpected,
                                Thread.currentThread().isInterrupted())
                        .unstoredKeyMayExist();
            }
            boolean interrupted = Thread.currentThread().isInterrupted();
            try {
                store(sink, target, key, notes);
            } catch (RuntimeException failure) {
                throw new ProvisioningFailure(
                                Operation.CREATE_API_KEY,
                                account.name(),
                                ProvisioningFailure.failedWhile(
                                        what, "storing it in " + sink.describe(target), failure),
                                failure,
                                interrupted || isInterruption(failure))
                        .unstoredKey();
            }
            return Operation.CREATE_API_KEY;
        });
    }

    /**
     * Revokes every key of the account, mints a new one and stores it at {@code target}. After the revoke the
     * account has no working key, so minting and storing are retried; a final failure says exactly that.
     *
     * <p>Interrupted before the revoke: {@link Consequence#NOTHING_CHANGED}. Interrupted once the revoke is sent, and
     * before a new key is minted: no key is minted, {@link Consequence#NO_WORKING_KEY} (if the connection drops too,
     * the keys may or may not be revoked). Interrupted once the mint is sent: the new key is stored all the same
     * (revoking it would leave the account without a key), and the operation completes; if the connection drops too,
     * the account's keys are revoked once more, so that no key is left that nothing holds, {@link
     * Consequence#NO_WORKING_KEY}.
     */
    public ProvisioningOutcome rotateApiKeys(ServiceAccountRef ref, KeyTarget target, KeySink sink) {
        return withCheckedAccount(Operation.ROTATE_API_KEYS, ref, target, sink, (account, notes) -> {
            String what = doing(Operation.ROTATE_API_KEYS, account.describe());
            if (Thread.currentThread().isInterrupted()) {
                throw nothingChanged(Operation.ROTATE_API_KEYS, what, account.name(), null);
            }
            try {
                accounts.revokeApiKeys(account);
            } catch (InterruptedOperationException e) {
                if (!e.mayHaveReachedAnyscale()) {
                    throw nothingChanged(Operation.ROTATE_API_KEYS, what, account.name(), e);
                }
                throw new ProvisioningFailure(
                                Operation.ROTATE_API_KEYS,
                                account.name(),
                                ProvisioningFailure.interrupted(what, " while its keys were being revoked"),
                                e,
                                true)
                        .keysMayBeRevoked();
            } catch (RuntimeException e) {
                ProvisioningFailure failure = new ProvisioningFailure(
                        Operation.ROTATE_API_KEYS,
                        account.name(),
                        ProvisioningFailure.failed(what, e),
                        e,
                        Thread.currentThread().isInterrupted());
                throw mayHaveBeenApplied(e) ? failure.keysMayBeRevoked() : failure.nothingChanged();
            }
            rekey(what, account, target, sink, notes);
            return Operation.ROTATE_API_KEYS;
        });
    }

    /**
     * Deletes the account (its keys stop working), then removes what the sink holds for it, unless
     * {@code removeStoredKeys} is false.
     *
     * <p>Interrupted before the delete is sent: {@link Consequence#NOTHING_CHANGED}. Interrupted once it is sent: the
     * operation completes (stored keys are removed, locally). If the connection drops too, the account is looked up:
     * still there means {@link Consequence#NOTHING_CHANGED}, gone means the operation completes, and a failed lookup
     * means {@link Consequence#STORED_KEYS_LEFT}, with a message saying what to check. A delete whose answer leaves its
     * outcome open (a 5xx, an unreadable answer, an unexpected exception) is looked up the same way.
     */
    public ProvisioningOutcome delete(ServiceAccountRef ref, KeySink sink, boolean removeStoredKeys) {
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(sink, "sink");
        checkAccessBeforeLookup(ref);
        if (removeStoredKeys) {
            sink.checkRemovesKeys(); // before anything is sent, even the lookup
        }
        ServiceAccount account = lookUp(
                Operation.DELETE, doing(Operation.DELETE, ref.describe()), ref.identifier(), () -> accounts.find(ref));
        checkAccessAfterLookup(ref, account);
        String what = doing(Operation.DELETE, account.describe());
        return locked(Operation.DELETE, what, account.name(), null, () -> {
            if (Thread.currentThread().isInterrupted()) {
                throw nothingChanged(Operation.DELETE, what, account.name(), null);
            }
            List<String> notes = new ArrayList<>();
            try {
                accounts.deleteAccount(account);
            } catch (InterruptedOperationException e) {
                if (!e.mayHaveReachedAnyscale()) {
                    throw nothingChanged(Operation.DELETE, what, account.name(), e);
                }
                requireGoneAfterUnclearDelete(what, account, e, true);
            } catch (RuntimeException e) {
                if (!mayHaveBeenApplied(e)) {
                    throw e; // refused: nothing was deleted
                }
                requireGoneAfterUnclearDelete(what, account, e, isInterruption(e));
                notes.add(appliedDespite(e, "deleted") + "; found it gone by lookup");
            }
            List<String> removed = List.of();
            if (removeStoredKeys) {
                try {
                    removed = uninterrupted(() -> sink.removeKeysOf(account));
                } catch (RuntimeException e) {
                    throw new ProvisioningFailure(
                                    Operation.DELETE,
                                    account.name(),
                                    ProvisioningFailure.failedWhile(what, "removing its stored API keys", e),
                                    e,
                                    isInterruption(e))
                            .storedKeysLeft();
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
            Operation operation, ServiceAccountRef ref, KeyTarget target, KeySink sink, KeyWork work) {
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(sink, "sink");
        checkAccessBeforeLookup(ref);
        sink.checkAccepts(target, KeyOwner.of(ref)); // before anything is sent, even the lookup
        String lookingUp = doing(operation, ref.describe());
        ServiceAccount account = lookUp(operation, lookingUp, ref.identifier(), () -> accounts.find(ref));
        checkAccessAfterLookup(ref, account);
        String what = doing(operation, account.describe());
        return locked(operation, what, account.name(), sink.lockKey(target), () -> {
            sink.checkAccepts(target, KeyOwner.of(account)); // again: now with name and email, under the locks
            List<String> notes = new ArrayList<>();
            Operation done = work.run(account, notes);
            return new ProvisioningOutcome(done, account, target, sink.describe(target), notes, List.of());
        });
    }

    /**
     * A ref by name is checked before anything is sent. One by email can only be checked after the lookup, which the
     * caller must be allowed to send at all: whether an email exists, and the name behind it, are learnt from it.
     */
    private void checkAccessBeforeLookup(ServiceAccountRef ref) {
        if (ref.name() != null) {
            access.checkMayManage(ref.name());
        } else {
            access.checkMayLookUp();
        }
    }

    /** By email, the name is known only now. */
    private void checkAccessAfterLookup(ServiceAccountRef ref, ServiceAccount account) {
        if (ref.name() == null) {
            access.checkMayManageLookedUp(account.name());
        }
    }

    /** Runs the work holding the account's lock, then the target's (none when {@code targetKey} is null). */
    @SuppressWarnings("try") // the locks are held for the block, not used in it
    private <T> T locked(Operation operation, String what, String accountName, String targetKey, Supplier<T> work) {
        try (KeyedLocks.Held accountLock = ACCOUNT_LOCKS.acquire(client.baseUrl() + "\n" + accountName);
                KeyedLocks.Held targetLock = targetKey == null ? null : TARGET_LOCKS.acquire(targetKey)) {
            return work.get();
        } catch (InterruptedException e) { // waiting for another operation on the same account or target
            Thread.currentThread().interrupt();
            throw nothingChanged(operation, what, accountName, e);
        }
    }

    /** A lookup before anything is changed: interrupted, it has changed nothing. */
    private static <T> T lookUp(Operation operation, String what, String accountName, Supplier<T> lookup) {
        try {
            return lookup.get();
        } catch (InterruptedOperationException e) {
            throw nothingChanged(operation, what, accountName, e);
        }
    }

    /**
     * Creates the account. When the answer leaves open whether Anyscale created it (the connection dropped, the call
     * was interrupted, a 5xx, an unreadable answer, or a 409 on a retry after a 503 that Anyscale did act on), the
     * account is looked up: it did not exist a moment ago and this process holds its lock, so if it exists now, it is
     * ours. A create dropped before Anyscale acted is sent once more.
     */
    private ServiceAccount createAccount(String what, ServiceAccountRef ref, List<String> notes) {
        String name = ref.name();
        for (int attempt = 1; ; attempt++) {
            if (Thread.currentThread().isInterrupted()) {
                throw nothingChanged(Operation.CREATE, what, name, null);
            }
            RuntimeException uncertain;
            try {
                return accounts.createAccount(name);
            } catch (InterruptedOperationException e) {
                if (!e.mayHaveReachedAnyscale()) {
                    throw nothingChanged(Operation.CREATE, what, name, e);
                }
                uncertain = e;
            } catch (ConflictException e) {
                if (e.attempts() == 1) {
                    throw e; // someone else's account: none of our requests could have made it
                }
                uncertain = e;
            } catch (RuntimeException e) {
                if (!mayHaveBeenApplied(e)) {
                    throw e; // refused, or never sent
                }
                uncertain = e;
            }
            boolean interrupted = isInterruption(uncertain);
            Optional<ServiceAccount> found = lookUpAfterUncertainCreate(what, ref, uncertain, interrupted);
            if (found.isPresent()) {
                if (interrupted) {
                    throw rollBack(what, "creating it", found.get(), uncertain);
                }
                notes.add(
                        uncertain instanceof ConflictException
                                ? "Anyscale made the account although it answered the first attempt as failed; found it"
                                        + " by lookup when the retry was refused"
                                : appliedDespite(uncertain, "created") + "; found it by lookup");
                return found.get();
            }
            if (interrupted) {
                throw nothingChanged(Operation.CREATE, what, name, uncertain);
            }
            if (!(uncertain instanceof AnyscaleException)) {
                throw new ProvisioningFailure(
                                Operation.CREATE,
                                name,
                                ProvisioningFailure.failed(what, uncertain)
                                        + " A lookup found that Anyscale did not create it.",
                                uncertain,
                                false)
                        .nothingChanged();
            }
            if (!(uncertain instanceof TransportException) || attempt > 1) {
                throw uncertain;
            }
            notes.add("the connection dropped before Anyscale created the account; created it again");
        }
    }

    private Optional<ServiceAccount> lookUpAfterUncertainCreate(
            String what, ServiceAccountRef ref, RuntimeException uncertain, boolean interrupted) {
        try {
            return uninterrupted(() -> accounts.findIfExists(ref));
        } catch (RuntimeException lookupFailed) {
            uncertain.addSuppressed(lookupFailed);
            String happened = interrupted
                    ? ProvisioningFailure.interrupted(what, "")
                    : ProvisioningFailure.failed(what, uncertain);
            throw new ProvisioningFailure(
                            Operation.CREATE,
                            ref.name(),
                            happened + " Looking the account up to learn whether Anyscale created it failed too: "
                                    + ProvisioningFailure.reasonOf(lookupFailed),
                            uncertain,
                            interrupted)
                    .accountMayBeLeftBehind();
        }
    }

    /**
     * Mints the first key of a new account. If the connection drops, or the answer is a 5xx or unreadable, a key may
     * exist that nothing holds: revoking all the account's keys makes sure it does not, then the key is minted again. An interruption is left to the
     * rollback: deleting the account takes any key with it.
     */
    private ApiKey mintForNewAccount(ServiceAccount account, List<String> notes) {
        stopIfInterrupted("before the key was minted");
        try {
            return accounts.mintApiKey(account);
        } catch (InterruptedOperationException e) {
            throw e;
        } catch (AnyscaleException unclear) {
            if (!ServiceAccounts.mayHaveMinted(unclear)) {
                throw unclear;
            }
            notes.add(
                    unclear instanceof TransportException
                            ? "the connection dropped while minting the key; revoked any key it made and minted again"
                            : "minting the key got no clear answer ("
                                    + (unclear instanceof MalformedResponseException
                                            ? "an unreadable body"
                                            : "HTTP " + unclear.statusCode())
                                    + "); revoked any key it made and minted again");
            accounts.revokeApiKeys(account);
            stopIfInterrupted("before the key was minted again");
            return accounts.mintApiKey(account);
        }
    }

    /**
     * Stores the key, retrying failures other than a refusal. A key that exists must get its home, and storing is
     * local and quick: the attempts run with the interrupt flag cleared, an interruption meanwhile (which may have
     * failed an attempt: a file write does) does not stop them, and the flag is set again at the end.
     */
    private void store(KeySink sink, KeyTarget target, ApiKey key, List<String> notes) {
        boolean interrupted = Thread.interrupted();
        try {
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
                    interrupted |= Thread.interrupted();
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * After a revoke: mint and store until a key is stored, or fail saying the account has no working key. A key
     * that was minted is stored even if the thread is interrupted meanwhile; no new key is minted once it is.
     */
    private void rekey(String what, ServiceAccount account, KeyTarget target, KeySink sink, List<String> notes) {
        long deadline = System.nanoTime() + recovery.maxElapsed().toNanos();
        boolean unheldKeyMayExist = false;
        RuntimeException last = null;
        for (int attempt = 1; attempt <= recovery.maxAttempts(); attempt++) {
            if (Thread.currentThread().isInterrupted()) {
                last = interruptedBefore("a new key was minted", last);
                break;
            }
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
            } catch (KeyTargetRefusedException | InterruptedOperationException stop) {
                last = stop;
                break;
            } catch (RuntimeException e) {
                last = e;
                if (!pause(attempt, deadline)) {
                    break;
                }
            }
        }
        // A refusal that happens to meet an interrupt is still a refusal: its reason is what the message must say.
        boolean interrupted = !(last instanceof KeyTargetRefusedException) && isInterruption(last);
        boolean unheldKeyLeft = false;
        if (unheldKeyMayExist) {
            try {
                uninterrupted(() -> accounts.revokeApiKeys(account)); // no minted key without a home
            } catch (RuntimeException e) {
                last.addSuppressed(e);
                unheldKeyLeft = true;
            }
        }
        String happened = interrupted
                ? ProvisioningFailure.interrupted(what, " before the new key was stored in " + sink.describe(target))
                : ProvisioningFailure.failedWhile(
                        what, "minting and storing the new key in " + sink.describe(target), last);
        throw new ProvisioningFailure(Operation.ROTATE_API_KEYS, account.name(), happened, last, interrupted)
                .noWorkingKey(unheldKeyLeft);
    }

    /**
     * Deletes the account just created, whatever the interrupt flag says (it is its rollback), and reports the
     * failure or interruption that made it necessary.
     *
     * @param step what failed, e.g. {@code minting its API key}
     */
    private ProvisioningException rollBack(String what, String step, ServiceAccount account, RuntimeException failure) {
        boolean interrupted = isInterruption(failure);
        // The cause of an interruption tells which call it hit; the message only needs to say the account existed.
        String happened = interrupted
                ? ProvisioningFailure.interrupted(what, " after Anyscale had created the account")
                : ProvisioningFailure.failedWhile(what, step, failure);
        try {
            uninterrupted(() -> accounts.deleteAccount(account));
        } catch (RuntimeException deleteFailed) {
            failure.addSuppressed(deleteFailed);
            ProvisioningFailure leftBehind = new ProvisioningFailure(
                    Operation.CREATE,
                    account.name(),
                    happened + " Deleting the account again failed too: " + ProvisioningFailure.reasonOf(deleteFailed),
                    failure,
                    interrupted);
            if (!mayHaveBeenApplied(deleteFailed)) {
                return leftBehind.accountLeftBehind();
            }
            try {
                if (isGone(account)) {
                    return new ProvisioningFailure(Operation.CREATE, account.name(), happened, failure, interrupted)
                            .rolledBack();
                }
            } catch (RuntimeException lookupFailed) {
                failure.addSuppressed(lookupFailed);
                return leftBehind.accountMayBeLeftBehind();
            }
            return leftBehind.accountLeftBehind();
        }
        return new ProvisioningFailure(Operation.CREATE, account.name(), happened, failure, interrupted).rolledBack();
    }

    /**
     * After a delete whose outcome is unclear (interrupted, no answer, a 5xx, an unexpected error): returns if the
     * account is gone, else says what is left.
     */
    private void requireGoneAfterUnclearDelete(
            String what, ServiceAccount account, RuntimeException unclear, boolean interrupted) {
        String happened =
                interrupted ? ProvisioningFailure.interrupted(what, "") : ProvisioningFailure.failed(what, unclear);
        boolean gone;
        try {
            gone = isGone(account);
        } catch (RuntimeException lookupFailed) {
            unclear.addSuppressed(lookupFailed);
            throw new ProvisioningFailure(
                            Operation.DELETE,
                            account.name(),
                            happened + " Looking the account up to learn whether Anyscale deleted it failed too: "
                                    + ProvisioningFailure.reasonOf(lookupFailed),
                            unclear,
                            interrupted)
                    .deletionUnknown();
        }
        if (gone) {
            return;
        }
        if (interrupted) {
            throw new ProvisioningFailure(
                            Operation.DELETE,
                            account.name(),
                            ProvisioningFailure.interrupted(what, " before Anyscale deleted it"),
                            unclear,
                            true)
                    .nothingChanged();
        }
        if (unclear instanceof AnyscaleException refusal) {
            throw refusal; // not applied after all: the error says what went wrong
        }
        throw new ProvisioningFailure(
                        Operation.DELETE,
                        account.name(),
                        happened + " A lookup found the account still there.",
                        unclear,
                        false)
                .nothingChanged();
    }

    /** Whether the account is gone, by a lookup that runs whatever the interrupt flag says. */
    private boolean isGone(ServiceAccount account) {
        return uninterrupted(() -> accounts.findIfExists(ServiceAccountRef.byName(account.name())))
                .filter(found -> account.id() == null || account.id().equals(found.id()))
                .isEmpty();
    }

    /**
     * Whether a write that failed this way may have been applied all the same: no answer once the connection was made,
     * a 5xx, an unreadable answer, or an exception the client does not raise on purpose (a bug, here or in a library),
     * which says nothing either way. A refusal (4xx, 429) and a connection never made were not applied.
     */
    private static boolean mayHaveBeenApplied(RuntimeException failure) {
        if (failure instanceof InterruptedOperationException interrupted) {
            return interrupted.mayHaveReachedAnyscale();
        }
        if (failure instanceof TransportException transport) {
            return !transport.isConnectionFailure();
        }
        if (failure instanceof AnyscaleException) {
            return failure instanceof ServerErrorException || failure instanceof MalformedResponseException;
        }
        return true;
    }

    /**
     * A note on a write whose outcome was unclear and that a lookup found applied, e.g. {@code Anyscale answered HTTP
     * 503 but had created the account}.
     */
    private static String appliedDespite(RuntimeException unclear, String applied) {
        if (unclear instanceof TransportException) {
            return "the connection dropped after Anyscale " + applied + " the account";
        }
        if (unclear instanceof MalformedResponseException) {
            return "Anyscale answered unreadably but had " + applied + " the account";
        }
        if (unclear instanceof AnyscaleException anyscale) {
            return "Anyscale answered HTTP " + anyscale.statusCode() + " but had " + applied + " the account";
        }
        return "the call ended in an unexpected " + unclear.getClass().getSimpleName() + " after Anyscale " + applied
                + " the account";
    }

    /**
     * Sleeps the backoff after {@code attempt}; false if that would pass the deadline. An interruption ends the sleep
     * early, with the flag set: whether to go on is the caller's decision.
     */
    private boolean pause(int attempt, long deadline) {
        Duration wait = recovery.backoffAfter(attempt);
        if (System.nanoTime() + wait.toNanos() > deadline) {
            return false;
        }
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return true;
    }

    /**
     * Runs what undoes or completes a change already made with the interrupt flag cleared, so that neither OkHttp nor
     * the client refuses it, and sets the flag again afterwards.
     */
    private static <T> T uninterrupted(Supplier<T> work) {
        boolean interrupted = Thread.interrupted();
        try {
            return work.get();
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void uninterrupted(Runnable work) {
        uninterrupted(() -> {
            work.run();
            return null;
        });
    }

    /** Whether this failure is, or came with, the thread's interruption. */
    private static boolean isInterruption(Throwable failure) {
        return failure instanceof InterruptedOperationException
                || Thread.currentThread().isInterrupted();
    }

    /** Stops before the next change to Anyscale if the thread is interrupted. */
    private static void stopIfInterrupted(String when) {
        if (Thread.currentThread().isInterrupted()) {
            throw interruptedBefore(when, null);
        }
    }

    private static InterruptedOperationException interruptedBefore(String when, Throwable cause) {
        return new InterruptedOperationException(
                new ErrorContext("It was interrupted " + when + ".", AnyscaleException.NO_STATUS, null, null, cause),
                false);
    }

    /** An interruption before anything was changed. */
    private static ProvisioningException nothingChanged(
            Operation operation, String what, String accountName, Throwable cause) {
        return new ProvisioningFailure(operation, accountName, ProvisioningFailure.interrupted(what, ""), cause, true)
                .nothingChanged();
    }

    /** The operation as a message begins: {@code Rotating the API keys of service account 'x' (x@…)}. */
    private static String doing(Operation operation, String who) {
        String account = "service account " + who;
        return switch (operation) {
            case CREATE -> "Creating " + account;
            case CREATE_API_KEY -> "Creating an API key for " + account;
            case ROTATE_API_KEYS -> "Rotating the API keys of " + account;
            case DELETE -> "Deleting " + account;
        };
    }
}
