package io.jenkins.plugins.anyscale.client.provisioning;

import io.jenkins.plugins.anyscale.client.provisioning.ProvisioningOutcome.Operation;

/**
 * A provisioning operation failed, or was interrupted, part-way. The message says, once each: what was attempted and
 * what failed, the state that was left ({@link #consequence()} says the same for code), and what to do ({@link
 * #remedy()}) where something is left to do. Never holds a secret.
 */
public class ProvisioningException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The state a failed operation left behind. */
    public enum Consequence {
        /** Nothing changed in Anyscale or in the sink. */
        NOTHING_CHANGED,
        /** An account was created, then deleted again: nothing is left. */
        ROLLED_BACK,
        /** An account was (or may have been) created and could not be deleted again: it must be deleted by hand. */
        ACCOUNT_LEFT_BEHIND,
        /** A valid key exists (or may exist) that nothing holds; rotating the account's keys revokes it. */
        UNSTORED_KEY,
        /**
         * Every key of the account was (or may have been) revoked and no new key could be stored: it has no working
         * stored key.
         */
        NO_WORKING_KEY,
        /**
         * The account was (or may have been) deleted, but the keys stored for it were not all removed (they no longer
         * work if it is gone).
         */
        STORED_KEYS_LEFT
    }

    private final Operation operation;
    private final String accountName;
    private final Consequence consequence;
    private final String remedy;
    private final boolean interrupted;

    /**
     * @param message the whole text for people: what happened, what it left, what to do
     * @param remedy what to do, on its own (it names the account); {@code null} when nothing is left to do
     * @param interrupted whether the calling thread's interruption stopped the operation
     */
    public ProvisioningException(
            Operation operation,
            String accountName,
            Consequence consequence,
            String message,
            String remedy,
            Throwable cause,
            boolean interrupted) {
        super(message, cause);
        this.operation = operation;
        this.accountName = accountName;
        this.consequence = consequence;
        this.remedy = remedy;
        this.interrupted = interrupted;
    }

    /** The operation that failed. */
    public Operation operation() {
        return operation;
    }

    /**
     * The service account concerned: its name, or the email it was asked for by when the operation stopped before
     * the account was found. As Anyscale sent it: pass it through {@code Printable.of} to show it.
     */
    public String accountName() {
        return accountName;
    }

    public Consequence consequence() {
        return consequence;
    }

    /**
     * What a person should do about what was left, in one sentence that names the account, e.g. {@code Delete service
     * account 'ci-bot' by hand.}: the end of the message, for a list of what needs attention. {@code null} when
     * nothing is left to do ({@link Consequence#NOTHING_CHANGED}, {@link Consequence#ROLLED_BACK}).
     */
    public String remedy() {
        return remedy;
    }

    /**
     * Whether the operation stopped because the calling thread was interrupted (a Pipeline abort or {@code timeout})
     * rather than because something failed. The thread's interrupt flag is set when this is thrown; the message says
     * that the operation was interrupted and what it left, as {@link #consequence()} does.
     */
    public boolean interrupted() {
        return interrupted;
    }
}
