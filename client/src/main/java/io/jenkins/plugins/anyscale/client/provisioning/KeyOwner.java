package io.jenkins.plugins.anyscale.client.provisioning;

import io.jenkins.plugins.anyscale.client.ServiceAccount;
import java.util.Locale;
import java.util.Objects;

/**
 * The service account a key is for, as a key sink sees it: what it must record with a stored key, and what it
 * compares with before overwriting one.
 *
 * @param name the account's name (unique in an organization)
 * @param email the account's email, or {@code null} before the account exists
 */
public record KeyOwner(String name, String email) {

    public KeyOwner {
        Objects.requireNonNull(name, "name");
    }

    public static KeyOwner of(ServiceAccount account) {
        return new KeyOwner(account.name(), account.email());
    }

    /** An account about to be created, whose email Anyscale has not assigned yet. */
    public static KeyOwner named(String name) {
        return new KeyOwner(name, null);
    }

    /**
     * Whether a stored key recorded with this name and email belongs to this same account: same email where both
     * are known (emails are unique and case-insensitive), otherwise the same name.
     */
    public boolean isSameAccount(String storedName, String storedEmail) {
        if (email != null && storedEmail != null) {
            return email.toLowerCase(Locale.ROOT).equals(storedEmail.toLowerCase(Locale.ROOT));
        }
        return name.equals(storedName);
    }
}
