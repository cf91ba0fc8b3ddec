package io.jenkins.plugins.anyscale.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(AnyscaleEmulatorExtension.class)
class FaultInjectionTest {

    private AnyscaleEmulator anyscale;
    private Faults faults;
    private Api api;

    @BeforeEach
    void setUp(AnyscaleEmulator anyscale) {
        this.anyscale = anyscale;
        this.faults = anyscale.faults();
        this.api = new Api(anyscale);
    }

    @Test
    void failNextAnswersTheStatusWithAJsonErrorThenServesNormally() {
        faults.failNext(Endpoint.CREATE_SERVICE_ACCOUNT, 2, 503);

        for (int i = 0; i < 2; i++) {
            Api.Reply reply = api.createAccount("flaky");
            assertThat(reply.status()).isEqualTo(503);
            assertThat(reply.detail()).isEqualTo("injected fault");
            assertThat(reply.traceId()).isNotBlank();
            assertThat(reply.headers().firstValue("Retry-After")).isEmpty();
        }
        assertThat(anyscale.state().accounts()).isEmpty();
        assertThat(api.createAccount("flaky").status()).isEqualTo(200);
        assertThat(faults.requestCount(Endpoint.CREATE_SERVICE_ACCOUNT)).isEqualTo(3);
    }

    @Test
    void failNextWithRetryAfterSendsTheHeaderInWholeSeconds() {
        faults.failNext(Endpoint.LIST_COLLABORATORS, 1, 429, Duration.ofSeconds(7))
                .failNext(Endpoint.LIST_COLLABORATORS, 1, 503, Duration.ofMillis(1500));

        Api.Reply first = api.list("is_service_account=true&count=50");
        assertThat(first.status()).isEqualTo(429);
        assertThat(first.headers().firstValue("Retry-After")).contains("7");
        Api.Reply second = api.list("is_service_account=true&count=50");
        assertThat(second.status()).isEqualTo(503);
        assertThat(second.headers().firstValue("Retry-After")).contains("2");
        assertThat(api.list("is_service_account=true&count=50").status()).isEqualTo(200);
    }

    @Test
    void faultsApplyOnlyToTheirEndpoint() {
        faults.failNext(Endpoint.CREATE_API_KEY, 1, 500);
        assertThat(api.createAccount("ok").status()).isEqualTo(200);
        assertThat(api.userInfo().status()).isEqualTo(200);
        String userId = anyscale.state().accountNamed("ok").orElseThrow().userId();
        assertThat(api.mintKey(userId).status()).isEqualTo(500);
        assertThat(anyscale.state().liveKeys("ok")).isEmpty();
        assertThat(api.mintKey(userId).status()).isEqualTo(200);
    }

    @Test
    void failNextPrecedesAuthentication() {
        faults.failNext(Endpoint.USERINFO, 1, 502);
        assertThat(api.anonymous().userInfo().status()).isEqualTo(502);
        assertThat(api.anonymous().userInfo().status()).isEqualTo(401);
    }

    @Test
    void delayNextServesNormallyAfterTheDelay() {
        faults.delayNext(Endpoint.CREATE_SERVICE_ACCOUNT, 1, Duration.ofMillis(200));
        long start = System.nanoTime();
        Api.Reply reply = api.createAccount("slow");
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
        assertThat(reply.status()).isEqualTo(200);
        assertThat(anyscale.state().accountNamed("slow")).isPresent();
        assertThat(elapsedMillis).isGreaterThanOrEqualTo(200); // a lower bound only: never a timing upper bound
    }

    @Test
    void dropNextClosesTheConnectionWithoutResponseAndLeavesStateUntouched() throws Exception {
        faults.dropNext(Endpoint.CREATE_SERVICE_ACCOUNT, 1);
        assertThatThrownBy(() -> api.sendChecked("POST", "/api/v2/users/service_accounts?name=dropped", null))
                .isInstanceOf(IOException.class);
        assertThat(anyscale.state().accountNamed("dropped")).isEmpty();
        assertThat(faults.requestCount(Endpoint.CREATE_SERVICE_ACCOUNT)).isEqualTo(1);
        assertThat(api.createAccount("dropped").status()).isEqualTo(200);
    }

    @Test
    void dropNextOnAReadDropsEveryAttempt() {
        faults.dropNext(Endpoint.LIST_COLLABORATORS, 3);
        // java.net.http may transparently retry an idempotent GET once on a reused connection
        assertThatThrownBy(() ->
                        api.withFreshClient().sendChecked("GET", "/api/v2/organization_collaborators/?count=50", null))
                .isInstanceOf(IOException.class);
        assertThat(faults.requestCount(Endpoint.LIST_COLLABORATORS)).isBetween(1, 2);
    }

    @Test
    void applyThenDropAppliesTheChangeButTheClientSeesAnIoException() {
        faults.applyThenDropNext(Endpoint.CREATE_SERVICE_ACCOUNT, 1);
        assertThatThrownBy(() -> api.sendChecked("POST", "/api/v2/users/service_accounts?name=did-it-happen", null))
                .isInstanceOf(IOException.class);
        assertThat(anyscale.state().accountNamed("did-it-happen")).isPresent();
        assertThat(api.createAccount("did-it-happen").status()).isEqualTo(409);
    }

    @Test
    void applyThenFailAppliesTheChangeButAnswersTheStatus() {
        faults.applyThenFailNext(Endpoint.CREATE_SERVICE_ACCOUNT, 1, 503);

        Api.Reply reply = api.createAccount("did-it-happen");

        assertThat(reply.status()).isEqualTo(503);
        assertThat(reply.detail()).isEqualTo("injected fault");
        assertThat(anyscale.state().accountNamed("did-it-happen")).isPresent();
        assertThat(api.createAccount("did-it-happen").status()).isEqualTo(409);
        assertThat(faults.requestCount(Endpoint.CREATE_SERVICE_ACCOUNT)).isEqualTo(2);
    }

    @Test
    void applyThenFailWithRetryAfterSendsTheHeaderAsGiven() {
        faults.applyThenFailNext(Endpoint.CREATE_SERVICE_ACCOUNT, 1, 503, Duration.ofMillis(2500))
                .applyThenFailNext(Endpoint.CREATE_SERVICE_ACCOUNT, 1, 503, "Fri, 31 Dec 9999 23:59:59 GMT");

        Api.Reply first = api.createAccount("first");
        Api.Reply second = api.createAccount("second");

        assertThat(first.status()).isEqualTo(503);
        assertThat(first.headers().firstValue("Retry-After")).contains("3");
        assertThat(second.status()).isEqualTo(503);
        assertThat(second.headers().firstValue("Retry-After")).contains("Fri, 31 Dec 9999 23:59:59 GMT");
        assertThat(anyscale.state().accountNamed("first")).isPresent();
        assertThat(anyscale.state().accountNamed("second")).isPresent();
    }

    @Test
    void failNextSendsEvenARetryAfterNoServerShouldSend() {
        faults.failNext(Endpoint.LIST_COLLABORATORS, 1, 429, "10000000000")
                .failNext(Endpoint.LIST_COLLABORATORS, 1, 503, "-1");

        assertThat(api.list("is_service_account=true&count=50").headers().firstValue("Retry-After"))
                .contains("10000000000");
        assertThat(api.list("is_service_account=true&count=50").headers().firstValue("Retry-After"))
                .contains("-1");
    }

    @Test
    void applyThenFailAnswersTheStatusEvenWhenTheRequestWasRefused() {
        api.created("taken");
        faults.applyThenFailNext(Endpoint.CREATE_SERVICE_ACCOUNT, 1, 502);

        assertThat(api.createAccount("taken").status()).isEqualTo(502);
        assertThat(anyscale.state().accounts()).hasSize(1);
    }

    @Test
    void applyThenFailRejectsAStatusThatIsNotOne() {
        assertThatThrownBy(() -> faults.applyThenFailNext(Endpoint.CREATE_API_KEY, 1, 42))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void applyThenDropOnMintLeavesALiveKeyNobodySaw() {
        String userId = api.created("minted").get("user_id").asText();
        faults.applyThenDropNext(Endpoint.CREATE_API_KEY, 1);
        assertThatThrownBy(() -> api.sendChecked(
                        "POST",
                        "/api/v2/users/create_api_key",
                        "{\"duration\": 3153600000, \"user_id\": \"" + userId + "\"}"))
                .isInstanceOf(IOException.class);
        assertThat(anyscale.state().liveKeys("minted")).hasSize(1);
    }

    @Test
    void applyThenDropOnRotateRevokes() {
        String userId = api.created("rotated").get("user_id").asText();
        String key = api.key(userId);
        faults.applyThenDropNext(Endpoint.ROTATE_API_KEYS, 1);
        assertThatThrownBy(() -> api.sendChecked(
                        "POST", "/api/v2/organization_collaborators/rotate_api_key_for_user/" + userId, null))
                .isInstanceOf(IOException.class);
        assertThat(anyscale.state().authenticates(key)).isFalse();
    }

    @Test
    void applyThenDropOnDeleteDeletes() {
        api.created("deleted");
        String id = anyscale.state().accountNamed("deleted").orElseThrow().id();
        faults.applyThenDropNext(Endpoint.DELETE_COLLABORATOR, 1);
        assertThatThrownBy(() -> api.sendChecked("DELETE", "/api/v2/organization_collaborators/" + id, null))
                .isInstanceOf(IOException.class);
        assertThat(anyscale.state().accountNamed("deleted")).isEmpty();
    }

    @Test
    void faultsQueueInOrderAndClearForgetsThem() {
        faults.failNext(Endpoint.USERINFO, 1, 500).failNext(Endpoint.USERINFO, 1, 503);
        assertThat(api.userInfo().status()).isEqualTo(500);
        assertThat(api.userInfo().status()).isEqualTo(503);
        assertThat(api.userInfo().status()).isEqualTo(200);

        faults.failNext(Endpoint.USERINFO, 5, 500);
        faults.clear();
        assertThat(api.userInfo().status()).isEqualTo(200);
    }

    @Test
    void requestCountsCountEveryRequestAndReset() {
        faults.failNext(Endpoint.USERINFO, 1, 500);
        api.userInfo();
        api.userInfo();
        api.anonymous().userInfo();
        api.list("is_service_account=true&count=50");
        assertThat(faults.requestCount(Endpoint.USERINFO)).isEqualTo(3);
        assertThat(faults.requestCount(Endpoint.LIST_COLLABORATORS)).isEqualTo(1);
        assertThat(faults.requestCount(Endpoint.CREATE_SERVICE_ACCOUNT)).isZero();
        assertThat(faults.totalRequestCount()).isEqualTo(4);
        faults.resetCounts();
        assertThat(faults.requestCount(Endpoint.USERINFO)).isZero();
        assertThat(faults.totalRequestCount()).isZero();
    }

    @Test
    void rejectsNonsenseProgramming() {
        assertThatThrownBy(() -> faults.failNext(Endpoint.USERINFO, 0, 500))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> faults.failNext(Endpoint.USERINFO, 1, 42))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> faults.delayNext(Endpoint.USERINFO, 1, Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> faults.applyThenFailNext(Endpoint.USERINFO, 1, 503, Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> faults.applyThenFailNext(Endpoint.USERINFO, 1, 503, "1\r\nX-Injected: yes"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> faults.failNext(Endpoint.USERINFO, 1, 503, " "))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
