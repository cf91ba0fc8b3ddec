package io.jenkins.plugins.anyscale.client.inventory;

/** Whether a credential the index knows of is still what the key sink stored, checked against its store. */
public enum StoreCheck {
    /** The store holds a key of the same account at that ID. */
    IN_STORE,
    /** The store has nothing at that ID any more: the credential was deleted or moved by hand. */
    MISSING_FROM_STORE,
    /**
     * The store holds something else at that ID: a credential of another type, or a key of another account. It was
     * changed by hand.
     */
    CHANGED_BY_HAND
}
