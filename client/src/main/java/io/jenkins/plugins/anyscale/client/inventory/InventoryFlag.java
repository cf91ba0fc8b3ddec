package io.jenkins.plugins.anyscale.client.inventory;

/** What may need an administrator's attention in one row of the {@link KeyInventory}. */
public enum InventoryFlag {
    /** The account exists, and no credential in Jenkins holds a key of it. */
    NO_KEY_IN_JENKINS("no key in Jenkins"),
    /** A key of the account is at or over the {@link KeyAgePolicy}'s age. */
    KEY_OVER_POLICY("key older than the policy"),
    /** There is a policy, and a key of the account has no recorded mint time. */
    KEY_AGE_UNKNOWN("key of unknown age"),
    /** A credential holds a key of an account that no longer exists. */
    ORPHANED_CREDENTIAL("credential of an account that no longer exists"),
    /** Several credentials hold keys of the account; rotating its keys revokes all of them but the one rotated into. */
    SEVERAL_CREDENTIALS("several credentials for one account"),
    /** A credential the key sink stored for the account was deleted, moved or overwritten by hand. */
    CHANGED_BY_HAND("credential changed by hand");

    private final String description;

    InventoryFlag(String description) {
        this.description = description;
    }

    /** A few words for people, e.g. {@code no key in Jenkins}. */
    public String description() {
        return description;
    }
}
