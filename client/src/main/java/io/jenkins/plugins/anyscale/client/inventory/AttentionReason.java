package io.jenkins.plugins.anyscale.client.inventory;

import io.jenkins.plugins.anyscale.client.provisioning.ProvisioningException.Consequence;
import java.util.Optional;

/** Why an operation left something for a person to do: the provisioning layer's consequences that do, and a cut-off. */
public enum AttentionReason {
    /** {@link Consequence#ACCOUNT_LEFT_BEHIND}: an account was created, holds no stored key, and could not be deleted. */
    ACCOUNT_LEFT_BEHIND,
    /** {@link Consequence#UNSTORED_KEY}: a valid key exists that nothing holds. */
    UNSTORED_KEY,
    /** {@link Consequence#NO_WORKING_KEY}: every key was revoked and no new one could be stored. */
    NO_WORKING_KEY,
    /** {@link Consequence#STORED_KEYS_LEFT}: the account was deleted, and credentials still hold its dead keys. */
    STORED_KEYS_LEFT,
    /** The operation was cut off part-way (a restart, or an abort it could not finish after), its outcome unknown. */
    CUT_OFF;

    /** The reason a failure with that consequence needs a person, or empty when it left nothing to do. */
    public static Optional<AttentionReason> of(Consequence consequence) {
        return switch (consequence) {
            case ACCOUNT_LEFT_BEHIND -> Optional.of(ACCOUNT_LEFT_BEHIND);
            case UNSTORED_KEY -> Optional.of(UNSTORED_KEY);
            case NO_WORKING_KEY -> Optional.of(NO_WORKING_KEY);
            case STORED_KEYS_LEFT -> Optional.of(STORED_KEYS_LEFT);
            case NOTHING_CHANGED, ROLLED_BACK -> Optional.empty();
        };
    }
}
