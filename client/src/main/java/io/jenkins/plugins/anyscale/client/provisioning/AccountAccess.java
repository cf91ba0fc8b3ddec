package io.jenkins.plugins.anyscale.client.provisioning;

/**
 * Which service accounts a caller may manage (create, mint keys for, rotate, delete). {@link ServiceAccountProvisioner}
 * asks before it sends anything that changes an account: before anything at all when the account is named, and right
 * after the lookup when it is addressed by email. The Jenkins plugin answers with its access rules; a person at a
 * terminal with an owner token may manage every account.
 */
@FunctionalInterface
public interface AccountAccess {

    /** Every account: for callers who hold the owner's token themselves, such as the command line. */
    AccountAccess UNRESTRICTED = accountName -> {};

    /**
     * Confirms that the caller may manage the account with this exact name.
     *
     * @throws AccountAccessDeniedException saying who was refused what, and where access is granted
     */
    void checkMayManage(String accountName);
}
