package io.jenkins.plugins.anyscale.lifecycle;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import io.jenkins.plugins.anyscale.AnyscaleClients;
import io.jenkins.plugins.anyscale.AnyscaleSettings;
import io.jenkins.plugins.anyscale.client.AnyscaleException;
import io.jenkins.plugins.anyscale.client.ServiceAccount;
import io.jenkins.plugins.anyscale.client.inventory.AttentionEntry;
import io.jenkins.plugins.anyscale.client.inventory.CheckedHolder;
import io.jenkins.plugins.anyscale.client.inventory.HeldKey;
import io.jenkins.plugins.anyscale.client.inventory.InventoryFlag;
import io.jenkins.plugins.anyscale.client.inventory.InventoryRow;
import io.jenkins.plugins.anyscale.client.inventory.KeyAge;
import io.jenkins.plugins.anyscale.client.inventory.KeyAgePolicy;
import io.jenkins.plugins.anyscale.client.inventory.KeyHolder;
import io.jenkins.plugins.anyscale.client.inventory.KeyInventory;
import io.jenkins.plugins.anyscale.client.inventory.StoreCheck;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What the inventory page shows, computed once per view: the organization's accounts (through the owner token) joined
 * with the credentials the {@link KeyIndex} knows of, each checked against its store, and what needs attention. When
 * Anyscale cannot be reached, the error's message and the indexed credentials alone. Only metadata.
 */
public final class InventoryView {

    @CheckForNull
    private final KeyInventory inventory;

    @CheckForNull
    private final String accountsError;

    private final List<Row> rows;
    private final List<AttentionEntry> attention;
    private final long attentionDropped;
    private final int attentionCapacity;
    private final KeyAgePolicy policy;

    private InventoryView(
            @CheckForNull KeyInventory inventory,
            @CheckForNull String accountsError,
            List<Row> rows,
            List<AttentionEntry> attention,
            KeyAgePolicy policy) {
        this.inventory = inventory;
        this.accountsError = accountsError;
        this.rows = rows;
        this.attention = attention;
        this.policy = policy;
        this.attentionDropped = AttentionLog.get().dropped();
        this.attentionCapacity = AttentionLog.get().capacity();
    }

    /** Reads the index, the stores it names, Anyscale's accounts and the attention log. */
    @NonNull
    static InventoryView compute() {
        Instant now = Instant.now();
        KeyAgePolicy policy = KeyAgePolicies.current();
        List<CheckedHolder> checked = StoreChecks.check(KeyIndex.get().holders(), true);
        List<AttentionEntry> attention = AttentionLog.get().entries();
        List<ServiceAccount> accounts = new ArrayList<>();
        try {
            AnyscaleClients.forOwner(AnyscaleSettings.current())
                    .serviceAccounts()
                    .all()
                    .forEach(accounts::add);
        } catch (AbortException | AnyscaleException e) {
            return new InventoryView(null, e.getMessage(), indexOnly(checked, policy, now), attention, policy);
        }
        KeyInventory inventory = KeyInventory.ofChecked(accounts, checked, policy, now);
        List<Row> rows = new ArrayList<>(inventory.rows().size());
        for (InventoryRow row : inventory.rows()) {
            rows.add(Row.of(row));
        }
        return new InventoryView(inventory, null, rows, attention, policy);
    }

    /** Without the accounts: one row per indexed credential, named as it records its account. */
    private static List<Row> indexOnly(List<CheckedHolder> checked, KeyAgePolicy policy, Instant now) {
        List<Row> rows = new ArrayList<>(checked.size());
        for (CheckedHolder holder : checked) {
            KeyAge age = KeyAge.of(holder.holder().mintedAt(), now);
            KeyAgePolicy.Verdict verdict = holder.isInStore() ? policy.verdictOn(age) : KeyAgePolicy.Verdict.NO_POLICY;
            rows.add(Row.ofIndexed(new HeldKey(holder.holder(), holder.check(), age, verdict)));
        }
        return rows;
    }

    /** Whether the accounts could be read; otherwise {@link #getAccountsError()} says why. */
    public boolean isAccountsKnown() {
        return inventory != null;
    }

    /** Why the accounts could not be read, as the client says it (never a token), or {@code null}. */
    @CheckForNull
    public String getAccountsError() {
        return accountsError;
    }

    /** One line, e.g. {@code 1,000 accounts, 2,000 keys in Jenkins: 3 accounts without a key in Jenkins.} */
    @CheckForNull
    public String getSummary() {
        return inventory == null ? null : inventory.summary();
    }

    @NonNull
    public List<Row> getRows() {
        return rows;
    }

    /** Newest first. */
    @NonNull
    public List<AttentionEntry> getAttention() {
        return attention;
    }

    /** How many entries were dropped, the oldest first, to keep the newest {@link #getAttentionCapacity()}. */
    public long getAttentionDropped() {
        return attentionDropped;
    }

    public int getAttentionCapacity() {
        return attentionCapacity;
    }

    public int getMaxKeyAgeDays() {
        return policy.maxKeyAgeDays();
    }

    /** When the entry was recorded, to the second, e.g. {@code 2026-12-07 02:00:13 UTC}. */
    @NonNull
    public String timeOf(@NonNull AttentionEntry entry) {
        return WHEN.format(entry.time());
    }

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    /** An account with the credentials that hold its keys, or a credential alone when the accounts are not known. */
    public static final class Row {

        private final String accountName;
        private final String accountEmail;
        private final boolean accountExists;
        private final List<Key> keys;
        private final List<String> flags;

        /** The credential the account's keys can be rotated into from the page: the only one in its store. */
        @CheckForNull
        private final Key rotateInto;

        private Row(
                String accountName,
                String accountEmail,
                boolean accountExists,
                List<Key> keys,
                List<String> flags,
                @CheckForNull Key rotateInto) {
            this.accountName = accountName;
            this.accountEmail = accountEmail;
            this.accountExists = accountExists;
            this.keys = keys;
            this.flags = flags;
            this.rotateInto = rotateInto;
        }

        static Row of(InventoryRow row) {
            List<Key> keys = new ArrayList<>(row.keys().size());
            Key inStore = null;
            int inStoreCount = 0;
            for (HeldKey held : row.keys()) {
                Key key = new Key(held, row.accountExists());
                keys.add(key);
                if (key.isInStore()) {
                    inStore = key;
                    inStoreCount++;
                }
            }
            List<String> flags = new ArrayList<>(row.flags().size());
            for (InventoryFlag flag : row.flags()) {
                flags.add(describe(flag));
            }
            return new Row(
                    row.accountName(),
                    row.accountEmail(),
                    row.accountExists(),
                    keys,
                    flags,
                    row.accountExists() && inStoreCount == 1 ? inStore : null);
        }

        static Row ofIndexed(HeldKey held) {
            Key key = new Key(held, true);
            List<String> flags = new ArrayList<>();
            if (!key.isInStore()) {
                flags.add(describe(InventoryFlag.CHANGED_BY_HAND));
            }
            if (held.verdict() == KeyAgePolicy.Verdict.OVER_POLICY) {
                flags.add(describe(InventoryFlag.KEY_OVER_POLICY));
            } else if (held.verdict() == KeyAgePolicy.Verdict.AGE_UNKNOWN) {
                flags.add(describe(InventoryFlag.KEY_AGE_UNKNOWN));
            }
            return new Row(held.holder().accountName(), held.holder().accountEmail(), true, List.of(key), flags, null);
        }

        /** As Anyscale names it; for an account that no longer exists, as its credentials record it. */
        @CheckForNull
        public String getAccountName() {
            return accountName;
        }

        @CheckForNull
        public String getAccountEmail() {
            return accountEmail;
        }

        public boolean isAccountExists() {
            return accountExists;
        }

        @NonNull
        public List<Key> getKeys() {
            return keys;
        }

        @NonNull
        public List<String> getFlags() {
            return flags;
        }

        @CheckForNull
        public Key getRotateInto() {
            return rotateInto;
        }
    }

    /** One credential that holds (or held, by the index) a key. */
    public static final class Key {

        private final HeldKey held;
        private final boolean accountExists;

        Key(HeldKey held, boolean accountExists) {
            this.held = held;
            this.accountExists = accountExists;
        }

        private KeyHolder holder() {
            return held.holder();
        }

        /** The folder's full name; empty for the Jenkins root store. */
        @NonNull
        public String getFolder() {
            String folder = holder().location().folder();
            return folder == null ? "" : folder;
        }

        /** {@code folder 'team-a'} or {@code the Jenkins root credentials store}. */
        @NonNull
        public String getStore() {
            return holder().location().storeLabel();
        }

        @NonNull
        public String getCredentialId() {
            return holder().location().credentialId();
        }

        /** {@code 12 days}, {@code less than a day} or {@code unknown}. */
        @NonNull
        public String getAge() {
            return held.age().toString();
        }

        /** ISO-8601, or empty when unknown. */
        @NonNull
        public String getMintedAt() {
            Instant minted = holder().mintedAt();
            return minted == null ? "" : minted.toString();
        }

        /** {@code team-a/deploy #42}, or {@code null} when never used (or not known). */
        @CheckForNull
        public String getLastUsedBy() {
            return holder().lastUsedBy();
        }

        /** ISO-8601, or empty when not known. */
        @NonNull
        public String getLastUsedAt() {
            Instant at = holder().lastUsedAt();
            return at == null ? "" : at.toString();
        }

        public boolean isInStore() {
            return held.isInStore();
        }

        /** Whether the page offers to delete it: in its store, and of an account that no longer exists. */
        public boolean isOrphaned() {
            return !accountExists && held.isInStore();
        }

        /** What its store showed: in store, deleted or moved by hand, or replaced by something else. */
        @NonNull
        public String getState() {
            return held.check() == StoreCheck.IN_STORE
                    ? ""
                    : held.check() == StoreCheck.MISSING_FROM_STORE
                            ? Messages.InventoryView_MissingFromStore()
                            : Messages.InventoryView_ChangedInStore();
        }
    }

    static String describe(InventoryFlag flag) {
        return switch (flag) {
            case NO_KEY_IN_JENKINS -> Messages.InventoryFlag_NoKeyInJenkins();
            case KEY_OVER_POLICY -> Messages.InventoryFlag_KeyOverPolicy();
            case KEY_AGE_UNKNOWN -> Messages.InventoryFlag_KeyAgeUnknown();
            case ORPHANED_CREDENTIAL -> Messages.InventoryFlag_OrphanedCredential();
            case SEVERAL_CREDENTIALS -> Messages.InventoryFlag_SeveralCredentials();
            case CHANGED_BY_HAND -> Messages.InventoryFlag_ChangedByHand();
        };
    }
}
