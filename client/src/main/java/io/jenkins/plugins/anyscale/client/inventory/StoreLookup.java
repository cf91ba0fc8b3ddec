package io.jenkins.plugins.anyscale.client.inventory;

import java.util.Objects;

/**
 * What a credentials store holds now at a location the index knows of, as the plugin finds it when the inventory
 * is shown: nothing, a credential that is not an Anyscale service-account key, or such a key.
 */
public final class StoreLookup {

    private static final StoreLookup NOTHING = new StoreLookup(null, false);
    private static final StoreLookup OTHER = new StoreLookup(null, true);

    private final KeyHolder key;
    private final boolean otherCredential;

    private StoreLookup(KeyHolder key, boolean otherCredential) {
        this.key = key;
        this.otherCredential = otherCredential;
    }

    /** No credential with that ID in that store (or no such store). */
    public static StoreLookup nothing() {
        return NOTHING;
    }

    /** A credential with that ID that is not an Anyscale service-account key. */
    public static StoreLookup otherCredential() {
        return OTHER;
    }

    /** An Anyscale service-account key, described as it is now (account, mint time, last use). */
    public static StoreLookup key(KeyHolder now) {
        return new StoreLookup(Objects.requireNonNull(now, "now"), false);
    }

    /** The key found, or {@code null}. */
    public KeyHolder key() {
        return key;
    }

    public boolean isNothing() {
        return key == null && !otherCredential;
    }

    public boolean isOtherCredential() {
        return otherCredential;
    }
}
