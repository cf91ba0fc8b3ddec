package io.jenkins.plugins.anyscale.emulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;

/** The JSON shapes of the API. */
final class WireFormat {

    static final ObjectMapper MAPPER = new ObjectMapper();

    /** ISO-8601 with microseconds and a numeric offset, as the service writes: {@code 2026-11-28T13:01:45.123456+00:00}. */
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSxxx");

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private WireFormat() {}

    static String timestamp(OffsetDateTime time) {
        return TIMESTAMP.format(time);
    }

    /** {@code {"result": ...}}. */
    static ObjectNode result(ObjectNode result) {
        ObjectNode body = NODES.objectNode();
        body.set("result", result);
        return body;
    }

    /** {@code {"error": {"detail": ...}}}. */
    static ObjectNode error(String detail) {
        ObjectNode body = NODES.objectNode();
        body.putObject("error").put("detail", detail);
        return body;
    }

    /** The answer to creating a service account. */
    static ObjectNode createdServiceAccount(EmulatedAccount account, String organizationId) {
        ObjectNode node = NODES.objectNode();
        node.put("user_id", account.userId());
        node.put("name", account.name());
        node.put("organization_id", organizationId);
        node.put("email", account.email());
        node.put("permission_level", account.permissionLevel());
        node.put("created_at", timestamp(account.createdAt()));
        return node;
    }

    /** A collaborator record of the list. */
    static ObjectNode collaborator(Member member) {
        EmulatedAccount account = member.account();
        ObjectNode node = NODES.objectNode();
        node.put("id", account.id());
        node.put("user_id", account.userId());
        node.put("name", account.name());
        node.put("email", account.email());
        node.put("permission_level", account.permissionLevel());
        node.put("created_at", timestamp(account.createdAt()));
        node.put("base_role", account.permissionLevel());
        node.putArray("additional_roles");
        node.put("is_service_account", member.serviceAccount());
        return node;
    }

    /** {@code {"results": [...], "metadata": {"total": n, "next_paging_token": ...}}}. */
    static ObjectNode collaboratorPage(CollaboratorPage page) {
        ObjectNode body = NODES.objectNode();
        ArrayNode results = body.putArray("results");
        for (Member member : page.members()) {
            results.add(collaborator(member));
        }
        ObjectNode metadata = body.putObject("metadata");
        metadata.put("total", page.total());
        if (page.hasMore()) {
            metadata.put("next_paging_token", PagingTokens.after(page.lastSequence()));
        } else {
            metadata.putNull("next_paging_token");
        }
        return body;
    }

    /** The user information the SDK fetches first and validates: every field here must be present and non-null. */
    static ObjectNode userInfo(Caller caller, String organizationId) {
        EmulatedAccount account = caller.account();
        ObjectNode node = NODES.objectNode();
        node.put("id", account.userId());
        node.put("email", account.email());
        node.put("name", account.name());
        node.put("lastname", "");
        node.put("username", caller.owner() ? "owner" : account.name());
        node.put("verified", true);
        node.put("organization_permission_level", account.permissionLevel());
        node.putArray("organization_ids").add(organizationId);
        ObjectNode organization = node.putArray("organizations").addObject();
        organization.put("id", organizationId);
        organization.put("name", "Emulated Organization");
        organization.put("public_identifier", organizationId);
        organization.put("sso_required", false);
        organization.put("is_general_platform_enabled", true);
        organization.put("is_private_endpoints_enabled", false);
        organization.put("is_usage_blocked", false);
        node.put("has_setup_cloud", true);
        node.put("ld_hash", "emulator");
        node.putArray("ld_hash_fields");
        node.put("is_support_user", false);
        return node;
    }
}
