package io.jenkins.plugins.anyscale.client.provisioning;

import static io.jenkins.plugins.anyscale.emulator.Endpoint.CREATE_API_KEY;
import static io.jenkins.plugins.anyscale.emulator.Endpoint.CREATE_SERVICE_ACCOUNT;
import static io.jenkins.plugins.anyscale.emulator.Endpoint.DELETE_COLLABORATOR;
import static io.jenkins.plugins.anyscale.emulator.Endpoint.LIST_COLLABORATORS;
import static io.jenkins.plugins.anyscale.emulator.Endpoint.ROTATE_API_KEYS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.jenkins.plugins.anyscale.client.AnyscaleClient;
import io.jenkins.plugins.anyscale.client.ConflictException;
import io.jenkins.plugins.anyscale.client.ForbiddenException;
import io.jenkins.plugins.anyscale.client.RetryPolicy;
import io.jenkins.plugins.anyscale.client.ServerErrorException;
import io.jenkins.plugins.anyscale.client.ServiceAccountRef;
import io.jenkins.plugins.anyscale.client.provisioning.ProvisioningException.Consequence;
import io.jenkins.plugins.anyscale.emulator.AnyscaleEmulator;
import io.jenkins.plugins.anyscale.emulator.AnyscaleEmulatorExtension;
import io.jenkins.plugins.anyscale.emulator.EmulatedAccount;
import io.jenkins.plugins.anyscale.emulator.Endpoint;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every call of every operation failing once (recovered) and for good (compensated), against the emulator and an
 * in-memory sink; each test asserts the end state on both sides.
 */
@ExtendWith(AnyscaleEmulatorExtension.class)
class ProvisioningTest {

    static final KeyTarget TARGET = new KeyTarget("anyscale-ci-bot");
    static final RetryPolicy FAST =
            new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofSeconds(10));

    AnyscaleEmulator anyscale;
    ServiceAccountProvisioner provisioner;
    InMemoryKeySink sink;

    @BeforeEach
    void setUp(AnyscaleEmulator emulator) {
        anyscale = emulator;
        provisioner = new ServiceAccountProvisioner(fastClient(emulator), FAST);
        sink = new InMemoryKeySink();
    }

    /** A client of the emulator whose retries take milliseconds. */
    static AnyscaleClient fastClient(AnyscaleEmulator emulator) {
        return AnyscaleClient.builder()
                .baseUrl(emulator.baseUrl())
                .token(emulator.ownerToken())
                .retryPolicy(FAST)
                .build();
    }

    @Nested
    class Create {

        @Test
        void storesTheFirstKeyOfANewAccount() {
            ProvisioningOutcome outcome = provisioner.create("ci-bot", TARGET, sink);

            EmulatedAccount account = anyscale.state().accountNamed("ci-bot").orElseThrow();
            String secret = sink.at(TARGET.id()).orElseThrow().secret();
            assertThat(anyscale.state().liveKeys("ci-bot")).containsExactly(secret);
            assertThat(sink.at(TARGET.id()).orElseThrow().accountEmail()).isEqualTo(account.email());
            assertThat(outcome.operation()).isEqualTo(ProvisioningOutcome.Operation.CREATE);
            assertThat(outcome.notes()).isEmpty();
            assertThat(outcome.summary())
                    .isEqualTo("Created service account 'ci-bot' (" + account.email()
                            + "); its API key is stored in memory slot 'anyscale-ci-bot'.");
            assertThat(outcome.toPipelineMap())
                    .containsEntry("name", "ci-bot")
                    .containsEntry("email", account.email())
                    .containsEntry("credentialsId", "anyscale-ci-bot")
                    .containsEntry("permissionLevel", "COLLABORATOR");
            assertThat(outcome.toString() + outcome.toPipelineMap()).doesNotContain(secret);
        }

        @Test
        void refusedTargetSendsNothing() {
            sink.putForeign(TARGET.id());

            KeyTargetRefusedException e = catchThrowableOfType(
                    KeyTargetRefusedException.class, () -> provisioner.create("ci-bot", TARGET, sink));

            assertThat(e.getMessage()).contains("is not an Anyscale API key");
            assertNothingSent();
            assertThat(anyscale.state().accounts()).isEmpty();
        }

        @Test
        void targetHoldingAnotherAccountsKeyIsRefused() {
            sink.putKey(TARGET.id(), "old", "other-bot", "other-bot@org");

            assertThat(catchThrowableOfType(
                                    KeyTargetRefusedException.class, () -> provisioner.create("ci-bot", TARGET, sink))
                            .getMessage())
                    .contains("holds the key of service account 'other-bot'");
            assertNothingSent();
        }

        @Test
        void takenNameCreatesNothing() {
            anyscale.state().createServiceAccount("ci-bot");

            ConflictException e =
                    catchThrowableOfType(ConflictException.class, () -> provisioner.create("ci-bot", TARGET, sink));

            assertThat(e.getMessage()).contains("already exists; nothing was created");
            assertThat(anyscale.faults().requestCount(CREATE_SERVICE_ACCOUNT)).isZero();
            assertThat(anyscale.faults().requestCount(CREATE_API_KEY)).isZero();
            assertThat(sink.all()).isEmpty();
        }

        @ParameterizedTest
        @EnumSource(
                value = Endpoint.class,
                names = {"LIST_COLLABORATORS", "CREATE_SERVICE_ACCOUNT", "CREATE_API_KEY"})
        void eachCallFailingOnceWith503IsRecovered(Endpoint endpoint) {
            anyscale.faults().failNext(endpoint, 1, 503);

            provisioner.create("ci-bot", TARGET, sink);

            assertOneAccountWithItsOnlyKeyStored("ci-bot");
        }

        @ParameterizedTest
        @EnumSource(
                value = Endpoint.class,
                names = {"CREATE_SERVICE_ACCOUNT", "CREATE_API_KEY"})
        void eachWriteDroppedBeforeItIsAppliedIsRecovered(Endpoint endpoint) {
            anyscale.faults().dropNext(endpoint, 1);

            ProvisioningOutcome outcome = provisioner.create("ci-bot", TARGET, sink);

            assertOneAccountWithItsOnlyKeyStored("ci-bot");
            assertThat(outcome.notes()).singleElement().asString().contains("connection dropped");
        }

        @ParameterizedTest
        @EnumSource(
                value = Endpoint.class,
                names = {"CREATE_SERVICE_ACCOUNT", "CREATE_API_KEY"})
        void eachWriteAppliedThenDroppedIsResolvedWithoutDuplicates(Endpoint endpoint) {
            anyscale.faults().applyThenDropNext(endpoint, 1);

            ProvisioningOutcome outcome = provisioner.create("ci-bot", TARGET, sink);

            // One account, and no key but the stored one: the orphan minted before the drop was revoked.
            assertOneAccountWithItsOnlyKeyStored("ci-bot");
            assertThat(outcome.notes()).singleElement().asString().contains("connection dropped");
        }

        @Test
        void aConflictOnTheRetryOfOurOwnCreateIsTheAccountThatCreateMade() {
            anyscale.faults().applyThenFailNext(CREATE_SERVICE_ACCOUNT, 1, 503);

            ProvisioningOutcome outcome = provisioner.create("ci-bot", TARGET, sink);

            assertOneAccountWithItsOnlyKeyStored("ci-bot");
            assertThat(anyscale.faults().requestCount(CREATE_SERVICE_ACCOUNT)).isEqualTo(2);
            assertThat(outcome.notes())
                    .containsExactly("Anyscale made the account although it answered the first attempt as failed;"
                            + " found it by lookup when the retry was refused");
        }

        /**
         * A wait of centuries used to overflow into an ArithmeticException that skipped the lookup, leaving the account
         * without a key and nobody told.
         */
        @ParameterizedTest
        @ValueSource(strings = {"10000000000", "Fri, 31 Dec 9999 23:59:59 GMT"})
        void aCreateAppliedThenAnswered503WithAHugeRetryAfterIsResolvedByLookup(String retryAfter) {
            anyscale.faults().applyThenFailNext(CREATE_SERVICE_ACCOUNT, 1, 503, retryAfter);

            ProvisioningOutcome outcome = provisioner.create("ci-bot", TARGET, sink);

            assertOneAccountWithItsOnlyKeyStored("ci-bot");
            assertThat(anyscale.faults().requestCount(CREATE_SERVICE_ACCOUNT)).isEqualTo(1);
            assertThat(outcome.notes())
                    .containsExactly("Anyscale answered HTTP 503 but had created the account; found it by lookup");
        }

        @Test
        void aServerErrorAfterTheAccountWasMadeIsResolvedByLookup() {
            anyscale.faults().applyThenFailNext(CREATE_SERVICE_ACCOUNT, 1, 500);

            ProvisioningOutcome outcome = provisioner.create("ci-bot", TARGET, sink);

            assertOneAccountWithItsOnlyKeyStored("ci-bot");
            assertThat(anyscale.faults().requestCount(CREATE_SERVICE_ACCOUNT)).isEqualTo(1);
            assertThat(outcome.notes())
                    .containsExactly("Anyscale answered HTTP 500 but had created the account; found it by lookup");
        }

        @Test
        void aServerErrorThatCreatedNothingIsReported() {
            anyscale.faults().failNext(CREATE_SERVICE_ACCOUNT, 1, 500);

            catchThrowableOfType(ServerErrorException.class, () -> provisioner.create("ci-bot", TARGET, sink));

            assertThat(anyscale.faults().requestCount(CREATE_SERVICE_ACCOUNT)).isEqualTo(1);
            assertThat(anyscale.faults().requestCount(CREATE_API_KEY)).isZero();
            assertThat(anyscale.state().accounts()).isEmpty();
        }

        @Test
        void aConflictOnTheFirstAttemptIsSomeoneElsesAccountAndIsLeftAlone() {
            anyscale.faults().failNext(CREATE_SERVICE_ACCOUNT, 1, 409);

            catchThrowableOfType(ConflictException.class, () -> provisioner.create("ci-bot", TARGET, sink));

            assertThat(anyscale.faults().requestCount(LIST_COLLABORATORS)).isEqualTo(1);
            assertThat(anyscale.faults().requestCount(CREATE_API_KEY)).isZero();
            assertThat(anyscale.faults().requestCount(DELETE_COLLABORATOR)).isZero();
        }

        @Test
        void storeFailingOnceIsRetried() {
            sink.failNextStores(1);

            ProvisioningOutcome outcome = provisioner.create("ci-bot", TARGET, sink);

            assertOneAccountWithItsOnlyKeyStored("ci-bot");
            assertThat(outcome.notes()).containsExactly("storing the key was retried 1 time");
        }

        @Test
        void storeFailingForGoodRollsTheAccountBack() {
            sink.failNextStores(10);

            ProvisioningException e =
                    catchThrowableOfType(ProvisioningException.class, () -> provisioner.create("ci-bot", TARGET, sink));

            assertThat(e.consequence()).isEqualTo(Consequence.ROLLED_BACK);
            assertThat(e.getMessage())
                    .isEqualTo("Creating service account 'ci-bot' failed while storing its API key in memory slot"
                            + " 'anyscale-ci-bot': the store is unavailable (injected). The account was deleted again,"
                            + " so nothing is left behind.");
            assertThat(anyscale.state().accounts()).isEmpty();
            assertThat(sink.all()).isEmpty();
            assertThat(sink.storeCalls()).isEqualTo(3);
        }

        @Test
        void mintFailingForGoodRollsTheAccountBack() {
            anyscale.faults().failNext(CREATE_API_KEY, 5, 500);

            ProvisioningException e =
                    catchThrowableOfType(ProvisioningException.class, () -> provisioner.create("ci-bot", TARGET, sink));

            assertThat(e.consequence()).isEqualTo(Consequence.ROLLED_BACK);
            assertThat(e.getMessage()).contains("HTTP 500").contains("deleted again");
            assertThat(anyscale.state().accounts()).isEmpty();
            assertThat(sink.all()).isEmpty();
        }

        @ParameterizedTest
        @ValueSource(ints = {500, 503})
        void aMintAppliedThenAnsweredAsFailedLeavesOnlyTheStoredKey(int status) {
            anyscale.faults().applyThenFailNext(CREATE_API_KEY, 1, status);

            ProvisioningOutcome outcome = provisioner.create("ci-bot", TARGET, sink);

            assertOneAccountWithItsOnlyKeyStored("ci-bot");
            assertThat(outcome.notes())
                    .containsExactly("minting the key got no clear answer (HTTP " + status
                            + "); revoked any key it made and minted again");
        }

        @Test
        void aRollbackWhoseDeleteWasAppliedThenAnswered503IsStillARollback() {
            sink.failNextStores(10);
            anyscale.faults().applyThenFailNext(DELETE_COLLABORATOR, 1, 503);

            ProvisioningException e =
                    catchThrowableOfType(ProvisioningException.class, () -> provisioner.create("ci-bot", TARGET, sink));

            assertThat(e.consequence()).isEqualTo(Consequence.ROLLED_BACK);
            assertThat(anyscale.state().accounts()).isEmpty();
        }

        @Test
        void failedRollbackNamesTheAccountToDeleteByHand() {
            sink.failNextStores(10);
            anyscale.faults().failNext(DELETE_COLLABORATOR, 5, 500);

            ProvisioningException e =
                    catchThrowableOfType(ProvisioningException.class, () -> provisioner.create("ci-bot", TARGET, sink));

            assertThat(e.consequence()).isEqualTo(Consequence.ACCOUNT_LEFT_BEHIND);
            assertThat(e.accountName()).isEqualTo("ci-bot");
            assertThat(e.getMessage())
                    .contains("Deleting the account again failed too")
                    .endsWith("Delete service account 'ci-bot' by hand.");
            assertThat(anyscale.state().accountNamed("ci-bot")).isPresent();
            assertThat(sink.all()).isEmpty();
            assertNoSecretIn(e);
        }
    }

    @Nested
    class CreateApiKey {

        String firstKey;

        @BeforeEach
        void existingAccount() {
            provisioner.create("ci-bot", new KeyTarget("first"), sink);
            firstKey = sink.at("first").orElseThrow().secret();
            anyscale.faults().resetCounts();
        }

        @Test
        void storesAnotherKeyAndKeepsTheOld() {
            ProvisioningOutcome outcome = provisioner.createApiKey(ServiceAccountRef.byName("ci-bot"), TARGET, sink);

            String second = sink.at(TARGET.id()).orElseThrow().secret();
            assertThat(anyscale.state().liveKeys("ci-bot")).containsExactlyInAnyOrder(firstKey, second);
            assertThat(outcome.summary()).contains("older keys still work").doesNotContain(second);
        }

        @Test
        void byEmailToo() {
            String email = anyscale.state().accountNamed("ci-bot").orElseThrow().email();

            provisioner.createApiKey(ServiceAccountRef.byEmail(email), TARGET, sink);

            assertThat(anyscale.state().liveKeys("ci-bot")).hasSize(2);
        }

        @Test
        void replacesAKeyOfTheSameAccountInOneStep() {
            provisioner.createApiKey(ServiceAccountRef.byName("ci-bot"), new KeyTarget("first"), sink);

            assertThat(sink.at("first").orElseThrow().secret()).isNotEqualTo(firstKey);
            assertThat(anyscale.state().liveKeys("ci-bot")).hasSize(2);
        }

        @Test
        void refusedTargetSendsNoMint() {
            sink.putForeign(TARGET.id());

            catchThrowableOfType(
                    KeyTargetRefusedException.class,
                    () -> provisioner.createApiKey(ServiceAccountRef.byName("ci-bot"), TARGET, sink));

            assertNothingSent();
            assertThat(anyscale.state().liveKeys("ci-bot")).containsExactly(firstKey);
        }

        @Test
        void targetOfAnotherAccountIsRefusedBeforeTheLookup() {
            String email = anyscale.state().accountNamed("ci-bot").orElseThrow().email();
            sink.putKey(TARGET.id(), "x", "other-bot", "other-bot@org");

            catchThrowableOfType(
                    KeyTargetRefusedException.class,
                    () -> provisioner.createApiKey(ServiceAccountRef.byEmail(email), TARGET, sink));

            assertNothingSent();
        }

        @Test
        void aLookupFailingOnceIsRecovered() {
            anyscale.faults().failNext(LIST_COLLABORATORS, 1, 503);

            provisioner.createApiKey(ServiceAccountRef.byName("ci-bot"), TARGET, sink);

            assertThat(anyscale.state().liveKeys("ci-bot"))
                    .containsExactlyInAnyOrder(
                            firstKey, sink.at(TARGET.id()).orElseThrow().secret());
        }

        @Test
        void aRateLimitedMintIsRetried() {
            anyscale.faults().failNext(CREATE_API_KEY, 1, 429);

            provisioner.createApiKey(ServiceAccountRef.byName("ci-bot"), TARGET, sink);

            assertThat(anyscale.state().liveKeys("ci-bot"))
                    .containsExactlyInAnyOrder(
                            firstKey, sink.at(TARGET.id()).orElseThrow().secret());
        }

        @ParameterizedTest
        @ValueSource(ints = {500, 503})
        void aMintAppliedThenAnsweredAsFailedIsNotRepeatedAndTheUnheldKeyIsReported(int status) {
            // A gateway can answer 5xx after Anyscale minted: a repeat would make a second key nothing asked for.
            anyscale.faults().applyThenFailNext(CREATE_API_KEY, 1, status);

            ProvisioningException e = catchThrowableOfType(
                    ProvisioningException.class,
                    () -> provisioner.createApiKey(ServiceAccountRef.byName("ci-bot"), TARGET, sink));

            assertThat(e.consequence()).isEqualTo(Consequence.UNSTORED_KEY);
            assertThat(e.getMessage())
                    .contains("HTTP " + status)
                    .contains("A valid API key of the account may exist that nothing holds; its older keys still"
                            + " work.");
            assertThat(anyscale.faults().requestCount(CREATE_API_KEY)).isEqualTo(1);
            assertThat(sink.at(TARGET.id())).isEmpty();
            assertThat(anyscale.state().liveKeys("ci-bot")).hasSize(2).contains(firstKey);
            assertNoSecretIn(e);
        }

        @Test
        void aRefusedMintIsReportedAsItIs() {
            anyscale.faults().failNext(CREATE_API_KEY, 1, 403);

            ForbiddenException e = catchThrowableOfType(
                    ForbiddenException.class,
                    () -> provisioner.createApiKey(ServiceAccountRef.byName("ci-bot"), TARGET, sink));

            assertThat(e.statusCode()).isEqualTo(403);
            assertThat(anyscale.state().liveKeys("ci-bot")).containsExactly(firstKey);
        }

        @Test
        void mintAppliedThenDroppedSaysAKeyMayBeUnheld() {
            anyscale.faults().applyThenDropNext(CREATE_API_KEY, 1);

            ProvisioningException e = catchThrowableOfType(
                    ProvisioningException.class,
                    () -> provisioner.createApiKey(ServiceAccountRef.byName("ci-bot"), TARGET, sink));

            assertThat(e.consequence()).isEqualTo(Consequence.UNSTORED_KEY);
            assertThat(e.getMessage())
                    .containsOnlyOnce("may exist that nothing holds")
                    .contains("rotate the API keys of service account 'ci-bot'");
            assertThat(anyscale.faults().requestCount(CREATE_API_KEY)).isEqualTo(1);
            assertThat(sink.at(TARGET.id())).isEmpty();
            assertThat(anyscale.state().liveKeys("ci-bot")).hasSize(2).contains(firstKey);
        }

        @Test
        void storeFailingOnceIsRetried() {
            sink.failNextStores(1);

            ProvisioningOutcome outcome = provisioner.createApiKey(ServiceAccountRef.byName("ci-bot"), TARGET, sink);

            assertThat(outcome.notes()).containsExactly("storing the key was retried 1 time");
            assertThat(anyscale.state().liveKeys("ci-bot"))
                    .contains(sink.at(TARGET.id()).orElseThrow().secret());
        }

        @Test
        void storeFailingForGoodSaysAValidKeyIsUnheld() {
            sink.failNextStores(10);

            ProvisioningException e = catchThrowableOfType(
                    ProvisioningException.class,
                    () -> provisioner.createApiKey(ServiceAccountRef.byName("ci-bot"), TARGET, sink));

            assertThat(e.consequence()).isEqualTo(Consequence.UNSTORED_KEY);
            assertThat(e.getMessage())
                    .contains("failed while storing it in memory slot 'anyscale-ci-bot'")
                    .contains("A valid API key of the account exists that nothing holds");
            assertThat(sink.at(TARGET.id())).isEmpty();
            assertThat(anyscale.state().liveKeys("ci-bot")).hasSize(2);
            assertNoSecretIn(e);
        }
    }

    @Nested
    class Rotate {

        String oldKey;

        @BeforeEach
        void existingAccount() {
            provisioner.create("ci-bot", TARGET, sink);
            oldKey = sink.at(TARGET.id()).orElseThrow().secret();
            anyscale.faults().resetCounts();
        }

        @Test
        void revokesEveryOldKeyAndStoresTheNewOne() {
            provisioner.createApiKey(ServiceAccountRef.byName("ci-bot"), new KeyTarget("second"), sink);

            ProvisioningOutcome outcome = provisioner.rotateApiKeys(ServiceAccountRef.byName("ci-bot"), TARGET, sink);

            String newKey = sink.at(TARGET.id()).orElseThrow().secret();
            assertThat(newKey).isNotEqualTo(oldKey);
            assertThat(anyscale.state().liveKeys("ci-bot")).containsExactly(newKey);
            assertThat(anyscale.state().authenticates(oldKey)).isFalse();
            assertThat(outcome.summary()).contains("every older key is revoked").doesNotContain(newKey);
        }

        @Test
        void refusedTargetRevokesNothing() {
            sink.putKey("other", "x", "other-bot", "other-bot@org");

            catchThrowableOfType(
                    KeyTargetRefusedException.class,
                    () -> provisioner.rotateApiKeys(ServiceAccountRef.byName("ci-bot"), new KeyTarget("other"), sink));

            assertNothingSent();
            assertThat(anyscale.state().liveKeys("ci-bot")).containsExactly(oldKey);
        }

        @ParameterizedTest
        @EnumSource(
                value = Endpoint.class,
                names = {"LIST_COLLABORATORS", "ROTATE_API_KEYS", "CREATE_API_KEY"})
        void eachCallFailingOnceIsRecovered(Endpoint endpoint) {
            anyscale.faults().failNext(endpoint, 1, 503);

            provisioner.rotateApiKeys(ServiceAccountRef.byName("ci-bot"), TARGET, sink);

            assertRotated();
        }

        @ParameterizedTest
        @EnumSource(
                value = Endpoint.class,
                names = {"ROTATE_API_KEYS", "CREATE_API_KEY"})
        void eachWriteDroppedIsRecovered(Endpoint endpoint) {
            anyscale.faults().dropNext(endpoint, 1);

            provisioner.rotateApiKeys(ServiceAccountRef.byName("ci-bot"), TARGET, sink);

            assertRotated();
        }

        @ParameterizedTest
        @EnumSource(
                value = Endpoint.class,
                names = {"ROTATE_API_KEYS", "CREATE_API_KEY"})
        void eachWriteAppliedThenDroppedIsRecovered(Endpoint endpoint) {
            anyscale.faults().applyThenDropNext(endpoint, 1);

            provisioner.rotateApiKeys(ServiceAccountRef.byName("ci-bot"), TARGET, sink);

            assertRotated();
        }

        @ParameterizedTest
        @ValueSource(ints = {500, 503})
        void aMintAppliedThenAnsweredAsFailedLeavesOnlyTheStoredKey(int status) {
            anyscale.faults().applyThenFailNext(CREATE_API_KEY, 1, status);

            provisioner.rotateApiKeys(ServiceAccountRef.byName("ci-bot"), TARGET, sink);

            assertRotated();
        }

        @Test
        void mintFailingWithAnUnknownOutcomeIsRetriedAfterRevokingAgain() {
            anyscale.faults().failNext(CREATE_API_KEY, 1, 500);

            ProvisioningOutcome outcome = provisioner.rotateApiKeys(ServiceAccountRef.byName("ci-bot"), TARGET, sink);

            assertRotated();
            assertThat(outcome.notes()).contains("minting and storing the new key took 2 attempts");
        }

        @Test
        void storeFailingOnceIsRetried() {
            sink.failNextStores(1);

            provisioner.rotateApiKeys(ServiceAccountRef.byName("ci-bot"), TARGET, sink);

            assertRotated();
        }

        @Test
        void storeFailingForGoodLeavesNoWorkingKeyAndSaysSo() {
            sink.failNextStores(100);

            ProvisioningException e = catchThrowableOfType(
                    ProvisioningException.class,
                    () -> provisioner.rotateApiKeys(ServiceAccountRef.byName("ci-bot"), TARGET, sink));

            assertThat(e.consequence()).isEqualTo(Consequence.NO_WORKING_KEY);
            assertThat(e.getMessage())
                    .startsWith("Rotating the API keys of service account 'ci-bot' (")
                    .contains("All its keys were revoked and no new one was stored: the account has no working stored"
                            + " API key.")
                    .endsWith("Rotate the API keys of service account 'ci-bot' again to recover.");
            // No minted key without a home: the last unstored key was revoked too.
            assertThat(anyscale.state().liveKeys("ci-bot")).isEmpty();
            assertThat(sink.at(TARGET.id()).orElseThrow().secret()).isEqualTo(oldKey);
            assertNoSecretIn(e);
        }

        @Test
        void mintFailingForGoodLeavesNoWorkingKeyAndSaysSo() {
            anyscale.faults().failNext(CREATE_API_KEY, 100, 500);

            ProvisioningException e = catchThrowableOfType(
                    ProvisioningException.class,
                    () -> provisioner.rotateApiKeys(ServiceAccountRef.byName("ci-bot"), TARGET, sink));

            assertThat(e.consequence()).isEqualTo(Consequence.NO_WORKING_KEY);
            assertThat(e.getMessage()).contains("HTTP 500");
            assertThat(anyscale.state().liveKeys("ci-bot")).isEmpty();
        }

        @Test
        void revokeFailingForGoodChangesNothing() {
            anyscale.faults().failNext(ROTATE_API_KEYS, 100, 403);

            ProvisioningException e = catchThrowableOfType(
                    ProvisioningException.class,
                    () -> provisioner.rotateApiKeys(ServiceAccountRef.byName("ci-bot"), TARGET, sink));

            assertThat(e.consequence()).isEqualTo(Consequence.NOTHING_CHANGED);
            assertThat(anyscale.state().liveKeys("ci-bot")).containsExactly(oldKey);
            assertThat(anyscale.faults().requestCount(CREATE_API_KEY)).isZero();
        }

        private void assertRotated() {
            String newKey = sink.at(TARGET.id()).orElseThrow().secret();
            assertThat(newKey).isNotEqualTo(oldKey);
            assertThat(anyscale.state().liveKeys("ci-bot")).containsExactly(newKey);
            assertThat(anyscale.state().authenticates(oldKey)).isFalse();
        }
    }

    @Nested
    class Delete {

        String key;

        @BeforeEach
        void existingAccounts() {
            provisioner.create("ci-bot", TARGET, sink);
            provisioner.createApiKey(ServiceAccountRef.byName("ci-bot"), new KeyTarget("second"), sink);
            provisioner.create("other-bot", new KeyTarget("other"), sink);
            key = sink.at(TARGET.id()).orElseThrow().secret();
            anyscale.faults().resetCounts();
        }

        @Test
        void deletesTheAccountAndItsStoredKeysOnly() {
            ProvisioningOutcome outcome = provisioner.delete(ServiceAccountRef.byName("ci-bot"), sink, true);

            assertThat(anyscale.state().accountNamed("ci-bot")).isEmpty();
            assertThat(anyscale.state().authenticates(key)).isFalse();
            assertThat(sink.all()).containsOnlyKeys("other");
            assertThat(outcome.removedKeys())
                    .containsExactlyInAnyOrder("memory slot 'anyscale-ci-bot'", "memory slot 'second'");
            assertThat(outcome.toPipelineMap()).containsEntry("name", "ci-bot").containsKey("removedCredentials");
        }

        @Test
        void canKeepTheStoredKeys() {
            ProvisioningOutcome outcome = provisioner.delete(ServiceAccountRef.byName("ci-bot"), sink, false);

            assertThat(anyscale.state().accountNamed("ci-bot")).isEmpty();
            assertThat(sink.all()).containsOnlyKeys(TARGET.id(), "second", "other");
            assertThat(outcome.notes()).containsExactly("stored keys of the account were kept; they no longer work");
        }

        @Test
        void aSinkThatMayNotRemoveKeysStopsTheDeleteBeforeAnythingIsSent() {
            sink.refuseAll("removing credentials is not allowed here");

            KeyTargetRefusedException e = catchThrowableOfType(
                    KeyTargetRefusedException.class,
                    () -> provisioner.delete(ServiceAccountRef.byName("ci-bot"), sink, true));

            assertThat(e).hasMessage("removing credentials is not allowed here");

            assertNothingSent();
            assertThat(anyscale.state().accountNamed("ci-bot")).isPresent();
            assertThat(anyscale.state().authenticates(key)).isTrue();
            assertThat(sink.all()).containsOnlyKeys(TARGET.id(), "second", "other");
        }

        @Test
        void keepingTheStoredKeysAsksNothingOfTheSink() {
            sink.refuseAll("this sink refuses everything");

            provisioner.delete(ServiceAccountRef.byName("ci-bot"), sink, false);

            assertThat(anyscale.state().accountNamed("ci-bot")).isEmpty();
        }

        @ParameterizedTest
        @EnumSource(
                value = Endpoint.class,
                names = {"LIST_COLLABORATORS", "DELETE_COLLABORATOR"})
        void eachCallFailingOnceIsRecovered(Endpoint endpoint) {
            anyscale.faults().failNext(endpoint, 1, 503);

            provisioner.delete(ServiceAccountRef.byName("ci-bot"), sink, true);

            assertDeleted();
        }

        @Test
        void deleteDroppedBeforeItIsAppliedIsSentOnceMore() {
            anyscale.faults().dropNext(DELETE_COLLABORATOR, 1);

            provisioner.delete(ServiceAccountRef.byName("ci-bot"), sink, true);

            assertDeleted();
            assertThat(anyscale.faults().requestCount(DELETE_COLLABORATOR)).isEqualTo(2);
        }

        @Test
        void deleteAppliedThenDroppedIsFoundDoneByLookup() {
            anyscale.faults().applyThenDropNext(DELETE_COLLABORATOR, 1);

            provisioner.delete(ServiceAccountRef.byName("ci-bot"), sink, true);

            assertDeleted();
            assertThat(anyscale.faults().requestCount(DELETE_COLLABORATOR)).isEqualTo(1);
        }

        @Test
        void aDeleteAppliedThenAnswered503IsFoundDoneWhenItsRetryMeets404() {
            anyscale.faults().applyThenFailNext(DELETE_COLLABORATOR, 1, 503);

            provisioner.delete(ServiceAccountRef.byName("ci-bot"), sink, true);

            assertDeleted();
            assertThat(anyscale.faults().requestCount(DELETE_COLLABORATOR)).isEqualTo(2);
        }

        @Test
        void removingStoredKeysFailingIsReported() {
            sink.failNextRemovals(1);

            ProvisioningException e = catchThrowableOfType(
                    ProvisioningException.class,
                    () -> provisioner.delete(ServiceAccountRef.byName("ci-bot"), sink, true));

            assertThat(e.consequence()).isEqualTo(Consequence.STORED_KEYS_LEFT);
            assertThat(e.getMessage())
                    .contains("failed while removing its stored API keys")
                    .endsWith("Remove the stored API keys of service account 'ci-bot' by hand.");
            assertThat(anyscale.state().accountNamed("ci-bot")).isEmpty();
        }

        private void assertDeleted() {
            assertThat(anyscale.state().accounts())
                    .extracting(EmulatedAccount::name)
                    .containsExactly("other-bot");
            assertThat(anyscale.state().authenticates(key)).isFalse();
            assertThat(sink.all()).containsOnlyKeys("other");
        }
    }

    private void assertNothingSent() {
        for (Endpoint e : List.of(
                CREATE_SERVICE_ACCOUNT, CREATE_API_KEY, LIST_COLLABORATORS, ROTATE_API_KEYS, DELETE_COLLABORATOR)) {
            assertThat(anyscale.faults().requestCount(e)).as(e.name()).isZero();
        }
    }

    private void assertOneAccountWithItsOnlyKeyStored(String name) {
        assertThat(anyscale.state().accounts())
                .extracting(EmulatedAccount::name)
                .containsExactly(name);
        String stored = sink.at(TARGET.id()).orElseThrow().secret();
        assertThat(anyscale.state().liveKeys(name)).containsExactly(stored);
    }

    private void assertNoSecretIn(Throwable e) {
        java.io.StringWriter trace = new java.io.StringWriter();
        e.printStackTrace(new java.io.PrintWriter(trace));
        for (var account : anyscale.state().accounts()) {
            for (String live : anyscale.state().liveKeys(account.name())) {
                assertThat(trace.toString()).doesNotContain(live);
            }
        }
        for (var stored : sink.all().values()) {
            assertThat(trace.toString()).doesNotContain(stored.secret());
        }
        assertThat(trace.toString()).doesNotContain(anyscale.ownerToken());
    }
}
