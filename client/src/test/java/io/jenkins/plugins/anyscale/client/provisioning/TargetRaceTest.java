package io.jenkins.plugins.anyscale.client.provisioning;

import static io.jenkins.plugins.anyscale.emulator.Endpoint.CREATE_API_KEY;
import static io.jenkins.plugins.anyscale.emulator.Endpoint.CREATE_SERVICE_ACCOUNT;
import static io.jenkins.plugins.anyscale.emulator.Endpoint.ROTATE_API_KEYS;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.anyscale.client.ServiceAccountRef;
import io.jenkins.plugins.anyscale.emulator.AnyscaleEmulator;
import io.jenkins.plugins.anyscale.emulator.AnyscaleEmulatorExtension;
import io.jenkins.plugins.anyscale.emulator.EmulatedAccount;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Two operations storing keys of two different accounts at one target, forced to interleave where an unserialized
 * pair would overwrite one key with the other: the first holds inside the sink's store, between its check and its
 * write, while the second starts. Serialized on the target, the second finds the first key there and is refused
 * before it sends any change.
 */
@ExtendWith(AnyscaleEmulatorExtension.class)
class TargetRaceTest {

    static final KeyTarget SHARED = new KeyTarget("shared");

    /** What the second operation does at the target the first one is storing to. */
    enum Second {
        CREATE_API_KEY_OF_ANOTHER_ACCOUNT,
        ROTATE_ANOTHER_ACCOUNT,
        CREATE_ANOTHER_ACCOUNT
    }

    AnyscaleEmulator anyscale;
    ServiceAccountProvisioner provisioner;
    InMemoryKeySink sink;

    @BeforeEach
    void setUp(AnyscaleEmulator emulator) {
        anyscale = emulator;
        provisioner = new ServiceAccountProvisioner(ProvisioningTest.fastClient(emulator), ProvisioningTest.FAST);
        sink = new InMemoryKeySink();
        provisioner.create("a-bot", new KeyTarget("a-first"), sink);
        provisioner.create("b-bot", new KeyTarget("b-first"), sink);
        anyscale.faults().resetCounts();
    }

    @ParameterizedTest
    @EnumSource(Second.class)
    void theSecondOperationIsRefusedBeforeItChangesAnything(Second second) throws Exception {
        String bFirstKey = sink.at("b-first").orElseThrow().secret();
        InMemoryKeySink.Pause pause = sink.pauseNextStore();
        Worker first = new Worker(() -> provisioner.createApiKey(ServiceAccountRef.byName("a-bot"), SHARED, sink));
        first.start();
        assertThat(pause.awaitReached())
                .as("the first operation reached the store")
                .isTrue();

        Worker other = Worker.start(
                switch (second) {
                    case CREATE_API_KEY_OF_ANOTHER_ACCOUNT ->
                        () -> provisioner.createApiKey(ServiceAccountRef.byName("b-bot"), SHARED, sink);
                    case ROTATE_ANOTHER_ACCOUNT ->
                        () -> provisioner.rotateApiKeys(ServiceAccountRef.byName("b-bot"), SHARED, sink);
                    case CREATE_ANOTHER_ACCOUNT -> () -> provisioner.create("c-bot", SHARED, sink);
                });
        other.awaitWaitingForALockOrDone();
        pause.release();
        assertThat(first.finish()).isTrue();
        assertThat(other.finish()).isTrue();

        assertThat(first.failure()).isNull();
        assertThat(other.failure())
                .isInstanceOf(KeyTargetRefusedException.class)
                .hasMessageContaining("holds the key of service account 'a-bot'");
        String shared = sink.at(SHARED.id()).orElseThrow().secret();
        assertThat(anyscale.state().accountOfKey(shared)).contains("a-bot");
        // The second operation sent no change: one mint (the first's), no revoke, no create.
        assertThat(anyscale.faults().requestCount(CREATE_API_KEY)).isEqualTo(1);
        assertThat(anyscale.faults().requestCount(ROTATE_API_KEYS)).isZero();
        assertThat(anyscale.faults().requestCount(CREATE_SERVICE_ACCOUNT)).isZero();
        assertThat(anyscale.state().liveKeys("b-bot")).containsExactly(bFirstKey);
        assertThat(anyscale.state().accounts())
                .extracting(EmulatedAccount::name)
                .containsExactly("a-bot", "b-bot");
        assertEveryLiveKeyIsHeld();
    }

    private void assertEveryLiveKeyIsHeld() {
        var held =
                sink.all().values().stream().map(InMemoryKeySink.Stored::secret).toList();
        for (EmulatedAccount account : anyscale.state().accounts()) {
            assertThat(held)
                    .as("keys held for " + account.name())
                    .containsAll(anyscale.state().liveKeys(account.name()));
        }
    }
}
