package io.jenkins.plugins.anyscale.client;

import static io.jenkins.plugins.anyscale.client.Fixtures.KEY;
import static io.jenkins.plugins.anyscale.client.Fixtures.created;
import static io.jenkins.plugins.anyscale.client.Fixtures.json;
import static io.jenkins.plugins.anyscale.client.Fixtures.minted;
import static io.jenkins.plugins.anyscale.client.Fixtures.ok;
import static io.jenkins.plugins.anyscale.client.Fixtures.pageOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.SocketEffect;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Reads are retried within bounds; writes reach the server at most once per attempt we decide on. */
class RetryTest {

    @StartStop
    private final MockWebServer server = new MockWebServer();

    @ParameterizedTest
    @ValueSource(ints = {429, 502, 503, 504})
    void readsAreRetriedOnTransientStatuses(int status) {
        server.enqueue(json(status, "{\"error\":{\"detail\":\"busy\"}}"));
        server.enqueue(ok(pageOf(null, "a")));

        assertThat(Fixtures.client(server, Fixtures.fastRetry(3))
                        .serviceAccounts()
                        .list(5))
                .hasSize(1);
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void readsAreRetriedAfterADroppedConnection() {
        server.enqueue(dropped());
        server.enqueue(ok(pageOf(null, "a")));

        assertThat(Fixtures.client(server, Fixtures.fastRetry(3))
                        .serviceAccounts()
                        .list(5))
                .hasSize(1);
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void readsAreNotRetriedOnClientErrors() {
        server.enqueue(json(403, "{\"error\":{\"detail\":\"Permission denied\"}}"));

        assertThatThrownBy(() -> Fixtures.client(server, Fixtures.fastRetry(3))
                        .serviceAccounts()
                        .list(5))
                .isInstanceOf(ForbiddenException.class);
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void retriesStopAtMaxAttempts() {
        for (int i = 0; i < 5; i++) {
            server.enqueue(json(503, "{}"));
        }

        assertThatThrownBy(() -> Fixtures.client(server, Fixtures.fastRetry(3))
                        .serviceAccounts()
                        .list(5))
                .isInstanceOf(ServerErrorException.class)
                .satisfies(e -> assertThat(((AnyscaleException) e).statusCode()).isEqualTo(503));
        assertThat(server.getRequestCount()).isEqualTo(3);
    }

    @Test
    void retryAfterBeyondTheTimeBudgetIsNotWaitedFor() {
        server.enqueue(new MockResponse.Builder()
                .code(429)
                .addHeader("Retry-After", "3600")
                .build());
        RetryPolicy policy = new RetryPolicy(5, Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofSeconds(2));

        RateLimitedException e = catchThrowableOfType(
                RateLimitedException.class,
                () -> Fixtures.client(server, policy).serviceAccounts().list(5));

        assertThat(e.retryAfter()).isEqualTo(Duration.ofHours(1));
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void retryAfterIsHonoured() throws Exception {
        server.enqueue(new MockResponse.Builder()
                .code(503)
                .addHeader("Retry-After", "1")
                .build());
        server.enqueue(ok(pageOf(null, "a")));

        long start = System.nanoTime();
        Fixtures.client(server, Fixtures.fastRetry(2)).serviceAccounts().list(5);
        long waitedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        // A lower bound, not a timing assertion: the client must not have retried before the server allowed it.
        assertThat(waitedMillis).isGreaterThanOrEqualTo(1000);
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void writeAnswered503WithRetryAfterZeroReachesTheServerOncePerAttempt() {
        server.enqueue(new MockResponse.Builder()
                .code(503)
                .addHeader("Retry-After", "0")
                .build());
        server.enqueue(ok(minted(KEY)));

        AnyscaleClient noRetry = Fixtures.client(server, RetryPolicy.none());
        ServerErrorException e = catchThrowableOfType(
                ServerErrorException.class, () -> noRetry.serviceAccounts().mintApiKey(account()));

        assertThat(e.statusCode()).isEqualTo(503);
        // OkHttp on its own would have sent the POST a second time and returned the key.
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void writesAreRetriedWhenTheServerSaidItDidNotAct() {
        server.enqueue(new MockResponse.Builder()
                .code(503)
                .addHeader("Retry-After", "0")
                .build());
        server.enqueue(json(429, "{}"));
        server.enqueue(ok(created("ci-bot")));

        ServiceAccount account =
                Fixtures.client(server, Fixtures.fastRetry(3)).serviceAccounts().createAccount("ci-bot");

        assertThat(account.name()).isEqualTo("ci-bot");
        assertThat(server.getRequestCount()).isEqualTo(3);
    }

    @Test
    void aMintIsRetriedWhenRateLimitedOnly() throws Exception {
        server.enqueue(json(429, "{}"));
        server.enqueue(ok(minted(KEY)));
        ApiKey key =
                Fixtures.client(server, Fixtures.fastRetry(3)).serviceAccounts().mintApiKey(account());
        assertThat(key.secret()).isEqualTo(KEY);
        assertThat(server.getRequestCount()).isEqualTo(2);

        // A 503 may come from a gateway after Anyscale minted: repeating the mint would make a second key.
        server.enqueue(new MockResponse.Builder()
                .code(503)
                .addHeader("Retry-After", "0")
                .build());
        server.enqueue(ok(minted(KEY)));
        ServerErrorException e = catchThrowableOfType(
                ServerErrorException.class,
                () -> Fixtures.client(server, Fixtures.fastRetry(3))
                        .serviceAccounts()
                        .mintApiKey(account()));
        assertThat(e.statusCode()).isEqualTo(503);
        assertThat(server.getRequestCount()).isEqualTo(3);
        assertThat(ServiceAccounts.mayHaveMinted(e)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(ints = {500, 502, 504})
    void writesAreNotRepeatedWhenTheOutcomeIsUnknown(int status) {
        server.enqueue(json(status, "{}"));
        server.enqueue(ok(minted(KEY)));

        assertThatThrownBy(() -> Fixtures.client(server, Fixtures.fastRetry(3))
                        .serviceAccounts()
                        .mintApiKey(account()))
                .isInstanceOf(ServerErrorException.class);
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void aDroppedMintIsNotRepeatedAndThePlainOperationSaysAKeyMayExist() {
        server.enqueue(ok(pageOf(null, "ci-bot")));
        server.enqueue(dropped());
        server.enqueue(ok(minted(KEY)));

        TransportException e = catchThrowableOfType(
                TransportException.class,
                () -> Fixtures.client(server, Fixtures.fastRetry(3))
                        .serviceAccounts()
                        .createApiKey(ServiceAccountRef.byName("ci-bot")));

        assertThat(e.statusCode()).isEqualTo(AnyscaleException.NO_STATUS);
        assertThat(e.getMessage())
                .startsWith("Creating an API key for service account 'ci-bot' failed: no usable response from")
                .endsWith("A key may have been created that nothing holds; rotating the account's API keys revokes"
                        + " it.");
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void aMintAnswered500ByThePlainOperationSaysAKeyMayExistToo() {
        server.enqueue(ok(pageOf(null, "ci-bot")));
        server.enqueue(json(500, "{}"));

        ServerErrorException e = catchThrowableOfType(
                ServerErrorException.class,
                () -> Fixtures.client(server, Fixtures.fastRetry(3))
                        .serviceAccounts()
                        .createApiKey(ServiceAccountRef.byName("ci-bot")));

        assertThat(e.statusCode()).isEqualTo(500);
        assertThat(e.getMessage())
                .endsWith("A key may have been created that nothing holds; rotating the account's"
                        + " API keys revokes it.");
    }

    /** The provisioning layer says what an unclear mint means, in its own words: the single call does not. */
    @Test
    void aSingleMintLeavesTheWarningToItsCaller() {
        server.enqueue(dropped());

        TransportException e = catchThrowableOfType(
                TransportException.class,
                () -> Fixtures.client(server, Fixtures.fastRetry(3))
                        .serviceAccounts()
                        .mintApiKey(account()));

        assertThat(ServiceAccounts.mayHaveMinted(e)).isTrue();
        assertThat(e.getMessage()).doesNotContain("nothing holds");
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void droppedCreateLooksTheAccountUpInsteadOfRepeating() {
        server.enqueue(dropped());
        server.enqueue(ok(pageOf(null, "ci-bot")));

        TransportException e = catchThrowableOfType(
                TransportException.class,
                () -> Fixtures.client(server, Fixtures.fastRetry(3))
                        .serviceAccounts()
                        .createAccount("ci-bot"));

        assertThat(e.getMessage()).contains("The account 'ci-bot' exists now");
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void aConflictOnTheRetryOfACreateSaysTheFirstAttemptMayHaveMadeTheAccount() {
        server.enqueue(json(503, "{\"error\":{\"detail\":\"busy\"}}"));
        server.enqueue(json(409, "{\"error\":{\"detail\":\"Service account with name 'ci-bot' already exists.\"}}"));

        ConflictException e = catchThrowableOfType(
                ConflictException.class,
                () -> Fixtures.client(server, Fixtures.fastRetry(3))
                        .serviceAccounts()
                        .createAccount("ci-bot"));

        assertThat(e.attempts()).isEqualTo(2);
        assertThat(e.getMessage())
                .endsWith("An earlier attempt of this request was answered as failed, and may have created the"
                        + " account itself.");
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void aConflictOnTheFirstAttemptIsAPlainConflict() {
        server.enqueue(json(409, "{\"error\":{\"detail\":\"Service account with name 'ci-bot' already exists.\"}}"));

        ConflictException e = catchThrowableOfType(
                ConflictException.class,
                () -> Fixtures.client(server, Fixtures.fastRetry(3))
                        .serviceAccounts()
                        .createAccount("ci-bot"));

        assertThat(e.attempts()).isEqualTo(1);
        assertThat(e.getMessage()).doesNotContain("earlier attempt");
    }

    @Test
    void droppedDeleteOfAnAccountThatIsGoneIsDone() throws Exception {
        server.enqueue(dropped());
        server.enqueue(ok(pageOf(null)));

        Fixtures.client(server, Fixtures.fastRetry(3)).serviceAccounts().deleteAccount(account());

        assertThat(server.takeRequest().getMethod()).isEqualTo("DELETE");
        assertThat(server.takeRequest().getMethod()).isEqualTo("GET");
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void droppedDeleteOfAnAccountStillThereIsSentOnceMore() throws Exception {
        server.enqueue(dropped());
        server.enqueue(ok(pageOf(null, "ci-bot")));
        server.enqueue(ok("{}"));

        Fixtures.client(server, Fixtures.fastRetry(3)).serviceAccounts().deleteAccount(account());

        assertThat(server.getRequestCount()).isEqualTo(3);
    }

    @Test
    void readTimeoutIsATransportFailure() {
        server.enqueue(new MockResponse.Builder()
                .headersDelay(2, TimeUnit.SECONDS)
                .body("{}")
                .build());
        AnyscaleClient impatient = AnyscaleClient.builder()
                .baseUrl(server.url("/").toString())
                .token(Fixtures.TOKEN)
                .readTimeout(Duration.ofMillis(200))
                .retryPolicy(RetryPolicy.none())
                .build();

        TransportException e = catchThrowableOfType(
                TransportException.class, () -> impatient.serviceAccounts().list(1));

        assertThat(e.getMessage()).startsWith("Listing service accounts failed: no usable response from http://");
    }

    @Test
    void connectionRefusedIsATransportFailureAfterBoundedRetries() throws Exception {
        String url = server.url("/").toString();
        server.close();
        AnyscaleClient client = AnyscaleClient.builder()
                .baseUrl(url)
                .token(Fixtures.TOKEN)
                .retryPolicy(Fixtures.fastRetry(2))
                .build();

        assertThatThrownBy(() -> client.serviceAccounts().list(1)).isInstanceOf(TransportException.class);
    }

    @Test
    void backoffDoublesAndIsCapped() {
        RetryPolicy p = new RetryPolicy(10, Duration.ofMillis(100), Duration.ofMillis(1000), Duration.ofSeconds(30));

        assertThat(p.backoffAfter(1).toMillis()).isBetween(80L, 100L);
        assertThat(p.backoffAfter(2).toMillis()).isBetween(160L, 200L);
        assertThat(p.backoffAfter(3).toMillis()).isBetween(320L, 400L);
        assertThat(p.backoffAfter(9).toMillis()).isBetween(800L, 1000L);
        assertThat(p.backoffAfter(60).toMillis()).isBetween(800L, 1000L);
        assertThatThrownBy(() -> new RetryPolicy(0, Duration.ZERO, Duration.ZERO, Duration.ZERO))
                .hasMessageContaining("maxAttempts");
    }

    @Test
    void createdAccountThenMintWorksOnOneConnection() throws Exception {
        server.enqueue(ok(created("a")));
        server.enqueue(ok(minted(KEY)));

        Fixtures.client(server).serviceAccounts().create("a");

        assertThat(server.takeRequest().getConnectionIndex())
                .isEqualTo(server.takeRequest().getConnectionIndex());
    }

    private static ServiceAccount account() {
        return new ServiceAccount("idn_ci-bot", "usr_ci-bot", "ci-bot", "ci-bot@org-1.serviceaccount.com", null, null);
    }

    private static MockResponse dropped() {
        return new MockResponse.Builder()
                .onResponseStart(SocketEffect.ShutdownConnection.INSTANCE)
                .build();
    }
}
