package io.jenkins.plugins.anyscale.client;

import static io.jenkins.plugins.anyscale.client.Fixtures.collaborator;
import static io.jenkins.plugins.anyscale.client.Fixtures.ok;
import static io.jenkins.plugins.anyscale.client.Fixtures.page;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Identifiers from the server go into URL paths only when they are plain words, and only service accounts are ever
 * changed: a misbehaving server cannot turn a delete or a revoke into a request for another path or person.
 */
class ServerIdentifiersTest {

    private static final ServiceAccountRef CI_BOT = ServiceAccountRef.byName("ci-bot");

    @StartStop
    private final MockWebServer server = new MockWebServer();

    private ServiceAccounts accounts;

    @BeforeEach
    void setUp() {
        accounts = Fixtures.client(server).serviceAccounts();
    }

    @ParameterizedTest
    @ValueSource(strings = {"..", ".", "a/b", "", "%2e%2e", "idn_1?x=1", "idn 1"})
    void aListedIdThatIsNotAPlainWordIsNeverDeleted(String id) throws Exception {
        server.enqueue(ok(page(List.of(collaborator(id, "usr_ci-bot", "ci-bot")), null, 1)));

        MalformedResponseException e =
                catchThrowableOfType(MalformedResponseException.class, () -> accounts.delete(CI_BOT));

        assertThat(e.getMessage()).contains("results[].id");
        assertOnlyTheLookupWasSent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"..", ".", "a/b", "", "usr_1#x"})
    void aListedUserIdThatIsNotAPlainWordGetsNoRevokeAndNoMint(String userId) throws Exception {
        for (Consumer<ServiceAccountRef> operation :
                List.<Consumer<ServiceAccountRef>>of(accounts::rotateApiKeys, accounts::createApiKey)) {
            server.enqueue(ok(page(List.of(collaborator("idn_ci-bot", userId, "ci-bot")), null, 1)));

            MalformedResponseException e =
                    catchThrowableOfType(MalformedResponseException.class, () -> operation.accept(CI_BOT));

            assertThat(e.getMessage()).contains("results[].user_id");
            assertOnlyTheLookupWasSent();
        }
    }

    @Test
    void aCreatedAccountWithAStrangeUserIdGetsNoKey() throws Exception {
        server.enqueue(ok("{\"result\":{\"user_id\":\"..\",\"name\":\"ci-bot\"}}"));

        MalformedResponseException e =
                catchThrowableOfType(MalformedResponseException.class, () -> accounts.create("ci-bot"));

        assertThat(e.getMessage()).contains("result.user_id");
        assertThat(server.takeRequest().getUrl().encodedPath()).isEqualTo("/api/v2/users/service_accounts");
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void aUserListedAmongServiceAccountsIsNeitherDeletedNorRotatedNorGivenAKey() throws Exception {
        String person = collaborator("ci-bot").replace("\"base_role\"", "\"is_service_account\":false,\"base_role\"");
        for (Consumer<ServiceAccountRef> operation : List.<Consumer<ServiceAccountRef>>of(
                accounts::delete, accounts::rotateApiKeys, accounts::createApiKey)) {
            server.enqueue(ok(page(List.of(person), null, 1)));

            MalformedResponseException e =
                    catchThrowableOfType(MalformedResponseException.class, () -> operation.accept(CI_BOT));

            assertThat(e.getMessage()).contains("'ci-bot', which is not a service account");
            assertOnlyTheLookupWasSent();
        }
    }

    @Test
    void aCreatedAccountThatIsNotAServiceAccountGetsNoKey() throws Exception {
        server.enqueue(ok("{\"result\":{\"user_id\":\"usr_1\",\"name\":\"ci-bot\",\"is_service_account\":false}}"));

        catchThrowableOfType(MalformedResponseException.class, () -> accounts.create("ci-bot"));

        assertThat(server.takeRequest().getMethod()).isEqualTo("POST");
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void serviceAccountsSayingSoAreFine() {
        String marked = collaborator("ci-bot").replace("\"base_role\"", "\"is_service_account\":true,\"base_role\"");
        server.enqueue(ok(page(List.of(marked), null, 1)));

        assertThat(accounts.find(CI_BOT).id()).isEqualTo("idn_ci-bot");
    }

    /** The last request sent was the lookup (a GET), and nothing followed it. */
    private void assertOnlyTheLookupWasSent() throws Exception {
        RecordedRequest only = server.takeRequest();
        assertThat(only.getMethod()).isEqualTo("GET");
        assertThat(server.takeRequest(0, TimeUnit.SECONDS)).isNull();
    }
}
