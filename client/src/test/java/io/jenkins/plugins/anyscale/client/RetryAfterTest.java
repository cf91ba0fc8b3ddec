package io.jenkins.plugins.anyscale.client;

import static io.jenkins.plugins.anyscale.client.Fixtures.created;
import static io.jenkins.plugins.anyscale.client.Fixtures.ok;
import static io.jenkins.plugins.anyscale.client.Fixtures.pageOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Whatever {@code Retry-After} a server sends, the client either waits within its time budget or ends the call with
 * its own typed error: a wait of centuries must not overflow into an unchecked {@link ArithmeticException} (which
 * skipped the lookup that resolves an unclear create), nor into a wait that never ends.
 */
class RetryAfterTest {

    static final String DETAIL = "{\"error\":{\"detail\":\"slow down\"}}";

    @StartStop
    private final MockWebServer server = new MockWebServer();

    @ParameterizedTest
    @ValueSource(
            strings = {
                "10000000000", // 317 years: overflowed Duration.toNanos()
                "9223372036854775807", // Long.MAX_VALUE seconds
                "99999999999999999999999", // more than a long holds
                "Fri, 31 Dec 9999 23:59:59 GMT",
                "Fri, 31 Dec 99999 23:59:59 GMT",
                "3600" // within a long of nanoseconds, but beyond the budget
            })
    void aReadAskedToWaitLongerThanTheCallMayTakeEndsRateLimited(String retryAfter) {
        server.enqueue(answer(429, retryAfter));
        server.enqueue(ok(pageOf(null, "a")));

        RateLimitedException e = catchThrowableOfType(
                RateLimitedException.class, () -> client().serviceAccounts().list(5));

        assertThat(e.statusCode()).isEqualTo(429);
        assertThat(e.detail()).isEqualTo("slow down");
        assertThat(e.traceId()).isEqualTo("trace-429");
        assertThat(e.retryAfter()).isGreaterThan(Duration.ofMinutes(59));
        assertThat(e)
                .hasMessage("Listing service accounts failed: HTTP 429 Too Many Requests: slow down. Anyscale asked to"
                        + " wait before a retry (Retry-After: " + retryAfter + "), longer than this call may take;"
                        + " try again later. (Anyscale trace id: trace-429)");
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"10000000000", "Fri, 31 Dec 9999 23:59:59 GMT"})
    void aWriteAnswered503WithAHugeRetryAfterEndsAsAServerErrorThatTheCallerCanResolve(String retryAfter) {
        server.enqueue(answer(503, retryAfter));
        server.enqueue(ok(created("ci-bot")));

        ServerErrorException e = catchThrowableOfType(
                ServerErrorException.class, () -> client().serviceAccounts().createAccount("ci-bot"));

        assertThat(e.statusCode()).isEqualTo(503);
        assertThat(e.attempts()).isEqualTo(1);
        assertThat(e.getMessage())
                .startsWith("Creating service account 'ci-bot' failed: HTTP 503 Service Unavailable: slow down.")
                .contains("longer than this call may take");
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "-10000000000", "soon", "+5", "1.5", "Fri, 31 Dec 9999"})
    void aRetryAfterThatIsNotOneIsIgnored(String retryAfter) {
        server.enqueue(answer(429, retryAfter));
        server.enqueue(ok(pageOf(null, "a")));

        assertThat(client().serviceAccounts().list(5)).hasSize(1);
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void aDateInThePastMeansRetryNow() {
        server.enqueue(answer(503, "Thu, 01 Jan 1970 00:00:00 GMT"));
        server.enqueue(ok(pageOf(null, "a")));

        assertThat(client().serviceAccounts().list(5)).hasSize(1);
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void parsesEveryFormIntoADurationWithoutOverflow() {
        assertThat(ErrorMapper.retryAfter("10000000000")).isEqualTo(Duration.ofSeconds(10_000_000_000L));
        assertThat(ErrorMapper.retryAfter("99999999999999999999999")).isEqualTo(ChronoUnit.FOREVER.getDuration());
        assertThat(ErrorMapper.retryAfter("Fri, 31 Dec 9999 23:59:59 GMT")).isGreaterThan(Duration.ofDays(365 * 7000));
        assertThat(ErrorMapper.retryAfter(" 7 ")).isEqualTo(Duration.ofSeconds(7));
        assertThat(ErrorMapper.retryAfter("-1")).isNull();
        assertThat(ErrorMapper.retryAfter("")).isNull();
        assertThat(ErrorMapper.retryAfter(null)).isNull();
    }

    /** Four attempts within 10 s: the server's wait is what ends the call, not the attempts. */
    private AnyscaleClient client() {
        return Fixtures.client(server, Fixtures.fastRetry(4));
    }

    private static MockResponse answer(int status, String retryAfter) {
        return new MockResponse.Builder()
                .code(status)
                .addHeader("Content-Type", "application/json")
                .addHeader("x-trace-id", "trace-" + status)
                .addHeader("Retry-After", retryAfter)
                .body(DETAIL)
                .build();
    }
}
