package io.jenkins.plugins.anyscale;

import static io.jenkins.plugins.anyscale.TestSupport.keyInFolder;
import static io.jenkins.plugins.anyscale.TestSupport.pipeline;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.cloudbees.hudson.plugins.folder.Folder;
import hudson.model.Result;
import io.jenkins.plugins.anyscale.emulator.AnyscaleEmulator;
import io.jenkins.plugins.anyscale.emulator.AnyscaleEmulatorExtension;
import io.jenkins.plugins.anyscale.emulator.EmulatedAccount;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * The mint time the key sink records, as the steps return it ({@code keyMintedAt}), and {@code anyscaleRotateApiKeys
 * olderThanDays:}, which rotates only a key at least that old (or of unknown age) and otherwise sends nothing at all.
 */
@WithJenkins
@ExtendWith(AnyscaleEmulatorExtension.class)
class RotateByAgeTest {

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

    @Test
    void createAndRotateRecordTheMintTimeAndReturnIt() throws Exception {
        Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS); // mint times are recorded to the second
        WorkflowJob p = pipeline(folder, "p", """
                def created = anyscaleServiceAccountCreate name: 'ci-bot', credentialsId: 'ci-key'
                echo "created minted=${created.keyMintedAt}"
                def rotated = anyscaleRotateApiKeys name: 'ci-bot', credentialsId: 'ci-key'
                echo "rotated minted=${rotated.keyMintedAt} rotated=${rotated.rotated}"
                """);
        WorkflowRun b = r.buildAndAssertSuccess(p);
        Instant after = Instant.now();

        String minted = keyInFolder(folder, "ci-key").getMintedAt();
        assertNotNull(minted);
        Instant mintedAt = Instant.parse(minted);
        assertFalse(mintedAt.isBefore(before), minted);
        assertFalse(mintedAt.isAfter(after), minted);
        r.assertLogContains("rotated minted=" + minted + " rotated=true", b);
        r.assertLogContains("created minted=", b);
    }

    @Test
    void anOldKeyIsRotated() throws Exception {
        EmulatedAccount account = emulator.state().createServiceAccount("old-bot");
        Instant longAgo = Instant.now().minus(Duration.ofDays(40));
        TestSupport.addFolderCredential(folder, TestSupport.key("old-key", "old-bot", account.email(), longAgo));

        WorkflowJob p = pipeline(folder, "p", """
                def k = anyscaleRotateApiKeys name: 'old-bot', credentialsId: 'old-key', olderThanDays: 30
                echo "rotated=${k.rotated} minted=${k.keyMintedAt}"
                """);
        WorkflowRun b = r.buildAndAssertSuccess(p);

        AnyscaleServiceAccountKey key = keyInFolder(folder, "old-key");
        assertNotEquals(TestSupport.secretOf("old-key"), key.getSecret().getPlainText(), "a new key is stored");
        assertTrue(emulator.state().authenticates(key.getSecret().getPlainText()));
        r.assertLogContains(
                "The key in credential 'old-key' was minted 40 days ago (" + longAgo + "), 30 days or more"
                        + " ago: rotating.",
                b);
        r.assertLogContains("rotated=true minted=" + key.getMintedAt(), b);
    }

    @Test
    void aYoungKeyIsKeptAndNothingIsSentToAnyscale() throws Exception {
        EmulatedAccount account = emulator.state().createServiceAccount("young-bot");
        Instant lastWeek = Instant.now().minus(Duration.ofDays(7));
        TestSupport.addFolderCredential(folder, TestSupport.key("young-key", "young-bot", account.email(), lastWeek));
        emulator.faults().resetCounts();

        WorkflowJob p = pipeline(folder, "p", """
                def k = anyscaleRotateApiKeys name: 'young-bot', credentialsId: 'young-key', olderThanDays: 30
                echo "result=${k}"
                """);
        WorkflowRun b = r.buildAndAssertSuccess(p);

        assertEquals(0, emulator.faults().totalRequestCount(), "nothing is sent to Anyscale");
        assertEquals(
                TestSupport.secretOf("young-key"),
                keyInFolder(folder, "young-key").getSecret().getPlainText());
        r.assertLogContains(
                "The key in credential 'young-key' was minted 7 days ago (" + lastWeek + "), less than 30"
                        + " days ago: not rotated.",
                b);
        r.assertLogContains(
                "result=[name:young-bot, email:" + account.email()
                        + ", credentialsId:young-key, rotated:false, keyMintedAt:" + lastWeek + "]",
                b);
        r.assertLogNotContains(TestSupport.secretOf("young-key"), b);
    }

    @Test
    void aYoungKeyGivenByEmailIsKeptAndNothingIsSent() throws Exception {
        EmulatedAccount account = emulator.state().createServiceAccount("mail-bot");
        Instant yesterday = Instant.now().minus(Duration.ofDays(1));
        TestSupport.addFolderCredential(folder, TestSupport.key("mail-key", "mail-bot", account.email(), yesterday));
        emulator.faults().resetCounts();

        WorkflowJob p = pipeline(
                folder,
                "p",
                "echo \"rotated=${anyscaleRotateApiKeys(email: '" + account.email()
                        + "', credentialsId: 'mail-key', olderThanDays: 2).rotated}\"");
        r.assertLogContains("rotated=false", r.buildAndAssertSuccess(p));
        assertEquals(0, emulator.faults().totalRequestCount());
    }

    @Test
    void aKeyOfUnknownAgeIsRotated() throws Exception {
        EmulatedAccount account = emulator.state().createServiceAccount("legacy-bot");
        TestSupport.addFolderCredential(folder, TestSupport.key("legacy-key", "legacy-bot", account.email(), null));

        WorkflowJob p = pipeline(folder, "p", """
                echo "rotated=${anyscaleRotateApiKeys(name: 'legacy-bot', credentialsId: 'legacy-key', olderThanDays: 30).rotated}"
                """);
        WorkflowRun b = r.buildAndAssertSuccess(p);

        r.assertLogContains("The key in credential 'legacy-key' has no recorded mint time", b);
        r.assertLogContains("rotated=true", b);
        assertNotNull(keyInFolder(folder, "legacy-key").getMintedAt(), "the new key's mint time is recorded");
    }

    @Test
    void aBadOlderThanDaysFailsBeforeAnythingIsSent() throws Exception {
        emulator.state().createServiceAccount("any-bot");
        emulator.faults().resetCounts();
        WorkflowJob p = pipeline(
                folder, "p", "anyscaleRotateApiKeys name: 'any-bot', credentialsId: 'any-key', olderThanDays: 0");
        WorkflowRun b = r.buildAndAssertStatus(Result.FAILURE, p);
        r.assertLogContains("olderThanDays must be a number of days from 1 to 3650; got 0.", b);
        r.assertLogNotContains("\tat ", b);
        assertEquals(0, emulator.faults().totalRequestCount());
    }

    @Test
    void withoutAnAccessRuleTheJobLearnsNothingAboutTheKey() throws Exception {
        EmulatedAccount account = emulator.state().createServiceAccount("other-bot");
        TestSupport.addFolderCredential(
                folder,
                TestSupport.key(
                        "other-key", "other-bot", account.email(), Instant.now().minus(Duration.ofDays(1))));
        TestSupport.allowOnly(TestSupport.rule("team/*", "team-*"));
        emulator.faults().resetCounts();

        WorkflowJob p = pipeline(
                folder, "p", "anyscaleRotateApiKeys name: 'other-bot', credentialsId: 'other-key', olderThanDays: 30");
        WorkflowRun b = r.buildAndAssertStatus(Result.FAILURE, p);

        r.assertLogContains("Job 'team/p' may not manage Anyscale service account 'other-bot'", b);
        r.assertLogNotContains("was minted", b);
        assertEquals(0, emulator.faults().totalRequestCount());
    }
}
