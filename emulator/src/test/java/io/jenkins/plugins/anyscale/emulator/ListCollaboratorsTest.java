package io.jenkins.plugins.anyscale.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@ExtendWith(AnyscaleEmulatorExtension.class)
class ListCollaboratorsTest {

    private AnyscaleEmulator anyscale;
    private Api api;

    @BeforeEach
    void setUp(AnyscaleEmulator anyscale) {
        this.anyscale = anyscale;
        this.api = new Api(anyscale);
    }

    @Test
    void listsWithAndWithoutTrailingSlash() {
        api.created("one");
        JsonNode withSlash = api.get("/api/v2/organization_collaborators/?is_service_account=true&count=50")
                .expect(200)
                .json();
        JsonNode without = api.get("/api/v2/organization_collaborators?is_service_account=true&count=50")
                .expect(200)
                .json();
        assertThat(names(withSlash)).containsExactly("one");
        assertThat(names(without)).containsExactly("one");
    }

    @Test
    void recordsHaveTheCollaboratorShape() {
        api.created("shape");
        EmulatedAccount stored = anyscale.state().accountNamed("shape").orElseThrow();
        JsonNode body = api.list("is_service_account=true&count=50").expect(200).json();
        JsonNode record = body.get("results").get(0);
        assertThat(record.get("id").asText()).isEqualTo(stored.id());
        assertThat(record.get("user_id").asText()).isEqualTo(stored.userId());
        assertThat(record.get("name").asText()).isEqualTo("shape");
        assertThat(record.get("email").asText()).isEqualTo(stored.email());
        assertThat(record.get("permission_level").asText()).isEqualTo("collaborator");
        assertThat(record.get("created_at").asText()).endsWith("+00:00");
        assertThat(record.has("base_role")).isTrue();
        assertThat(body.get("metadata").get("total").asInt()).isEqualTo(1);
        assertThat(body.get("metadata").has("next_paging_token")).isTrue();
        assertThat(body.get("metadata").get("next_paging_token").isNull()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"true", "True", "1", "TRUE"})
    void listsServiceAccountsForEveryTrueSpelling(String value) {
        api.created("sa");
        assertThat(names(api.list("is_service_account=" + value + "&count=50")
                        .expect(200)
                        .json()))
                .containsExactly("sa");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "count=50",
                "is_service_account=false&count=50",
                "is_service_account=False",
                "is_service_account=0"
            })
    void withoutIsServiceAccountListsOnlyHumans(String query) {
        api.created("sa");
        JsonNode body = api.list(query).expect(200).json();
        assertThat(body.get("results")).hasSize(1);
        JsonNode owner = body.get("results").get(0);
        assertThat(owner.get("permission_level").asText()).isEqualTo("owner");
        assertThat(owner.get("name").asText()).isNotEqualTo("sa");
        assertThat(body.get("metadata").get("total").asInt()).isEqualTo(1);
    }

    @Test
    void aBadBooleanAnswers422() {
        assertThat(api.list("is_service_account=maybe").status()).isEqualTo(422);
    }

    @Test
    void nameAndEmailFiltersArePartialAndCaseInsensitive() {
        api.created("Deploy-Prod");
        api.created("deploy-staging");
        api.created("builder");

        assertThat(names(
                        api.list("is_service_account=true&count=50&name=DEPLOY").json()))
                .containsExactly("Deploy-Prod", "deploy-staging");
        assertThat(names(
                        api.list("is_service_account=true&count=50&name=ploy-p").json()))
                .containsExactly("Deploy-Prod");
        assertThat(names(api.list("is_service_account=true&count=50&email=BUILDER%40ORG")
                        .json()))
                .containsExactly("builder");
        assertThat(names(api.list("is_service_account=true&count=50&email=serviceaccount.COM")
                        .json()))
                .hasSize(3);
        assertThat(names(api.list("is_service_account=true&count=50&name=deploy&email=staging")
                        .json()))
                .containsExactly("deploy-staging");
        JsonNode none =
                api.list("is_service_account=true&count=50&name=nothing").json();
        assertThat(none.get("results")).isEmpty();
        assertThat(none.get("metadata").get("total").asInt()).isZero();
        assertThat(api.list("is_service_account=true&count=50&name=deploy")
                        .json()
                        .get("metadata")
                        .get("total")
                        .asInt())
                .isEqualTo(2);
    }

    @Test
    void filtersAcceptPlusAndPercentTwentyForSpaces() {
        api.created("night build");
        api.created("nightbuild");
        assertThat(names(api.list("is_service_account=true&count=50&name=night+build")
                        .json()))
                .containsExactly("night build");
        assertThat(names(api.list("is_service_account=true&count=50&name=night%20build")
                        .json()))
                .containsExactly("night build");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "51", "-1", "abc", "1000"})
    void aCountOutsideOneToFiftyAnswers422(String count) {
        Api.Reply reply = api.list("is_service_account=true&count=" + count);
        assertThat(reply.status()).isEqualTo(422);
        assertThat(reply.detail()).contains("count");
    }

    @Test
    void countOneAndFiftyAreAccepted() {
        assertThat(api.list("is_service_account=true&count=1").status()).isEqualTo(200);
        assertThat(api.list("is_service_account=true&count=50").status()).isEqualTo(200);
    }

    @Test
    void pagesThrough120AccountsFiftyAtATimeInAStableOrder() {
        anyscale.state().seedServiceAccounts("acct-", 120);
        List<Integer> pageSizes = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        String token = null;
        do {
            String query =
                    "is_service_account=true&count=50" + (token == null ? "" : "&paging_token=" + Api.form(token));
            JsonNode body = api.list(query).expect(200).json();
            assertThat(body.get("metadata").get("total").asInt()).isEqualTo(120);
            pageSizes.add(body.get("results").size());
            seen.addAll(names(body));
            JsonNode next = body.get("metadata").get("next_paging_token");
            token = next.isNull() ? null : next.asText();
        } while (token != null);

        assertThat(pageSizes).containsExactly(50, 50, 20);
        assertThat(seen)
                .hasSize(120)
                .doesNotHaveDuplicates()
                .startsWith("acct-00001", "acct-00002")
                .endsWith("acct-00120");
        assertThat(seen)
                .isEqualTo(anyscale.state().accounts().stream()
                        .map(EmulatedAccount::name)
                        .toList());
        // the same query twice gives the same first page
        assertThat(names(api.list("is_service_account=true&count=50").json())).isEqualTo(seen.subList(0, 50));
    }

    @Test
    void pagingWithAFilterCountsOnlyMatches() {
        anyscale.state().seedServiceAccounts("alpha-", 30);
        anyscale.state().seedServiceAccounts("beta-", 30);
        JsonNode first = api.list("is_service_account=true&count=25&name=BETA").json();
        assertThat(first.get("metadata").get("total").asInt()).isEqualTo(30);
        assertThat(names(first)).hasSize(25).allMatch(n -> n.startsWith("beta-"));
        String token = first.get("metadata").get("next_paging_token").asText();
        JsonNode second = api.list("is_service_account=true&count=25&name=BETA&paging_token=" + Api.form(token))
                .json();
        assertThat(names(second)).containsExactly("beta-00026", "beta-00027", "beta-00028", "beta-00029", "beta-00030");
        assertThat(second.get("metadata").get("next_paging_token").isNull()).isTrue();
    }

    @Test
    void pagingSurvivesDeletionsBetweenPages() {
        anyscale.state().seedServiceAccounts("p-", 6);
        JsonNode first = api.list("is_service_account=true&count=3").json();
        String token = first.get("metadata").get("next_paging_token").asText();
        api.deleteCollaborator(
                        anyscale.state().accountNamed("p-00002").orElseThrow().id())
                .expect(200);
        JsonNode second = api.list("is_service_account=true&count=3&paging_token=" + Api.form(token))
                .json();
        assertThat(names(second)).containsExactly("p-00004", "p-00005", "p-00006");
    }

    @Test
    void aForeignPagingTokenAnswers422() {
        assertThat(api.list("is_service_account=true&count=50&paging_token=garbage!")
                        .status())
                .isEqualTo(422);
    }

    private static List<String> names(JsonNode body) {
        List<String> names = new ArrayList<>();
        body.get("results").forEach(record -> names.add(record.get("name").asText()));
        return names;
    }
}
