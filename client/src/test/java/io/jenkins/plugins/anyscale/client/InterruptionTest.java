package io.jenkins.plugins.anyscale.client;

import static io.jenkins.plugins.anyscale.client.Fixtures.ok;
import static io.jenkins.plugins.anyscale.client.Fixtures.pageOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import mockwebserver3.junit5.StartStop;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An interrupted thread (a Pipeline abort or timeout) ends a call with an {@link InterruptedOperationException},
 * the interrupt flag set, and no retry: whether OkHttp reports it as the undeclared {@link InterruptedException} or
 * as an {@link InterruptedIOException}, and whether it comes before, during or between attempts. A write already on
 * its way is waited for instead, so that its outcome is known.
 */
class InterruptionTest {

    @StartStop
    private final MockWebServer server = new MockWebServer();

    /** Set to make the next request interrupt its own thread inside OkHttp, before OkHttp connects. */
    private final AtomicBoolean interruptInsideOkHttp = new AtomicBoolean();

    @AfterEach
    void clearTheFlag() {
        Thread.interrupted(); // JUnit runs the next test on this thread
    }

    @Test
    void okHttpsUndeclaredInterruptedExceptionWhileConnectingIsMappedAndNotRetried() {
        server.enqueue(ok(pageOf(null)));
        interruptInsideOkHttp.set(true);

        InterruptedOperationException e = catchThrowableOfType(
                InterruptedOperationException.class,
                () -> clientInterruptingInsideOkHttp().serviceAccounts().list(5));

        // What OkHttp 5 really throws on a thread interrupted before it connects: a checked exception that no
        // catch (IOException) sees, thrown by its connection finder.
        assertThat(e.getCause()).isExactlyInstanceOf(InterruptedException.class);
        assertThat(stackOf(e.getCause())).contains("okhttp3.internal.connection.RealCall.initExchange");
        assertThat(e.getMessage())
                .isEqualTo("Listing service accounts was interrupted;"
                        + " the request may or may not have reached Anyscale.");
        assertThat(e.mayHaveReachedAnyscale()).isTrue();
        assertThat(Thread.currentThread().isInterrupted()).isTrue();
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void okHttpsInterruptedIoExceptionOnAnOpenConnectionIsMappedAndNotRetried() {
        AnyscaleClient client = clientInterruptingInsideOkHttp();
        server.enqueue(ok(pageOf(null)));
        client.serviceAccounts().list(5); // opens the connection that the next call reuses
        server.enqueue(ok(pageOf(null)));
        interruptInsideOkHttp.set(true);

        InterruptedOperationException e = catchThrowableOfType(
                InterruptedOperationException.class,
                () -> client.serviceAccounts().list(5));

        assertThat(e.getCause()).isInstanceOf(InterruptedIOException.class);
        assertThat(Thread.currentThread().isInterrupted()).isTrue();
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void anInterruptedThreadSendsNothing() {
        server.enqueue(ok(pageOf(null)));
        Thread.currentThread().interrupt();

        InterruptedOperationException e = catchThrowableOfType(
                InterruptedOperationException.class,
                () -> Fixtures.client(server).serviceAccounts().createAccount("ci-bot"));

        assertThat(e.mayHaveReachedAnyscale()).isFalse();
        assertThat(e.getMessage())
                .isEqualTo("Creating service account 'ci-bot' was interrupted before the request was sent;"
                        + " nothing reached Anyscale.");
        assertThat(Thread.currentThread().isInterrupted()).isTrue();
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void anInterruptionDuringTheBackoffEndsTheRetries() throws Exception {
        server.enqueue(new MockResponse.Builder()
                .code(503)
                .addHeader("Retry-After", "5")
                .body("{}")
                .build());
        server.enqueue(ok(pageOf(null)));
        Thread caller = Thread.currentThread();
        Thread interrupter = new Thread(() -> {
            awaitSleepingAfterTheFirstRequest(caller);
            caller.interrupt();
        });
        interrupter.start();

        InterruptedOperationException e = catchThrowableOfType(
                InterruptedOperationException.class,
                () -> Fixtures.client(server, Fixtures.fastRetry(3))
                        .serviceAccounts()
                        .list(5));
        boolean flagSetAgain = Thread.interrupted(); // cleared, so that join() can wait
        interrupter.join(10_000);

        assertThat(e.getCause()).isInstanceOf(ServerErrorException.class);
        assertThat(e.mayHaveReachedAnyscale()).isTrue();
        assertThat(flagSetAgain).isTrue();
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void aWriteOnItsWayIsWaitedForAndItsAnswerReturned() {
        interruptTheCallerWhenTheRequestArrives(new MockResponse.Builder()
                .addHeader("Content-Type", "application/json")
                .body(Fixtures.created("ci-bot"))
                .build());

        ServiceAccount created = Fixtures.client(server).serviceAccounts().createAccount("ci-bot");

        assertThat(created.userId()).isEqualTo("usr_ci-bot");
        assertThat(Thread.currentThread().isInterrupted()).isTrue();
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void aWriteWhoseConnectionDropsWhileTheCallerIsInterruptedMayHaveReachedAnyscale() {
        interruptTheCallerWhenTheRequestArrives(new MockResponse.Builder()
                .onResponseStart(SocketEffect.ShutdownConnection.INSTANCE)
                .build());

        InterruptedOperationException e = catchThrowableOfType(
                InterruptedOperationException.class,
                () -> Fixtures.client(server, Fixtures.fastRetry(3))
                        .serviceAccounts()
                        .mintApiKey(new ServiceAccount("idn_1", "usr_1", "ci-bot", null, null, null)));

        assertThat(e.mayHaveReachedAnyscale()).isTrue();
        // The single call leaves saying what that means for keys to its caller.
        assertThat(e.getMessage()).endsWith("was interrupted; the request may or may not have reached Anyscale.");
        assertThat(Thread.currentThread().isInterrupted()).isTrue();
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    /** The server interrupts the test's thread when the request arrives, then answers: an abort mid-request. */
    private void interruptTheCallerWhenTheRequestArrives(MockResponse answer) {
        Thread caller = Thread.currentThread();
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                caller.interrupt();
                return answer;
            }
        });
    }

    @Test
    void aCallTimeoutIsStillATransportFailure() {
        server.enqueue(new MockResponse.Builder()
                .headersDelay(2, TimeUnit.SECONDS)
                .body("{}")
                .build());
        AnyscaleClient impatient = AnyscaleClient.builder()
                .baseUrl(server.url("/").toString())
                .token(Fixtures.TOKEN)
                .callTimeout(Duration.ofMillis(200))
                .retryPolicy(RetryPolicy.none())
                .build();

        TransportException e = catchThrowableOfType(
                TransportException.class, () -> impatient.serviceAccounts().list(1));

        assertThat(e).isNotInstanceOf(InterruptedOperationException.class);
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }

    /** A client whose OkHttp interrupts the calling thread inside the call when asked to, as an abort would. */
    private AnyscaleClient clientInterruptingInsideOkHttp() {
        OkHttpClient http = new OkHttpClient.Builder()
                .connectionPool(new ConnectionPool())
                .addInterceptor(chain -> {
                    if (interruptInsideOkHttp.getAndSet(false)) {
                        Thread.currentThread().interrupt();
                    }
                    return chain.proceed(chain.request());
                })
                .build();
        return AnyscaleClient.builder()
                .baseUrl(server.url("/").toString())
                .token(Fixtures.TOKEN)
                .httpClient(http)
                .retryPolicy(Fixtures.fastRetry(3))
                .build();
    }

    /** Until the server has the request and the caller sleeps (the backoff: it reads no more), or 10 s. */
    private void awaitSleepingAfterTheFirstRequest(Thread caller) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while ((server.getRequestCount() == 0 || caller.getState() != Thread.State.TIMED_WAITING)
                && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
    }

    private static String stackOf(Throwable t) {
        java.io.StringWriter out = new java.io.StringWriter();
        t.printStackTrace(new java.io.PrintWriter(out));
        return out.toString();
    }
}
