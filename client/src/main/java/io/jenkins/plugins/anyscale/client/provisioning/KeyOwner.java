package io.jenkins.plugins.anyscale.client.provisioning;

import io.jenkins.plugins.anyscale.client.Printable;
import io.jenkins.plugins.anyscale.client.ServiceAccount;
import io.jenkins.plugins.anyscale.client.ServiceAccountRef;
import java.util.Locale;

/**
 * The service account a key is for, as a key sink sees it: what it must record with a stored key, and what it
 * compares with before overwriting one.
 *
 * @param name the account's name (unique in an organization), or {@code null} when only the email is known
 * @param email the account's email, or {@code null} when not known (yet)
 */
public record KeyOwner(String name, String email) {

    public KeyOwner {
        if (name == null && email == null) {
            throw new IllegalArgumentException("A key owner needs a name or an email.");
        }
    }

    public static KeyOwner of(ServiceAccount account) {
        return new KeyOwner(account.name(), account.email());
    }

    /** The account a ref points at, before it is looked up: what the sink can check before anything is sent. */
    public static KeyOwner of(ServiceAccountRef ref) {
        return new KeyOwner(ref.name(), ref.email());
    }

    /** An account about to be created, whose email Anyscale has not assigned yet. */
    public static KeyOwner named(String name) {
        return new KeyOwner(name, null);
    }

    /**
     * Whether a stored key recorded with this name and email belongs to this same account: same email where both
     * are known (emails are unique and case-insensitive), otherwise the same name; never when neither can be compared.
     */
    public boolean isSameAccount(String storedName, String storedEmail) {
        if (email != null && storedEmail != null) {
            return email.toLowerCase(Locale.ROOT).equals(storedEmail.toLowerCase(Locale.ROOT));
        }
        return name != null && name.equals(storedName);
    }

    /** {@code 'name'} or {@code 'email'}, for messages, {@link Printable}: they may come from the server. */
    public String describe() {
        return "'" + Printable.of(name != null ? name : email) + "'";
    }
}
