package io.jenkins.plugins.anyscale.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(AnyscaleEmulatorExtension.class)
class ConcurrencyTest {

    private AnyscaleEmulator anyscale;
    private Api api;

    @BeforeEach
    void setUp(AnyscaleEmulator anyscale) {
        this.anyscale = anyscale;
        this.api = new Api(anyscale);
    }

    @Test
    void fiftyRacingCreatesOfOneNameMakeOneAccount() throws Exception {
        List<Integer> statuses =
                inParallel(50, i -> api.createAccount("contested").status());
        assertThat(statuses).filteredOn(s -> s == 200).hasSize(1);
        assertThat(statuses).filteredOn(s -> s == 409).hasSize(49);
        assertThat(anyscale.state().accounts())
                .extracting(EmulatedAccount::name)
                .containsExactly("contested");
    }

    @Test
    void twentyParallelCreatesOfDistinctNamesMakeTwentyAccounts() throws Exception {
        List<Integer> statuses =
                inParallel(20, i -> api.createAccount("parallel-" + i).status());
        assertThat(statuses).containsOnly(200);
        assertThat(anyscale.state().accounts()).hasSize(20);
        assertThat(api.list("is_service_account=true&count=50")
                        .json()
                        .get("metadata")
                        .get("total")
                        .asInt())
                .isEqualTo(20);
    }

    @Test
    void parallelMintsRotationsAndDeletesLeaveConsistentState() throws Exception {
        anyscale.state().seedServiceAccounts("mix-", 10);
        List<EmulatedAccount> accounts = anyscale.state().accounts();
        inParallel(40, i -> {
            EmulatedAccount account = accounts.get(i % 10);
            return api.mintKey(account.userId()).status();
        });
        assertThat(accounts)
                .allSatisfy(a -> assertThat(anyscale.state().liveKeys(a.name())).hasSize(4));

        inParallel(
                10,
                i -> i % 2 == 0
                        ? api.rotate(accounts.get(i).userId()).status()
                        : api.deleteCollaborator(accounts.get(i).id()).status());
        assertThat(anyscale.state().accounts()).hasSize(5);
        assertThat(anyscale.state().accounts())
                .allSatisfy(a -> assertThat(anyscale.state().liveKeys(a.name())).isEmpty());
    }

    private static <T> List<T> inParallel(int n, IntFunction<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                futures.add(pool.submit(() -> {
                    go.await();
                    return task.apply(index);
                }));
            }
            go.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
