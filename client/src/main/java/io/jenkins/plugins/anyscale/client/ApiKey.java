package io.jenkins.plugins.anyscale.client;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * An API key of a service account, as Anyscale returns it exactly once. The secret is reachable only through
 * {@link #secret()}: {@link #toString()} masks it and no exception of this library includes it.
 */
public final class ApiKey {

    private final String secret;
    private final ServiceAccount serviceAccount;

    public ApiKey(String secret, ServiceAccount serviceAccount) {
        if (secret == null || secret.isBlank()) {
            throw new IllegalArgumentException("an API key needs a non-blank secret");
        }
        this.secret = secret;
        this.serviceAccount = Objects.requireNonNull(serviceAccount, "serviceAccount");
    }

    /** The key itself. Store it; never log it. */
    public String secret() {
        return secret;
    }

    /** The service account the key authenticates as. */
    public ServiceAccount serviceAccount() {
        return serviceAccount;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof ApiKey other)) {
            return false;
        }
        return MessageDigest.isEqual(
                        secret.getBytes(StandardCharsets.UTF_8), other.secret.getBytes(StandardCharsets.UTF_8))
                && serviceAccount.equals(other.serviceAccount);
    }

    @Override
    public int hashCode() {
        // The account alone: a hash of the secret would be a (weak) fingerprint of it.
        return serviceAccount.hashCode();
    }

    @Override
    public String toString() {
        return "ApiKey[serviceAccount=" + serviceAccount.name() + ", secret=****]";
    }
}
