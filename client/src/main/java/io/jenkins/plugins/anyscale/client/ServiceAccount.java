package io.jenkins.plugins.anyscale.client;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A service account of the organization, as the list endpoint describes it.
 *
 * @param id the identity id; what {@code DELETE organization_collaborators/<id>} takes
 * @param userId the user id; what minting and revoking keys take
 * @param name the account's name, unique in the organization
 * @param email the account's generated email
 * @param createdAt when it was created
 * @param permissionLevel its organization permission level
 */
public record ServiceAccount(
        String id,
        String userId,
        String name,
        String email,
        OffsetDateTime createdAt,
        OrganizationPermissionLevel permissionLevel) {

    public ServiceAccount {
        Objects.requireNonNull(name, "name");
    }

    /** The SDK's {@code to_dict()}: name, email, created_at and permission_level. */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("name", name);
        map.put("email", email);
        map.put("created_at", createdAt);
        map.put("permission_level", permissionLevel == null ? null : permissionLevel.name());
        return map;
    }

    /**
     * The same four fields with camel-case keys and plain string values, the shape pipeline steps return
     * (strings survive the Pipeline sandbox and serialization; {@code createdAt} is ISO-8601).
     */
    public Map<String, Object> toPipelineMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("name", name);
        map.put("email", email);
        map.put("permissionLevel", permissionLevel == null ? null : permissionLevel.name());
        map.put("createdAt", createdAt == null ? null : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(createdAt));
        return map;
    }

    /** {@code 'name' (email)}, for messages, {@link Printable}: both come from the server. */
    public String describe() {
        String quoted = "'" + Printable.of(name) + "'";
        return email == null ? quoted : quoted + " (" + Printable.of(email) + ")";
    }
}
