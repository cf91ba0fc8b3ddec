package io.jenkins.plugins.anyscale.bench;

import io.jenkins.plugins.anyscale.client.OrganizationPermissionLevel;
import io.jenkins.plugins.anyscale.client.ServiceAccount;
import io.jenkins.plugins.anyscale.client.inventory.CredentialLocation;
import io.jenkins.plugins.anyscale.client.inventory.KeyAgePolicy;
import io.jenkins.plugins.anyscale.client.inventory.KeyHolder;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * A controller's key holders and its organization's accounts, the same on every run: credentials spread over 10,000
 * folders, about one in twenty of an account that no longer exists, one in ten recording no email (stored before
 * emails were recorded), one in ten with the email in capitals, mint times up to 200 days back and one in twenty
 * unknown, against a 90-day policy.
 */
final class InventoryData {

    static final Instant NOW = Instant.parse("2026-12-05T02:00:00Z");
    static final KeyAgePolicy POLICY = KeyAgePolicy.maxKeyAgeDays(90);
    static final int FOLDERS = 10_000;

    final List<ServiceAccount> accounts;
    final List<KeyHolder> holders;

    InventoryData(int accountCount, int keyCount) {
        OffsetDateTime created = OffsetDateTime.of(2026, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
        accounts = new ArrayList<>(accountCount);
        for (int i = 0; i < accountCount; i++) {
            String name = String.format(Locale.ROOT, "svc-%05d", i);
            accounts.add(new ServiceAccount(
                    "idn_" + i, "usr_" + i, name, email(name), created, OrganizationPermissionLevel.COLLABORATOR));
        }
        Random random = new Random(20261205);
        int deletedAccounts = accountCount / 20;
        holders = new ArrayList<>(keyCount);
        for (int k = 0; k < keyCount; k++) {
            int account = random.nextInt(accountCount + deletedAccounts);
            String name = account < accountCount
                    ? accounts.get(account).name()
                    : String.format(Locale.ROOT, "gone-%05d", account);
            int emailForm = random.nextInt(10);
            String email = emailForm == 0 ? null : emailForm == 1 ? email(name).toUpperCase(Locale.ROOT) : email(name);
            Instant minted =
                    random.nextInt(20) == 0 ? null : NOW.minus(Duration.ofMinutes(random.nextInt(200 * 24 * 60)));
            String folder = String.format(Locale.ROOT, "team-%05d", random.nextInt(FOLDERS));
            holders.add(new KeyHolder(
                    CredentialLocation.inFolder(folder, String.format(Locale.ROOT, "key-%05d", k)),
                    name,
                    email,
                    minted));
        }
    }

    private static String email(String name) {
        return name + "@org-bench.serviceaccount.com";
    }
}
