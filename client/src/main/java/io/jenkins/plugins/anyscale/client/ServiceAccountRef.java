package io.jenkins.plugins.anyscale.client;

import java.util.Objects;

/** Identifies one service account by exactly one of its name or its email, as the SDK's operations do. */
public final class ServiceAccountRef {

    /**
     * The longest name accepted, checked before anything is sent. Anyscale documents no limit; 256 characters is far
     * beyond any name seen, and keeps a pasted file or log out of a URL and an error message.
     */
    public static final int MAX_NAME_LENGTH = 256;

    /** The longest email accepted, checked before anything is sent: the longest usable address (RFC 5321). */
    public static final int MAX_EMAIL_LENGTH = 254;

    private final String name;
    private final String email;

    private ServiceAccountRef(String name, String email) {
        this.name = name;
        this.email = email;
    }

    public static ServiceAccountRef byName(String name) {
        return new ServiceAccountRef(requireName(name), null);
    }

    public static ServiceAccountRef byEmail(String email) {
        if (isBlank(email)) {
            throw new IllegalArgumentException("The service account email must not be blank.");
        }
        if (email.length() > MAX_EMAIL_LENGTH) {
            throw new IllegalArgumentException("The service account email is " + email.length()
                    + " characters long; at most " + MAX_EMAIL_LENGTH + " are accepted.");
        }
        requireNoControlCharacters(email, "email");
        return new ServiceAccountRef(null, email);
    }

    /**
     * Exactly one of {@code name} and {@code email}, blank meaning absent (as a form or a pipeline passes them).
     *
     * @throws IllegalArgumentException with the SDK's own wording when neither or both are given
     */
    public static ServiceAccountRef of(String name, String email) {
        boolean hasName = !isBlank(name);
        boolean hasEmail = !isBlank(email);
        if (hasName && hasEmail) {
            throw new IllegalArgumentException("Only one of email or name can be provided.");
        }
        if (!hasName && !hasEmail) {
            throw new IllegalArgumentException("Either email or name must be provided.");
        }
        return hasName ? byName(name) : byEmail(email);
    }

    /** The name, or {@code null} when this ref is by email. */
    public String name() {
        return name;
    }

    /** The email, or {@code null} when this ref is by name. */
    public String email() {
        return email;
    }

    /** The name or the email, whichever identifies the account. */
    public String identifier() {
        return name != null ? name : email;
    }

    /** Exact (case-sensitive) equality on the field this ref is about. */
    public boolean matches(ServiceAccount account) {
        return matches(account.name(), account.email());
    }

    boolean matches(String accountName, String accountEmail) {
        return name != null ? name.equals(accountName) : email.equals(accountEmail);
    }

    /** {@code named 'x'} or {@code with email 'x'}, for messages, {@link Printable}. */
    public String describe() {
        return name != null ? "named '" + Printable.of(name) + "'" : "with email '" + Printable.of(email) + "'";
    }

    /**
     * Checks a name before it is sent anywhere, to look an account up or to create one.
     *
     * @return the name
     * @throws IllegalArgumentException if it is blank, longer than {@link #MAX_NAME_LENGTH} or holds a control
     *     character; the message does not repeat it
     */
    public static String requireName(String name) {
        if (isBlank(name)) {
            throw new IllegalArgumentException("The service account name must not be blank.");
        }
        if (name.length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException("The service account name is " + name.length()
                    + " characters long; at most " + MAX_NAME_LENGTH + " are accepted.");
        }
        requireNoControlCharacters(name, "name");
        return name;
    }

    /** Line breaks and other control characters in a name or email would let it forge lines of a log. */
    private static void requireNoControlCharacters(String value, String what) {
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                throw new IllegalArgumentException("The service account " + what
                        + " contains a control character (such as a line break); remove it.");
            }
        }
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ServiceAccountRef other
                && Objects.equals(name, other.name)
                && Objects.equals(email, other.email);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, email);
    }

    @Override
    public String toString() {
        return "ServiceAccountRef[" + describe() + "]";
    }
}
