package io.jenkins.plugins.anyscale.bench;

import io.jenkins.plugins.anyscale.client.ServiceAccount;
import io.jenkins.plugins.anyscale.client.inventory.InventoryFlag;
import io.jenkins.plugins.anyscale.client.inventory.KeyAge;
import io.jenkins.plugins.anyscale.client.inventory.KeyAgePolicy;
import io.jenkins.plugins.anyscale.client.inventory.KeyHolder;
import io.jenkins.plugins.anyscale.client.provisioning.KeyOwner;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The baseline of {@code InventoryJoinBenchmark}: the inventory's join written the obvious way, each credential
 * compared with every account by the key sink's rule until one matches. Same rows, holders and flags as {@code
 * KeyInventory.of} (checked by {@code InventoryJoinBaselineTest}), in time proportional to accounts times credentials.
 */
final class NaiveInventory {

    record Row(
            String accountName,
            String accountEmail,
            boolean exists,
            List<KeyHolder> holders,
            Set<InventoryFlag> flags) {}

    private static final Comparator<String> BY_NAME =
            Comparator.nullsLast(String.CASE_INSENSITIVE_ORDER.thenComparing(Comparator.<String>naturalOrder()));
    private static final Comparator<Row> ROW_ORDER =
            Comparator.comparing(Row::accountName, BY_NAME).thenComparing(Row::accountEmail, BY_NAME);
    private static final Comparator<KeyHolder> HOLDER_ORDER = Comparator.comparing(KeyHolder::location);

    private NaiveInventory() {}

    static List<Row> join(List<ServiceAccount> accounts, List<KeyHolder> holders, KeyAgePolicy policy, Instant now) {
        Map<ServiceAccount, List<KeyHolder>> held = new LinkedHashMap<>();
        for (ServiceAccount account : accounts) {
            held.put(account, new ArrayList<>());
        }
        Map<String, List<KeyHolder>> ofDeletedAccounts = new LinkedHashMap<>();
        for (KeyHolder holder : holders) {
            ServiceAccount owner = null;
            for (ServiceAccount account : accounts) {
                if (KeyOwner.of(account).isSameAccount(holder.accountName(), holder.accountEmail())) {
                    owner = account;
                    break;
                }
            }
            if (owner != null) {
                held.get(owner).add(holder);
            } else {
                String key = holder.accountEmail() != null
                        ? "email:" + holder.accountEmail().toLowerCase(Locale.ROOT)
                        : holder.accountName() != null ? "name:" + holder.accountName() : "none";
                ofDeletedAccounts.computeIfAbsent(key, k -> new ArrayList<>()).add(holder);
            }
        }

        List<Row> rows = new ArrayList<>();
        for (Map.Entry<ServiceAccount, List<KeyHolder>> entry : held.entrySet()) {
            List<KeyHolder> keys = entry.getValue();
            keys.sort(HOLDER_ORDER);
            Set<InventoryFlag> flags = EnumSet.noneOf(InventoryFlag.class);
            if (keys.isEmpty()) {
                flags.add(InventoryFlag.NO_KEY_IN_JENKINS);
            }
            if (keys.size() > 1) {
                flags.add(InventoryFlag.SEVERAL_CREDENTIALS);
            }
            for (KeyHolder key : keys) {
                KeyAgePolicy.Verdict verdict = policy.verdictOn(KeyAge.of(key.mintedAt(), now));
                if (verdict == KeyAgePolicy.Verdict.OVER_POLICY) {
                    flags.add(InventoryFlag.KEY_OVER_POLICY);
                } else if (verdict == KeyAgePolicy.Verdict.AGE_UNKNOWN) {
                    flags.add(InventoryFlag.KEY_AGE_UNKNOWN);
                }
            }
            rows.add(new Row(entry.getKey().name(), entry.getKey().email(), true, keys, flags));
        }
        rows.sort(ROW_ORDER);
        List<Row> deletedRows = new ArrayList<>();
        for (List<KeyHolder> keys : ofDeletedAccounts.values()) {
            keys.sort(HOLDER_ORDER);
            String name = keys.stream()
                    .map(KeyHolder::accountName)
                    .filter(n -> n != null)
                    .findFirst()
                    .orElse(null);
            String email = keys.stream()
                    .map(KeyHolder::accountEmail)
                    .filter(e -> e != null)
                    .findFirst()
                    .orElse(null);
            deletedRows.add(new Row(name, email, false, keys, EnumSet.of(InventoryFlag.ORPHANED_CREDENTIAL)));
        }
        deletedRows.sort(ROW_ORDER);
        rows.addAll(deletedRows);
        return rows;
    }
}
