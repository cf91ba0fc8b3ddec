package io.jenkins.plugins.anyscale.bench;

import io.jenkins.plugins.anyscale.client.ServiceAccount;
import io.jenkins.plugins.anyscale.client.ServiceAccountRef;
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
 * Finding an account by name when the server's partial {@code name} filter matches every account and the exact
 * match is the very last one: {@code ci-bot-00001} ... are seeded, then {@code ci-bot} itself, so the lookup
 * reads every page ({@code organizationSize / 50}: 20 pages for 1,000, 200 pages for 10,000).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class FindBenchmark {

    static final String NAME = "ci-bot";

    @Param({"1000", "10000"})
    public int organizationSize;

    private Loopback loopback;
    private ServiceAccountRef ref;

    @Setup(Level.Trial)
    public void start() {
        loopback = new Loopback();
        loopback.emulator.seed(NAME + "-", organizationSize - 1);
        loopback.emulator.create(NAME);
        ref = ServiceAccountRef.byName(NAME);
        String lastUserId = loopback.client
                .serviceAccounts()
                .list(organizationSize)
                .get(organizationSize - 1)
                .userId();
        if (!lastUserId.equals(baseline().userId()) || !lastUserId.equals(client().userId())) {
            throw new IllegalStateException("found the wrong account");
        }
    }

    @TearDown(Level.Trial)
    public void stop() {
        loopback.close();
    }

    @Benchmark
    public HandWritten.Account baseline() {
        return loopback.baseline.find(NAME);
    }

    @Benchmark
    public ServiceAccount client() {
        return loopback.client.serviceAccounts().find(ref);
    }
}
