package io.jenkins.plugins.anyscale.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EmulatorStateTest {

    private final EmulatorState state = new EmulatorState("org_test", "aph0_owner");

    @Test
    void createServiceAccountSeedsWithoutHttp() {
        EmulatedAccount account = state.createServiceAccount("seeded");
        assertThat(account.name()).isEqualTo("seeded");
        assertThat(account.email()).isEqualTo("seeded@org-org_test.serviceaccount.com");
        assertThat(account.id()).startsWith("idn_");
        assertThat(account.userId()).startsWith("usr_");
        assertThat(account.permissionLevel()).isEqualTo("collaborator");
        assertThat(state.accountNamed("seeded")).contains(account);
        assertThat(state.accountNamed("SEEDED")).isEmpty();
        assertThatThrownBy(() -> state.createServiceAccount("seeded"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Service account with name 'seeded' already exists.");
        assertThatThrownBy(() -> state.createServiceAccount(" ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void seedsManyAccountsWithZeroPaddedNamesInOrder() {
        state.seedServiceAccounts("acct-", 100_000);
        assertThat(state.accounts()).hasSize(100_000);
        assertThat(state.accounts().get(0).name()).isEqualTo("acct-00001");
        assertThat(state.accounts().get(99_999).name()).isEqualTo("acct-100000");
        assertThat(state.accountNamed("acct-54321")).isPresent();
        CollaboratorPage page = state.list(new CollaboratorQuery(true, "acct-9999", null, -1, 50));
        assertThat(page.total()).isEqualTo(10); // acct-99990 to acct-99999
    }

    @Test
    void seedingRefusesTakenNamesAndCreatesNothingThen() {
        state.createServiceAccount("x-00002");
        assertThatThrownBy(() -> state.seedServiceAccounts("x-", 3)).isInstanceOf(IllegalStateException.class);
        assertThat(state.accounts()).hasSize(1);
    }

    @Test
    void keysAuthenticateUntilRevokedOrDeleted() {
        EmulatedAccount a = state.createServiceAccount("a");
        EmulatedAccount b = state.createServiceAccount("b");
        String a1 = state.mintKey(a.userId()).orElseThrow();
        String b1 = state.mintKey(b.userId()).orElseThrow();

        assertThat(state.authenticates("aph0_owner")).isTrue();
        assertThat(state.authenticates(a1)).isTrue();
        assertThat(state.accountOfKey(a1)).contains("a");
        assertThat(state.accountOfKey("aph0_owner")).isEmpty();
        assertThat(state.authenticates("nope")).isFalse();
        assertThat(state.authenticates(null)).isFalse();

        assertThat(state.revokeKeys(a.userId())).isTrue();
        assertThat(state.authenticates(a1)).isFalse();
        assertThat(state.liveKeys("a")).isEmpty();
        assertThat(state.delete(b.id())).isTrue();
        assertThat(state.authenticates(b1)).isFalse();
        assertThat(state.liveKeys("b")).isEmpty();
        assertThat(state.liveKeys("unknown")).isEmpty();
        assertThat(state.mintKey("usr_unknown")).isEmpty();
        assertThat(state.revokeKeys("usr_unknown")).isFalse();
        assertThat(state.delete("idn_unknown")).isFalse();
    }

    @Test
    void theOwnerIsNeitherAServiceAccountNorDeletable() {
        assertThat(state.accounts()).isEmpty();
        assertThat(state.delete(state.owner().id())).isFalse();
        assertThat(state.mintKey(state.owner().userId())).isEmpty();
        assertThat(state.authenticates("aph0_owner")).isTrue();
    }

    @Test
    void resetDeletesAccountsAndKeysButKeepsTheOwnerToken() {
        EmulatedAccount a = state.createServiceAccount("a");
        String key = state.mintKey(a.userId()).orElseThrow();
        state.reset();
        assertThat(state.accounts()).isEmpty();
        assertThat(state.authenticates(key)).isFalse();
        assertThat(state.authenticates("aph0_owner")).isTrue();
        state.createServiceAccount("a");
        assertThat(state.accounts()).hasSize(1);
    }
}
