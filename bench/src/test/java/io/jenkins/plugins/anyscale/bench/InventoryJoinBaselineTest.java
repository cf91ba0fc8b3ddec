package io.jenkins.plugins.anyscale.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.anyscale.client.inventory.HeldKey;
import io.jenkins.plugins.anyscale.client.inventory.InventoryFlag;
import io.jenkins.plugins.anyscale.client.inventory.InventoryRow;
import io.jenkins.plugins.anyscale.client.inventory.KeyInventory;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The benchmark compares like with like: on its own data (1,000 accounts, 2,000 credentials), the nested-loop baseline
 * makes the same rows, with the same holders in the same order and the same flags, as the join; and the data has every
 * kind of row the join tells apart.
 */
class InventoryJoinBaselineTest {

    @Test
    void theBaselineMakesTheSameRows() {
        InventoryData data = new InventoryData(InventoryJoinBenchmark.ACCOUNTS, 2_000);

        KeyInventory inventory = KeyInventory.of(data.accounts, data.holders, InventoryData.POLICY, InventoryData.NOW);
        List<NaiveInventory.Row> naive =
                NaiveInventory.join(data.accounts, data.holders, InventoryData.POLICY, InventoryData.NOW);

        List<NaiveInventory.Row> joined = inventory.rows().stream()
                .map(row -> new NaiveInventory.Row(
                        row.accountName(),
                        row.accountEmail(),
                        row.accountExists(),
                        row.keys().stream().map(HeldKey::holder).toList(),
                        row.flags()))
                .toList();
        assertThat(joined).isEqualTo(naive);
        assertThat(inventory.counts().keysInStore()).isEqualTo(2_000);
        for (InventoryFlag flag : List.of(
                InventoryFlag.NO_KEY_IN_JENKINS,
                InventoryFlag.KEY_OVER_POLICY,
                InventoryFlag.KEY_AGE_UNKNOWN,
                InventoryFlag.ORPHANED_CREDENTIAL,
                InventoryFlag.SEVERAL_CREDENTIALS)) {
            assertThat(inventory.rows().stream().filter(row -> row.has(flag)))
                    .as(flag.name())
                    .isNotEmpty();
        }
        assertThat(inventory.rows().stream().filter(InventoryRow::accountExists))
                .hasSize(1_000);
    }
}
