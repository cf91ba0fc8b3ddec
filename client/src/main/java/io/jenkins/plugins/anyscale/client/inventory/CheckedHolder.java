package io.jenkins.plugins.anyscale.client.inventory;

import io.jenkins.plugins.anyscale.client.provisioning.KeyOwner;
import java.util.Objects;

/**
 * A key holder of the index after checking its store.
 *
 * @param holder what the store holds now when {@link StoreCheck#IN_STORE}; otherwise what the index recorded, so
 *     that the credential is shown with the account it was stored for
 * @param check what the store showed
 */
public record CheckedHolder(KeyHolder holder, StoreCheck check) {

    public CheckedHolder {
        Objects.requireNonNull(holder, "holder");
        Objects.requireNonNull(check, "check");
    }

    /** A holder just read from its store, e.g. by a rescan: in store by definition. */
    public static CheckedHolder inStore(KeyHolder holder) {
        return new CheckedHolder(holder, StoreCheck.IN_STORE);
    }

    /**
     * Compares what the index recorded at a location with what its store holds now: a key of the same account (by
     * {@link KeyOwner#isSameAccount}'s rule) is in store, with the
     * store's mint time and last use; nothing is missing; anything else was changed by hand.
     */
    public static CheckedHolder check(KeyHolder indexed, StoreLookup found) {
        Objects.requireNonNull(indexed, "indexed");
        if (found.isNothing()) {
            return new CheckedHolder(indexed, StoreCheck.MISSING_FROM_STORE);
        }
        KeyHolder now = found.key();
        if (now == null || !sameAccount(indexed, now)) {
            return new CheckedHolder(indexed, StoreCheck.CHANGED_BY_HAND);
        }
        return new CheckedHolder(now.at(indexed.location()), StoreCheck.IN_STORE);
    }

    private static boolean sameAccount(KeyHolder indexed, KeyHolder now) {
        if (indexed.accountName() == null && indexed.accountEmail() == null) {
            return false;
        }
        return now.holdsKeyOf(new KeyOwner(indexed.accountName(), indexed.accountEmail()));
    }

    public boolean isInStore() {
        return check == StoreCheck.IN_STORE;
    }
}
