package io.jenkins.plugins.anyscale.bench;

import io.jenkins.plugins.anyscale.client.ServiceAccount;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Counting every account with the lazy iteration ({@code serviceAccounts().all()}), against a hand-written
 * paging loop. Run it with {@code -prof gc}: {@code gc.alloc.rate.norm / organizationSize} is the bytes
 * allocated per account, which stays flat as the organization grows.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class IterateAllBenchmark {

    @Param({"1000", "5000", "10000"})
    public int organizationSize;

    private Loopback loopback;

    @Setup(Level.Trial)
    public void start() {
        loopback = new Loopback();
        loopback.emulator.seed("bench-", organizationSize);
        if (baseline() != organizationSize || client() != organizationSize) {
            throw new IllegalStateException("counted the wrong number of accounts");
        }
    }

    @TearDown(Level.Trial)
    public void stop() {
        loopback.close();
    }

    @Benchmark
    public long baseline() {
        return loopback.baseline.countAll();
    }

    @Benchmark
    public long client() {
        long count = 0;
        for (ServiceAccount account : loopback.client.serviceAccounts().all()) {
            if (account != null) {
                count++;
            }
        }
        return count;
    }
}
