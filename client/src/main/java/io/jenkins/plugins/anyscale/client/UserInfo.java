package io.jenkins.plugins.anyscale.client;

/**
 * Who a token authenticates as ({@code GET /api/v2/userinfo/}): what a connection test shows.
 *
 * @param organizationPermissionLevel {@code OWNER} for tokens that may manage service accounts
 */
public record UserInfo(String id, String name, String email, String organizationPermissionLevel) {

    /** Whether this identity may manage service accounts. */
    public boolean isOrganizationOwner() {
        return "OWNER".equalsIgnoreCase(organizationPermissionLevel);
    }
}
