package io.jenkins.plugins.anyscale.client.provisioning;

import static io.jenkins.plugins.anyscale.emulator.Endpoint.CREATE_API_KEY;
import static io.jenkins.plugins.anyscale.emulator.Endpoint.CREATE_SERVICE_ACCOUNT;
import static io.jenkins.plugins.anyscale.emulator.Endpoint.DELETE_COLLABORATOR;
import static io.jenkins.plugins.anyscale.emulator.Endpoint.LIST_COLLABORATORS;
import static io.jenkins.plugins.anyscale.emulator.Endpoint.ROTATE_API_KEYS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.jenkins.plugins.anyscale.client.AnyscaleException;
import io.jenkins.plugins.anyscale.client.ServiceAccountRef;
import io.jenkins.plugins.anyscale.client.provisioning.ProvisioningException.Consequence;
import io.jenkins.plugins.anyscale.client.provisioning.ProvisioningOutcome.Operation;
import io.jenkins.plugins.anyscale.emulator.AnyscaleEmulator;
import io.jenkins.plugins.anyscale.emulator.AnyscaleEmulatorExtension;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The final text of every {@link Consequence}, from the emulator's faults: what was attempted and what failed (the
 * underlying error's reason once), the state left (one phrase per consequence), and what to do, only when something
 * is left to do. Nothing is said twice.
 */
@ExtendWith(AnyscaleEmulatorExtension.class)
class FailureMessagesTest {

    static final KeyTarget TARGET = new KeyTarget("anyscale-ci-bot");
    static final ServiceAccountRef CI_BOT = ServiceAccountRef.byName("ci-bot");
    static final String FORBIDDEN =
            "HTTP 403 Forbidden (only organization owners may manage service accounts):" + " injected fault.";
    static final String SERVER_ERROR = "HTTP 500 Internal Server Error: injected fault.";

    AnyscaleEmulator anyscale;
    ServiceAccountProvisioner provisioner;
    InMemoryKeySink sink;

    @BeforeEach
    void setUp(AnyscaleEmulator emulator) {
        anyscale = emulator;
        provisioner = new ServiceAccountProvisioner(ProvisioningTest.fastClient(emulator), ProvisioningTest.FAST);
        sink = new InMemoryKeySink();
    }

    @AfterEach
    void clearTheFlag() {
        Thread.interrupted();
    }

    // ---------------------------------------------------------------- NOTHING_CHANGED

    @Test
    void aRefusedRevokeChangedNothing() {
        String email = existingAccount();
        anyscale.faults().failNext(ROTATE_API_KEYS, 10, 403);

        ProvisioningException e = failure(() -> provisioner.rotateApiKeys(CI_BOT, TARGET, sink));

        assertThat(e)
                .hasMessage("Rotating the API keys of service account 'ci-bot' (" + email + ") failed: " + FORBIDDEN
                        + traceIdOf(e.getCause()) + ". Nothing was changed.");
        assertLeft(e, Operation.ROTATE_API_KEYS, Consequence.NOTHING_CHANGED, null);
    }

    @Test
    void anInterruptionBeforeAnythingWasSentChangedNothing() {
        existingAccount();
        Thread.currentThread().interrupt();

        ProvisioningException e = failure(() -> provisioner.createApiKey(CI_BOT, TARGET, sink));

        assertThat(e)
                .hasMessage("Creating an API key for service account named 'ci-bot' was interrupted. Nothing was"
                        + " changed.");
        assertLeft(e, Operation.CREATE_API_KEY, Consequence.NOTHING_CHANGED, null);
        assertThat(e.interrupted()).isTrue();
    }

    // ---------------------------------------------------------------- ROLLED_BACK

    @Test
    void aRefusedMintRollsTheNewAccountBack() {
        anyscale.faults().failNext(CREATE_API_KEY, 10, 403);

        ProvisioningException e = failure(() -> provisioner.create("ci-bot", TARGET, sink));

        assertThat(e)
                .hasMessage("Creating service account 'ci-bot' failed while minting its API key: " + FORBIDDEN
                        + traceIdOf(e.getCause()) + ". The account was deleted again, so nothing is left behind.");
        assertLeft(e, Operation.CREATE, Consequence.ROLLED_BACK, null);
        assertThat(anyscale.state().accounts()).isEmpty();
    }

    /** Issue 19: the rollback used to advise rotating the keys of the account it had just deleted. */
    @Test
    void aMintWithoutAnswerRollsBackWithoutAdviceAboutTheDeletedAccount() {
        anyscale.faults().applyThenDropNext(CREATE_API_KEY, 2);

        ProvisioningException e = failure(() -> provisioner.create("ci-bot", TARGET, sink));

        assertThat(e)
                .hasMessage("Creating service account 'ci-bot' failed while minting its API key: "
                        + ((AnyscaleException) e.getCause()).reason()
                        + " The account was deleted again, so nothing is left behind.");
        assertThat(e.getMessage()).doesNotContain("nothing holds").doesNotContainIgnoringCase("rotat");
        assertLeft(e, Operation.CREATE, Consequence.ROLLED_BACK, null);
        assertThat(anyscale.state().accounts()).isEmpty();
    }

    // ---------------------------------------------------------------- ACCOUNT_LEFT_BEHIND

    @Test
    void aFailedRollbackLeavesTheAccountBehindAndSaysToDeleteIt() {
        sink.failNextStores(10);
        anyscale.faults().failNext(DELETE_COLLABORATOR, 10, 500);

        ProvisioningException e = failure(() -> provisioner.create("ci-bot", TARGET, sink));

        assertThat(e)
                .hasMessage("Creating service account 'ci-bot' failed while storing its API key in memory slot"
                        + " 'anyscale-ci-bot': the store is unavailable (injected). Deleting the account again failed"
                        + " too: " + SERVER_ERROR + traceIdOf(e.getCause().getSuppressed()[0])
                        + ". The account is left behind, without a stored key. Delete service account 'ci-bot' by"
                        + " hand.");
        assertLeft(e, Operation.CREATE, Consequence.ACCOUNT_LEFT_BEHIND, "Delete service account 'ci-bot' by hand.");
        assertThat(anyscale.state().accountNamed("ci-bot")).isPresent();
    }

    @Test
    void anUnclearCreateWhoseLookupFailsMayHaveLeftAnAccount() {
        anyscale.faults().applyThenFailNext(CREATE_SERVICE_ACCOUNT, 1, 500);
        anyscale.faults().delayNext(LIST_COLLABORATORS, 1, Duration.ZERO).failNext(LIST_COLLABORATORS, 10, 500);

        ProvisioningException e = failure(() -> provisioner.create("ci-bot", TARGET, sink));

        assertThat(e)
                .hasMessage("Creating service account 'ci-bot' failed: " + SERVER_ERROR + traceIdOf(e.getCause())
                        + ". Looking the account up to learn whether Anyscale created it failed too: " + SERVER_ERROR
                        + traceIdOf(e.getCause().getSuppressed()[0])
                        + ". The account may have been created, without a key. If service account 'ci-bot' exists,"
                        + " delete it by hand.");
        assertLeft(
                e,
                Operation.CREATE,
                Consequence.ACCOUNT_LEFT_BEHIND,
                "If service account 'ci-bot' exists, delete it by hand.");
    }

    // ---------------------------------------------------------------- UNSTORED_KEY

    @Test
    void aMintAnswered500MayHaveLeftAKeyThatNothingHolds() {
        String email = existingAccount();
        anyscale.faults().applyThenFailNext(CREATE_API_KEY, 1, 500);

        ProvisioningException e = failure(() -> provisioner.createApiKey(CI_BOT, TARGET, sink));

        assertThat(e)
                .hasMessage("Creating an API key for service account 'ci-bot' (" + email + ") failed: " + SERVER_ERROR
                        + traceIdOf(e.getCause()) + ". A valid API key of the account may exist that nothing holds;"
                        + " its older keys still work. To revoke any such key, rotate the API keys of service account"
                        + " 'ci-bot' (that revokes its older keys too).");
        assertLeft(
                e,
                Operation.CREATE_API_KEY,
                Consequence.UNSTORED_KEY,
                "To revoke any such key, rotate the API keys of service account 'ci-bot' (that revokes its older keys"
                        + " too).");
    }

    /** Issue 19: an unanswered mint said twice that a key may exist, and twice what was being created. */
    @Test
    void aMintWithoutAnswerSaysOnceThatAKeyMayExist() {
        String email = existingAccount();
        anyscale.faults().applyThenDropNext(CREATE_API_KEY, 1);

        ProvisioningException e = failure(() -> provisioner.createApiKey(CI_BOT, TARGET, sink));

        assertThat(e)
                .hasMessage("Creating an API key for service account 'ci-bot' (" + email + ") failed: "
                        + ((AnyscaleException) e.getCause()).reason()
                        + " A valid API key of the account may exist that nothing holds; its older keys still work. To"
                        + " revoke any such key, rotate the API keys of service account 'ci-bot' (that revokes its"
                        + " older keys too).");
        assertThat(e.getMessage()).containsOnlyOnce("Creating an API key").containsOnlyOnce("nothing holds");
        assertLeft(
                e,
                Operation.CREATE_API_KEY,
                Consequence.UNSTORED_KEY,
                "To revoke any such key, rotate the API keys of service account 'ci-bot' (that revokes its older keys"
                        + " too).");
    }

    @Test
    void aKeyThatCouldNotBeStoredIsHeldByNothing() {
        String email = existingAccount();
        sink.failNextStores(10);

        ProvisioningException e = failure(() -> provisioner.createApiKey(CI_BOT, TARGET, sink));

        assertThat(e)
                .hasMessage("Creating an API key for service account 'ci-bot' (" + email + ") failed while storing it"
                        + " in memory slot 'anyscale-ci-bot': the store is unavailable (injected). A valid API key of"
                        + " the account exists that nothing holds; its older keys still work. To revoke it, rotate the"
                        + " API keys of service account 'ci-bot' (that revokes its older keys too).");
        assertLeft(
                e,
                Operation.CREATE_API_KEY,
                Consequence.UNSTORED_KEY,
                "To revoke it, rotate the API keys of service account 'ci-bot' (that revokes its older keys too).");
    }

    // ---------------------------------------------------------------- NO_WORKING_KEY

    @Test
    void aRotationWhoseNewKeyCannotBeStoredLeavesNoWorkingKey() {
        String email = existingAccount();
        sink.failNextStores(100);

        ProvisioningException e = failure(() -> provisioner.rotateApiKeys(CI_BOT, TARGET, sink));

        assertThat(e)
                .hasMessage("Rotating the API keys of service account 'ci-bot' (" + email + ") failed while minting"
                        + " and storing the new key in memory slot 'anyscale-ci-bot': the store is unavailable"
                        + " (injected). All its keys were revoked and no new one was stored: the account has no"
                        + " working stored API key. Rotate the API keys of service account 'ci-bot' again to"
                        + " recover.");
        assertLeft(
                e,
                Operation.ROTATE_API_KEYS,
                Consequence.NO_WORKING_KEY,
                "Rotate the API keys of service account 'ci-bot' again to recover.");
    }

    @Test
    void aRevokeWithoutAClearAnswerMayHaveLeftNoWorkingKey() {
        String email = existingAccount();
        anyscale.faults().applyThenFailNext(ROTATE_API_KEYS, 1, 500);

        ProvisioningException e = failure(() -> provisioner.rotateApiKeys(CI_BOT, TARGET, sink));

        assertThat(e)
                .hasMessage("Rotating the API keys of service account 'ci-bot' (" + email + ") failed: "
                        + SERVER_ERROR + traceIdOf(e.getCause()) + ". Its keys may or may not have been revoked, and"
                        + " no new one was stored: the account may have no working stored API key. Rotate the API keys"
                        + " of service account 'ci-bot' again to recover.");
        assertLeft(
                e,
                Operation.ROTATE_API_KEYS,
                Consequence.NO_WORKING_KEY,
                "Rotate the API keys of service account 'ci-bot' again to recover.");
    }

    @Test
    void aRotationThatCouldNotRevokeWhatItMintedSaysAnUnheldKeyMayExist() {
        existingAccount();
        anyscale.faults().failNext(CREATE_API_KEY, 100, 500);
        anyscale.faults().delayNext(ROTATE_API_KEYS, 1, Duration.ZERO).failNext(ROTATE_API_KEYS, 100, 403);

        ProvisioningException e = failure(() -> provisioner.rotateApiKeys(CI_BOT, TARGET, sink));

        assertThat(e.getMessage())
                .endsWith("All its keys were revoked and no new one was stored: the account has no working stored API"
                        + " key. A new key may exist that nothing holds. Rotate the API keys of service account"
                        + " 'ci-bot' again to recover.");
        assertLeft(
                e,
                Operation.ROTATE_API_KEYS,
                Consequence.NO_WORKING_KEY,
                "Rotate the API keys of service account 'ci-bot' again to recover.");
    }

    // ---------------------------------------------------------------- STORED_KEYS_LEFT

    @Test
    void storedKeysThatCouldNotBeRemovedAreLeft() {
        String email = existingAccount();
        sink.failNextRemovals(1);

        ProvisioningException e = failure(() -> provisioner.delete(CI_BOT, sink, true));

        assertThat(e)
                .hasMessage("Deleting service account 'ci-bot' (" + email + ") failed while removing its stored API"
                        + " keys: the store is unavailable (injected). The account is deleted, but its stored API keys"
                        + " were kept; they no longer work. Remove the stored API keys of service account 'ci-bot' by"
                        + " hand.");
        assertLeft(
                e,
                Operation.DELETE,
                Consequence.STORED_KEYS_LEFT,
                "Remove the stored API keys of service account 'ci-bot' by hand.");
    }

    // ---------------------------------------------------------------- helpers

    /** ci-bot with its key stored at {@link #TARGET}; returns its email. */
    private String existingAccount() {
        provisioner.create("ci-bot", TARGET, sink);
        anyscale.faults().resetCounts();
        return anyscale.state().accountNamed("ci-bot").orElseThrow().email();
    }

    private static ProvisioningException failure(Runnable operation) {
        ProvisioningException e = catchThrowableOfType(ProvisioningException.class, operation::run);
        assertThat(e).as("a ProvisioningException").isNotNull();
        return e;
    }

    /** {@code  (Anyscale trace id: …)}, as the client quotes the trace id of that failure. */
    private static String traceIdOf(Throwable failure) {
        return " (Anyscale trace id: " + ((AnyscaleException) failure).traceId() + ")";
    }

    /** The consequence, the operation and the remedy, which ends the message, and nothing said twice. */
    static void assertLeft(ProvisioningException e, Operation operation, Consequence consequence, String remedy) {
        assertThat(e.consequence()).isEqualTo(consequence);
        assertThat(e.operation()).isEqualTo(operation);
        assertThat(e.remedy()).isEqualTo(remedy);
        if (remedy != null) {
            assertThat(e.getMessage()).endsWith(" " + remedy);
        }
        assertNothingSaidTwice(e.getMessage());
    }

    /** No sentence repeated, and none of the phrases that a doubled message repeated. */
    static void assertNothingSaidTwice(String message) {
        List<String> sentences = Arrays.asList(message.split("(?<=\\.) "));
        assertThat(sentences).as(message).doesNotHaveDuplicates();
        for (String phrase : List.of(
                " failed: ",
                " failed while ",
                "nothing holds",
                "Nothing was changed",
                "nothing is left behind",
                "older keys still work",
                "by hand",
                "again to recover",
                "Creating an API key for",
                "Creating service account",
                "Rotating the API keys of",
                "Deleting service account")) {
            assertThat(occurrences(message, phrase))
                    .as("'%s' in: %s", phrase, message)
                    .isLessThanOrEqualTo(1);
        }
    }

    private static int occurrences(String text, String phrase) {
        int count = 0;
        for (int at = text.indexOf(phrase); at >= 0; at = text.indexOf(phrase, at + 1)) {
            count++;
        }
        return count;
    }
}
