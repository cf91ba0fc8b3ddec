package io.jenkins.plugins.anyscale.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(AnyscaleEmulatorExtension.class)
class AuthenticationTest {

    private AnyscaleEmulator anyscale;
    private Api api;

    @BeforeEach
    void setUp(AnyscaleEmulator anyscale) {
        this.anyscale = anyscale;
        this.api = new Api(anyscale);
    }

    @Test
    void acceptsTheOwnerTokenAsCookieAndAsBearer() {
        assertThat(api.as(anyscale.ownerToken()).userInfo().status()).isEqualTo(200);
        assertThat(api.bearer(anyscale.ownerToken()).userInfo().status()).isEqualTo(200);
        assertThat(api.bearer(anyscale.ownerToken())
                        .list("is_service_account=true&count=50")
                        .status())
                .isEqualTo(200);
    }

    @Test
    void findsTheCliTokenAmongOtherCookies() {
        Api.Reply reply = api.anonymous().withFreshClient().get("/api/v2/userinfo/");
        assertThat(reply.status()).isEqualTo(401);
        // a raw request with several cookies
        var request = java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(anyscale.baseUrl() + "/api/v2/userinfo/"))
                .header("Cookie", "session=abc; cli_token=" + anyscale.ownerToken() + "; theme=dark")
                .build();
        assertThat(send(request)).isEqualTo(200);
    }

    @Test
    void answers401WithoutToken() {
        Api.Reply reply = api.anonymous().userInfo();
        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.detail()).isNotBlank();
        assertThat(api.anonymous().createAccount("x").status()).isEqualTo(401);
        assertThat(api.anonymous().list("is_service_account=true").status()).isEqualTo(401);
        assertThat(anyscale.state().accounts()).isEmpty();
    }

    @Test
    void answers401ForAWrongToken() {
        assertThat(api.as("aph0_wrong").userInfo().status()).isEqualTo(401);
        assertThat(api.bearer("aph0_wrong").userInfo().status()).isEqualTo(401);
        assertThat(api.as("aph0_wrong").createAccount("x").status()).isEqualTo(401);
        assertThat(api.bearer("aph0_wrong").deleteCollaborator("idn_x").status())
                .isEqualTo(401);
    }

    @Test
    void aServiceAccountKeyAuthenticatesAsItsAccountAndIsForbiddenToManage() {
        JsonNode account = api.created("robot");
        String key = api.key(account.get("user_id").asText());
        String otherUserId = api.created("other").get("user_id").asText();
        String otherId = anyscale.state().accountNamed("other").orElseThrow().id();

        for (Api asRobot : List.of(api.as(key), api.bearer(key))) {
            assertThat(asRobot.userInfo().status()).isEqualTo(200);
            assertForbidden(asRobot.createAccount("sneaky"));
            assertForbidden(asRobot.mintKey(otherUserId));
            assertForbidden(asRobot.list("is_service_account=true&count=50"));
            assertForbidden(asRobot.deleteCollaborator(otherId));
            assertForbidden(asRobot.rotate(otherUserId));
        }
        assertThat(anyscale.state().accounts())
                .extracting(EmulatedAccount::name)
                .containsExactly("robot", "other");
        assertThat(anyscale.state().liveKeys("other")).isEmpty();
    }

    @Test
    void userInfoOfTheOwnerHasEveryFieldTheSdkValidates() {
        JsonNode result = api.userInfo().expect(200).json().get("result");
        assertSdkValidUserInfo(result);
        assertThat(result.get("organization_permission_level").asText()).isEqualTo("owner");
        assertThat(result.get("organization_ids").get(0).asText()).isEqualTo(anyscale.organizationId());
    }

    @Test
    void userInfoOfAServiceAccountKeyHasEveryFieldTheSdkValidates() {
        JsonNode account = api.created("bot");
        String key = api.key(account.get("user_id").asText());
        JsonNode result = api.as(key).userInfo().expect(200).json().get("result");
        assertSdkValidUserInfo(result);
        assertThat(result.get("id").asText()).isEqualTo(account.get("user_id").asText());
        assertThat(result.get("name").asText()).isEqualTo("bot");
        assertThat(result.get("email").asText()).isEqualTo(account.get("email").asText());
        assertThat(result.get("organization_permission_level").asText()).isEqualTo("collaborator");
    }

    @Test
    void userInfoPathWorksWithoutTrailingSlash() {
        assertThat(api.get("/api/v2/userinfo").status()).isEqualTo(200);
    }

    static void assertSdkValidUserInfo(JsonNode result) {
        for (String field : List.of(
                "id",
                "email",
                "name",
                "username",
                "verified",
                "organization_permission_level",
                "organization_ids",
                "organizations")) {
            assertThat(result.hasNonNull(field)).as("userinfo field %s", field).isTrue();
        }
        assertThat(result.get("verified").isBoolean()).isTrue();
        assertThat(result.get("organization_ids").isArray()).isTrue();
        assertThat(result.get("organizations")).isNotEmpty();
        for (JsonNode organization : result.get("organizations")) {
            for (String field : List.of(
                    "id",
                    "name",
                    "public_identifier",
                    "is_general_platform_enabled",
                    "is_private_endpoints_enabled",
                    "is_usage_blocked")) {
                assertThat(organization.hasNonNull(field))
                        .as("organization field %s", field)
                        .isTrue();
            }
        }
    }

    private static void assertForbidden(Api.Reply reply) {
        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.detail()).isEqualTo("Permission denied");
    }

    private static int send(java.net.http.HttpRequest request) {
        try {
            return Api.SHARED
                    .send(request, java.net.http.HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (java.io.IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
