package io.jenkins.plugins.anyscale.client.provisioning;

/** The caller may not manage this service account; nothing was sent to Anyscale for it. */
public class AccountAccessDeniedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String accountName;

    public AccountAccessDeniedException(String message, String accountName) {
        super(message);
        this.accountName = accountName;
    }

    /** The account that was refused. */
    public String accountName() {
        return accountName;
    }
}
