package io.jenkins.plugins.anyscale.client.provisioning;

/**
 * A provisioning operation failed, or was interrupted, part-way. The message says what was done, what was undone and, where something
 * is left for a person to do, exactly what; {@link #consequence()} says the same for code. Never holds a secret.
 */
public class ProvisioningException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The state a failed operation left behind. */
    public enum Consequence {
        /** Nothing changed in Anyscale or in the sink. */
        NOTHING_CHANGED,
        /** An account was created, then deleted again: nothing is left. */
        ROLLED_BACK,
        /** An account was created and could not be deleted again: it must be deleted by hand. */
        ACCOUNT_LEFT_BEHIND,
        /** A valid key exists that nothing holds; rotating the account's keys revokes it. */
        UNSTORED_KEY,
        /** Every key of the account was revoked and no new key could be stored: it has no working stored key. */
        NO_WORKING_KEY,
        /** The account was deleted, but the keys stored for it could not all be removed (they no longer work). */
        STORED_KEYS_LEFT
    }

    private final Consequence consequence;
    private final String accountName;
    private final boolean interrupted;

    public ProvisioningException(String message, Consequence consequence, String accountName, Throwable cause) {
        this(message, consequence, accountName, cause, false);
    }

    /** @param interrupted whether the calling thread's interruption stopped the operation */
    public ProvisioningException(
            String message, Consequence consequence, String accountName, Throwable cause, boolean interrupted) {
        super(message, cause);
        this.consequence = consequence;
        this.accountName = accountName;
        this.interrupted = interrupted;
    }

    public Consequence consequence() {
        return consequence;
    }

    /**
     * The service account concerned: its name, or the email it was asked for by when the operation stopped before
     * the account was found.
     */
    public String accountName() {
        return accountName;
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
