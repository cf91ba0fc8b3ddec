package io.jenkins.plugins.anyscale.client;

import static io.jenkins.plugins.anyscale.client.Fixtures.json;
import static io.jenkins.plugins.anyscale.client.Fixtures.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Names, emails, error details and trace ids come from the server: whatever control characters, line breaks or bidi
 * overrides they hold, the messages the client builds from them cannot forge a log line, drive a terminal or show
 * one name as another.
 */
class ServerTextTest {

    /** An escape sequence, a forged line, and a right-to-left override, as JSON escapes. */
    static final String EVIL_JSON = "\\u001b[2J\\r\\n[Pipeline] echo forged\\u202egnp.exe";

    /** What {@link #EVIL_JSON} becomes in a message. */
    static final String EVIL_SHOWN = "?[2J??[Pipeline] echo forged?gnp.exe";

    @StartStop
    private final MockWebServer server = new MockWebServer();

    private AnyscaleClient client;

    @BeforeEach
    void setUp() {
        client = Fixtures.client(server);
    }

    @Test
    void anErrorDetail() {
        server.enqueue(json(403, "{\"error\":{\"detail\":\"Permission denied" + EVIL_JSON + "\"}}"));

        ForbiddenException e = catchThrowableOfType(
                ForbiddenException.class, () -> client.serviceAccounts().list(1));

        assertThat(e.detail()).isEqualTo("Permission denied?[2J [Pipeline] echo forged?gnp.exe");
        assertThat(e.getMessage())
                .isEqualTo("Listing service accounts failed: HTTP 403 Forbidden (only organization owners may manage"
                        + " service accounts): Permission denied?[2J [Pipeline] echo forged?gnp.exe. (Anyscale trace"
                        + " id: trace-403)");
        assertPrintable(e.getMessage());
    }

    @Test
    void aPlainTextErrorBody() {
        server.enqueue(new MockResponse.Builder()
                .code(500)
                .addHeader("Content-Type", "text/plain")
                .body("upstream \u001b]0;owned\u0007 failed\r\n\r\nINFO\u2028all good")
                .build());

        ServerErrorException e = catchThrowableOfType(
                ServerErrorException.class, () -> client.serviceAccounts().list(1));

        assertThat(e.detail()).isEqualTo("upstream ?]0;owned? failed INFO?all good");
        assertPrintable(e.getMessage());
    }

    @Test
    void aTraceId() {
        server.enqueue(new MockResponse.Builder()
                .code(404)
                .addHeaderLenient("x-trace-id", "t-1\u001b[31m\u202e")
                .body("{\"detail\":\"not found\"}")
                .build());

        NotFoundException e = catchThrowableOfType(
                NotFoundException.class,
                () -> client.serviceAccounts()
                        .deleteAccount(new ServiceAccount("idn_x", "usr_x", "x", null, null, null)));

        assertThat(e.traceId()).isEqualTo("t-1?[31m?");
        assertThat(e.getMessage()).endsWith("(Anyscale trace id: t-1?[31m?)");
    }

    @Test
    void theNamesInAnAmbiguity() {
        String email = "bot@org-1.serviceaccount.com";
        server.enqueue(ok(Fixtures.page(
                List.of(
                        collaborator("idn_1", "usr_1", "bot" + EVIL_JSON, email),
                        collaborator("idn_2", "usr_2", "b\\nx", email)),
                null,
                2)));

        AmbiguousServiceAccountException e = catchThrowableOfType(
                AmbiguousServiceAccountException.class,
                () -> client.serviceAccounts().find(ServiceAccountRef.byEmail(email)));

        assertThat(e.getMessage())
                .isEqualTo("More than one service account with email '" + email + "' exists: 'bot" + EVIL_SHOWN + "' ("
                        + email + "), 'b?x' (" + email + "). Identify it by name instead.");
    }

    @Test
    void aNameThatIsNotAServiceAccount() {
        server.enqueue(ok("{\"results\":[{\"id\":\"idn_1\",\"user_id\":\"usr_1\",\"name\":\"Jane" + EVIL_JSON
                + "\",\"is_service_account\":false}],\"metadata\":{\"next_paging_token\":null}}"));

        MalformedResponseException e = catchThrowableOfType(
                MalformedResponseException.class, () -> client.serviceAccounts().list(5));

        assertThat(e.getMessage()).contains("holds 'Jane" + EVIL_SHOWN + "', which is not a service account");
        assertPrintable(e.getMessage());
    }

    @Test
    void anUnreadableTimestamp() {
        server.enqueue(ok("{\"results\":[{\"id\":\"idn_1\",\"user_id\":\"usr_1\",\"name\":\"a\",\"created_at\":\"2026"
                + EVIL_JSON + "\"}],\"metadata\":{\"next_paging_token\":null}}"));

        MalformedResponseException e = catchThrowableOfType(
                MalformedResponseException.class, () -> client.serviceAccounts().list(5));

        assertThat(e.getMessage()).contains("is not an ISO-8601 timestamp: '2026" + EVIL_SHOWN + "'");
    }

    @Test
    void aListedAccountDescribesItselfPrintablyAndKeepsItsNameAsItIs() {
        server.enqueue(ok(Fixtures.page(
                List.of(collaborator("idn_1", "usr_1", "bot" + EVIL_JSON, "bot\\u001b@org-1.serviceaccount.com")),
                null,
                1)));

        ServiceAccount account = client.serviceAccounts().list(5).get(0);

        assertThat(account.describe()).isEqualTo("'bot" + EVIL_SHOWN + "' (bot?@org-1.serviceaccount.com)");
        assertThat(account.name()).isEqualTo("bot\u001b[2J\r\n[Pipeline] echo forged\u202egnp.exe");
    }

    @Test
    void whoATokenBelongsTo() {
        server.enqueue(ok("{\"result\":{\"id\":\"usr_1\",\"name\":\"Jane" + EVIL_JSON
                + "\",\"email\":\"jane\\r\\n@example.com\",\"organization_permission_level\":\"owner\"}}"));

        UserInfo user = client.userInfo();

        assertThat(user.describe()).isEqualTo("Jane" + EVIL_SHOWN + " (jane??@example.com)");
    }

    @Test
    void aNameOrEmailGivenByTheCallerIsShownPrintablyToo() {
        server.enqueue(ok(Fixtures.page(List.of(), null, 0)));

        ServiceAccountNotFoundException e = catchThrowableOfType(
                ServiceAccountNotFoundException.class,
                () -> client.serviceAccounts().find(ServiceAccountRef.byEmail("bot\u202egnp.exe@x")));

        assertThat(e).hasMessage("No service account with email 'bot?gnp.exe@x' found.");
    }

    static String collaborator(String id, String userId, String name, String email) {
        return "{\"id\":\"" + id + "\",\"user_id\":\"" + userId + "\",\"name\":\"" + name + "\",\"email\":\"" + email
                + "\",\"permission_level\":\"collaborator\",\"created_at\":\"2026-11-28T13:01:45Z\"}";
    }

    static void assertPrintable(String message) {
        for (char c : message.toCharArray()) {
            assertThat(Printable.isPrintable(c))
                    .as("U+%04X in %s", (int) c, message)
                    .isTrue();
        }
    }
}
