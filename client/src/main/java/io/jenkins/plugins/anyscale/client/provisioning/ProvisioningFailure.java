package io.jenkins.plugins.anyscale.client.provisioning;

import io.jenkins.plugins.anyscale.client.AnyscaleException;
import io.jenkins.plugins.anyscale.client.Printable;
import io.jenkins.plugins.anyscale.client.provisioning.ProvisioningException.Consequence;
import io.jenkins.plugins.anyscale.client.provisioning.ProvisioningOutcome.Operation;

/**
 * One failure of a {@link ServiceAccountProvisioner} operation, worded the same way whatever the operation: one sentence
 * of what was attempted and what failed (the underlying error's reason, once), then the state left (one phrase per
 * {@link Consequence}), then what to do (only if something is left to do).
 */
final class ProvisioningFailure {

    private final Operation operation;
    private final String accountName;
    private final String happened;
    private final Throwable cause;
    private final boolean interrupted;

    /**
     * @param happened what was attempted and what failed: see {@link #failed}, {@link #failedWhile}, {@link
     *     #interrupted}
     */
    ProvisioningFailure(
            Operation operation, String accountName, String happened, Throwable cause, boolean interrupted) {
        this.operation = operation;
        this.accountName = accountName;
        this.happened = happened;
        this.cause = cause;
        this.interrupted = interrupted;
    }

    /** {@code Creating an API key for service account 'x' failed: HTTP 500 Internal Server Error.} */
    static String failed(String doing, Throwable failure) {
        return doing + " failed: " + reasonOf(failure);
    }

    /** {@code Creating service account 'x' failed while minting its API key: HTTP 403 Forbidden.} */
    static String failedWhile(String doing, String step, Throwable failure) {
        return doing + " failed while " + step + ": " + reasonOf(failure);
    }

    /** {@code Creating service account 'x' was interrupted after Anyscale had created the account.} */
    static String interrupted(String doing, String when) {
        return doing + " was interrupted" + when + ".";
    }

    /**
     * What went wrong, as one printable sentence: an Anyscale error's reason (without the action it names, which the
     * caller says itself), a key sink's message, or an unexpected exception's type and message.
     */
    static String reasonOf(Throwable failure) {
        String reason;
        if (failure instanceof AnyscaleException anyscale) {
            reason = anyscale.reason();
        } else if (failure instanceof KeySinkException || failure instanceof AccountAccessDeniedException) {
            reason = failure.getMessage();
        } else {
            reason = "an unexpected " + failure.getClass().getSimpleName()
                    + (failure.getMessage() == null ? "" : ": " + failure.getMessage());
        }
        String printable = Printable.of(reason == null ? failure.getClass().getSimpleName() : reason)
                .strip();
        return printable.endsWith(".") ? printable : printable + ".";
    }

    ProvisioningException nothingChanged() {
        return left(Consequence.NOTHING_CHANGED, "Nothing was changed.", null);
    }

    ProvisioningException rolledBack() {
        return left(Consequence.ROLLED_BACK, "The account was deleted again, so nothing is left behind.", null);
    }

    ProvisioningException accountLeftBehind() {
        return left(
                Consequence.ACCOUNT_LEFT_BEHIND,
                "The account is left behind, without a stored key.",
                "Delete service account " + account() + " by hand.");
    }

    ProvisioningException accountMayBeLeftBehind() {
        return left(
                Consequence.ACCOUNT_LEFT_BEHIND,
                "The account may have been created, without a key.",
                "If service account " + account() + " exists, delete it by hand.");
    }

    ProvisioningException unstoredKey() {
        return left(
                Consequence.UNSTORED_KEY,
                "A valid API key of the account exists that nothing holds; its older keys still work.",
                "To revoke it, rotate the API keys of service account " + account()
                        + " (that revokes its older keys too).");
    }

    ProvisioningException unstoredKeyMayExist() {
        return left(
                Consequence.UNSTORED_KEY,
                "A valid API key of the account may exist that nothing holds; its older keys still work.",
                "To revoke any such key, rotate the API keys of service account " + account()
                        + " (that revokes its older keys too).");
    }

    /** @param unheldKeyMayExist whether a new key may exist that nothing holds, since revoking it failed too */
    ProvisioningException noWorkingKey(boolean unheldKeyMayExist) {
        return left(
                Consequence.NO_WORKING_KEY,
                "All its keys were revoked and no new one was stored: the account has no working stored API key."
                        + (unheldKeyMayExist ? " A new key may exist that nothing holds." : ""),
                "Rotate the API keys of service account " + account() + " again to recover.");
    }

    ProvisioningException keysMayBeRevoked() {
        return left(
                Consequence.NO_WORKING_KEY,
                "Its keys may or may not have been revoked, and no new one was stored: the account may have no working"
                        + " stored API key.",
                "Rotate the API keys of service account " + account() + " again to recover.");
    }

    ProvisioningException storedKeysLeft() {
        return left(
                Consequence.STORED_KEYS_LEFT,
                "The account is deleted, but its stored API keys were kept; they no longer work.",
                "Remove the stored API keys of service account " + account() + " by hand.");
    }

    ProvisioningException deletionUnknown() {
        return left(
                Consequence.STORED_KEYS_LEFT,
                "Whether the account was deleted is unknown; its stored API keys were kept.",
                "If service account " + account() + " is gone, remove its stored API keys by hand; otherwise delete"
                        + " it again.");
    }

    private String account() {
        return "'" + Printable.of(accountName) + "'";
    }

    private ProvisioningException left(Consequence consequence, String state, String remedy) {
        String message = happened + " " + state + (remedy == null ? "" : " " + remedy);
        return new ProvisioningException(operation, accountName, consequence, message, remedy, cause, interrupted);
    }
}
