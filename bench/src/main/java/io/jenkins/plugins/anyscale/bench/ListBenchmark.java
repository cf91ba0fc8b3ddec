package io.jenkins.plugins.anyscale.bench;

import io.jenkins.plugins.anyscale.client.ServiceAccount;
import java.util.List;
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
 * {@code list(maxItems)} over an organization of 10,000 service accounts: {@code maxItems=50} is one page (what
 * the SDK's {@code list} does), {@code maxItems=1000} follows the paging token through 20 pages.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ListBenchmark {

    static final int ORGANIZATION_SIZE = 10_000;

    @Param({"50", "1000"})
    public int maxItems;

    private Loopback loopback;

    @Setup(Level.Trial)
    public void start() {
        loopback = new Loopback();
        loopback.emulator.seed("bench-", ORGANIZATION_SIZE);
        check(loopback.baseline.list(maxItems).size());
        check(loopback.client.serviceAccounts().list(maxItems).size());
    }

    private void check(int size) {
        if (size != maxItems) {
            throw new IllegalStateException("listed " + size + ", expected " + maxItems);
        }
    }

    @TearDown(Level.Trial)
    public void stop() {
        loopback.close();
    }

    @Benchmark
    public List<HandWritten.Account> baseline() {
        return loopback.baseline.list(maxItems);
    }

    @Benchmark
    public List<ServiceAccount> client() {
        return loopback.client.serviceAccounts().list(maxItems);
    }
}
