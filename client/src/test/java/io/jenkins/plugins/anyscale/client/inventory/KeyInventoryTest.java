package io.jenkins.plugins.anyscale.client.inventory;

import static io.jenkins.plugins.anyscale.client.inventory.InventoryFlag.CHANGED_BY_HAND;
import static io.jenkins.plugins.anyscale.client.inventory.InventoryFlag.KEY_AGE_UNKNOWN;
import static io.jenkins.plugins.anyscale.client.inventory.InventoryFlag.KEY_OVER_POLICY;
import static io.jenkins.plugins.anyscale.client.inventory.InventoryFlag.NO_KEY_IN_JENKINS;
import static io.jenkins.plugins.anyscale.client.inventory.InventoryFlag.ORPHANED_CREDENTIAL;
import static io.jenkins.plugins.anyscale.client.inventory.InventoryFlag.SEVERAL_CREDENTIALS;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.anyscale.client.AnyscaleClient;
import io.jenkins.plugins.anyscale.client.ServiceAccountRef;
import io.jenkins.plugins.anyscale.client.ServiceAccounts;
import io.jenkins.plugins.anyscale.emulator.AnyscaleEmulator;
import io.jenkins.plugins.anyscale.emulator.AnyscaleEmulatorExtension;
import io.jenkins.plugins.anyscale.emulator.EmulatedAccount;
import io.jenkins.plugins.anyscale.emulator.Endpoint;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The organization's accounts, read page by page from the emulator over HTTP, joined with key holders into rows and
 * flags.
 */
@ExtendWith(AnyscaleEmulatorExtension.class)
class KeyInventoryTest {

    static final Instant NOW = Instant.parse("2026-12-05T02:00:00Z");
    static final KeyAgePolicy NINETY_DAYS = KeyAgePolicy.maxKeyAgeDays(90);

    AnyscaleEmulator anyscale;
    ServiceAccounts accounts;

    @BeforeEach
    void setUp(AnyscaleEmulator emulator) {
        anyscale = emulator;
        accounts = AnyscaleClient.builder()
                .baseUrl(emulator.baseUrl())
                .token(emulator.ownerToken())
                .build()
                .serviceAccounts();
    }

    KeyInventory inventory(KeyAgePolicy policy, KeyHolder... holders) {
        return KeyInventory.of(accounts.all(), List.of(holders), policy, NOW);
    }

    static KeyHolder holder(String folder, String id, EmulatedAccount account, Duration age) {
        return new KeyHolder(CredentialLocation.inFolder(folder, id), account.name(), account.email(), NOW.minus(age));
    }

    static Duration days(int n) {
        return Duration.ofDays(n);
    }

    InventoryRow row(KeyInventory inventory, String accountName) {
        return inventory.rows().stream()
                .filter(r -> accountName.equals(r.accountName()))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void everyAccountOfEveryPageHasARowSortedByName() {
        anyscale.state().seedServiceAccounts("svc-", 120); // three pages of 50
        anyscale.state().createServiceAccount("beta");
        EmulatedAccount alpha = anyscale.state().createServiceAccount("Alpha");
        EmulatedAccount last = anyscale.state().accountNamed("svc-00120").orElseThrow();

        KeyInventory inventory = inventory(
                NINETY_DAYS, holder("team-a", "alpha-key", alpha, days(1)), holder("team-b", "svc-key", last, days(1)));

        assertThat(anyscale.faults().requestCount(Endpoint.LIST_COLLABORATORS)).isEqualTo(3);
        assertThat(inventory.rows()).hasSize(122);
        assertThat(inventory.rows().subList(0, 3))
                .extracting(InventoryRow::accountName)
                .containsExactly("Alpha", "beta", "svc-00001");
        assertThat(inventory.rows().get(121).accountName()).isEqualTo("svc-00120");
        assertThat(inventory.rows()).allMatch(InventoryRow::accountExists);
        assertThat(row(inventory, "Alpha").flags()).isEmpty();
        assertThat(row(inventory, "Alpha").account().email()).isEqualTo(alpha.email());
        assertThat(row(inventory, "svc-00120").keys())
                .extracting(key -> key.holder().location().credentialId())
                .containsExactly("svc-key");
        assertThat(row(inventory, "beta").flags()).containsExactly(NO_KEY_IN_JENKINS);
        assertThat(inventory.counts().accounts()).isEqualTo(122);
        assertThat(inventory.counts().accountsWithoutKey()).isEqualTo(120);
        assertThat(inventory.counts().keysInStore()).isEqualTo(2);
    }

    @Test
    void aCredentialOfADeletedAccountIsOrphaned() {
        EmulatedAccount gone = anyscale.state().createServiceAccount("ci-bot");
        EmulatedAccount kept = anyscale.state().createServiceAccount("deploy-bot");
        KeyHolder orphan = holder("team-a", "ci-key", gone, days(3));
        accounts.delete(ServiceAccountRef.byName("ci-bot"));

        KeyInventory inventory = inventory(NINETY_DAYS, orphan, holder("team-a", "deploy-key", kept, days(3)));

        assertThat(inventory.rows()).hasSize(2);
        InventoryRow deployBot = inventory.rows().get(0);
        assertThat(deployBot.accountName()).isEqualTo("deploy-bot");
        assertThat(deployBot.flags()).isEmpty();
        InventoryRow orphaned = inventory.rows().get(1);
        assertThat(orphaned.accountExists()).isFalse();
        assertThat(orphaned.account()).isNull();
        assertThat(orphaned.accountName()).isEqualTo("ci-bot");
        assertThat(orphaned.accountEmail()).isEqualTo(gone.email());
        assertThat(orphaned.flags()).containsExactly(ORPHANED_CREDENTIAL);
        assertThat(orphaned.keys()).extracting(HeldKey::holder).containsExactly(orphan);
        assertThat(inventory.counts().orphanedCredentials()).isEqualTo(1);
        assertThat(inventory.counts().accounts()).isEqualTo(1);
        assertThat(orphaned.toString())
                .isEqualTo("'ci-bot' (" + gone.email() + "), which no longer exists: 1 credential"
                        + " [credential of an account that no longer exists]");
    }

    @Test
    void whereBothEmailsAreKnownTheyDecideOverTheName() {
        EmulatedAccount bot = anyscale.state().createServiceAccount("ci-bot");
        KeyHolder otherEmail = new KeyHolder(
                CredentialLocation.inFolder("team-a", "ci-key"), "ci-bot", "ci-bot@another-org.example", NOW);

        KeyInventory inventory = inventory(NINETY_DAYS, otherEmail);

        assertThat(inventory.rows()).hasSize(2);
        assertThat(inventory.rows().get(0).account().email()).isEqualTo(bot.email());
        assertThat(inventory.rows().get(0).flags()).containsExactly(NO_KEY_IN_JENKINS);
        assertThat(inventory.rows().get(1).accountEmail()).isEqualTo("ci-bot@another-org.example");
        assertThat(inventory.rows().get(1).flags()).containsExactly(ORPHANED_CREDENTIAL);
    }

    @Test
    void emailsMatchWhateverTheirCaseAndOutweighTheRecordedName() {
        EmulatedAccount bot = anyscale.state().createServiceAccount("ci-bot");
        KeyHolder shouted = new KeyHolder(
                CredentialLocation.inFolder("team-a", "ci-key"),
                "name-recorded-wrong",
                bot.email().toUpperCase(Locale.ROOT),
                NOW);

        KeyInventory inventory = inventory(NINETY_DAYS, shouted);

        assertThat(inventory.rows()).singleElement().satisfies(row -> {
            assertThat(row.accountName()).isEqualTo("ci-bot");
            assertThat(row.flags()).isEmpty();
            assertThat(row.keys()).extracting(HeldKey::holder).containsExactly(shouted);
        });
    }

    @Test
    void aCredentialThatRecordsNoEmailMatchesByExactName() {
        EmulatedAccount bot = anyscale.state().createServiceAccount("ci-bot");
        KeyHolder byName = new KeyHolder(CredentialLocation.inFolder("team-a", "ci-key"), "ci-bot", null, NOW);
        KeyHolder otherCase = new KeyHolder(CredentialLocation.inFolder("team-a", "ci-key-2"), "CI-BOT", null, NOW);

        KeyInventory inventory = inventory(NINETY_DAYS, byName, otherCase);

        assertThat(row(inventory, "ci-bot").account().email()).isEqualTo(bot.email());
        assertThat(row(inventory, "ci-bot").keys()).extracting(HeldKey::holder).containsExactly(byName);
        assertThat(row(inventory, "CI-BOT").accountExists()).isFalse();
        assertThat(row(inventory, "CI-BOT").flags()).containsExactly(ORPHANED_CREDENTIAL);
    }

    @Test
    void severalCredentialsForOneAccountAreListedRootStoreFirst() {
        EmulatedAccount bot = anyscale.state().createServiceAccount("ci-bot");
        KeyHolder inTeamB = holder("team-b", "ci-key", bot, days(2));
        KeyHolder inTeamA = holder("team-a", "ci-key", bot, days(1));
        KeyHolder inRoot = new KeyHolder(CredentialLocation.inRootStore("ci-key"), bot.name(), bot.email(), NOW);

        InventoryRow row =
                inventory(NINETY_DAYS, inTeamB, inRoot, inTeamA).rows().get(0);

        assertThat(row.flags()).containsExactly(SEVERAL_CREDENTIALS);
        assertThat(row.keys()).extracting(HeldKey::holder).containsExactly(inRoot, inTeamA, inTeamB);
    }

    @Test
    void keysAtOrOverThePolicyAndKeysOfUnknownAgeAreFlagged() {
        EmulatedAccount old = anyscale.state().createServiceAccount("old");
        EmulatedAccount due = anyscale.state().createServiceAccount("due");
        EmulatedAccount fresh = anyscale.state().createServiceAccount("fresh");
        EmulatedAccount unknown = anyscale.state().createServiceAccount("unknown");
        KeyHolder[] holders = {
            holder("f", "old", old, days(400)),
            holder("f", "due", due, days(90)),
            holder("f", "fresh", fresh, days(90).minusMillis(1)),
            new KeyHolder(CredentialLocation.inFolder("f", "unknown"), unknown.name(), unknown.email(), null)
        };

        KeyInventory inventory = inventory(NINETY_DAYS, holders);

        assertThat(row(inventory, "old").flags()).containsExactly(KEY_OVER_POLICY);
        assertThat(row(inventory, "due").flags()).containsExactly(KEY_OVER_POLICY);
        assertThat(row(inventory, "fresh").flags()).isEmpty();
        assertThat(row(inventory, "fresh").keys().get(0).verdict()).isEqualTo(KeyAgePolicy.Verdict.WITHIN_POLICY);
        assertThat(row(inventory, "unknown").flags()).containsExactly(KEY_AGE_UNKNOWN);
        assertThat(row(inventory, "old").keys().get(0).age().wholeDays()).isEqualTo(400);
        assertThat(inventory.counts().keysOverPolicy()).isEqualTo(2);
        assertThat(inventory.counts().keysOfUnknownAge()).isEqualTo(1);

        KeyInventory withoutPolicy = inventory(KeyAgePolicy.off(), holders);
        assertThat(withoutPolicy.rows())
                .allSatisfy(row -> assertThat(row.flags()).isEmpty());
        assertThat(withoutPolicy.counts().anythingToDo()).isFalse();
    }

    @Test
    void aCredentialDeletedOrChangedByHandHoldsNoKey() {
        EmulatedAccount deleted = anyscale.state().createServiceAccount("deleted-by-hand");
        EmulatedAccount overwritten = anyscale.state().createServiceAccount("overwritten");
        EmulatedAccount kept = anyscale.state().createServiceAccount("kept");
        KeyHolder deletedKey = holder("team-a", "deleted", deleted, days(1));
        KeyHolder overwrittenKey = holder("team-a", "overwritten", overwritten, days(1));
        KeyHolder keptKey = holder("team-a", "kept", kept, days(1));

        KeyInventory inventory = KeyInventory.ofChecked(
                accounts.all(),
                List.of(
                        CheckedHolder.check(deletedKey, StoreLookup.nothing()),
                        CheckedHolder.check(overwrittenKey, StoreLookup.otherCredential()),
                        CheckedHolder.check(keptKey, StoreLookup.key(keptKey.withLastUse("team-a/deploy #7", NOW))),
                        CheckedHolder.inStore(holder("team-b", "kept", kept, days(2)))),
                NINETY_DAYS,
                NOW);

        InventoryRow deletedRow = row(inventory, "deleted-by-hand");
        assertThat(deletedRow.flags()).containsExactlyInAnyOrder(NO_KEY_IN_JENKINS, CHANGED_BY_HAND);
        assertThat(deletedRow.keys()).singleElement().satisfies(key -> {
            assertThat(key.check()).isEqualTo(StoreCheck.MISSING_FROM_STORE);
            assertThat(key.verdict()).isEqualTo(KeyAgePolicy.Verdict.NO_POLICY);
        });
        assertThat(deletedRow.keysInStore()).isEmpty();
        assertThat(row(inventory, "overwritten").flags()).containsExactlyInAnyOrder(NO_KEY_IN_JENKINS, CHANGED_BY_HAND);
        assertThat(row(inventory, "overwritten").keys().get(0).check()).isEqualTo(StoreCheck.CHANGED_BY_HAND);
        InventoryRow keptRow = row(inventory, "kept");
        assertThat(keptRow.flags()).containsExactly(SEVERAL_CREDENTIALS);
        assertThat(keptRow.keys().get(0).holder().lastUsedBy()).isEqualTo("team-a/deploy #7");
        assertThat(inventory.counts().credentialsChangedByHand()).isEqualTo(2);
        assertThat(inventory.counts().keysInStore()).isEqualTo(2);
    }

    @Test
    void theSummaryCountsEveryFinding() {
        anyscale.state().seedServiceAccounts("svc-", 1_000);
        EmulatedAccount first = anyscale.state().accountNamed("svc-00001").orElseThrow();
        EmulatedAccount second = anyscale.state().accountNamed("svc-00002").orElseThrow();
        EmulatedAccount third = anyscale.state().accountNamed("svc-00003").orElseThrow();
        EmulatedAccount gone = anyscale.state().createServiceAccount("gone");
        KeyHolder goneKey = holder("f", "gone", gone, days(1));
        accounts.delete(ServiceAccountRef.byName("gone"));

        KeyInventory inventory = inventory(
                NINETY_DAYS,
                holder("f", "a", first, days(100)),
                holder("g", "a", first, days(1)),
                holder("f", "b", second, days(1)),
                new KeyHolder(CredentialLocation.inFolder("f", "c"), third.name(), third.email(), null),
                goneKey);

        assertThat(inventory.summary())
                .isEqualTo("1,000 accounts, 5 keys in Jenkins: 997 accounts without a key in Jenkins, 1 key over the"
                        + " policy (90 days), 1 key of unknown age, 1 credential of accounts that no longer exist,"
                        + " 1 account with several credentials.");
        assertThat(inventory.counts()).isEqualTo(new KeyInventory.Counts(1_000, 5, 997, 1, 1, 1, 1, 0));
        assertThat(inventory.counts().anythingToDo()).isTrue();
    }

    @Test
    void aTidyInventorySaysSo() {
        EmulatedAccount bot = anyscale.state().createServiceAccount("ci-bot");

        KeyInventory inventory = inventory(NINETY_DAYS, holder("f", "k", bot, days(1)));

        assertThat(inventory.summary()).isEqualTo("1 account, 1 key in Jenkins: nothing needs attention.");
        assertThat(inventory.counts().anythingToDo()).isFalse();
        assertThat(inventory.now()).isEqualTo(NOW);
        assertThat(inventory.policy()).isEqualTo(NINETY_DAYS);
    }
}
