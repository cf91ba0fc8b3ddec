package io.jenkins.plugins.anyscale.client;

import java.util.Locale;

/** A member's level in the organization. Lower case on the wire, upper case here, as in the SDK. */
public enum OrganizationPermissionLevel {
    OWNER,
    COLLABORATOR;

    /** Parses the wire form ({@code "owner"}, {@code "collaborator"}), in any case. */
    public static OrganizationPermissionLevel fromWire(String value) {
        if (value == null) {
            throw new IllegalArgumentException("permission level is missing");
        }
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown permission level '" + value + "'", e);
        }
    }
}
