package io.jenkins.plugins.anyscale.client.provisioning;

/**
 * Which service accounts a caller may manage (create, mint keys for, rotate, delete). {@link ServiceAccountProvisioner}
 * asks before it sends anything that changes an account. An account given by name is checked before anything at all
 * is sent. One given by email can only be checked once a lookup has found its name, so the caller must first be
 * allowed to look accounts up at all ({@link #checkMayLookUp()}): otherwise anyone could learn which emails exist, and
 * the names behind them, from the refusals. The Jenkins plugin answers with its access rules; a person at a terminal
 * with an owner token may manage every account.
 */
@FunctionalInterface
public interface AccountAccess {

    /** Every account: for callers who hold the owner's token themselves, such as the command line. */
    AccountAccess UNRESTRICTED = accountName -> {};

    /**
     * Confirms, before anything is sent, that the caller may manage the account with this exact name.
     *
     * @throws AccountAccessDeniedException saying who was refused what, that nothing was sent, and where access is
     *     granted
     */
    void checkMayManage(String accountName);

    /**
     * Confirms, before an account given by email is looked up, that the caller may look accounts up at all. Allowed
     * unless overridden.
     *
     * @throws AccountAccessDeniedException saying who was refused, that nothing was sent, and where access is
     *     granted; it names no account, since none was looked up
     */
    default void checkMayLookUp() {}

    /**
     * Confirms that the caller may manage the account that a lookup by email has just found: only that lookup was
     * sent. As {@link #checkMayManage} unless overridden, whose refusal must then not say that nothing was sent.
     *
     * @throws AccountAccessDeniedException saying who was refused what, that only a lookup was sent, and where access
     *     is granted
     */
    default void checkMayManageLookedUp(String accountName) {
        checkMayManage(accountName);
    }
}
