package io.jenkins.plugins.anyscale.client.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.anyscale.client.ServiceAccount;
import io.jenkins.plugins.anyscale.client.provisioning.KeyOwner;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

/**
 * The join's maps find, for every credential, the account a loop over every pair with {@link
 * KeyOwner#isSameAccount} would: checked on random organizations crowded with near misses (names that differ in
 * case, emails that differ in case, accounts and credentials without an email), which no emulator can make.
 */
class KeyInventoryMatchingTest {

    static final Instant NOW = Instant.parse("2026-12-05T02:00:00Z");

    @RepeatedTest(50)
    void findsTheAccountANestedLoopFinds(RepetitionInfo repetition) {
        Random random = new Random(repetition.getCurrentRepetition());
        List<ServiceAccount> accounts = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            String name = "bot-" + random.nextInt(20) + (random.nextBoolean() ? "" : "-X");
            accounts.add(account(name, random.nextInt(5) == 0 ? null : randomEmail(random)));
        }
        List<KeyHolder> holders = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            String name = random.nextInt(6) == 0
                    ? null
                    : "bot-" + random.nextInt(25) + (random.nextBoolean() ? "" : random.nextBoolean() ? "-X" : "-x");
            String email = random.nextInt(3) == 0 ? null : randomEmail(random);
            if (name == null && email == null) {
                name = "bot-0";
            }
            holders.add(new KeyHolder(CredentialLocation.inFolder("f", "k" + i), name, email, NOW));
        }

        KeyInventory inventory = KeyInventory.of(accounts, holders, KeyAgePolicy.off(), NOW);

        Map<KeyHolder, String> joined = new HashMap<>();
        for (InventoryRow row : inventory.rows()) {
            for (HeldKey key : row.keys()) {
                joined.put(key.holder(), row.accountExists() ? row.account().name() : null);
            }
        }
        List<ServiceAccount> unique = onceEach(accounts);
        for (KeyHolder holder : holders) {
            assertThat(joined).as("joined %s", holder).containsEntry(holder, nestedLoop(unique, holder));
        }
        assertThat(inventory.rows().stream().filter(InventoryRow::accountExists))
                .hasSize(unique.size());
    }

    @Test
    void anAccountListedTwiceCountsOnce() {
        ServiceAccount bot = account("ci-bot", "ci-bot@org");
        KeyHolder key = new KeyHolder(CredentialLocation.inRootStore("ci-key"), "ci-bot", "ci-bot@org", NOW);

        KeyInventory inventory =
                KeyInventory.of(List.of(bot, account("a", "a@org"), bot), List.of(key), KeyAgePolicy.off(), NOW);

        assertThat(inventory.rows()).extracting(InventoryRow::accountName).containsExactly("a", "ci-bot");
        assertThat(inventory.rows().get(1).flags()).isEmpty();
    }

    @Test
    void credentialsOfOneDeletedAccountShareARow() {
        KeyHolder withEmail = new KeyHolder(CredentialLocation.inFolder("a", "k"), "gone", "Gone@org", NOW);
        KeyHolder sameEmail = new KeyHolder(CredentialLocation.inFolder("b", "k"), null, "gone@ORG", NOW);
        KeyHolder nameOnly = new KeyHolder(CredentialLocation.inFolder("c", "k"), "gone", null, NOW);
        KeyHolder nothing = new KeyHolder(CredentialLocation.inFolder("d", "k"), " ", null, NOW);

        KeyInventory inventory =
                KeyInventory.of(List.of(), List.of(nothing, nameOnly, sameEmail, withEmail), KeyAgePolicy.off(), NOW);

        assertThat(inventory.rows()).hasSize(3);
        assertThat(inventory.rows()).allMatch(row -> row.flags().equals(Set.of(InventoryFlag.ORPHANED_CREDENTIAL)));
        assertThat(inventory.rows().get(0).keys()).extracting(HeldKey::holder).containsExactly(withEmail, sameEmail);
        assertThat(inventory.rows().get(0).accountName()).isEqualTo("gone");
        assertThat(inventory.rows().get(0).accountEmail()).isEqualTo("Gone@org");
        assertThat(inventory.rows().get(1).keys()).extracting(HeldKey::holder).containsExactly(nameOnly);
        assertThat(inventory.rows().get(2).accountName()).isNull();
        assertThat(inventory.rows().get(2).toString())
                .isEqualTo("an unrecorded account, which no longer exists: 1 credential"
                        + " [credential of an account that no longer exists]");
    }

    private static String nestedLoop(List<ServiceAccount> accounts, KeyHolder holder) {
        for (ServiceAccount account : accounts) {
            if (KeyOwner.of(account).isSameAccount(holder.accountName(), holder.accountEmail())) {
                return account.name();
            }
        }
        return null;
    }

    private static List<ServiceAccount> onceEach(List<ServiceAccount> accounts) {
        Map<String, ServiceAccount> byName = new LinkedHashMap<>();
        for (ServiceAccount account : accounts) {
            byName.putIfAbsent(account.name(), account);
        }
        return new ArrayList<>(byName.values());
    }

    private static String randomEmail(Random random) {
        String email = "bot-" + random.nextInt(20) + "@org";
        return random.nextBoolean() ? email : email.toUpperCase(Locale.ROOT);
    }

    static ServiceAccount account(String name, String email) {
        return new ServiceAccount("idn_" + name.hashCode(), "usr_" + name.hashCode(), name, email, null, null);
    }
}
