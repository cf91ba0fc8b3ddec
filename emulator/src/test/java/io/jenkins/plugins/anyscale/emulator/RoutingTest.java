package io.jenkins.plugins.anyscale.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(AnyscaleEmulatorExtension.class)
class RoutingTest {

    private AnyscaleEmulator anyscale;
    private Api api;

    @BeforeEach
    void setUp(AnyscaleEmulator anyscale) {
        this.anyscale = anyscale;
        this.api = new Api(anyscale);
    }

    @Test
    void unknownPathsAnswer404WithAJsonError() {
        for (String path :
                List.of("/", "/api/v2/nothing", "/api/v1/userinfo/", "/api/v2/organization_collaborators/a/b")) {
            Api.Reply reply = api.get(path);
            assertThat(reply.status()).as(path).isEqualTo(404);
            assertThat(reply.detail()).isNotBlank();
            assertThat(reply.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        }
    }

    @Test
    void wrongMethodsAnswer405() {
        assertThat(api.post("/api/v2/userinfo/", null).status()).isEqualTo(405);
        assertThat(api.get("/api/v2/users/service_accounts?name=x").status()).isEqualTo(405);
        assertThat(api.get("/api/v2/users/create_api_key").status()).isEqualTo(405);
        assertThat(api.delete("/api/v2/organization_collaborators/").status()).isEqualTo(405);
        assertThat(api.get("/api/v2/organization_collaborators/idn_x").status()).isEqualTo(405);
        assertThat(api.get("/api/v2/organization_collaborators/rotate_api_key_for_user/usr_x")
                        .status())
                .isEqualTo(405);
        Api.Reply reply = api.send("PUT", "/api/v2/organization_collaborators/", "{}");
        assertThat(reply.status()).isEqualTo(405);
        assertThat(reply.headers().firstValue("Allow")).contains("GET");
        assertThat(anyscale.state().accounts()).isEmpty();
    }

    @Test
    void everyResponseCarriesATraceId() {
        String userId = api.created("traced").get("user_id").asText();
        String id = anyscale.state().accountNamed("traced").orElseThrow().id();
        List<Api.Reply> replies = new ArrayList<>();
        replies.add(api.userInfo());
        replies.add(api.createAccount("traced-2"));
        replies.add(api.createAccount("traced")); // 409
        replies.add(api.mintKey(userId));
        replies.add(api.mintKey("usr_none")); // 404
        replies.add(api.list("is_service_account=true&count=50"));
        replies.add(api.list("count=0")); // 422
        replies.add(api.rotate(userId));
        replies.add(api.deleteCollaborator(id));
        replies.add(api.anonymous().userInfo()); // 401
        replies.add(api.get("/nowhere")); // 404
        replies.add(api.post("/api/v2/userinfo/", null)); // 405
        anyscale.faults().failNext(Endpoint.USERINFO, 1, 503);
        replies.add(api.userInfo()); // injected

        assertThat(replies).extracting(Api.Reply::status).contains(200, 401, 404, 405, 409, 422, 503);
        assertThat(replies).allSatisfy(reply -> assertThat(reply.traceId()).isNotBlank());
        assertThat(replies).extracting(Api.Reply::traceId).doesNotHaveDuplicates();
    }

    @Test
    void errorsHaveTheErrorDetailShape() {
        Api.Reply reply = api.anonymous().userInfo();
        assertThat(reply.json().get("error").get("detail").isTextual()).isTrue();
    }

    @Test
    void keepAliveConnectionsServeManyRequests() {
        // correctness only: many requests over the shared (keep-alive) client all succeed
        for (int i = 0; i < 200; i++) {
            assertThat(api.userInfo().status()).isEqualTo(200);
        }
        assertThat(anyscale.faults().requestCount(Endpoint.USERINFO)).isEqualTo(200);
    }
}
