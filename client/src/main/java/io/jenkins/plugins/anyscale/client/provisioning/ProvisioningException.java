package io.jenkins.plugins.anyscale.client.provisioning;

/**
 * A provisioning operation failed part-way. The message says what was done, what was undone and, where something
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

    public ProvisioningException(String message, Consequence consequence, String accountName, Throwable cause) {
        super(message, cause);
        this.consequence = consequence;
        this.accountName = accountName;
    }

    public Consequence consequence() {
        return consequence;
    }

    /** The service account concerned. */
    public String accountName() {
        return accountName;
    }
}
