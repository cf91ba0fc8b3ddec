package io.jenkins.plugins.anyscale.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;

/** Scripted responses in the shapes of the Anyscale API, for MockWebServer tests. */
final class Fixtures {

    static final String TOKEN = "aph0_ownerTokenThatMustNeverLeak_0123456789";
    static final String KEY = "aph0_mintedKeyThatMustNeverLeak_9876543210";

    private Fixtures() {}

    static AnyscaleClient client(MockWebServer server) {
        return client(server, RetryPolicy.none());
    }

    static AnyscaleClient client(MockWebServer server, RetryPolicy retry) {
        return AnyscaleClient.builder()
                .baseUrl(server.url("/").toString())
                .token(TOKEN)
                .retryPolicy(retry)
                .build();
    }

    static RetryPolicy fastRetry(int attempts) {
        return new RetryPolicy(attempts, Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofSeconds(10));
    }

    static MockResponse json(int code, String body) {
        return new MockResponse.Builder()
                .code(code)
                .addHeader("Content-Type", "application/json")
                .addHeader("x-trace-id", "trace-" + code)
                .body(body)
                .build();
    }

    static MockResponse ok(String body) {
        return json(200, body);
    }

    static String collaborator(String name) {
        return collaborator("idn_" + name, "usr_" + name, name);
    }

    static String collaborator(String id, String userId, String name) {
        return "{\"id\":\"" + id + "\",\"user_id\":\"" + userId + "\",\"name\":\"" + name + "\",\"email\":\"" + name
                + "@org-1.serviceaccount.com\",\"permission_level\":\"collaborator\","
                + "\"created_at\":\"2026-11-28T13:01:45.123456+00:00\",\"base_role\":\"member\",\"new_field\":[1]}";
    }

    static String page(List<String> collaborators, String nextToken, int total) {
        return "{\"results\":[" + String.join(",", collaborators) + "],\"metadata\":{\"total\":" + total
                + ",\"next_paging_token\":" + (nextToken == null ? "null" : "\"" + nextToken + "\"") + "}}";
    }

    static String pageOf(String nextToken, String... names) {
        List<String> items = new ArrayList<>();
        for (String n : names) {
            items.add(collaborator(n));
        }
        return page(items, nextToken, names.length);
    }

    static String created(String name) {
        return "{\"result\":{\"user_id\":\"usr_" + name + "\",\"name\":\"" + name
                + "\",\"organization_id\":\"org_1\",\"email\":\"" + name
                + "@org-1.serviceaccount.com\",\"permission_level\":\"collaborator\","
                + "\"created_at\":\"2026-11-28T13:01:45Z\"}}";
    }

    static String minted(String key) {
        return "{\"result\":{\"server_session_id\":\"" + key + "\"}}";
    }
}
