package io.jenkins.plugins.anyscale.client.provisioning;

/**
 * The caller may not manage this service account, or may not list or look up accounts at all. Nothing was changed in
 * Anyscale; the message says whether anything was sent (at most the lookup of an account given by email).
 */
public class AccountAccessDeniedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String accountName;

    public AccountAccessDeniedException(String message, String accountName) {
        super(message);
        this.accountName = accountName;
    }

    /**
     * The account that was refused, as named or as a lookup found it (pass it through {@code Printable.of} to show it);
     * {@code null} when the refusal is about the job (listing, or looking an account up by email) and names no account.
     */
    public String accountName() {
        return accountName;
    }
}
