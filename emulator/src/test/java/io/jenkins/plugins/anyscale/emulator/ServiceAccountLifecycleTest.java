package io.jenkins.plugins.anyscale.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(AnyscaleEmulatorExtension.class)
class ServiceAccountLifecycleTest {

    private AnyscaleEmulator anyscale;
    private Api api;

    @BeforeEach
    void setUp(AnyscaleEmulator anyscale) {
        this.anyscale = anyscale;
        this.api = new Api(anyscale);
    }

    @Test
    void createAnswersTheAccountInTheWireShape() {
        JsonNode result = api.created("ci-bot");

        assertThat(result.get("name").asText()).isEqualTo("ci-bot");
        assertThat(result.get("user_id").asText()).startsWith("usr_");
        assertThat(result.get("organization_id").asText()).isEqualTo(anyscale.organizationId());
        assertThat(result.get("email").asText())
                .isEqualTo("ci-bot@org-" + anyscale.organizationId() + ".serviceaccount.com");
        assertThat(result.get("permission_level").asText()).isEqualTo("collaborator");
        String createdAt = result.get("created_at").asText();
        assertThat(createdAt).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{6}\\+00:00");
        assertThat(OffsetDateTime.parse(createdAt, DateTimeFormatter.ISO_OFFSET_DATE_TIME))
                .isNotNull();

        EmulatedAccount stored = anyscale.state().accountNamed("ci-bot").orElseThrow();
        assertThat(stored.userId()).isEqualTo(result.get("user_id").asText());
        assertThat(stored.id()).startsWith("idn_").isNotEqualTo(stored.userId());
        assertThat(stored.permissionLevel()).isEqualTo("collaborator");
        assertThat(stored.createdAt()).isEqualTo(OffsetDateTime.parse(createdAt));
    }

    @Test
    void createWithATakenNameAnswers409() {
        api.created("dup");
        Api.Reply reply = api.createAccount("dup");
        assertThat(reply.status()).isEqualTo(409);
        assertThat(reply.detail()).isEqualTo("Service account with name 'dup' already exists.");
        assertThat(anyscale.state().accounts()).hasSize(1);
    }

    @Test
    void createWithoutOrWithABlankNameAnswers422() {
        assertThat(api.post("/api/v2/users/service_accounts", null).status()).isEqualTo(422);
        assertThat(api.post("/api/v2/users/service_accounts?name=", null).status())
                .isEqualTo(422);
        assertThat(api.post("/api/v2/users/service_accounts?name=+", null).status())
                .isEqualTo(422);
        assertThat(anyscale.state().accounts()).isEmpty();
    }

    @Test
    void mintedKeysAuthenticateAsTheirAccountAndOlderKeysStayValid() {
        String userId = api.created("keys").get("user_id").asText();
        String first = api.key(userId);
        String second = api.key(userId);

        assertThat(first).startsWith("aph0_").hasSize(45).isNotEqualTo(second);
        assertThat(first.substring(5)).matches("[A-Za-z0-9_-]{40}");
        assertThat(anyscale.state().liveKeys("keys")).containsExactly(first, second);
        assertThat(anyscale.state().accountOfKey(first)).contains("keys");
        assertThat(api.as(first).userInfo().status()).isEqualTo(200);
        assertThat(api.as(second).userInfo().status()).isEqualTo(200);
    }

    @Test
    void mintForAnUnknownUserIdAnswers404() {
        assertThat(api.mintKey("usr_doesnotexist").status()).isEqualTo(404);
    }

    @Test
    void mintWithTheIdentityIdInsteadOfTheUserIdAnswers404() {
        api.created("mixup");
        String identityId = anyscale.state().accountNamed("mixup").orElseThrow().id();
        assertThat(api.mintKey(identityId).status()).isEqualTo(404);
        assertThat(api.rotate(identityId).status()).isEqualTo(404);
        String userId = anyscale.state().accountNamed("mixup").orElseThrow().userId();
        assertThat(api.deleteCollaborator(userId).status()).isEqualTo(404);
        assertThat(anyscale.state().accountNamed("mixup")).isPresent();
    }

    @Test
    void mintWithABadBodyAnswers422() {
        String userId = api.created("body").get("user_id").asText();
        assertThat(api.post("/api/v2/users/create_api_key", null).status()).isEqualTo(422);
        assertThat(api.post("/api/v2/users/create_api_key", "not json").status())
                .isEqualTo(422);
        assertThat(api.post("/api/v2/users/create_api_key", "[]").status()).isEqualTo(422);
        assertThat(api.post("/api/v2/users/create_api_key", "{\"duration\": 10}")
                        .status())
                .isEqualTo(422);
        assertThat(api.post("/api/v2/users/create_api_key", "{\"duration\": -1, \"user_id\": \"" + userId + "\"}")
                        .status())
                .isEqualTo(422);
        assertThat(api.post("/api/v2/users/create_api_key", "{\"duration\": \"x\", \"user_id\": \"" + userId + "\"}")
                        .status())
                .isEqualTo(422);
        assertThat(anyscale.state().liveKeys("body")).isEmpty();
    }

    @Test
    void rotationRevokesEveryEarlierKeyOfThatAccountOnly() {
        String userId = api.created("rot").get("user_id").asText();
        String otherUserId = api.created("bystander").get("user_id").asText();
        String k1 = api.key(userId);
        String k2 = api.key(userId);
        String otherKey = api.key(otherUserId);

        Api.Reply reply = api.rotate(userId);
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().isObject()).isTrue();

        assertThat(api.as(k1).userInfo().status()).isEqualTo(401);
        assertThat(api.bearer(k2).userInfo().status()).isEqualTo(401);
        assertThat(anyscale.state().liveKeys("rot")).isEmpty();
        assertThat(anyscale.state().authenticates(k1)).isFalse();
        assertThat(api.as(otherKey).userInfo().status()).isEqualTo(200);

        String k3 = api.key(userId);
        assertThat(api.as(k3).userInfo().status()).isEqualTo(200);
        assertThat(anyscale.state().liveKeys("rot")).containsExactly(k3);
    }

    @Test
    void rotateForAnUnknownUserAnswers404() {
        assertThat(api.rotate("usr_nobody").status()).isEqualTo(404);
    }

    @Test
    void deleteRemovesTheAccountAndInvalidatesItsKeys() {
        String userId = api.created("gone").get("user_id").asText();
        String key = api.key(userId);
        String id = anyscale.state().accountNamed("gone").orElseThrow().id();

        Api.Reply reply = api.deleteCollaborator(id);
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().isObject()).isTrue();

        assertThat(anyscale.state().accountNamed("gone")).isEmpty();
        assertThat(api.as(key).userInfo().status()).isEqualTo(401);
        assertThat(anyscale.state().accountOfKey(key)).isEmpty();
        assertThat(api.list("is_service_account=true&count=50").json().get("results"))
                .isEmpty();
        assertThat(api.deleteCollaborator(id).status()).isEqualTo(404);
        // the name is free again
        assertThat(api.createAccount("gone").status()).isEqualTo(200);
    }

    @Test
    void deleteOfAnUnknownIdAnswers404() {
        Api.Reply reply = api.deleteCollaborator("idn_unknown");
        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.detail()).isNotBlank();
    }

    @Test
    void hostileNamesRoundTripThroughCreateAndList() {
        String name = "a b/c?d&e=f+g%h ü";
        JsonNode created = api.created(name);
        assertThat(created.get("name").asText()).isEqualTo(name);
        assertThat(anyscale.state().accountNamed(name)).isPresent();

        JsonNode results = api.list("is_service_account=true&count=50&name=" + Api.form(name))
                .expect(200)
                .json()
                .get("results");
        assertThat(results).hasSize(1);
        assertThat(results.get(0).get("name").asText()).isEqualTo(name);
        assertThat(results.get(0).get("email").asText())
                .isEqualTo(created.get("email").asText());

        // %20 for the spaces instead of +
        String percent = Api.form(name).replace("+", "%20");
        assertThat(api.list("is_service_account=true&count=50&name=" + percent)
                        .json()
                        .get("results"))
                .hasSize(1);
        assertThat(api.createAccount(name).status()).isEqualTo(409);
        assertThat(api.post("/api/v2/users/service_accounts?name=" + percent, null)
                        .status())
                .isEqualTo(409);
    }

    @Test
    void anEncodedSpaceAsPlusOrPercentIsTheSameName() {
        api.post("/api/v2/users/service_accounts?name=two+words", null).expect(200);
        assertThat(anyscale.state().accountNamed("two words")).isPresent();
        assertThat(api.post("/api/v2/users/service_accounts?name=two%20words", null)
                        .status())
                .isEqualTo(409);
    }
}
