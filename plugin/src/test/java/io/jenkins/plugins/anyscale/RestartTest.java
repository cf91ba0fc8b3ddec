package io.jenkins.plugins.anyscale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.cloudbees.hudson.plugins.folder.Folder;
import hudson.model.Result;
import io.jenkins.plugins.anyscale.client.inventory.AttentionEntry;
import io.jenkins.plugins.anyscale.client.inventory.AttentionReason;
import io.jenkins.plugins.anyscale.client.provisioning.ProvisioningOutcome.Operation;
import io.jenkins.plugins.anyscale.emulator.AnyscaleEmulator;
import io.jenkins.plugins.anyscale.emulator.Endpoint;
import io.jenkins.plugins.anyscale.lifecycle.AttentionLog;
import java.time.Duration;
import java.util.List;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.junit.jupiter.JenkinsSessionExtension;

/**
 * A controller that stops while a step runs: when the build resumes, the step fails and its log names the account and
 * the credential that may need attention, and what to run; the key lifecycle lists it as cut off, once.
 */
class RestartTest {

    @RegisterExtension
    private final JenkinsSessionExtension sessions = new JenkinsSessionExtension();

    private AnyscaleEmulator emulator;

    @BeforeEach
    void startEmulator() {
        emulator = AnyscaleEmulator.start();
    }

    @AfterEach
    void stopEmulator() {
        emulator.close(); // also ends the request that the stopped controller's step was waiting for
    }

    @Test
    void aStepCutOffByARestartSaysWhatMayNeedAttention() throws Throwable {
        sessions.then(r -> {
            TestSupport.configure(emulator);
            Folder folder = r.jenkins.createProject(Folder.class, "team");
            WorkflowJob p = folder.createProject(WorkflowJob.class, "p");
            p.setDefinition(new CpsFlowDefinition(
                    "anyscaleServiceAccountCreate name: 'cut-bot', credentialsId: 'cut-key'", true));
            // Long enough that the step is still waiting when this controller stops.
            emulator.faults().delayNext(Endpoint.CREATE_API_KEY, 1, Duration.ofMinutes(5));
            WorkflowRun b = p.scheduleBuild2(0).waitForStart();
            for (int i = 0; i < 600 && emulator.faults().requestCount(Endpoint.CREATE_API_KEY) == 0; i++) {
                Thread.sleep(50);
            }
            assertTrue(emulator.faults().requestCount(Endpoint.CREATE_API_KEY) > 0);
            assertTrue(b.isBuilding());
        });
        sessions.then(r -> {
            WorkflowRun b =
                    r.jenkins.getItemByFullName("team/p", WorkflowJob.class).getBuildByNumber(1);
            r.waitForCompletion(b);
            r.assertBuildStatus(Result.FAILURE, b);
            r.assertLogContains(
                    "Jenkins restarted while anyscaleServiceAccountCreate was running, so it did not finish."
                            + " Service account 'cut-bot' may exist without a stored key: if it does, rotate its API"
                            + " keys into credential 'cut-key' (anyscaleRotateApiKeys), or delete it.",
                    b);
            // And it needs attention, once: the build's resume and Jenkins' start both see the step.
            List<AttentionEntry> entries = AttentionLog.get().entries();
            assertEquals(1, entries.size(), entries.toString());
            AttentionEntry cutOff = entries.get(0);
            assertEquals(AttentionReason.CUT_OFF, cutOff.reason());
            assertEquals("team/p #1", cutOff.where());
            assertEquals("cut-bot", cutOff.account());
            assertEquals("cut-key", cutOff.credentialId());
            assertEquals(Operation.CREATE, cutOff.operation());
            assertTrue(cutOff.detail().startsWith("Service account 'cut-bot' may exist without a stored key"));
        });
        sessions.then(r -> assertEquals(1, AttentionLog.get().size(), "one step, one entry"));
    }
}
