package io.jenkins.plugins.anyscale.client.inventory;

import io.jenkins.plugins.anyscale.client.ServiceAccount;
import io.jenkins.plugins.anyscale.client.provisioning.KeyOwner;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The organization's service accounts joined with the credentials that hold their keys: one row per account, sorted
 * by name, then one row per account that no longer exists but whose keys credentials still hold; each with its flags.
 *
 * <p>A credential belongs to the first account, in the organization's order, of which it holds a key by the key
 * sink's rule ({@link KeyOwner#isSameAccount}: the same email where both are known, otherwise the same name), as a
 * loop over every pair would find; it is found through maps of names and emails instead, so the join takes time in
 * proportion to accounts plus credentials. An account listed twice (pages that shifted while they were read) counts
 * once.
 */
public final class KeyInventory {

    private static final Comparator<String> BY_NAME =
            Comparator.nullsLast(String.CASE_INSENSITIVE_ORDER.thenComparing(Comparator.<String>naturalOrder()));

    private static final Comparator<InventoryRow> ROW_ORDER =
            Comparator.comparing(InventoryRow::accountName, BY_NAME).thenComparing(InventoryRow::accountEmail, BY_NAME);

    private final List<InventoryRow> rows;
    private final Counts counts;
    private final KeyAgePolicy policy;
    private final Instant now;

    private KeyInventory(List<InventoryRow> rows, KeyAgePolicy policy, Instant now) {
        this.rows = List.copyOf(rows);
        this.counts = Counts.of(this.rows);
        this.policy = policy;
        this.now = now;
    }

    /**
     * Joins the accounts with credentials as they are in their stores (a scan, or an index already checked).
     *
     * @param accounts every service account of the organization, e.g. {@code serviceAccounts().all()}, read once
     * @param now the moment the keys' ages are measured at
     */
    public static KeyInventory of(
            Iterable<ServiceAccount> accounts, Collection<KeyHolder> holders, KeyAgePolicy policy, Instant now) {
        List<CheckedHolder> checked = new ArrayList<>(holders.size());
        for (KeyHolder holder : holders) {
            checked.add(CheckedHolder.inStore(holder));
        }
        return ofChecked(accounts, checked, policy, now);
    }

    /**
     * Joins the accounts with the index's holders as checked against their stores: a credential that is not in its
     * store any more shows in the row of the account it was stored for, flagged {@link InventoryFlag#CHANGED_BY_HAND},
     * and holds no key of it.
     */
    public static KeyInventory ofChecked(
            Iterable<ServiceAccount> accounts, Collection<CheckedHolder> holders, KeyAgePolicy policy, Instant now) {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(now, "now");
        Organization organization = new Organization(accounts);
        List<List<HeldKey>> keysOfAccount = new ArrayList<>(organization.size());
        for (int i = 0; i < organization.size(); i++) {
            keysOfAccount.add(new ArrayList<>(2));
        }
        Map<String, List<HeldKey>> keysOfDeletedAccount = new LinkedHashMap<>();
        for (CheckedHolder checked : holders) {
            HeldKey key = HeldKey.of(checked, policy, now);
            int account = organization.indexOfAccountHeldBy(checked.holder());
            if (account >= 0) {
                keysOfAccount.get(account).add(key);
            } else {
                keysOfDeletedAccount
                        .computeIfAbsent(deletedAccountKey(checked.holder()), k -> new ArrayList<>(1))
                        .add(key);
            }
        }

        List<InventoryRow> accountRows = new ArrayList<>(organization.size());
        for (int i = 0; i < organization.size(); i++) {
            accountRows.add(InventoryRow.ofAccount(organization.get(i), byLocation(keysOfAccount.get(i))));
        }
        accountRows.sort(ROW_ORDER);
        List<InventoryRow> deletedAccountRows = new ArrayList<>(keysOfDeletedAccount.size());
        for (List<HeldKey> keys : keysOfDeletedAccount.values()) {
            List<HeldKey> sorted = byLocation(keys);
            deletedAccountRows.add(InventoryRow.ofDeletedAccount(
                    firstRecorded(sorted, KeyHolder::accountName),
                    firstRecorded(sorted, KeyHolder::accountEmail),
                    sorted));
        }
        deletedAccountRows.sort(ROW_ORDER);

        List<InventoryRow> rows = new ArrayList<>(accountRows.size() + deletedAccountRows.size());
        rows.addAll(accountRows);
        rows.addAll(deletedAccountRows);
        return new KeyInventory(rows, policy, now);
    }

    /** Credentials of one deleted account are grouped by the email they record, or by the name when they record none. */
    private static String deletedAccountKey(KeyHolder holder) {
        if (holder.accountEmail() != null) {
            return "email:" + holder.accountEmail().toLowerCase(Locale.ROOT);
        }
        return holder.accountName() != null ? "name:" + holder.accountName() : "none";
    }

    private static String firstRecorded(List<HeldKey> keys, Function<KeyHolder, String> field) {
        for (HeldKey key : keys) {
            String value = field.apply(key.holder());
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    private static List<HeldKey> byLocation(List<HeldKey> keys) {
        if (keys.size() > 1) {
            keys.sort(Comparator.comparing(key -> key.holder().location()));
        }
        return keys;
    }

    /** Accounts first, sorted by name (case-insensitive), then accounts that no longer exist. */
    public List<InventoryRow> rows() {
        return rows;
    }

    public Counts counts() {
        return counts;
    }

    public KeyAgePolicy policy() {
        return policy;
    }

    /** The moment the ages were measured at. */
    public Instant now() {
        return now;
    }

    /** One line, e.g. {@code 1,000 accounts, 2,000 keys in Jenkins: 3 accounts without a key in Jenkins, …}. */
    public String summary() {
        return counts.summary(policy);
    }

    /**
     * The numbers of the inventory, for a summary line and for what raises an administrative monitor.
     *
     * @param accounts accounts of the organization
     * @param keysInStore credentials in their stores that hold a key, of existing accounts or not
     * @param accountsWithoutKey accounts that no credential holds a key of
     * @param keysOverPolicy credentials whose key is at or over the policy's age
     * @param keysOfUnknownAge credentials with no recorded mint time, when there is a policy
     * @param orphanedCredentials credentials that hold keys of accounts that no longer exist
     * @param accountsWithSeveralCredentials accounts that several credentials hold keys of
     * @param credentialsChangedByHand credentials the index knows of that were deleted, moved or changed by hand
     */
    public record Counts(
            int accounts,
            int keysInStore,
            int accountsWithoutKey,
            int keysOverPolicy,
            int keysOfUnknownAge,
            int orphanedCredentials,
            int accountsWithSeveralCredentials,
            int credentialsChangedByHand) {

        static Counts of(List<InventoryRow> rows) {
            int accounts = 0;
            int keysInStore = 0;
            int withoutKey = 0;
            int overPolicy = 0;
            int unknownAge = 0;
            int orphaned = 0;
            int several = 0;
            int changed = 0;
            for (InventoryRow row : rows) {
                if (row.accountExists()) {
                    accounts++;
                    withoutKey += row.has(InventoryFlag.NO_KEY_IN_JENKINS) ? 1 : 0;
                    several += row.has(InventoryFlag.SEVERAL_CREDENTIALS) ? 1 : 0;
                }
                for (HeldKey key : row.keys()) {
                    if (!key.isInStore()) {
                        changed++;
                        continue;
                    }
                    keysInStore++;
                    if (!row.accountExists()) {
                        orphaned++;
                    } else if (key.verdict() == KeyAgePolicy.Verdict.OVER_POLICY) {
                        overPolicy++;
                    } else if (key.verdict() == KeyAgePolicy.Verdict.AGE_UNKNOWN) {
                        unknownAge++;
                    }
                }
            }
            return new Counts(accounts, keysInStore, withoutKey, overPolicy, unknownAge, orphaned, several, changed);
        }

        /** Whether any row has a flag. */
        public boolean anythingToDo() {
            return accountsWithoutKey
                            + keysOverPolicy
                            + keysOfUnknownAge
                            + orphanedCredentials
                            + accountsWithSeveralCredentials
                            + credentialsChangedByHand
                    > 0;
        }

        String summary(KeyAgePolicy policy) {
            List<String> findings = new ArrayList<>();
            add(findings, accountsWithoutKey, "account", "accounts", "without a key in Jenkins");
            add(findings, keysOverPolicy, "key", "keys", "over the policy (" + policy.maxKeyAgeDays() + " days)");
            add(findings, keysOfUnknownAge, "key", "keys", "of unknown age");
            add(findings, orphanedCredentials, "credential", "credentials", "of accounts that no longer exist");
            add(findings, accountsWithSeveralCredentials, "account", "accounts", "with several credentials");
            add(findings, credentialsChangedByHand, "credential", "credentials", "changed by hand");
            return count(accounts, "account", "accounts") + ", " + count(keysInStore, "key", "keys") + " in Jenkins: "
                    + (findings.isEmpty() ? "nothing needs attention." : String.join(", ", findings) + ".");
        }

        private static void add(List<String> findings, int n, String one, String many, String what) {
            if (n > 0) {
                findings.add(count(n, one, many) + " " + what);
            }
        }

        private static String count(int n, String one, String many) {
            return String.format(Locale.ROOT, "%,d %s", n, n == 1 ? one : many);
        }
    }

    /** The accounts in the organization's order, found by name or email in constant time. */
    private static final class Organization {

        private final List<ServiceAccount> accounts = new ArrayList<>();
        private final Map<String, Integer> indexByName = new HashMap<>();
        private final Map<String, Integer> indexByEmail = new HashMap<>();

        Organization(Iterable<ServiceAccount> all) {
            for (ServiceAccount account : all) {
                if (indexByName.putIfAbsent(account.name(), accounts.size()) != null) {
                    continue; // listed twice: names are unique in an organization
                }
                if (account.email() != null) {
                    indexByEmail.putIfAbsent(account.email().toLowerCase(Locale.ROOT), accounts.size());
                }
                accounts.add(account);
            }
        }

        int size() {
            return accounts.size();
        }

        ServiceAccount get(int index) {
            return accounts.get(index);
        }

        /**
         * The first account the holder holds a key of, or -1. Only two can qualify: the first with the holder's email
         * (when both emails are known, they decide) and the one with its name (when either email is unknown).
         */
        int indexOfAccountHeldBy(KeyHolder holder) {
            int found = -1;
            if (holder.accountEmail() != null) {
                Integer byEmail = indexByEmail.get(holder.accountEmail().toLowerCase(Locale.ROOT));
                if (byEmail != null && holder.holdsKeyOf(accounts.get(byEmail))) {
                    found = byEmail;
                }
            }
            if (holder.accountName() != null) {
                Integer byName = indexByName.get(holder.accountName());
                if (byName != null && (found < 0 || byName < found) && holder.holdsKeyOf(accounts.get(byName))) {
                    found = byName;
                }
            }
            return found;
        }
    }
}
