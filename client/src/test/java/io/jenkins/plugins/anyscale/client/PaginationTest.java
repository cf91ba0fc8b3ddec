package io.jenkins.plugins.anyscale.client;

import static io.jenkins.plugins.anyscale.client.Fixtures.collaborator;
import static io.jenkins.plugins.anyscale.client.Fixtures.ok;
import static io.jenkins.plugins.anyscale.client.Fixtures.page;
import static io.jenkins.plugins.anyscale.client.Fixtures.pageOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Following next_paging_token: every page for lookups, only the pages needed for list(max). */
class PaginationTest {

    @StartStop
    private final MockWebServer server = new MockWebServer();

    private AnyscaleClient client;

    @BeforeEach
    void setUp() {
        client = Fixtures.client(server);
    }

    @Test
    void exactMatchOnPageThreeIsFound() throws Exception {
        server.enqueue(ok(pageOf("p2", "bot-1", "bot-10", "my-bot-x")));
        server.enqueue(ok(pageOf("p3", "bot-11", "robot")));
        server.enqueue(ok(pageOf(null, "bot-12", "bot", "bot-13")));

        ServiceAccount found = client.serviceAccounts().find(ServiceAccountRef.byName("bot"));

        assertThat(found.id()).isEqualTo("idn_bot");
        assertThat(server.takeRequest().getUrl().queryParameter("paging_token")).isNull();
        RecordedRequest second = server.takeRequest();
        assertThat(second.getUrl().queryParameter("paging_token")).isEqualTo("p2");
        assertThat(second.getUrl().queryParameter("name")).isEqualTo("bot");
        assertThat(server.takeRequest().getUrl().queryParameter("paging_token")).isEqualTo("p3");
    }

    @Test
    void partialMatchesOnlyMeanNotFound() {
        server.enqueue(ok(pageOf("", "Bot", "bot-1")));

        ServiceAccountNotFoundException e = catchThrowableOfType(
                ServiceAccountNotFoundException.class,
                () -> client.serviceAccounts().find(ServiceAccountRef.byName("bot")));

        assertThat(e.getMessage()).isEqualTo("No service account named 'bot' found.");
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void twoExactMatchesAreAmbiguous() {
        server.enqueue(ok(page(List.of(collaborator("i1", "u1", "bot")), "p2", 2)));
        server.enqueue(ok(page(List.of(collaborator("i2", "u2", "bot")), null, 2)));

        AmbiguousServiceAccountException e = catchThrowableOfType(
                AmbiguousServiceAccountException.class,
                () -> client.serviceAccounts().find(ServiceAccountRef.byName("bot")));

        assertThat(e.getMessage())
                .startsWith("More than one service account named 'bot' exists")
                .contains("by email");
    }

    @Test
    void list120Over300AccountsReadsThreePagesInServerOrder() throws Exception {
        server.setDispatcher(new PagedOrganization(300));

        ServiceAccountList accounts = client.serviceAccounts().list(120);

        assertThat(accounts).hasSize(120);
        assertThat(accounts.hasMore()).isTrue();
        assertThat(accounts)
                .extracting(ServiceAccount::name)
                .containsExactlyElementsOf(IntStream.range(0, 120)
                        .mapToObj(PagedOrganization::name)
                        .toList());
        List<String> counts = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            counts.add(server.takeRequest().getUrl().queryParameter("count"));
        }
        assertThat(counts).containsExactly("50", "50", "20");
        assertThat(server.getRequestCount()).isEqualTo(3);
    }

    @Test
    void listMoreThanThereAreReturnsAll() {
        server.setDispatcher(new PagedOrganization(73));

        ServiceAccountList accounts = client.serviceAccounts().list(1000);

        assertThat(accounts).hasSize(73);
        assertThat(accounts.hasMore()).isFalse();
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void aListEndingExactlyAtTheLimitHasNoMore() {
        server.setDispatcher(new PagedOrganization(100));

        ServiceAccountList accounts = client.serviceAccounts().list(100);

        assertThat(accounts).hasSize(100);
        assertThat(accounts.hasMore()).isFalse();
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void aListCutShortOfAFullPageHasMore() {
        server.enqueue(ok(pageOf(null, "a", "b", "c")));

        ServiceAccountList accounts = client.serviceAccounts().list(2);

        assertThat(accounts).extracting(ServiceAccount::name).containsExactly("a", "b");
        assertThat(accounts.hasMore())
                .as("a server that ignores count still has c to give")
                .isTrue();
    }

    @Test
    void theListIsReadOnly() {
        server.enqueue(ok(pageOf(null, "a")));

        ServiceAccountList accounts = client.serviceAccounts().list(5);

        assertThatThrownBy(() -> accounts.add(accounts.get(0))).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> accounts.remove(0)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void listZeroAndNegative() {
        ServiceAccountList none = client.serviceAccounts().list(0);
        assertThat(none).isEmpty();
        assertThat(none.hasMore()).isFalse();
        assertThatThrownBy(() -> client.serviceAccounts().list(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxItems must be 0 or more, got -1.");
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void iterationIsLazy() {
        server.setDispatcher(new PagedOrganization(120));

        Iterator<ServiceAccount> all = client.serviceAccounts().all().iterator();
        assertThat(server.getRequestCount()).isZero();
        assertThat(all.next().name()).isEqualTo(PagedOrganization.name(0));
        assertThat(server.getRequestCount()).isEqualTo(1);
        for (int i = 1; i < 50; i++) {
            all.next();
        }
        assertThat(server.getRequestCount()).isEqualTo(1);
        assertThat(all.next().name()).isEqualTo(PagedOrganization.name(50));
        assertThat(server.getRequestCount()).isEqualTo(2);

        assertThat(client.serviceAccounts().stream().count()).isEqualTo(120);
    }

    @Test
    void repeatedPagingTokenIsMalformedNotAnEndlessLoop() {
        server.enqueue(ok(pageOf("same", "a")));
        server.enqueue(ok(pageOf("same", "b")));
        server.enqueue(ok(pageOf("same", "c")));

        assertThatThrownBy(() -> client.serviceAccounts().find(ServiceAccountRef.byName("zzz")))
                .isInstanceOf(MalformedResponseException.class)
                .hasMessageContaining("same paging token twice");
    }

    /** An organization of n accounts served 50 (or count) at a time, the paging token being the next offset. */
    static final class PagedOrganization extends Dispatcher {
        private final int size;

        PagedOrganization(int size) {
            this.size = size;
        }

        static String name(int i) {
            return String.format("acct-%04d", i);
        }

        @Override
        public MockResponse dispatch(RecordedRequest request) {
            int count = Integer.parseInt(request.getUrl().queryParameter("count"));
            String token = request.getUrl().queryParameter("paging_token");
            int from = token == null ? 0 : Integer.parseInt(token);
            int to = Math.min(size, from + count);
            List<String> items = IntStream.range(from, to)
                    .mapToObj(i -> collaborator(name(i)))
                    .collect(Collectors.toList());
            return ok(page(items, to < size ? Integer.toString(to) : null, size));
        }
    }
}
