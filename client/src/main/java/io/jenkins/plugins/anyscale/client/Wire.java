package io.jenkins.plugins.anyscale.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * The JSON shapes of the Anyscale API and their conversion to the public model. Unknown fields are ignored (the
 * backend adds fields over time); missing required ones become a {@link MalformedResponseException} whose message
 * names the field but never quotes the body (a minting response holds a key).
 */
final class Wire {

    static final ObjectMapper MAPPER = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    static final ObjectReader COLLABORATOR_PAGE = MAPPER.readerFor(CollaboratorPage.class);
    static final ObjectReader CREATED_ACCOUNT = MAPPER.readerFor(CreatedAccountEnvelope.class);
    static final ObjectReader MINTED_KEY = MAPPER.readerFor(MintedKeyEnvelope.class);
    static final ObjectReader USER_INFO = MAPPER.readerFor(UserInfoEnvelope.class);
    static final ObjectReader TREE = MAPPER.reader();
    static final ObjectWriter WRITER = MAPPER.writer();

    /** What the SDK asks for: 100 years, in seconds. Service-account keys do not expire. */
    static final long KEY_DURATION_SECONDS = 3_153_600_000L;

    private Wire() {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Collaborator(
            @JsonProperty("id") String id,
            @JsonProperty("user_id") String userId,
            @JsonProperty("name") String name,
            @JsonProperty("email") String email,
            @JsonProperty("permission_level") String permissionLevel,
            @JsonProperty("created_at") String createdAt,
            @JsonProperty("is_service_account") Boolean isServiceAccount) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record PageMetadata(
            @JsonProperty("total") Integer total,
            @JsonProperty("next_paging_token") String nextPagingToken) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record CollaboratorPage(
            @JsonProperty("results") List<Collaborator> results,
            @JsonProperty("metadata") PageMetadata metadata) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record CreatedAccountEnvelope(@JsonProperty("result") Collaborator result) {}

    /** Holds a key: its {@code toString()} does not show it. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record MintedKey(@JsonProperty("server_session_id") String serverSessionId) {
        @Override
        public String toString() {
            return "MintedKey[serverSessionId=" + (serverSessionId == null ? "null" : "****") + "]";
        }
    }

    /** Holds a key: its {@code toString()} does not show it. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record MintedKeyEnvelope(@JsonProperty("result") MintedKey result) {
        @Override
        public String toString() {
            return "MintedKeyEnvelope[result=" + result + "]";
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record UserInfoResult(
            @JsonProperty("id") String id,
            @JsonProperty("name") String name,
            @JsonProperty("email") String email,
            @JsonProperty("organization_permission_level") String organizationPermissionLevel) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record UserInfoEnvelope(@JsonProperty("result") UserInfoResult result) {}

    record MintRequest(
            @JsonProperty("duration") long duration,
            @JsonProperty("user_id") String userId) {}

    /** A listed collaborator: every field the operations need must be there. */
    static ServiceAccount listed(Collaborator c, String action) {
        if (c == null) {
            throw malformed(action, "results[] holds a null entry");
        }
        requirePlainId(c.id(), "results[].id", action);
        requirePlainId(c.userId(), "results[].user_id", action);
        require(c.name(), "results[].name", action);
        requireServiceAccount(c, "results[]", action);
        return toModel(c, c.id(), action, "results[]");
    }

    /** The result of creating an account: it has no identity {@code id}; delete looks it up when needed. */
    static ServiceAccount created(CreatedAccountEnvelope envelope, String action) {
        if (envelope == null || envelope.result() == null) {
            throw malformed(action, "the response has no 'result'");
        }
        Collaborator c = envelope.result();
        requirePlainId(c.userId(), "result.user_id", action);
        if (c.id() != null) {
            requirePlainId(c.id(), "result.id", action);
        }
        require(c.name(), "result.name", action);
        requireServiceAccount(c, "result", action);
        return toModel(c, c.id(), action, "result");
    }

    static String mintedSecret(MintedKeyEnvelope envelope, String action) {
        if (envelope == null || envelope.result() == null) {
            throw malformed(action, "the response has no 'result'");
        }
        require(envelope.result().serverSessionId(), "result.server_session_id", action);
        return envelope.result().serverSessionId();
    }

    static UserInfo userInfo(UserInfoEnvelope envelope, String action) {
        if (envelope == null || envelope.result() == null) {
            throw malformed(action, "the response has no 'result'");
        }
        UserInfoResult r = envelope.result();
        require(r.id(), "result.id", action);
        return new UserInfo(r.id(), r.name(), r.email(), r.organizationPermissionLevel());
    }

    static List<Collaborator> results(CollaboratorPage page, String action) {
        if (page == null || page.results() == null) {
            throw malformed(action, "the response has no 'results' list");
        }
        return page.results();
    }

    static String nextPagingToken(CollaboratorPage page) {
        if (page.metadata() == null) {
            return null;
        }
        String token = page.metadata().nextPagingToken();
        return token == null || token.isEmpty() ? null : token;
    }

    /** The {@code detail} of an error body, in any of the shapes the contract lists; {@code null} if there is none. */
    static String errorDetail(JsonNode body) {
        if (body == null || !body.isObject()) {
            return null;
        }
        JsonNode error = body.get("error");
        JsonNode detail = error != null && error.isObject() ? error.get("detail") : body.get("detail");
        if (detail == null && error != null && error.isTextual()) {
            detail = error;
        }
        if (detail == null || detail.isNull()) {
            return null;
        }
        if (detail.isTextual()) {
            return detail.asText();
        }
        if (detail.isArray()) {
            StringBuilder joined = new StringBuilder();
            for (JsonNode item : detail) {
                if (joined.length() > 0) {
                    joined.append("; ");
                }
                joined.append(validationItem(item));
            }
            return joined.toString();
        }
        return detail.toString();
    }

    private static String validationItem(JsonNode item) {
        if (!item.isObject()) {
            return item.asText();
        }
        String msg = item.path("msg").asText(item.toString());
        JsonNode loc = item.get("loc");
        if (loc == null || !loc.isArray() || loc.isEmpty()) {
            return msg;
        }
        StringBuilder where = new StringBuilder();
        for (JsonNode part : loc) {
            if (where.length() > 0) {
                where.append('.');
            }
            where.append(part.asText());
        }
        return where + ": " + msg;
    }

    private static ServiceAccount toModel(Collaborator c, String id, String action, String prefix) {
        OffsetDateTime createdAt = null;
        if (c.createdAt() != null) {
            try {
                createdAt = Timestamps.parse(c.createdAt());
            } catch (DateTimeParseException e) {
                throw malformed(
                        action,
                        prefix + ".created_at is not an ISO-8601 timestamp: '" + Printable.of(c.createdAt()) + "'");
            }
        }
        OrganizationPermissionLevel level = null;
        if (c.permissionLevel() != null) {
            try {
                level = OrganizationPermissionLevel.fromWire(c.permissionLevel());
            } catch (IllegalArgumentException e) {
                throw malformed(action, prefix + ".permission_level: " + Printable.of(e.getMessage()));
            }
        }
        return new ServiceAccount(id, c.userId(), c.name(), c.email(), createdAt, level);
    }

    /**
     * Whether an {@code id} or {@code user_id} looks as it must before it goes into a URL path: letters, digits,
     * {@code _} and {@code -}, as Anyscale's {@code idn_…}/{@code usr_…} words do. Anything else ({@code ..},
     * {@code a/b}, empty) would let a misbehaving server redirect a DELETE or a revoke to another path (OkHttp resolves
     * dot segments).
     */
    static boolean isPlainId(String value) {
        // A loop, not a regular expression: it runs twice for every account listed, and allocates nothing.
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean plain =
                    (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
            if (!plain) {
                return false;
            }
        }
        return !value.isEmpty();
    }

    /** A value that goes into a URL path: present and a plain word, never quoted (it came from the server). */
    private static void requirePlainId(String value, String field, String action) {
        require(value, field, action);
        if (!isPlainId(value)) {
            throw malformed(action, "'" + field + "' is not a plain identifier (letters, digits, _ and - only)");
        }
    }

    /**
     * The list is asked for service accounts only, so a human user among them is a misbehaving server: refusing it
     * here means nothing is ever deleted, revoked or minted for a person's account.
     */
    private static void requireServiceAccount(Collaborator c, String prefix, String action) {
        if (Boolean.FALSE.equals(c.isServiceAccount())) {
            throw malformed(
                    action,
                    prefix + " holds '" + Printable.of(c.name())
                            + "', which is not a service account (is_service_account is"
                            + " false); nothing is changed for it");
        }
    }

    private static void require(String value, String field, String action) {
        if (value == null || value.isEmpty()) {
            throw malformed(action, "the response is missing '" + field + "'");
        }
    }

    static MalformedResponseException malformed(String action, String what) {
        return new MalformedResponseException(ErrorContext.failed(
                action,
                "unexpected response from Anyscale: " + what + ".",
                AnyscaleException.NO_STATUS,
                null,
                null,
                null));
    }
}
