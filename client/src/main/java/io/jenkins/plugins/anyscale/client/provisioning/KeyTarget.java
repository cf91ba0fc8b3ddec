package io.jenkins.plugins.anyscale.client.provisioning;

import java.util.regex.Pattern;

/**
 * Where a key sink puts a key: an ID in its store (in Jenkins, a credential ID).
 *
 * @param id letters, digits and {@code . _ -}, starting with a letter or digit, at most 256 characters: what the
 *     Jenkins credentials form accepts as an ID, and never {@code .} or {@code ..}, so that a stored key can be
 *     viewed, edited and deleted there
 */
public record KeyTarget(String id) {

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,255}");

    public KeyTarget {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("A credentials ID for the API key is required.");
        }
        if (!VALID.matcher(id).matches()) {
            throw new IllegalArgumentException("The credentials ID '" + id
                    + "' may contain only letters, digits and . _ - (at most 256 characters), and must start with a"
                    + " letter or a digit.");
        }
    }

    @Override
    public String toString() {
        return id;
    }
}
