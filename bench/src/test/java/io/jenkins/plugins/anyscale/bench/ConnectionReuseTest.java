package io.jenkins.plugins.anyscale.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.anyscale.client.AnyscaleClient;
import io.jenkins.plugins.anyscale.client.ServiceAccountRef;
import io.jenkins.plugins.anyscale.client.ServiceAccounts;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Sequential calls through one client share one keep-alive connection: no handshake per call. */
class ConnectionReuseTest {

    private static final String TOKEN = "aph0_benchConnectionReuseToken";
    private static final int CALLS = 12;

    private final MockWebServer server = new MockWebServer();
    private final List<OkHttpClient> owned = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        server.start();
    }

    @AfterEach
    void stop() {
        for (OkHttpClient http : owned) {
            http.connectionPool().evictAll();
            http.dispatcher().executorService().shutdown();
        }
        server.close();
    }

    @Test
    void sequentialListCallsUseOneConnection() throws Exception {
        ServiceAccounts accounts = client(null).serviceAccounts();
        for (int i = 0; i < CALLS; i++) {
            server.enqueue(json(page("sa-" + i)));
        }

        for (int i = 0; i < CALLS; i++) {
            assertThat(accounts.list(10)).extracting(a -> a.name()).containsExactly("sa-" + i);
        }

        assertOneConnection(CALLS);
    }

    @Test
    void everyOperationReusesTheConnection() throws Exception {
        // Its own pool, so no other test's idle connection to this port can be picked up.
        OkHttpClient http = new OkHttpClient();
        owned.add(http);
        ServiceAccounts accounts = client(http).serviceAccounts();
        int rounds = 4;
        for (int i = 0; i < rounds; i++) {
            server.enqueue(json(created("sa-" + i)));
            server.enqueue(json("{\"result\":{\"server_session_id\":\"aph0_key" + i + "\"}}"));
            server.enqueue(json(page("sa-" + i)));
            server.enqueue(json("{}")); // revoke
        }

        for (int i = 0; i < rounds; i++) {
            assertThat(accounts.create("sa-" + i).secret()).isEqualTo("aph0_key" + i);
            accounts.revokeApiKeys(accounts.find(ServiceAccountRef.byName("sa-" + i)));
        }

        assertOneConnection(rounds * 4);
    }

    private void assertOneConnection(int requests) throws InterruptedException {
        List<Integer> connections = new ArrayList<>();
        List<Integer> exchanges = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
            assertThat(request).as("request %d", i).isNotNull();
            assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + TOKEN);
            connections.add(request.getConnectionIndex());
            exchanges.add(request.getExchangeIndex());
        }
        assertThat(connections).as("connection of each request").containsOnly(connections.get(0));
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            expected.add(i);
        }
        assertThat(exchanges).as("exchange index on that connection").isEqualTo(expected);
        assertThat(server.getRequestCount()).isEqualTo(requests);
    }

    private AnyscaleClient client(OkHttpClient http) {
        AnyscaleClient.Builder builder =
                AnyscaleClient.builder().baseUrl(server.url("/").toString()).token(TOKEN);
        if (http != null) {
            builder.httpClient(http);
        }
        return builder.build();
    }

    private static MockResponse json(String body) {
        return new MockResponse.Builder()
                .code(200)
                .addHeader("Content-Type", "application/json")
                .body(body)
                .build();
    }

    private static String collaborator(String name) {
        return "{\"id\":\"idn_" + name + "\",\"user_id\":\"usr_" + name + "\",\"name\":\"" + name
                + "\",\"email\":\"" + name + "@org-1.serviceaccount.com\",\"permission_level\":\"collaborator\","
                + "\"created_at\":\"2026-11-28T13:01:45.123456+00:00\"}";
    }

    private static String page(String name) {
        return "{\"results\":[" + collaborator(name) + "],\"metadata\":{\"total\":1,\"next_paging_token\":null}}";
    }

    private static String created(String name) {
        return "{\"result\":{\"user_id\":\"usr_" + name + "\",\"name\":\"" + name + "\",\"organization_id\":\"org_1\","
                + "\"email\":\"" + name + "@org-1.serviceaccount.com\",\"permission_level\":\"collaborator\","
                + "\"created_at\":\"2026-11-28T13:01:45Z\"}}";
    }
}
