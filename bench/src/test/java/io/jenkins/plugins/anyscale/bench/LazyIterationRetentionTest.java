package io.jenkins.plugins.anyscale.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.anyscale.client.AnyscaleClient;
import io.jenkins.plugins.anyscale.client.ServiceAccount;
import io.jenkins.plugins.anyscale.emulator.AnyscaleEmulator;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The lazy iteration keeps about one page alive: after a counting walk over 10,000 accounts, with the iterator
 * still reachable, every account but those of the last page can be collected. Deterministic: it waits for
 * collection (System.gc(), bounded retries) and asserts only on reachability, never on time.
 */
class LazyIterationRetentionTest {

    private static final int ACCOUNTS = 10_000;
    private static final int PAGE = 50;

    private static AnyscaleEmulator emulator;
    private static OkHttpClient http;
    private static AnyscaleClient client;

    @BeforeAll
    static void start() {
        emulator = AnyscaleEmulator.start();
        emulator.state().seedServiceAccounts("lazy-", ACCOUNTS);
        http = new OkHttpClient();
        client = AnyscaleClient.builder()
                .baseUrl(emulator.baseUrl())
                .token(emulator.ownerToken())
                .httpClient(http)
                .build();
    }

    @AfterAll
    static void stop() {
        http.connectionPool().evictAll();
        http.dispatcher().executorService().shutdown();
        emulator.close();
    }

    @Test
    void allHoldsAboutOnePageAtATime() {
        Iterator<ServiceAccount> iterator = client.serviceAccounts().all().iterator();
        List<WeakReference<ServiceAccount>> seen = new ArrayList<>(ACCOUNTS);

        // Past the first page: the first page's accounts are no longer needed.
        walk(iterator, PAGE + 1, seen);
        assertThat(collectedAmong(seen.subList(0, PAGE)))
                .as("first page collected after moving past it")
                .isEqualTo(PAGE);

        walk(iterator, Integer.MAX_VALUE, seen);
        assertThat(seen).hasSize(ACCOUNTS);
        int alive = ACCOUNTS - collectedAmong(seen);
        // The iterator is still reachable here (used below), and it may hold the current (last) page only.
        assertThat(alive).as("accounts still reachable after the walk").isLessThanOrEqualTo(PAGE);
        assertThat(iterator.hasNext()).isFalse();
    }

    @Test
    void theMethodDetectsRetention() {
        // Control: a list holds every account, so none may be collected; proves the test above can fail.
        List<ServiceAccount> all = client.serviceAccounts().list(ACCOUNTS);
        List<WeakReference<ServiceAccount>> seen = new ArrayList<>(ACCOUNTS);
        walk(all.iterator(), Integer.MAX_VALUE, seen);
        assertThat(collectedAmong(seen)).isZero();
        assertThat(all).hasSize(ACCOUNTS);
    }

    @Test
    void streamCountsEveryAccount() {
        assertThat(client.serviceAccounts().stream().count()).isEqualTo(ACCOUNTS);
    }

    /** Advances up to {@code max} accounts, remembering each only weakly; no strong reference outlives this frame. */
    private static void walk(Iterator<ServiceAccount> iterator, int max, List<WeakReference<ServiceAccount>> seen) {
        for (int i = 0; i < max && iterator.hasNext(); i++) {
            seen.add(new WeakReference<>(iterator.next()));
        }
    }

    /**
     * How many of the referents are collected, after collecting garbage until the count stops rising (bounded):
     * a System.gc() of the JDK's collectors clears weak references to unreachable objects before returning.
     */
    private static int collectedAmong(List<WeakReference<ServiceAccount>> refs) {
        int collected = count(refs);
        for (int attempt = 0; attempt < 20 && collected < refs.size(); attempt++) {
            System.gc();
            int now = count(refs);
            if (now == collected && attempt >= 3) {
                break;
            }
            collected = now;
        }
        return collected;
    }

    private static int count(List<WeakReference<ServiceAccount>> refs) {
        int collected = 0;
        for (WeakReference<ServiceAccount> ref : refs) {
            if (ref.get() == null) {
                collected++;
            }
        }
        return collected;
    }
}
