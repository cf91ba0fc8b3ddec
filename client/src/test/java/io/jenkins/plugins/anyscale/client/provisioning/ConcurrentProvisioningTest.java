package io.jenkins.plugins.anyscale.client.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.anyscale.client.ServiceAccountRef;
import io.jenkins.plugins.anyscale.emulator.AnyscaleEmulator;
import io.jenkins.plugins.anyscale.emulator.AnyscaleEmulatorExtension;
import io.jenkins.plugins.anyscale.emulator.EmulatedAccount;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Parallel provisioning ends consistent: distinct accounts in parallel, one account serialized. */
@ExtendWith(AnyscaleEmulatorExtension.class)
class ConcurrentProvisioningTest {

    AnyscaleEmulator anyscale;
    ServiceAccountProvisioner provisioner;
    InMemoryKeySink sink;
    ExecutorService pool;

    @BeforeEach
    void setUp(AnyscaleEmulator emulator) {
        anyscale = emulator;
        provisioner = new ServiceAccountProvisioner(ProvisioningTest.fastClient(emulator), ProvisioningTest.FAST);
        sink = new InMemoryKeySink();
        pool = Executors.newFixedThreadPool(20);
    }

    @AfterEach
    void tearDown() {
        pool.shutdownNow();
    }

    @Test
    void twentyParallelCreatesOfDistinctAccounts() throws Exception {
        runTogether(20, i -> () -> provisioner.create("bot-" + i, new KeyTarget("key-" + i), sink));

        assertThat(anyscale.state().accounts()).hasSize(20);
        for (int i = 0; i < 20; i++) {
            String secret = sink.at("key-" + i).orElseThrow().secret();
            assertThat(anyscale.state().liveKeys("bot-" + i)).containsExactly(secret);
        }
    }

    @Test
    void twentyParallelRotationsOfDistinctAccounts() throws Exception {
        for (int i = 0; i < 20; i++) {
            provisioner.create("bot-" + i, new KeyTarget("key-" + i), sink);
        }
        List<String> oldKeys = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            oldKeys.add(sink.at("key-" + i).orElseThrow().secret());
        }

        runTogether(
                20,
                i -> () -> provisioner.rotateApiKeys(
                        ServiceAccountRef.byName("bot-" + i), new KeyTarget("key-" + i), sink));

        for (int i = 0; i < 20; i++) {
            String secret = sink.at("key-" + i).orElseThrow().secret();
            assertThat(secret).isNotEqualTo(oldKeys.get(i));
            assertThat(anyscale.state().liveKeys("bot-" + i)).containsExactly(secret);
        }
    }

    @Test
    void fiveParallelRotationsOfOneAccountLeaveTheSinkWithAWorkingKey() throws Exception {
        provisioner.create("shared-bot", new KeyTarget("shared"), sink);

        runTogether(
                5,
                i -> () -> provisioner.rotateApiKeys(
                        ServiceAccountRef.byName("shared-bot"), new KeyTarget("shared"), sink));

        String stored = sink.at("shared").orElseThrow().secret();
        assertThat(anyscale.state().authenticates(stored)).isTrue();
        assertThat(anyscale.state().liveKeys("shared-bot")).containsExactly(stored);
        assertThat(anyscale.state().accounts())
                .extracting(EmulatedAccount::name)
                .containsExactly("shared-bot");
    }

    @Test
    void racingCreatesOfOneNameMakeOneAccountAndOneStoredKey() throws Exception {
        List<Throwable> failures =
                runTogetherCollecting(5, i -> () -> provisioner.create("same", new KeyTarget("same"), sink));

        assertThat(anyscale.state().accounts()).hasSize(1);
        assertThat(failures).hasSize(4).allSatisfy(f -> assertThat(f).hasMessageContaining("already exists"));
        assertThat(anyscale.state().liveKeys("same"))
                .containsExactly(sink.at("same").orElseThrow().secret());
    }

    private void runTogether(int n, IntFunction<Callable<?>> task) throws Exception {
        assertThat(runTogetherCollecting(n, task)).isEmpty();
    }

    private List<Throwable> runTogetherCollecting(int n, IntFunction<Callable<?>> task) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Callable<?> work = task.apply(i);
            futures.add(pool.submit(() -> {
                start.await();
                return work.call();
            }));
        }
        start.countDown();
        List<Throwable> failures = new ArrayList<>();
        for (Future<?> f : futures) {
            try {
                f.get(60, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException e) {
                failures.add(e.getCause());
            }
        }
        return failures;
    }
}
