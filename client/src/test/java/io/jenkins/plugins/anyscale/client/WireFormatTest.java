package io.jenkins.plugins.anyscale.client;

import static io.jenkins.plugins.anyscale.client.Fixtures.KEY;
import static io.jenkins.plugins.anyscale.client.Fixtures.TOKEN;
import static io.jenkins.plugins.anyscale.client.Fixtures.created;
import static io.jenkins.plugins.anyscale.client.Fixtures.minted;
import static io.jenkins.plugins.anyscale.client.Fixtures.ok;
import static io.jenkins.plugins.anyscale.client.Fixtures.pageOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The exact requests of every operation: method, path, query, headers and body. */
class WireFormatTest {

    @StartStop
    private final MockWebServer server = new MockWebServer();

    private AnyscaleClient client;

    @BeforeEach
    void setUp() {
        client = Fixtures.client(server);
    }

    @Test
    void createSendsCreateAccountThenMintsForItsUserId() throws Exception {
        server.enqueue(ok(created("ci-bot")));
        server.enqueue(ok(minted(KEY)));

        ApiKey key = client.serviceAccounts().create("ci-bot");

        assertThat(key.secret()).isEqualTo(KEY);
        assertThat(key.serviceAccount().name()).isEqualTo("ci-bot");
        assertThat(key.serviceAccount().email()).isEqualTo("ci-bot@org-1.serviceaccount.com");
        assertThat(key.serviceAccount().createdAt())
                .isEqualTo(OffsetDateTime.of(2026, 11, 28, 13, 1, 45, 0, ZoneOffset.UTC));
        assertThat(key.serviceAccount().permissionLevel()).isEqualTo(OrganizationPermissionLevel.COLLABORATOR);

        RecordedRequest create = server.takeRequest();
        assertThat(create.getMethod()).isEqualTo("POST");
        assertThat(create.getUrl().encodedPath()).isEqualTo("/api/v2/users/service_accounts");
        assertThat(create.getUrl().queryParameterNames()).containsExactly("name");
        assertThat(create.getUrl().queryParameter("name")).isEqualTo("ci-bot");
        assertThat(create.getBodySize()).isZero();
        assertThat(create.getHeaders().get("Content-Type")).isNull();
        assertAuthenticated(create);

        RecordedRequest mint = server.takeRequest();
        assertThat(mint.getMethod()).isEqualTo("POST");
        assertThat(mint.getTarget()).isEqualTo("/api/v2/users/create_api_key");
        assertThat(mint.getHeaders().get("Content-Type")).startsWith("application/json");
        assertThat(mint.getBody().utf8()).isEqualTo("{\"duration\":3153600000,\"user_id\":\"usr_ci-bot\"}");
        assertAuthenticated(mint);
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void createApiKeyFindsByNameThenMints() throws Exception {
        server.enqueue(ok(pageOf(null, "ci-bot")));
        server.enqueue(ok(minted(KEY)));

        ApiKey key = client.serviceAccounts().createApiKey(ServiceAccountRef.byName("ci-bot"));

        assertThat(key.serviceAccount().userId()).isEqualTo("usr_ci-bot");
        RecordedRequest find = server.takeRequest();
        assertThat(find.getMethod()).isEqualTo("GET");
        assertThat(find.getUrl().encodedPath()).isEqualTo("/api/v2/organization_collaborators/");
        assertThat(find.getUrl().queryParameter("is_service_account")).isEqualTo("true");
        assertThat(find.getUrl().queryParameter("count")).isEqualTo("50");
        assertThat(find.getUrl().queryParameter("name")).isEqualTo("ci-bot");
        assertThat(find.getUrl().queryParameter("email")).isNull();
        assertThat(find.getUrl().queryParameter("paging_token")).isNull();
        assertThat(find.getBodySize()).isZero();
        assertAuthenticated(find);
        RecordedRequest mint = server.takeRequest();
        assertThat(mint.getBody().utf8()).contains("\"user_id\":\"usr_ci-bot\"");
    }

    @Test
    void listAsksForNoMoreThanItNeeds() throws Exception {
        server.enqueue(ok(pageOf("t2", "a", "b")));

        assertThat(client.serviceAccounts().list(2))
                .extracting(ServiceAccount::name)
                .containsExactly("a", "b");

        RecordedRequest list = server.takeRequest();
        assertThat(list.getTarget()).isEqualTo("/api/v2/organization_collaborators/?is_service_account=true&count=2");
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void deleteByEmailUsesTheIdentityId() throws Exception {
        server.enqueue(ok(pageOf(null, "ci-bot")));
        server.enqueue(ok("{}"));

        client.serviceAccounts().delete(ServiceAccountRef.byEmail("ci-bot@org-1.serviceaccount.com"));

        RecordedRequest find = server.takeRequest();
        assertThat(find.getUrl().queryParameter("email")).isEqualTo("ci-bot@org-1.serviceaccount.com");
        assertThat(find.getUrl().queryParameter("name")).isNull();
        RecordedRequest delete = server.takeRequest();
        assertThat(delete.getMethod()).isEqualTo("DELETE");
        assertThat(delete.getTarget()).isEqualTo("/api/v2/organization_collaborators/idn_ci-bot");
        assertAuthenticated(delete);
    }

    @Test
    void rotateRevokesByUserIdThenMints() throws Exception {
        server.enqueue(ok(pageOf(null, "ci-bot")));
        server.enqueue(ok("{\"result\":{}}"));
        server.enqueue(ok(minted(KEY)));

        ApiKey key = client.serviceAccounts().rotateApiKeys(ServiceAccountRef.byName("ci-bot"));

        assertThat(key.secret()).isEqualTo(KEY);
        server.takeRequest();
        RecordedRequest revoke = server.takeRequest();
        assertThat(revoke.getMethod()).isEqualTo("POST");
        assertThat(revoke.getTarget())
                .isEqualTo("/api/v2/organization_collaborators/rotate_api_key_for_user/usr_ci-bot");
        assertThat(revoke.getBodySize()).isZero();
        RecordedRequest mint = server.takeRequest();
        assertThat(mint.getTarget()).isEqualTo("/api/v2/users/create_api_key");
    }

    @Test
    void hostileNamesArriveIntact() throws Exception {
        String hostile = "a b/c?d&e=f+g%h ü";
        server.enqueue(ok(created("x")));
        server.enqueue(ok(minted(KEY)));
        server.enqueue(ok(pageOf(null)));

        client.serviceAccounts().create(hostile);
        client.serviceAccounts().findIfExists(ServiceAccountRef.byName(hostile));

        RecordedRequest create = server.takeRequest();
        assertThat(create.getUrl().queryParameter("name")).isEqualTo(hostile);
        assertThat(create.getTarget())
                .isEqualTo("/api/v2/users/service_accounts?name=a%20b%2Fc%3Fd%26e%3Df%2Bg%25h%20%C3%BC");
        server.takeRequest();
        RecordedRequest find = server.takeRequest();
        assertThat(find.getUrl().queryParameter("name")).isEqualTo(hostile);
        assertThat(find.getUrl().querySize()).isEqualTo(3);
    }

    @Test
    void pathIdsAreEncodedAsOneSegment() throws Exception {
        server.enqueue(ok(pageOf(null)));
        ServiceAccount odd = new ServiceAccount("id/../x?y", "u s", "odd", null, null, null);
        server.enqueue(ok("{}"));

        client.serviceAccounts().deleteAccount(odd);

        RecordedRequest delete = server.takeRequest();
        assertThat(delete.getTarget()).isEqualTo("/api/v2/organization_collaborators/id%2F..%2Fx%3Fy");
    }

    @Test
    void cookieSchemeSendsTheSdkCookieInstead() throws Exception {
        AnyscaleClient cookieClient = AnyscaleClient.builder()
                .baseUrl(server.url("/").toString())
                .token(TOKEN)
                .authScheme(AuthScheme.COOKIE)
                .build();
        server.enqueue(ok("{\"result\":{\"id\":\"usr_1\",\"name\":\"Owner\",\"email\":\"o@example.com\","
                + "\"organization_permission_level\":\"owner\"}}"));

        UserInfo me = cookieClient.userInfo();

        assertThat(me.isOrganizationOwner()).isTrue();
        RecordedRequest request = server.takeRequest();
        assertThat(request.getTarget()).isEqualTo("/api/v2/userinfo/");
        assertThat(request.getHeaders().get("Cookie")).isEqualTo("cli_token=" + TOKEN);
        assertThat(request.getHeaders().get("Authorization")).isNull();
    }

    @Test
    void baseUrlWithoutTrailingSlashWorksTheSame() throws Exception {
        HttpUrl url = server.url("/");
        String noSlash = url.toString().substring(0, url.toString().length() - 1);
        AnyscaleClient c =
                AnyscaleClient.builder().baseUrl(noSlash).token(TOKEN).build();
        server.enqueue(ok(pageOf(null)));

        c.serviceAccounts().list(5);

        assertThat(c.baseUrl()).isEqualTo(noSlash);
        assertThat(server.takeRequest().getUrl().encodedPath()).isEqualTo("/api/v2/organization_collaborators/");
    }

    private static void assertAuthenticated(RecordedRequest request) {
        assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + TOKEN);
        assertThat(request.getHeaders().get("Cookie")).isNull();
        assertThat(request.getHeaders().get("Accept")).isEqualTo("application/json");
        assertThat(request.getHeaders().get("User-Agent")).startsWith("anyscale-client-java/");
    }
}
