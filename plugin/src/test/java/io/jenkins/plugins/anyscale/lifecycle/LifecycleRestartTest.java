package io.jenkins.plugins.anyscale.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.cloudbees.hudson.plugins.folder.Folder;
import hudson.model.Result;
import io.jenkins.plugins.anyscale.ChangingStep;
import io.jenkins.plugins.anyscale.TestSupport;
import io.jenkins.plugins.anyscale.client.inventory.AttentionEntry;
import io.jenkins.plugins.anyscale.client.inventory.AttentionReason;
import io.jenkins.plugins.anyscale.client.inventory.CredentialLocation;
import io.jenkins.plugins.anyscale.client.inventory.KeyHolder;
import io.jenkins.plugins.anyscale.client.provisioning.ProvisioningOutcome.Operation;
import io.jenkins.plugins.anyscale.emulator.AnyscaleEmulator;
import io.jenkins.plugins.anyscale.emulator.Endpoint;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.junit.jupiter.JenkinsSessionExtension;

/**
 * What the key lifecycle keeps in {@code JENKINS_HOME} across a restart: the index of key credentials, what needs
 * attention, and the steps a stop cut off in builds that cannot resume (RestartTest covers those that do), each
 * recorded once. Nothing secret in those files.
 */
class LifecycleRestartTest {

    @RegisterExtension
    private final JenkinsSessionExtension sessions = new JenkinsSessionExtension();

    private AnyscaleEmulator emulator;

    @BeforeEach
    void startEmulator() {
        emulator = AnyscaleEmulator.start();
    }

    @AfterEach
    void stopEmulator() {
        emulator.close();
    }

    @Test
    void theIndexAndWhatNeedsAttentionSurviveARestart() throws Throwable {
        String[] secret = new String[1];
        sessions.then(r -> {
            TestSupport.configure(emulator);
            Folder team = r.jenkins.createProject(Folder.class, "team");
            r.buildAndAssertSuccess(TestSupport.pipeline(
                    team, "ok", "anyscaleServiceAccountCreate name: 'kept-bot', credentialsId: 'kept-key'"));
            emulator.faults().failNext(Endpoint.CREATE_API_KEY, 5, 403).failNext(Endpoint.DELETE_COLLABORATOR, 20, 500);
            WorkflowJob stuck = TestSupport.pipeline(
                    team, "stuck", "anyscaleServiceAccountCreate name: 'stuck-bot', credentialsId: 'stuck-key'");
            r.assertBuildStatus(
                    Result.FAILURE, r.waitForCompletion(stuck.scheduleBuild2(0).waitForStart()));
            secret[0] = TestSupport.keyInFolder(team, "kept-key").getSecret().getPlainText();
            assertEquals(1, AttentionLog.get().size());
            assertEquals(1, KeyIndex.get().size());
        });
        sessions.then(r -> {
            List<KeyHolder> holders = KeyIndex.get().holders();
            assertEquals(1, holders.size());
            assertEquals(
                    CredentialLocation.inFolder("team", "kept-key"),
                    holders.get(0).location());
            assertEquals("kept-bot", holders.get(0).accountName());
            assertEquals(
                    Instant.parse(TestSupport.keyInFolder(r.jenkins.getItemByFullName("team", Folder.class), "kept-key")
                            .getMintedAt()),
                    holders.get(0).mintedAt());

            List<AttentionEntry> entries = AttentionLog.get().entries();
            assertEquals(1, entries.size());
            assertEquals(AttentionReason.ACCOUNT_LEFT_BEHIND, entries.get(0).reason());
            assertEquals("team/stuck #1", entries.get(0).where());
            assertTrue(r.jenkins.getExtensionList(AttentionMonitor.class).get(0).isActivated());

            for (String name : new String[] {KeyIndex.class.getName(), AttentionLog.class.getName()}) {
                String xml = Files.readString(
                        new File(r.jenkins.getRootDir(), name + ".xml").toPath(), StandardCharsets.UTF_8);
                assertFalse(xml.contains(secret[0]), name + " holds no key");
                assertFalse(xml.contains(emulator.ownerToken()), name + " holds no token");
            }
        });
    }

    @Test
    void aStepNoBuildResumesIsRecordedWhenJenkinsStarts() throws Throwable {
        ChangingStep step = new ChangingStep(
                "step-1",
                Instant.parse("2026-12-01T02:00:00Z"),
                "team/nightly",
                7,
                Operation.ROTATE_API_KEYS,
                "ci-bot",
                "ci-key",
                "The keys of service account named 'ci-bot' may be revoked without a new key stored in credential"
                        + " 'ci-key': rotate its API keys again (anyscaleRotateApiKeys) to recover.");
        // As a step that had started when the controller died, in a build that will not resume (its program state
        // was not saved, as with PERFORMANCE_OPTIMIZED durability).
        sessions.then(r -> AttentionLog.get().started(step));
        sessions.then(r -> {
            List<AttentionEntry> entries = AttentionLog.get().entries();
            assertEquals(1, entries.size(), entries.toString());
            assertEquals(AttentionReason.CUT_OFF, entries.get(0).reason());
            assertEquals("team/nightly #7", entries.get(0).where());
            assertEquals(Instant.parse("2026-12-01T02:00:00Z"), entries.get(0).time());
            assertEquals(
                    "Rotating the API keys of service account 'ci-bot' was cut off: its keys may be revoked with"
                            + " no new key in credential 'ci-key'. Rotate them again.",
                    entries.get(0).whatToDo());
            AttentionLog.get().cutOff("step-1"); // what onResume would say, had the build resumed after all
            assertEquals(1, AttentionLog.get().size(), "the same step gives one entry");
        });
    }
}
