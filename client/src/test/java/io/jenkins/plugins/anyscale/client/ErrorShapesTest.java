package io.jenkins.plugins.anyscale.client;

import static io.jenkins.plugins.anyscale.client.Fixtures.KEY;
import static io.jenkins.plugins.anyscale.client.Fixtures.created;
import static io.jenkins.plugins.anyscale.client.Fixtures.json;
import static io.jenkins.plugins.anyscale.client.Fixtures.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every error shape the contract lists ends as the right typed exception, with status, detail and trace id. */
class ErrorShapesTest {

    @StartStop
    private final MockWebServer server = new MockWebServer();

    private AnyscaleClient client;

    @BeforeEach
    void setUp() {
        client = Fixtures.client(server);
    }

    @Test
    void nestedErrorDetail() {
        server.enqueue(json(403, "{\"error\":{\"detail\":\"Permission denied\"}}"));

        ForbiddenException e = catchThrowableOfType(
                ForbiddenException.class, () -> client.serviceAccounts().list(1));

        assertThat(e.statusCode()).isEqualTo(403);
        assertThat(e.detail()).isEqualTo("Permission denied");
        assertThat(e.traceId()).isEqualTo("trace-403");
        assertThat(e.getMessage())
                .isEqualTo("Listing service accounts failed: HTTP 403 Forbidden (only organization owners may manage"
                        + " service accounts): Permission denied. (Anyscale trace id: trace-403)");
    }

    /** For a caller that says what it was doing itself, such as the provisioning layer: the action is said once. */
    @Test
    void theReasonIsTheMessageWithoutTheActionThatFailed() {
        server.enqueue(json(403, "{\"error\":{\"detail\":\"Permission denied\"}}"));
        server.enqueue(ok("{\"results\":[{\"id\":\"idn_1\"}]}"));
        server.enqueue(ok(Fixtures.pageOf(null)));

        ForbiddenException forbidden = catchThrowableOfType(
                ForbiddenException.class, () -> client.serviceAccounts().list(1));
        MalformedResponseException malformed = catchThrowableOfType(
                MalformedResponseException.class, () -> client.serviceAccounts().list(1));
        ServiceAccountNotFoundException notFound = catchThrowableOfType(
                ServiceAccountNotFoundException.class,
                () -> client.serviceAccounts().find(ServiceAccountRef.byName("x")));

        assertThat(forbidden.reason())
                .isEqualTo("HTTP 403 Forbidden (only organization owners may manage service accounts): Permission"
                        + " denied. (Anyscale trace id: trace-403)");
        assertThat(forbidden.getMessage()).isEqualTo("Listing service accounts failed: " + forbidden.reason());
        assertThat(malformed.reason())
                .isEqualTo("unexpected response from Anyscale: the response is missing 'results[].user_id'.");
        assertThat(malformed.getMessage()).isEqualTo("Listing service accounts failed: " + malformed.reason());
        assertThat(notFound.reason()).isEqualTo(notFound.getMessage()).isEqualTo("No service account named 'x' found.");
    }

    @Test
    void detailAsAListOfValidationItems() {
        server.enqueue(json(
                422,
                "{\"error\":{\"detail\":[{\"loc\":[\"query\",\"count\"],\"msg\":\"ensure this value is less than or"
                        + " equal to 50\",\"type\":\"value_error\"},{\"msg\":\"second\"}]}}"));

        BadRequestException e = catchThrowableOfType(
                BadRequestException.class, () -> client.serviceAccounts().list(1));

        assertThat(e.statusCode()).isEqualTo(422);
        assertThat(e.detail()).isEqualTo("query.count: ensure this value is less than or equal to 50; second");
    }

    @Test
    void bareDetail() {
        server.enqueue(json(404, "{\"detail\":\"not found\"}"));

        NotFoundException e = catchThrowableOfType(
                NotFoundException.class,
                () -> client.serviceAccounts()
                        .deleteAccount(new ServiceAccount("idn_x", "usr_x", "x", null, null, null)));

        assertThat(e).isNotInstanceOf(ServiceAccountNotFoundException.class);
        assertThat(e.detail()).isEqualTo("not found");
        assertThat(e.getMessage()).startsWith("Deleting service account 'x' failed: HTTP 404 Not Found: not found.");
    }

    @Test
    void htmlPageKeepsTheStatus() {
        server.enqueue(new MockResponse.Builder()
                .code(502)
                .addHeader("Content-Type", "text/html")
                .body("<html><body><h1>502 Bad Gateway</h1></body></html>")
                .build());

        ServerErrorException e = catchThrowableOfType(
                ServerErrorException.class, () -> client.serviceAccounts().createAccount("x"));

        assertThat(e.statusCode()).isEqualTo(502);
        assertThat(e.traceId()).isNull();
        assertThat(e.getMessage())
                .contains("HTTP 502 Bad Gateway")
                .contains("HTML page")
                .doesNotContain("<html>");
    }

    @Test
    void emptyBody() {
        server.enqueue(new MockResponse.Builder().code(500).build());

        ServerErrorException e = catchThrowableOfType(
                ServerErrorException.class, () -> client.serviceAccounts().list(1));

        assertThat(e.statusCode()).isEqualTo(500);
        assertThat(e.detail()).isNull();
        assertThat(e.getMessage()).isEqualTo("Listing service accounts failed: HTTP 500 Internal Server Error.");
    }

    @Test
    void malformedJsonErrorBody() {
        server.enqueue(json(400, "{\"error\": {\"detail\": "));

        BadRequestException e = catchThrowableOfType(
                BadRequestException.class, () -> client.serviceAccounts().list(1));

        assertThat(e.statusCode()).isEqualTo(400);
        assertThat(e.detail()).contains("not the JSON error");
    }

    @Test
    void plainTextBodyIsQuoted() {
        server.enqueue(
                new MockResponse.Builder().code(400).body("name too long").build());

        BadRequestException e = catchThrowableOfType(
                BadRequestException.class, () -> client.serviceAccounts().createAccount("x"));

        assertThat(e.detail()).isEqualTo("name too long");
    }

    @Test
    void malformedSuccessBody() {
        server.enqueue(ok("<html>surprise</html>"));

        MalformedResponseException e = catchThrowableOfType(
                MalformedResponseException.class, () -> client.serviceAccounts().list(1));

        assertThat(e.statusCode()).isEqualTo(200);
        assertThat(e.traceId()).isEqualTo("trace-200");
        assertThat(e.getMessage()).contains("Listing service accounts").contains("not the JSON");
    }

    @Test
    void successMissingFieldsNamesTheFieldNotTheBody() {
        server.enqueue(ok(created("x")));
        server.enqueue(ok("{\"result\":{\"server_session\":\"" + KEY + "\"}}"));

        MalformedResponseException e = catchThrowableOfType(
                MalformedResponseException.class, () -> client.serviceAccounts().create("x"));

        assertThat(e.getMessage()).contains("result.server_session_id").doesNotContain(KEY);
    }

    @Test
    void listedAccountMissingItsId() {
        server.enqueue(ok("{\"results\":[{\"user_id\":\"u\",\"name\":\"n\"}],\"metadata\":{\"total\":1}}"));

        MalformedResponseException e = catchThrowableOfType(
                MalformedResponseException.class, () -> client.serviceAccounts().list(5));

        assertThat(e.getMessage()).contains("results[].id");
    }

    @Test
    void listWithoutResults() {
        server.enqueue(ok("{\"metadata\":{}}"));

        assertThat(catchThrowableOfType(
                                MalformedResponseException.class,
                                () -> client.serviceAccounts().list(5))
                        .getMessage())
                .contains("'results'");
    }

    @Test
    void unknownPermissionLevelAndBadTimestampAreMalformed() {
        server.enqueue(
                ok("{\"results\":[{\"id\":\"i\",\"user_id\":\"u\",\"name\":\"n\",\"permission_level\":\"god\"}]}"));
        server.enqueue(
                ok("{\"results\":[{\"id\":\"i\",\"user_id\":\"u\",\"name\":\"n\",\"created_at\":\"yesterday\"}]}"));

        assertThat(catchThrowableOfType(
                                MalformedResponseException.class,
                                () -> client.serviceAccounts().list(5))
                        .getMessage())
                .contains("permission_level");
        assertThat(catchThrowableOfType(
                                MalformedResponseException.class,
                                () -> client.serviceAccounts().list(5))
                        .getMessage())
                .contains("created_at");
    }

    @Test
    void nameTakenIsAConflictWhateverTheStatus() {
        server.enqueue(json(409, "{\"error\":{\"detail\":\"Service account with name 'x' already exists.\"}}"));
        server.enqueue(json(400, "{\"error\":{\"detail\":\"Service account with name 'x' already exists.\"}}"));

        assertThat(catchThrowableOfType(
                                ConflictException.class,
                                () -> client.serviceAccounts().createAccount("x"))
                        .statusCode())
                .isEqualTo(409);
        assertThat(catchThrowableOfType(
                                ConflictException.class,
                                () -> client.serviceAccounts().createAccount("x"))
                        .statusCode())
                .isEqualTo(400);
    }

    @Test
    void unauthorized() {
        server.enqueue(json(401, "{\"error\":{\"detail\":\"Unauthorized\"}}"));

        UnauthorizedException e = catchThrowableOfType(UnauthorizedException.class, () -> client.userInfo());

        assertThat(e.getMessage()).contains("HTTP 401").contains("invalid, expired or revoked");
    }

    @Test
    void rateLimitedCarriesRetryAfter() {
        server.enqueue(new MockResponse.Builder()
                .code(429)
                .addHeader("Retry-After", "7")
                .body("{\"error\":{\"detail\":\"slow down\"}}")
                .build());

        RateLimitedException e = catchThrowableOfType(
                RateLimitedException.class, () -> client.serviceAccounts().list(1));

        assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(7));
        assertThat(e.detail()).isEqualTo("slow down");
    }

    @Test
    void redirectIsNotFollowed() {
        server.enqueue(new MockResponse.Builder()
                .code(307)
                .addHeader("Location", "https://elsewhere.example/steal")
                .build());

        ServerErrorException e = catchThrowableOfType(
                ServerErrorException.class, () -> client.serviceAccounts().createAccount("x"));

        assertThat(e.statusCode()).isEqualTo(307);
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void retryAfterAsHttpDate() {
        assertThat(ErrorMapper.retryAfter("Wed, 21 Oct 2015 07:28:00 GMT")).isEqualTo(Duration.ZERO);
        assertThat(ErrorMapper.retryAfter("soon")).isNull();
        assertThat(ErrorMapper.retryAfter("-3")).isNull();
        assertThat(ErrorMapper.retryAfter(null)).isNull();
    }
}
