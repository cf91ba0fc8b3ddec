package io.jenkins.plugins.anyscale.bench;

import io.jenkins.plugins.anyscale.client.inventory.KeyInventory;
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

/**
 * The inventory's join of 1,000 accounts with the credentials that hold their keys ({@link KeyInventory#of}), against
 * the nested loop ({@link NaiveInventory}). In memory: the accounts are already listed, as the plugin holds them
 * once it has read every page; no HTTP.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class InventoryJoinBenchmark {

    static final int ACCOUNTS = 1_000;

    @Param({"2000", "10000"})
    public int keys;

    private InventoryData data;

    @Setup(Level.Trial)
    public void prepare() {
        data = new InventoryData(ACCOUNTS, keys);
        if (client().rows().size() != baseline().size()) {
            throw new IllegalStateException("the join and its baseline made different rows");
        }
    }

    @Benchmark
    public List<NaiveInventory.Row> baseline() {
        return NaiveInventory.join(data.accounts, data.holders, InventoryData.POLICY, InventoryData.NOW);
    }

    @Benchmark
    public KeyInventory client() {
        return KeyInventory.of(data.accounts, data.holders, InventoryData.POLICY, InventoryData.NOW);
    }
}
