package io.jenkins.plugins.anyscale.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Test helper: raw HTTP calls to an emulator with {@code java.net.http}, sending what the Anyscale SDK sends. */
final class Api {

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient SHARED = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    /** How the token travels. */
    enum TokenStyle {
        COOKIE,
        BEARER,
        NONE
    }

    private final AnyscaleEmulator emulator;
    private final HttpClient http;
    private final String token;
    private final TokenStyle style;

    Api(AnyscaleEmulator emulator) {
        this(emulator, SHARED, emulator.ownerToken(), TokenStyle.COOKIE);
    }

    private Api(AnyscaleEmulator emulator, HttpClient http, String token, TokenStyle style) {
        this.emulator = emulator;
        this.http = http;
        this.token = token;
        this.style = style;
    }

    /** The same calls with another token sent as the SDK does (cookie). */
    Api as(String otherToken) {
        return new Api(emulator, http, otherToken, TokenStyle.COOKIE);
    }

    /** The same calls with the token sent as {@code Authorization: Bearer}. */
    Api bearer(String otherToken) {
        return new Api(emulator, http, otherToken, TokenStyle.BEARER);
    }

    Api anonymous() {
        return new Api(emulator, http, null, TokenStyle.NONE);
    }

    /** The same calls on a fresh connection pool. */
    Api withFreshClient() {
        return new Api(
                emulator,
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build(),
                token,
                style);
    }

    Reply get(String pathAndQuery) {
        return send("GET", pathAndQuery, null);
    }

    Reply post(String pathAndQuery, String jsonBody) {
        return send("POST", pathAndQuery, jsonBody);
    }

    Reply delete(String pathAndQuery) {
        return send("DELETE", pathAndQuery, null);
    }

    Reply send(String method, String pathAndQuery, String jsonBody) {
        try {
            return sendChecked(method, pathAndQuery, jsonBody);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** As {@link #send}, letting a transport failure surface as the {@link IOException} a client sees. */
    Reply sendChecked(String method, String pathAndQuery, String jsonBody) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(emulator.baseUrl() + pathAndQuery))
                .timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json")
                .header("Content-Type", "application/json") // the SDK sends it even on GET and DELETE
                .header("X-Anyscale-Client", "CLI")
                .method(
                        method,
                        jsonBody == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(jsonBody));
        if (style == TokenStyle.COOKIE) {
            request.header("Cookie", "cli_token=" + token);
        } else if (style == TokenStyle.BEARER) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.headers(), response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    // ------------------------------------------------------------ the operations, as the SDK calls them

    Reply userInfo() {
        return get("/api/v2/userinfo/");
    }

    Reply createAccount(String name) {
        return post("/api/v2/users/service_accounts?name=" + form(name), null);
    }

    Reply mintKey(String userId) {
        return post("/api/v2/users/create_api_key", "{\"duration\": 3153600000, \"user_id\": \"" + userId + "\"}");
    }

    Reply list(String query) {
        return get("/api/v2/organization_collaborators/?" + query);
    }

    Reply deleteCollaborator(String id) {
        return delete("/api/v2/organization_collaborators/" + id);
    }

    Reply rotate(String userId) {
        return post("/api/v2/organization_collaborators/rotate_api_key_for_user/" + userId, null);
    }

    /** Creates an account and returns its {@code result}, failing the test otherwise. */
    JsonNode created(String name) {
        Reply reply = createAccount(name);
        reply.expect(200);
        return reply.json().get("result");
    }

    /** Mints a key and returns it, failing the test otherwise. */
    String key(String userId) {
        Reply reply = mintKey(userId);
        reply.expect(200);
        return reply.json().get("result").get("server_session_id").asText();
    }

    static String form(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** A response. */
    record Reply(int status, HttpHeaders headers, String body) {

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }

        String detail() {
            return json().get("error").get("detail").asText();
        }

        String traceId() {
            return headers.firstValue("x-trace-id").orElse(null);
        }

        Reply expect(int expected) {
            if (status != expected) {
                throw new AssertionError("expected HTTP " + expected + " but got " + status + ": " + body);
            }
            return this;
        }
    }
}
