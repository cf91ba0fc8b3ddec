package io.jenkins.plugins.anyscale;

import static io.jenkins.plugins.anyscale.TestSupport.keyInFolder;
import static io.jenkins.plugins.anyscale.TestSupport.pipeline;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.cloudbees.hudson.plugins.folder.Folder;
import hudson.model.Result;
import io.jenkins.plugins.anyscale.emulator.AnyscaleEmulator;
import io.jenkins.plugins.anyscale.emulator.AnyscaleEmulatorExtension;
import io.jenkins.plugins.anyscale.emulator.Endpoint;
import java.time.Duration;
import java.util.List;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.BuildWatcherExtension;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * No key is lost and no account is left half-made when a build is aborted or times out in the middle of a step, nor
 * when builds race for one credential ID. The emulator holds a request back (a slow Anyscale) so that the abort lands
 * while the step waits for it.
 */
@WithJenkins
@ExtendWith(AnyscaleEmulatorExtension.class)
class InterruptionsTest {

    @RegisterExtension
    private static final BuildWatcherExtension BUILD_WATCHER = new BuildWatcherExtension();

    private JenkinsRule r;
    private AnyscaleEmulator emulator;
    private Folder folder;

    @BeforeEach
    void setUp(JenkinsRule rule, AnyscaleEmulator emulator) throws Exception {
        r = rule;
        this.emulator = emulator;
        TestSupport.configure(emulator);
        folder = r.jenkins.createProject(Folder.class, "team");
    }

    /** Polls the emulator (no timing assertion: the build's own progress is what is awaited). */
    private void awaitRequests(Endpoint endpoint, int count) throws InterruptedException {
        for (int i = 0; i < 600 && emulator.faults().requestCount(endpoint) < count; i++) {
            Thread.sleep(50);
        }
        assertTrue(emulator.faults().requestCount(endpoint) >= count, endpoint + " was never called");
    }

    /**
     * After a crash that the build cannot resume from, nothing runs again for the step: the line naming what may be
     * left must be in the log before the step sends anything, and flushed.
     */
    @Test
    void whatACutOffStepWouldLeaveIsLoggedBeforeItsFirstRequest() throws Exception {
        emulator.faults().delayNext(Endpoint.LIST_COLLABORATORS, 1, Duration.ofSeconds(3));
        WorkflowJob p =
                pipeline(folder, "p", "anyscaleServiceAccountCreate name: 'logged-bot', credentialsId: 'logged-key'");
        WorkflowRun b = p.scheduleBuild2(0).waitForStart();
        awaitRequests(Endpoint.LIST_COLLABORATORS, 1);

        // The step's first request (its lookup) is held by the emulator: what the log holds now was written before.
        assertTrue(b.isBuilding());
        assertEquals(0, emulator.faults().requestCount(Endpoint.CREATE_SERVICE_ACCOUNT));
        r.assertLogContains(
                "anyscaleServiceAccountCreate: if this step is cut off before it ends (the controller stops or"
                        + " crashes), check this: Service account 'logged-bot' may exist without a stored key",
                b);
        r.assertBuildStatusSuccess(r.waitForCompletion(b));
    }

    @Test
    void anAbortDuringCreateRollsTheAccountBackAndSaysSo() throws Exception {
        emulator.faults().delayNext(Endpoint.CREATE_API_KEY, 1, Duration.ofSeconds(3));
        WorkflowJob p =
                pipeline(folder, "p", "anyscaleServiceAccountCreate name: 'aborted-bot', credentialsId: 'aborted-key'");
        WorkflowRun b = p.scheduleBuild2(0).waitForStart();
        awaitRequests(Endpoint.CREATE_API_KEY, 1);
        b.doStop();
        r.assertBuildStatus(Result.ABORTED, r.waitForCompletion(b));

        // The mint was on its way: the client waited for it, and the provisioner deleted the account it had made.
        r.assertLogContains(
                "anyscaleServiceAccountCreate was stopped: Creating service account 'aborted-bot' was interrupted after"
                        + " Anyscale had created the account. The account was deleted again, so nothing is left behind.",
                b);
        r.assertLogNotContains("\tat ", b);
        assertTrue(emulator.state().accountNamed("aborted-bot").isEmpty(), "no half-made account is left");
        assertNull(TestSupport.inFolder(folder, "aborted-key"));
    }

    @Test
    void aTimeoutAroundADelayedCreateRollsBackToo() throws Exception {
        // The timeout falls while the mint is held back (3 s leave room for the lookup and the create before it,
        // even on a slow machine); the step then ends within the 5 s that timeout grants a stopped body in tests.
        emulator.faults().delayNext(Endpoint.CREATE_API_KEY, 1, Duration.ofSeconds(5));
        WorkflowJob p = pipeline(folder, "p", """
                timeout(time: 3, unit: 'SECONDS') {
                    anyscaleServiceAccountCreate name: 'slow-bot', credentialsId: 'slow-key'
                }
                """);
        WorkflowRun b = r.buildAndAssertStatus(Result.ABORTED, p);

        r.assertLogContains(
                "anyscaleServiceAccountCreate is stopping: it first finishes or undoes what it has"
                        + " started in Anyscale. If it is cut off: Service account 'slow-bot' may exist without a stored key",
                b);
        r.assertLogContains("anyscaleServiceAccountCreate was stopped: ", b);
        r.assertLogContains("The account was deleted again, so nothing is left behind.", b);
        assertTrue(emulator.state().accountNamed("slow-bot").isEmpty(), "no half-made account is left");
        assertNull(TestSupport.inFolder(folder, "slow-key"));
    }

    @Test
    void anAbortDuringRotateMintsNothingAndSaysLoudlyThatNoKeyWorks() throws Exception {
        WorkflowJob p = pipeline(folder, "p", "anyscaleServiceAccountCreate name: 'rot-bot', credentialsId: 'rot-key'");
        r.buildAndAssertSuccess(p);
        String stored = keyInFolder(folder, "rot-key").getSecret().getPlainText();
        int mintsBefore = emulator.faults().requestCount(Endpoint.CREATE_API_KEY);

        emulator.faults().delayNext(Endpoint.ROTATE_API_KEYS, 1, Duration.ofSeconds(3));
        p.setDefinition(new CpsFlowDefinition("anyscaleRotateApiKeys name: 'rot-bot', credentialsId: 'rot-key'", true));
        WorkflowRun b = p.scheduleBuild2(0).waitForStart();
        awaitRequests(Endpoint.ROTATE_API_KEYS, 1);
        b.doStop();
        r.assertBuildStatus(Result.ABORTED, r.waitForCompletion(b));

        // The revoke was on its way and was waited for; after an abort no new key is minted, and the log says so.
        r.assertLogContains(
                "anyscaleRotateApiKeys was stopped: Rotating the API keys of service account 'rot-bot' ("
                        + keyInFolder(folder, "rot-key").getAccountEmail()
                        + ") was interrupted before the new key was stored in ",
                b);
        r.assertLogContains(
                "All its keys were revoked and no new one was stored: the account has no working stored API key."
                        + " Rotate the API keys of service account 'rot-bot' again to recover.",
                b);
        r.assertLogNotContains(stored, b);
        assertEquals(mintsBefore, emulator.faults().requestCount(Endpoint.CREATE_API_KEY), "nothing minted");
        assertEquals(List.of(), emulator.state().liveKeys("rot-bot"), "no live key that nothing holds");
        assertEquals(stored, keyInFolder(folder, "rot-key").getSecret().getPlainText(), "the credential is untouched");

        p.setDefinition(new CpsFlowDefinition("anyscaleRotateApiKeys name: 'rot-bot', credentialsId: 'rot-key'", true));
        r.buildAndAssertSuccess(p);
        String recovered = keyInFolder(folder, "rot-key").getSecret().getPlainText();
        assertEquals(List.of(recovered), emulator.state().liveKeys("rot-bot"), "rotating again recovers");
    }

    @Test
    void twoBuildsStoringKeysOfDifferentAccountsUnderOneIdLoseNoKey() throws Exception {
        emulator.state().createServiceAccount("bot-1");
        emulator.state().createServiceAccount("bot-2");
        emulator.faults().delayNext(Endpoint.CREATE_API_KEY, 1, Duration.ofSeconds(2));
        WorkflowJob first =
                pipeline(folder, "first", "anyscaleServiceAccountCreateApiKey name: 'bot-1', credentialsId: 'shared'");
        WorkflowJob second =
                pipeline(folder, "second", "anyscaleServiceAccountCreateApiKey name: 'bot-2', credentialsId: 'shared'");

        WorkflowRun winner = first.scheduleBuild2(0).waitForStart();
        awaitRequests(Endpoint.CREATE_API_KEY, 1); // the first build holds the target while it mints
        WorkflowRun loser = second.scheduleBuild2(0).waitForStart();
        r.assertBuildStatusSuccess(r.waitForCompletion(winner));
        r.assertBuildStatus(Result.FAILURE, r.waitForCompletion(loser));

        r.assertLogContains("holds the key of another Anyscale service account, 'bot-1'", loser);
        assertEquals(1, emulator.faults().requestCount(Endpoint.CREATE_API_KEY), "the loser minted nothing");
        AnyscaleServiceAccountKey stored = keyInFolder(folder, "shared");
        assertEquals("bot-1", stored.getAccountName());
        assertEquals(
                List.of(stored.getSecret().getPlainText()), emulator.state().liveKeys("bot-1"));
        assertTrue(emulator.state().liveKeys("bot-2").isEmpty(), "no key of bot-2 that nothing holds");
    }
}
