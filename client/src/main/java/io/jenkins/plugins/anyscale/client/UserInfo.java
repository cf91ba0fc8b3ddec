package io.jenkins.plugins.anyscale.client;

/**
 * Who a token authenticates as ({@code GET /api/v2/userinfo/}): what a connection test shows.
 *
 * @param organizationPermissionLevel {@code OWNER} for tokens that may manage service accounts
 */
public record UserInfo(String id, String name, String email, String organizationPermissionLevel) {

    /** {@code name (email)}, or whichever of them the server sent, {@link Printable}: for a connection test's message. */
    public String describe() {
        if (name == null || name.isBlank()) {
            return email == null ? Printable.of(id) : Printable.of(email);
        }
        return email == null ? Printable.of(name) : Printable.of(name) + " (" + Printable.of(email) + ")";
    }

    /** Whether this identity may manage service accounts. */
    public boolean isOrganizationOwner() {
        return "OWNER".equalsIgnoreCase(organizationPermissionLevel);
    }
}
