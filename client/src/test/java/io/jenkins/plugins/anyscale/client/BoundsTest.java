package io.jenkins.plugins.anyscale.client;

import static io.jenkins.plugins.anyscale.client.Fixtures.ok;
import static io.jenkins.plugins.anyscale.client.Fixtures.page;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What a caller or a server may ask of the client is bounded: list sizes, name lengths, pages followed. */
class BoundsTest {

    @StartStop
    private final MockWebServer server = new MockWebServer();

    private ServiceAccounts accounts;

    @BeforeEach
    void setUp() {
        accounts = Fixtures.client(server).serviceAccounts();
    }

    @Test
    void listAsksForAtMostTenThousandAccounts() {
        server.setDispatcher(new PaginationTest.PagedOrganization(120));

        assertThatThrownBy(() -> accounts.list(10_001))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxItems must be at most 10000, got 10001."
                        + " To go through every account, iterate over all() instead.");
        assertThat(server.getRequestCount()).isZero();
        assertThat(accounts.list(ServiceAccounts.MAX_LIST_ITEMS)).hasSize(120);
    }

    @Test
    void namesAndEmailsAreBoundedBeforeAnythingIsSent() {
        String longest = "n".repeat(ServiceAccountRef.MAX_NAME_LENGTH);
        String tooLong = longest + "x";
        String longestEmail = "e".repeat(ServiceAccountRef.MAX_EMAIL_LENGTH - 6) + "@x.com";

        assertThat(ServiceAccountRef.byName(longest).name()).isEqualTo(longest);
        assertThat(ServiceAccountRef.byEmail(longestEmail).email()).isEqualTo(longestEmail);
        assertThatThrownBy(() -> ServiceAccountRef.byName(tooLong))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The service account name is 257 characters long; at most 256 are accepted.");
        assertThatThrownBy(() -> ServiceAccountRef.of(null, "e" + longestEmail))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The service account email is 255 characters long; at most 254 are accepted.");
        assertThatThrownBy(() -> accounts.createAccount(tooLong)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> accounts.create(tooLong)).isInstanceOf(IllegalArgumentException.class);
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void aResponseBodyOverSixteenMebibytesIsMalformedNotReadIntoMemory() {
        // Valid JSON, but a server (or something posing as one) must not make the client hold without bound.
        String huge = "{\"results\": [], \"padding\": \"" + "x".repeat(16 * 1024 * 1024) + "\"}";
        server.enqueue(Fixtures.ok(huge));

        assertThatThrownBy(() -> accounts.list(10))
                .isInstanceOf(MalformedResponseException.class)
                .hasMessageContaining("the response body is larger than 16 MiB");
        server.enqueue(Fixtures.ok("{\"results\": [], \"padding\": \"" + "x".repeat(1024 * 1024) + "\"}"));
        assertThat(accounts.list(10)).isEmpty();
    }

    @Test
    void namesAndEmailsWithControlCharactersAreRefusedBeforeAnythingIsSent() {
        // A line break in a name would let it forge lines of a build log that names accounts.
        for (String forged : new String[] {"bot\nCreated service account 'x'", "bot\r", "bot\u0000", "bot\t"}) {
            assertThatThrownBy(() -> ServiceAccountRef.byName(forged))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("The service account name contains a control character (such as a line break);"
                            + " remove it.");
            assertThatThrownBy(() -> accounts.createAccount(forged)).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> ServiceAccountRef.byEmail("bot@x.com\n"))
                .hasMessage("The service account email contains a control character (such as a line break);"
                        + " remove it.");
        assertThat(ServiceAccountRef.byName("bot é ü").name()).isEqualTo("bot é ü");
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void aServerThatNeverStopsPagingIsMalformedAfterThePageLimit() {
        AtomicInteger pages = new AtomicInteger();
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return ok(page(List.of(), "token-" + pages.incrementAndGet(), 0));
            }
        });
        // The real limit (10,000 pages) over loopback HTTP takes minutes; the same walk with a limit of 20 does not.
        ServiceAccountPages walk = new ServiceAccountPages(
                (token, count) -> accounts.fetchPage("ci-bot", null, token, count, "Looking up"),
                "Looking up",
                Integer.MAX_VALUE,
                20);

        MalformedResponseException e = catchThrowableOfType(MalformedResponseException.class, walk::hasNext);

        assertThat(e.getMessage()).contains("the server still offered more after 20 pages");
        assertThat(server.getRequestCount()).isEqualTo(20);
    }
}
