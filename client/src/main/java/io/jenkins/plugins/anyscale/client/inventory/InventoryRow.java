package io.jenkins.plugins.anyscale.client.inventory;

import io.jenkins.plugins.anyscale.client.ServiceAccount;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * One row of the {@link KeyInventory}: a service account of the organization with the credentials that hold its
 * keys, or, for an account that no longer exists, the credentials that still hold its keys; and the flags that need
 * attention.
 */
public final class InventoryRow {

    private final ServiceAccount account;
    private final String accountName;
    private final String accountEmail;
    private final List<HeldKey> keys;
    private final Set<InventoryFlag> flags;

    private InventoryRow(
            ServiceAccount account,
            String accountName,
            String accountEmail,
            List<HeldKey> keys,
            Set<InventoryFlag> flags) {
        this.account = account;
        this.accountName = accountName;
        this.accountEmail = accountEmail;
        this.keys = List.copyOf(keys);
        this.flags = Collections.unmodifiableSet(flags);
    }

    /** The row of an existing account; {@code keys} sorted by location. */
    static InventoryRow ofAccount(ServiceAccount account, List<HeldKey> keys) {
        Set<InventoryFlag> flags = EnumSet.noneOf(InventoryFlag.class);
        long inStore = keys.stream().filter(HeldKey::isInStore).count();
        if (inStore == 0) {
            flags.add(InventoryFlag.NO_KEY_IN_JENKINS);
        }
        if (inStore > 1) {
            flags.add(InventoryFlag.SEVERAL_CREDENTIALS);
        }
        for (HeldKey key : keys) {
            switch (key.verdict()) {
                case OVER_POLICY -> flags.add(InventoryFlag.KEY_OVER_POLICY);
                case AGE_UNKNOWN -> flags.add(InventoryFlag.KEY_AGE_UNKNOWN);
                default -> {}
            }
            if (!key.isInStore()) {
                flags.add(InventoryFlag.CHANGED_BY_HAND);
            }
        }
        return new InventoryRow(account, account.name(), account.email(), keys, flags);
    }

    /**
     * The row of an account that no longer exists, named as its credentials record it; {@code keys} sorted by
     * location. Their age does not matter: the keys stopped working with the account.
     */
    static InventoryRow ofDeletedAccount(String accountName, String accountEmail, List<HeldKey> keys) {
        Set<InventoryFlag> flags = EnumSet.noneOf(InventoryFlag.class);
        for (HeldKey key : keys) {
            flags.add(key.isInStore() ? InventoryFlag.ORPHANED_CREDENTIAL : InventoryFlag.CHANGED_BY_HAND);
        }
        return new InventoryRow(null, accountName, accountEmail, keys, flags);
    }

    /** The account, or {@code null} when it no longer exists. */
    public ServiceAccount account() {
        return account;
    }

    public boolean accountExists() {
        return account != null;
    }

    /** The account's name; for an account that no longer exists, as its credentials record it (may be null). */
    public String accountName() {
        return accountName;
    }

    /** The account's email; for an account that no longer exists, as its credentials record it (may be null). */
    public String accountEmail() {
        return accountEmail;
    }

    /** The credentials of the row, root store first, then by folder and ID. */
    public List<HeldKey> keys() {
        return keys;
    }

    /** The credentials that are in their stores: those that hold the account's keys now. */
    public List<HeldKey> keysInStore() {
        return keys.stream().filter(HeldKey::isInStore).toList();
    }

    public Set<InventoryFlag> flags() {
        return flags;
    }

    public boolean has(InventoryFlag flag) {
        return flags.contains(flag);
    }

    /** {@code 'ci-bot' (ci-bot@…): 2 credentials [several credentials for one account]}. */
    @Override
    public String toString() {
        return KeyHolder.describeAccount(accountName, accountEmail)
                + (account == null ? ", which no longer exists" : "") + ": " + keys.size()
                + (keys.size() == 1 ? " credential" : " credentials")
                + (flags.isEmpty()
                        ? ""
                        : " " + flags.stream().map(InventoryFlag::description).toList());
    }
}
