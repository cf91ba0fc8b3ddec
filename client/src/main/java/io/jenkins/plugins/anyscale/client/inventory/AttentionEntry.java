package io.jenkins.plugins.anyscale.client.inventory;

import io.jenkins.plugins.anyscale.client.provisioning.ProvisioningException;
import io.jenkins.plugins.anyscale.client.provisioning.ProvisioningOutcome.Operation;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Something an operation left for a person to do: when, in which build, which operation on which account and
 * credential, why, and what to do about it. Only metadata, never a key. Immutable; persisted by the plugin in an
 * {@link AttentionList}.
 */
public final class AttentionEntry {

    /** The most characters of the operation's own message that are kept. */
    public static final int MAX_DETAIL_LENGTH = 2000;

    /** Unique, stable across restarts: what dismissing the entry names. */
    private final String id;

    private final Instant time;

    /** The job's full name; {@code null} when the operation did not run in a build (an administrator's action). */
    private final String job;

    /** The build's number; 0 when not in a build. */
    private final int build;

    private final Operation operation;

    /** The service account's name, or the email it was given by. */
    private final String account;

    /** The credential the key was to go to or come from; {@code null} when none. */
    private final String credentialId;

    private final AttentionReason reason;

    /** The operation's own message (the provisioning layer's, which never holds a secret); {@code null} when none. */
    private final String detail;

    /**
     * @param job the job's full name, {@code null} when the operation did not run in a build
     * @param build the build's number, 0 when {@code job} is {@code null}
     * @param account the service account's name, or the email it was given by
     * @param credentialId {@code null} when no credential is concerned
     * @param detail the operation's own message, or {@code null}; cut at {@link #MAX_DETAIL_LENGTH} characters
     */
    public AttentionEntry(
            AttentionReason reason,
            Operation operation,
            String account,
            String credentialId,
            Instant time,
            String job,
            int build,
            String detail) {
        this.reason = Objects.requireNonNull(reason, "reason");
        this.operation = Objects.requireNonNull(operation, "operation");
        if (account == null || account.isBlank()) {
            throw new IllegalArgumentException("An attention entry needs the service account's name or email.");
        }
        if (build < 0 || (job == null && build != 0)) {
            throw new IllegalArgumentException(
                    "A build number must be positive and come with its job, or be 0 outside a build; got " + build
                            + (job == null ? " without a job." : " for job '" + job + "'."));
        }
        this.id = UUID.randomUUID().toString();
        this.time = Objects.requireNonNull(time, "time");
        this.job = job;
        this.build = build;
        this.account = account;
        this.credentialId = credentialId == null || credentialId.isBlank() ? null : credentialId;
        this.detail = detail == null || detail.isBlank() ? null : cut(detail);
    }

    /**
     * The entry a failed operation needs, or empty when its {@link ProvisioningException#consequence()} left nothing
     * to do ({@code NOTHING_CHANGED}, {@code ROLLED_BACK}). The operation and the account are the failure's own.
     */
    public static Optional<AttentionEntry> afterFailure(
            ProvisioningException failure, String credentialId, Instant time, String job, int build) {
        return AttentionReason.of(failure.consequence())
                .map(reason -> new AttentionEntry(
                        reason,
                        failure.operation(),
                        failure.accountName(),
                        credentialId,
                        time,
                        job,
                        build,
                        failure.getMessage()));
    }

    private static String cut(String detail) {
        return detail.length() <= MAX_DETAIL_LENGTH ? detail : detail.substring(0, MAX_DETAIL_LENGTH - 1) + "\u2026";
    }

    public String id() {
        return id;
    }

    public Instant time() {
        return time;
    }

    /** The job's full name, or {@code null} outside a build. */
    public String job() {
        return job;
    }

    /** The build's number, or 0 outside a build. */
    public int build() {
        return build;
    }

    /** {@code team-a/nightly #42}, or {@code null} outside a build. */
    public String where() {
        return job == null ? null : job + " #" + build;
    }

    public Operation operation() {
        return operation;
    }

    /** The operation as Anyscale's CLI names it: {@code create}, {@code create-api-key}, {@code rotate-api-keys}, … */
    public String operationName() {
        return operation.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public String account() {
        return account;
    }

    /** The credential concerned, or {@code null}. */
    public String credentialId() {
        return credentialId;
    }

    public AttentionReason reason() {
        return reason;
    }

    /** The operation's own message, or {@code null}. */
    public String detail() {
        return detail;
    }

    /** What a person should do, in one sentence naming the account and the credential. */
    public String whatToDo() {
        String who = "service account '" + account + "'";
        String credential = credentialId == null ? "a credential" : "credential '" + credentialId + "'";
        return switch (reason) {
            case ACCOUNT_LEFT_BEHIND ->
                "Service account '" + account + "' was created but no key of it is stored, and deleting it again"
                        + " failed: delete it (anyscaleServiceAccountDelete), or keep it and rotate its API keys into "
                        + credential + ".";
            case UNSTORED_KEY ->
                "A valid API key of " + who + " exists that nothing holds: rotate the account's API keys into "
                        + credential + " to revoke it (its other keys are revoked too).";
            case NO_WORKING_KEY ->
                "Every key of " + who + " was revoked and no new one could be stored in " + credential
                        + ": fix the cause, then rotate its API keys again; jobs that use the account fail until then.";
            case STORED_KEYS_LEFT ->
                capitalized(who) + " was deleted, but credentials still hold its keys, which no longer work"
                        + (credentialId == null ? "" : " (" + credential + " among them)")
                        + ": delete those credentials.";
            case CUT_OFF -> whatToDoAfterCutOff(who, credential);
        };
    }

    private String whatToDoAfterCutOff(String who, String credential) {
        return switch (operation) {
            case CREATE ->
                "Creating " + who + " was cut off: it may exist with no stored key. If it does, rotate its API keys"
                        + " into " + credential + ", or delete it.";
            case CREATE_API_KEY ->
                "Creating an API key of " + who + " was cut off: a key may exist that " + credential
                        + " does not hold; rotating the account's API keys revokes it.";
            case ROTATE_API_KEYS ->
                "Rotating the API keys of " + who + " was cut off: its keys may be revoked with no new key in "
                        + credential + ". Rotate them again.";
            case DELETE ->
                "Deleting " + who + " was cut off: it may or may not be deleted, and credentials may still hold its"
                        + " keys. Run the delete again.";
        };
    }

    private static String capitalized(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AttentionEntry other && id.equals(other.id);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }

    /** {@code 2026-12-05T02:00:00Z team-a/nightly #42: rotate-api-keys of 'ci-bot' left NO_WORKING_KEY}. */
    @Override
    public String toString() {
        return time + (job == null ? "" : " " + where()) + ": " + operationName() + " of '" + account + "' left "
                + reason;
    }
}
