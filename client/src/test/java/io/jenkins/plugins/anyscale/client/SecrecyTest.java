package io.jenkins.plugins.anyscale.client;

import static io.jenkins.plugins.anyscale.client.Fixtures.KEY;
import static io.jenkins.plugins.anyscale.client.Fixtures.TOKEN;
import static io.jenkins.plugins.anyscale.client.Fixtures.created;
import static io.jenkins.plugins.anyscale.client.Fixtures.json;
import static io.jenkins.plugins.anyscale.client.Fixtures.minted;
import static io.jenkins.plugins.anyscale.client.Fixtures.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.SocketEffect;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The token and keys appear in no exception message, toString() or log line. */
class SecrecyTest {

    @StartStop
    private final MockWebServer server = new MockWebServer();

    private final List<String> logLines = new ArrayList<>();
    private final Handler capture = new Handler() {
        private final SimpleFormatter formatter = new SimpleFormatter();

        @Override
        public void publish(LogRecord record) {
            logLines.add(formatter.format(record));
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };
    private final List<Logger> loggers =
            List.of(Logger.getLogger("io.jenkins.plugins.anyscale"), Logger.getLogger("okhttp3"));

    @BeforeEach
    void captureLogs() {
        for (Logger logger : loggers) {
            logger.setLevel(Level.ALL);
            logger.addHandler(capture);
        }
        capture.setLevel(Level.ALL);
    }

    @AfterEach
    void stop() {
        for (Logger logger : loggers) {
            logger.removeHandler(capture);
            logger.setLevel(null);
        }
    }

    @Test
    void noSecretInMessagesToStringsOrLogs() {
        AnyscaleClient client = Fixtures.client(server);
        List<Throwable> failures = new ArrayList<>();

        server.enqueue(ok(created("ci-bot")));
        server.enqueue(ok(minted(KEY)));
        ApiKey key = client.serviceAccounts().create("ci-bot");

        // A server (or proxy) that echoes the request's token back in an error.
        server.enqueue(json(401, "{\"error\":{\"detail\":\"bad token " + TOKEN + "\"}}"));
        failures.add(catchAny(() -> client.serviceAccounts().list(3)));
        server.enqueue(new MockResponse.Builder()
                .code(400)
                .body("Authorization: Bearer " + TOKEN)
                .build());
        failures.add(catchAny(() -> client.serviceAccounts().createAccount("x")));
        // A minting response that is missing a field but holds the key elsewhere.
        server.enqueue(ok("{\"result\":{\"key\":\"" + KEY + "\"}}"));
        failures.add(catchAny(() -> client.serviceAccounts().mintApiKey(key.serviceAccount())));
        server.enqueue(ok("{\"result\": \"" + KEY));
        failures.add(catchAny(() -> client.serviceAccounts().mintApiKey(key.serviceAccount())));
        server.enqueue(new MockResponse.Builder()
                .onResponseStart(SocketEffect.ShutdownConnection.INSTANCE)
                .build());
        failures.add(catchAny(() -> client.serviceAccounts().mintApiKey(key.serviceAccount())));

        assertThat(failures).allSatisfy(f -> assertThat(f).isInstanceOf(AnyscaleException.class));
        for (Throwable f : failures) {
            assertNoSecret(stackTraceOf(f));
        }
        assertNoSecret(key.toString());
        assertNoSecret(key.serviceAccount().toString());
        assertNoSecret(client.toString());
        assertThat(logLines).isNotEmpty();
        assertNoSecret(String.join("\n", logLines));
        assertThat(key.secret()).isEqualTo(KEY);
    }

    @Test
    void invalidTokensAreNotEchoed() {
        String withNewline = "aph0_secret\nInjected: header";
        assertThatThrownBy(() -> AnyscaleClient.builder().token(withNewline).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("aph0_secret");
        assertThatThrownBy(() -> AnyscaleClient.builder().token(" ").build())
                .hasMessage("An Anyscale API token is required.");
        assertThatThrownBy(() -> AnyscaleClient.builder().token(null).build())
                .hasMessage("An Anyscale API token is required.");
    }

    @Test
    void apiKeyEqualityDoesNotLeak() {
        ServiceAccount a = new ServiceAccount("i", "u", "n", "e", null, null);
        assertThat(new ApiKey(KEY, a)).isEqualTo(new ApiKey(KEY, a)).isNotEqualTo(new ApiKey(KEY + "x", a));
        assertThat(new ApiKey(KEY, a).hashCode()).isEqualTo(a.hashCode());
        assertThatThrownBy(() -> new ApiKey(" ", a)).hasMessageNotContaining(KEY);
    }

    @Test
    void mintingResponsesDoNotShowTheKey() {
        Wire.MintedKeyEnvelope envelope = new Wire.MintedKeyEnvelope(new Wire.MintedKey(KEY));

        assertThat(envelope.toString()).isEqualTo("MintedKeyEnvelope[result=MintedKey[serverSessionId=****]]");
        assertThat(new Wire.MintedKey(null).toString()).isEqualTo("MintedKey[serverSessionId=null]");
        assertThat(envelope.result().serverSessionId()).isEqualTo(KEY);
    }

    private static void assertNoSecret(String text) {
        assertThat(text).doesNotContain(TOKEN).doesNotContain(KEY);
    }

    private static String stackTraceOf(Throwable t) {
        StringWriter out = new StringWriter();
        t.printStackTrace(new PrintWriter(out));
        return out.toString();
    }

    private static Throwable catchAny(Runnable r) {
        try {
            r.run();
        } catch (Throwable t) {
            return t;
        }
        throw new AssertionError("expected a failure");
    }
}
