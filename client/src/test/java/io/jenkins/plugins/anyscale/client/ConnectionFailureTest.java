package io.jenkins.plugins.anyscale.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ServerSocket;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.SocketEffect;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

/**
 * No connection could be made: the message names the configured origin once, without OkHttp's {@code Failed to
 * connect to /127.0.0.1:8090} (its stray slash included), and says why; the exception says that nothing was sent.
 */
class ConnectionFailureTest {

    @Test
    void aRefusedConnectionNamesTheOriginOnceAndWhy() throws IOException {
        String origin = "http://127.0.0.1:" + closedPort();

        TransportException e = catchThrowableOfType(
                TransportException.class, () -> client(origin).serviceAccounts().list(1));

        assertThat(e)
                .hasMessage(
                        "Listing service accounts failed: could not connect to " + origin + " (Connection refused).");
        assertThat(e.reason()).isEqualTo("could not connect to " + origin + " (Connection refused).");
        assertThat(e.isConnectionFailure()).isTrue();
        assertThat(e.statusCode()).isEqualTo(AnyscaleException.NO_STATUS);
    }

    @Test
    void aHostNameIsNotRepeatedWithTheAddressItResolvedTo() throws IOException {
        String origin = "http://localhost:" + closedPort();

        TransportException e = catchThrowableOfType(
                TransportException.class, () -> client(origin).serviceAccounts().list(1));

        assertThat(e)
                .hasMessage(
                        "Listing service accounts failed: could not connect to " + origin + " (Connection refused).");
    }

    @Test
    void aProxyThatRefusesIsNamedSinceTheOriginWasNotWhatFailed() throws IOException {
        String origin = "http://127.0.0.1:" + closedPort();
        int proxyPort = closedPort();
        OkHttpClient throughProxy = new OkHttpClient.Builder()
                .proxy(new Proxy(Proxy.Type.HTTP, new InetSocketAddress("127.0.0.1", proxyPort)))
                .build();
        AnyscaleClient client = AnyscaleClient.builder()
                .baseUrl(origin)
                .token(Fixtures.TOKEN)
                .httpClient(throughProxy)
                .retryPolicy(RetryPolicy.none())
                .build();

        TransportException e = catchThrowableOfType(
                TransportException.class, () -> client.serviceAccounts().list(1));

        assertThat(e)
                .hasMessage("Listing service accounts failed: could not connect to " + origin
                        + " (Connection refused at 127.0.0.1:" + proxyPort + ").");
        assertThat(e.isConnectionFailure()).isTrue();
    }

    @Test
    void anUnknownHostIsAConnectionFailureToo() {
        TransportException e = catchThrowableOfType(
                TransportException.class,
                () -> client("https://anyscale.invalid").serviceAccounts().list(1));

        assertThat(e)
                .hasMessage("Listing service accounts failed: could not connect to https://anyscale.invalid"
                        + " (unknown host).");
        assertThat(e.isConnectionFailure()).isTrue();
    }

    @Test
    void aMintThatCouldNotConnectMadeNoKey() throws IOException {
        String origin = "http://127.0.0.1:" + closedPort();
        ServiceAccount account = new ServiceAccount("idn_1", "usr_1", "ci-bot", null, null, null);

        TransportException e = catchThrowableOfType(
                TransportException.class, () -> client(origin).serviceAccounts().mintApiKey(account));

        assertThat(ServiceAccounts.mayHaveMinted(e)).isFalse();
        assertThat(e)
                .hasMessage("Creating an API key for service account 'ci-bot' failed: could not connect to " + origin
                        + " (Connection refused).");
    }

    @Test
    void aConnectionThatDroppedOnceMadeIsNoConnectionFailure() throws Exception {
        try (MockWebServer server = new MockWebServer()) {
            server.start();
            server.enqueue(new MockResponse.Builder()
                    .onResponseStart(SocketEffect.ShutdownConnection.INSTANCE)
                    .build());

            TransportException e = catchThrowableOfType(
                    TransportException.class,
                    () -> Fixtures.client(server).serviceAccounts().list(1));

            assertThat(e.isConnectionFailure()).isFalse();
            assertThat(e.getMessage()).contains("failed: no usable response from http://");
        }
    }

    private static AnyscaleClient client(String origin) {
        return AnyscaleClient.builder()
                .baseUrl(origin)
                .token(Fixtures.TOKEN)
                .retryPolicy(RetryPolicy.none())
                .build();
    }

    /** A loopback port that nothing listens on (any more). */
    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
