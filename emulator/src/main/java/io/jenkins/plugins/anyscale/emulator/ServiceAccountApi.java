package io.jenkins.plugins.anyscale.emulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.util.Locale;

/** The six endpoints: authorization, validation and their effect on the state. */
final class ServiceAccountApi {

    static final int MAX_COUNT = 50;
    static final int DEFAULT_COUNT = 20;

    private final EmulatorState state;
    private final Authenticator authenticator;

    ServiceAccountApi(EmulatorState state) {
        this.state = state;
        this.authenticator = new Authenticator(state);
    }

    /**
     * Serves a routed request.
     *
     * @throws ApiError for every error answer
     */
    ApiResponse serve(Route route, ApiRequest request) {
        switch (route.endpoint()) {
            case USERINFO:
                return userInfo(request);
            case CREATE_SERVICE_ACCOUNT:
                return createServiceAccount(request);
            case CREATE_API_KEY:
                return createApiKey(request);
            case LIST_COLLABORATORS:
                return listCollaborators(request);
            case DELETE_COLLABORATOR:
                return deleteCollaborator(request, route.pathParameter());
            case ROTATE_API_KEYS:
                return rotateApiKeys(request, route.pathParameter());
            default:
                throw new IllegalStateException("unrouted endpoint " + route.endpoint());
        }
    }

    private ApiResponse userInfo(ApiRequest request) {
        Caller caller = authenticator.authenticate(request.headers());
        return ApiResponse.ok(WireFormat.result(WireFormat.userInfo(caller, state.organizationId())));
    }

    private ApiResponse createServiceAccount(ApiRequest request) {
        authenticator.authenticateOwner(request.headers());
        String name = request.query()
                .get("name")
                .orElseThrow(() -> ApiError.unprocessable("Query parameter 'name' is required."));
        if (name.isBlank()) {
            throw ApiError.unprocessable("Query parameter 'name' must not be blank.");
        }
        EmulatedAccount account = state.tryCreate(name);
        if (account == null) {
            throw ApiError.conflict(EmulatorState.duplicateNameMessage(name));
        }
        return ApiResponse.ok(WireFormat.result(WireFormat.createdServiceAccount(account, state.organizationId())));
    }

    private ApiResponse createApiKey(ApiRequest request) {
        authenticator.authenticateOwner(request.headers());
        JsonNode body = jsonObject(request.body());
        JsonNode userId = body.get("user_id");
        if (userId == null || !userId.isTextual() || userId.asText().isEmpty()) {
            throw ApiError.unprocessable("Body field 'user_id' is required and must be a string.");
        }
        JsonNode duration = body.get("duration");
        if (duration != null && !duration.isNull() && !(duration.isIntegralNumber() && duration.asLong() > 0)) {
            throw ApiError.unprocessable("Body field 'duration' must be a positive whole number of seconds.");
        }
        String key = state.mintKey(userId.asText())
                .orElseThrow(() -> ApiError.notFound("User " + userId.asText() + " not found."));
        return ApiResponse.ok(
                WireFormat.result(JsonNodeFactory.instance.objectNode().put("server_session_id", key)));
    }

    private ApiResponse listCollaborators(ApiRequest request) {
        authenticator.authenticateOwner(request.headers());
        QueryParameters query = request.query();
        boolean serviceAccounts = query.get("is_service_account")
                .map(ServiceAccountApi::parseBoolean)
                .orElse(false);
        int count = query.get("count").map(ServiceAccountApi::parseCount).orElse(DEFAULT_COUNT);
        long after = query.get("paging_token")
                .filter(token -> !token.isEmpty())
                .map(PagingTokens::position)
                .orElse(-1L);
        String name =
                query.get("name").map(value -> value.toLowerCase(Locale.ROOT)).orElse(null);
        String email =
                query.get("email").map(value -> value.toLowerCase(Locale.ROOT)).orElse(null);
        CollaboratorPage page = state.list(new CollaboratorQuery(serviceAccounts, name, email, after, count));
        return ApiResponse.ok(WireFormat.collaboratorPage(page));
    }

    private ApiResponse deleteCollaborator(ApiRequest request, String id) {
        authenticator.authenticateOwner(request.headers());
        if (!state.delete(id)) {
            throw ApiError.notFound("Collaborator " + id + " not found.");
        }
        return ApiResponse.ok(WireFormat.result(JsonNodeFactory.instance.objectNode()));
    }

    private ApiResponse rotateApiKeys(ApiRequest request, String userId) {
        authenticator.authenticateOwner(request.headers());
        if (!state.revokeKeys(userId)) {
            throw ApiError.notFound("User " + userId + " not found.");
        }
        return ApiResponse.ok(WireFormat.result(JsonNodeFactory.instance.objectNode()));
    }

    /** {@code true}, {@code True}, {@code 1} and the like; {@code false}, {@code False}, {@code 0}. */
    static boolean parseBoolean(String value) {
        switch (value.toLowerCase(Locale.ROOT)) {
            case "true":
            case "1":
            case "yes":
            case "on":
                return true;
            case "false":
            case "0":
            case "no":
            case "off":
                return false;
            default:
                throw ApiError.unprocessable(
                        "Query parameter 'is_service_account' must be a boolean, got '" + value + "'.");
        }
    }

    static int parseCount(String value) {
        int count;
        try {
            count = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw ApiError.unprocessable("Query parameter 'count' must be an integer, got '" + value + "'.");
        }
        if (count < 1 || count > MAX_COUNT) {
            throw ApiError.unprocessable(
                    "Query parameter 'count' must be between 1 and " + MAX_COUNT + ", got " + count + ".");
        }
        return count;
    }

    private static JsonNode jsonObject(byte[] body) {
        JsonNode node;
        try {
            node = body.length == 0 ? null : WireFormat.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw ApiError.unprocessable("The request body is not valid JSON.");
        } catch (IOException e) {
            throw ApiError.unprocessable("The request body could not be read.");
        }
        if (node == null || !node.isObject()) {
            throw ApiError.unprocessable("The request body must be a JSON object.");
        }
        return node;
    }
}
