package io.jenkins.plugins.anyscale.bench;

import io.jenkins.plugins.anyscale.client.ApiKey;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Creating an account and minting its first key (two POSTs), the SDK's {@code create(name)}. Every invocation
 * uses a new name, so it never meets a 409; the emulator is emptied before each iteration.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class CreateAndMintBenchmark {

    private Loopback loopback;
    private long sequence;

    @Setup(Level.Trial)
    public void start() {
        loopback = new Loopback();
        if (baseline().secret().isEmpty() || client().secret().isEmpty()) {
            throw new IllegalStateException("no key");
        }
    }

    @Setup(Level.Iteration)
    public void reset() {
        loopback.emulator.reset();
    }

    @TearDown(Level.Trial)
    public void stop() {
        loopback.close();
    }

    @Benchmark
    public HandWritten.Key baseline() {
        return loopback.baseline.create("bench-" + sequence++);
    }

    @Benchmark
    public ApiKey client() {
        return loopback.client.serviceAccounts().create("bench-" + sequence++);
    }
}
