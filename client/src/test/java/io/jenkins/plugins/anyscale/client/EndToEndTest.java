package io.jenkins.plugins.anyscale.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.anyscale.emulator.AnyscaleEmulator;
import io.jenkins.plugins.anyscale.emulator.AnyscaleEmulatorExtension;
import io.jenkins.plugins.anyscale.emulator.EmulatedAccount;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** All five operations against the emulator, over real HTTP, as a user of the SDK would call them. */
@ExtendWith(AnyscaleEmulatorExtension.class)
class EndToEndTest {

    AnyscaleEmulator anyscale;
    AnyscaleClient client;

    @BeforeEach
    void setUp(AnyscaleEmulator emulator) {
        anyscale = emulator;
        client = AnyscaleClient.builder()
                .baseUrl(emulator.baseUrl())
                .token(emulator.ownerToken())
                .build();
    }

    @Test
    void theFiveOperations() {
        ServiceAccounts accounts = client.serviceAccounts();

        ApiKey first = accounts.create("ci-bot");
        assertThat(anyscale.state().authenticates(first.secret())).isTrue();
        assertThat(anyscale.state().accountOfKey(first.secret())).contains("ci-bot");
        EmulatedAccount emulated = anyscale.state().accountNamed("ci-bot").orElseThrow();
        assertThat(first.serviceAccount().email()).isEqualTo(emulated.email());
        assertThat(first.serviceAccount().createdAt().toInstant())
                .isEqualTo(emulated.createdAt().toInstant());

        ApiKey second = accounts.createApiKey(ServiceAccountRef.byEmail(emulated.email()));
        assertThat(anyscale.state().liveKeys("ci-bot")).containsExactlyInAnyOrder(first.secret(), second.secret());

        accounts.create("ci-bot-2");
        List<ServiceAccount> listed = accounts.list(20);
        assertThat(listed).extracting(ServiceAccount::name).containsExactly("ci-bot", "ci-bot-2");
        assertThat(listed.get(0).id()).isEqualTo(emulated.id());
        assertThat(listed.get(0).userId()).isEqualTo(emulated.userId());
        assertThat(listed.get(0).permissionLevel()).isEqualTo(OrganizationPermissionLevel.COLLABORATOR);

        ApiKey rotated = accounts.rotateApiKeys(ServiceAccountRef.byName("ci-bot"));
        assertThat(anyscale.state().liveKeys("ci-bot")).containsExactly(rotated.secret());
        assertThat(anyscale.state().authenticates(first.secret())).isFalse();

        accounts.delete(ServiceAccountRef.byName("ci-bot"));
        assertThat(anyscale.state().accountNamed("ci-bot")).isEmpty();
        assertThat(anyscale.state().authenticates(rotated.secret())).isFalse();
        assertThat(accounts.list(20)).extracting(ServiceAccount::name).containsExactly("ci-bot-2");
    }

    @Test
    void exactLookupAmongManyPartialMatchesAcrossPages() {
        anyscale.state().seedServiceAccounts("bot-", 180);
        anyscale.state().createServiceAccount("bot-");

        ServiceAccount found = client.serviceAccounts().find(ServiceAccountRef.byName("bot-"));

        assertThat(found.name()).isEqualTo("bot-");
        assertThat(client.serviceAccounts().stream().count()).isEqualTo(181);
    }

    @Test
    void hostileNameRoundTrips() {
        String hostile = "a b/c?d&e=f+g%h ü";

        ApiKey key = client.serviceAccounts().create(hostile);

        assertThat(key.serviceAccount().name()).isEqualTo(hostile);
        assertThat(anyscale.state().accountNamed(hostile)).isPresent();
        assertThat(client.serviceAccounts()
                        .find(ServiceAccountRef.byName(hostile))
                        .name())
                .isEqualTo(hostile);
    }

    @Test
    void takenNameIsAConflict() {
        client.serviceAccounts().create("ci-bot");

        assertThatThrownBy(() -> client.serviceAccounts().create("ci-bot"))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("already exists");
    }

    @Test
    void aServiceAccountKeyMayNotManage() {
        ApiKey key = client.serviceAccounts().create("ci-bot");
        AnyscaleClient asBot = AnyscaleClient.builder()
                .baseUrl(anyscale.baseUrl())
                .token(key.secret())
                .build();

        assertThat(asBot.userInfo().isOrganizationOwner()).isFalse();
        assertThatThrownBy(() -> asBot.serviceAccounts().list(5)).isInstanceOf(ForbiddenException.class);
        assertThat(client.userInfo().isOrganizationOwner()).isTrue();
    }

    @Test
    void cookieAuthenticationWorksToo() {
        AnyscaleClient cookie = AnyscaleClient.builder()
                .baseUrl(anyscale.baseUrl())
                .token(anyscale.ownerToken())
                .authScheme(AuthScheme.COOKIE)
                .build();

        assertThat(cookie.serviceAccounts().list(1)).isEmpty();
    }

    @Test
    void badTokenIsUnauthorizedWithATraceId() {
        AnyscaleClient wrong = AnyscaleClient.builder()
                .baseUrl(anyscale.baseUrl())
                .token("aph0_wrong")
                .build();

        UnauthorizedException e = org.assertj.core.api.Assertions.catchThrowableOfType(
                UnauthorizedException.class, () -> wrong.serviceAccounts().list(1));

        assertThat(e.traceId()).isNotBlank();
        assertThat(e.getMessage()).contains(e.traceId()).doesNotContain("aph0_wrong");
    }
}
