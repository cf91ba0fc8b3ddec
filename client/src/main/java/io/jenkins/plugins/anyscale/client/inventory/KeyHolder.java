package io.jenkins.plugins.anyscale.client.inventory;

import io.jenkins.plugins.anyscale.client.ServiceAccount;
import io.jenkins.plugins.anyscale.client.provisioning.KeyOwner;
import java.time.Instant;
import java.util.Objects;

/**
 * One credential that holds the API key of a service account, as metadata: where it is, which account it records,
 * when its key was minted, which build used it last. Never the key: no field can hold one. Immutable; persisted by
 * the plugin as part of a {@link KeyHolderIndex}.
 */
public final class KeyHolder {

    private final CredentialLocation location;

    /** The account's name as the credential records it; {@code null} when it records none. */
    private final String accountName;

    private final String accountEmail;

    /** When the key was minted; {@code null} when unknown (credentials stored before mint times were recorded). */
    private final Instant mintedAt;

    /** The last build that used the key, e.g. {@code team-a/deploy #42}; {@code null} when never or unknown. */
    private final String lastUsedBy;

    private final Instant lastUsedAt;

    /**
     * @param accountName the account's name the credential records; blank means none
     * @param accountEmail the account's email the credential records; blank means none
     * @param mintedAt when the key was minted, {@code null} when unknown
     */
    public KeyHolder(CredentialLocation location, String accountName, String accountEmail, Instant mintedAt) {
        this(location, accountName, accountEmail, mintedAt, null, null);
    }

    private KeyHolder(
            CredentialLocation location,
            String accountName,
            String accountEmail,
            Instant mintedAt,
            String lastUsedBy,
            Instant lastUsedAt) {
        this.location = Objects.requireNonNull(location, "location");
        this.accountName = blankToNull(accountName);
        this.accountEmail = blankToNull(accountEmail);
        this.mintedAt = mintedAt;
        this.lastUsedBy = blankToNull(lastUsedBy);
        this.lastUsedAt = this.lastUsedBy == null ? null : lastUsedAt;
    }

    /** What the key sink records when it stores a key of the account that was minted at {@code mintedAt}. */
    public static KeyHolder of(CredentialLocation location, ServiceAccount account, Instant mintedAt) {
        return new KeyHolder(location, account.name(), account.email(), Objects.requireNonNull(mintedAt, "mintedAt"));
    }

    /**
     * This holder with its last use, from the credential's tracking.
     *
     * @param build the build, as shown to people (e.g. {@code team-a/deploy #42}); {@code null} when never used
     * @param at when, or {@code null} when not known
     */
    public KeyHolder withLastUse(String build, Instant at) {
        return new KeyHolder(location, accountName, accountEmail, mintedAt, build, at);
    }

    /** This holder at another location, e.g. after its folder was renamed. */
    public KeyHolder at(CredentialLocation newLocation) {
        return new KeyHolder(newLocation, accountName, accountEmail, mintedAt, lastUsedBy, lastUsedAt);
    }

    public CredentialLocation location() {
        return location;
    }

    public String accountName() {
        return accountName;
    }

    public String accountEmail() {
        return accountEmail;
    }

    /** When the key was minted, or {@code null} when unknown. */
    public Instant mintedAt() {
        return mintedAt;
    }

    /** The last build that used the key, or {@code null}. */
    public String lastUsedBy() {
        return lastUsedBy;
    }

    /** When the last build used it, or {@code null}. */
    public Instant lastUsedAt() {
        return lastUsedAt;
    }

    /**
     * Whether this holds a key of that account, by the key sink's own rule ({@link KeyOwner#isSameAccount}): the
     * same email where both are known, otherwise the same name.
     */
    public boolean holdsKeyOf(ServiceAccount account) {
        return KeyOwner.of(account).isSameAccount(accountName, accountEmail);
    }

    /** Whether this holds a key of the account the owner names, by the same rule. */
    public boolean holdsKeyOf(KeyOwner owner) {
        return owner.isSameAccount(accountName, accountEmail);
    }

    /** {@code 'name' (email)}, {@code 'name'}, {@code (email)} or {@code an unrecorded account}, for messages. */
    public String describeAccount() {
        return describeAccount(accountName, accountEmail);
    }

    static String describeAccount(String name, String email) {
        if (name == null) {
            return email == null ? "an unrecorded account" : "(" + email + ")";
        }
        return email == null ? "'" + name + "'" : "'" + name + "' (" + email + ")";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KeyHolder other
                && location.equals(other.location)
                && Objects.equals(accountName, other.accountName)
                && Objects.equals(accountEmail, other.accountEmail)
                && Objects.equals(mintedAt, other.mintedAt)
                && Objects.equals(lastUsedBy, other.lastUsedBy)
                && Objects.equals(lastUsedAt, other.lastUsedAt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(location, accountName, accountEmail, mintedAt);
    }

    /** {@code credential 'ci-key' in folder 'team-a', of 'ci-bot' (ci-bot@…), minted 2026-11-28T13:01:45Z}. */
    @Override
    public String toString() {
        return location + ", of " + describeAccount() + ", minted "
                + (mintedAt == null ? "at an unknown time" : mintedAt);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
