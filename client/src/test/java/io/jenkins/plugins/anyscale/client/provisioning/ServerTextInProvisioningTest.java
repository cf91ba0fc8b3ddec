package io.jenkins.plugins.anyscale.client.provisioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.jenkins.plugins.anyscale.client.AnyscaleClient;
import io.jenkins.plugins.anyscale.client.Printable;
import io.jenkins.plugins.anyscale.client.RetryPolicy;
import io.jenkins.plugins.anyscale.client.ServiceAccountRef;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The account's email comes from the server: what the provisioner says about the account shows it printably. */
class ServerTextInProvisioningTest {

    /** An escape sequence, a forged console line and a right-to-left override, as JSON escapes. */
    static final String EMAIL_JSON = "ci-bot\\u001b[2K\\r\\n[Pipeline] echo forged\\u202e@org-1.serviceaccount.com";

    static final String EMAIL_SHOWN = "ci-bot?[2K??[Pipeline] echo forged?@org-1.serviceaccount.com";

    static final KeyTarget TARGET = new KeyTarget("ci-bot-key");

    @StartStop
    private final MockWebServer server = new MockWebServer();

    private ServiceAccountProvisioner provisioner;
    private InMemoryKeySink sink;

    @BeforeEach
    void setUp() {
        AnyscaleClient client = AnyscaleClient.builder()
                .baseUrl(server.url("/").toString())
                .token("aph0_owner")
                .retryPolicy(RetryPolicy.none())
                .build();
        provisioner = new ServiceAccountProvisioner(client, RetryPolicy.none());
        sink = new InMemoryKeySink();
        server.enqueue(json(
                200,
                "{\"results\":[{\"id\":\"idn_1\",\"user_id\":\"usr_1\",\"name\":\"ci-bot\",\"email\":\"" + EMAIL_JSON
                        + "\"}],\"metadata\":{\"next_paging_token\":null}}"));
    }

    @Test
    void whatWasDone() {
        server.enqueue(json(200, "{\"result\":{\"server_session_id\":\"aph0_minted\"}}"));

        ProvisioningOutcome outcome = provisioner.createApiKey(ServiceAccountRef.byName("ci-bot"), TARGET, sink);

        assertThat(outcome.summary())
                .startsWith("Created another API key for service account 'ci-bot' (" + EMAIL_SHOWN + ");");
        assertThat(outcome.account().email()).contains("\u001b");
    }

    @Test
    void whatFailed() {
        server.enqueue(json(500, "{\"error\":{\"detail\":\"boom\\u001b[1A\"}}"));

        ProvisioningException e = catchThrowableOfType(
                ProvisioningException.class,
                () -> provisioner.createApiKey(ServiceAccountRef.byName("ci-bot"), TARGET, sink));

        assertThat(e.getMessage())
                .contains("service account 'ci-bot' (" + EMAIL_SHOWN + ")")
                .contains("boom?[1A");
        assertThat(e.getMessage().chars().allMatch(c -> Printable.isPrintable((char) c)))
                .as(e.getMessage())
                .isTrue();
    }

    private static MockResponse json(int code, String body) {
        return new MockResponse.Builder()
                .code(code)
                .addHeader("Content-Type", "application/json")
                .body(body)
                .build();
    }
}
