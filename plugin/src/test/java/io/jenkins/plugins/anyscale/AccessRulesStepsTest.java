package io.jenkins.plugins.anyscale;

import static io.jenkins.plugins.anyscale.TestSupport.allowOnly;
import static io.jenkins.plugins.anyscale.TestSupport.keyInFolder;
import static io.jenkins.plugins.anyscale.TestSupport.rule;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.cloudbees.hudson.plugins.folder.Folder;
import com.cloudbees.plugins.credentials.CredentialsScope;
import hudson.model.Result;
import hudson.util.Secret;
import io.jenkins.plugins.anyscale.emulator.AnyscaleEmulator;
import io.jenkins.plugins.anyscale.emulator.AnyscaleEmulatorExtension;
import io.jenkins.plugins.anyscale.emulator.EmulatedAccount;
import io.jenkins.plugins.anyscale.emulator.Endpoint;
import java.io.File;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
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
 * The access rules of the global configuration decide which jobs may manage which accounts: a job of team A manages
 * team A's accounts and is refused team B's, before anything is sent to Anyscale.
 */
@WithJenkins
@ExtendWith(AnyscaleEmulatorExtension.class)
class AccessRulesStepsTest {

    private static final String REFUSED = "Job 'team-a/deploy' may not manage Anyscale service account 'team-b-bot'";

    @RegisterExtension
    private static final BuildWatcherExtension BUILD_WATCHER = new BuildWatcherExtension();

    private JenkinsRule r;
    private AnyscaleEmulator emulator;
    private Folder teamA;
    private EmulatedAccount teamBBot;

    @BeforeEach
    void setUp(JenkinsRule rule, AnyscaleEmulator emulator) throws Exception {
        r = rule;
        this.emulator = emulator;
        TestSupport.configure(emulator);
        allowOnly(rule("team-a/**", "team-a-*"), rule("platform/provision", "*"));
        teamA = r.jenkins.createProject(Folder.class, "team-a");
        teamBBot = emulator.state().createServiceAccount("team-b-bot");
        emulator.faults().resetCounts();
    }

    private WorkflowJob deploy(String script) throws Exception {
        WorkflowJob p = teamA.getItem("deploy") instanceof WorkflowJob existing
                ? existing
                : teamA.createProject(WorkflowJob.class, "deploy");
        p.setDefinition(new CpsFlowDefinition(script, true));
        return p;
    }

    @Test
    void aJobManagesTheAccountsItsRuleCovers() throws Exception {
        WorkflowJob p = deploy("""
                anyscaleServiceAccountCreate name: 'team-a-bot', credentialsId: 'a-key'
                anyscaleServiceAccountCreateApiKey name: 'team-a-bot', credentialsId: 'a-key-2'
                anyscaleRotateApiKeys name: 'team-a-bot', credentialsId: 'a-key'
                echo "listed=${anyscaleServiceAccountList().collect { it.name }.sort()}"
                anyscaleServiceAccountDelete name: 'team-a-bot', removeCredentials: true
                """);
        WorkflowRun b = r.buildAndAssertSuccess(p);
        r.assertLogContains("listed=[team-a-bot, team-b-bot]", b); // listing shows every account
        assertTrue(emulator.state().accountNamed("team-a-bot").isEmpty());
        assertEquals(1, emulator.faults().requestCount(Endpoint.DELETE_COLLABORATOR));
    }

    @Test
    void everyMutatingStepIsRefusedAnAccountNoRuleCoversAndSendsNothing() throws Exception {
        String[] scripts = {
            "anyscaleServiceAccountCreate name: 'team-b-bot', credentialsId: 'b-key'",
            "anyscaleServiceAccountCreateApiKey name: 'team-b-bot', credentialsId: 'b-key'",
            "anyscaleRotateApiKeys name: 'team-b-bot', credentialsId: 'b-key'",
            "anyscaleServiceAccountDelete name: 'team-b-bot', removeCredentials: true",
            "anyscaleServiceAccountDelete name: 'team-b-bot'",
        };
        for (String script : scripts) {
            WorkflowRun b = r.buildAndAssertStatus(Result.FAILURE, deploy(script));
            r.assertLogContains(REFUSED, b);
            r.assertLogContains("An administrator grants access in Manage Jenkins \u203a System \u203a Anyscale", b);
            r.assertLogNotContains("\tat ", b);
        }
        assertEquals(0, emulator.faults().totalRequestCount(), "nothing sent to Anyscale");
        assertTrue(emulator.state().accountNamed("team-b-bot").isPresent());
        assertTrue(emulator.state().liveKeys("team-b-bot").isEmpty());
        assertNull(TestSupport.inFolder(teamA, "b-key"));
        // A refused step is no running step: nothing is written for it to JENKINS_HOME, however often a job tries.
        assertFalse(
                new File(r.jenkins.getRootDir(), "io.jenkins.plugins.anyscale.lifecycle.AttentionLog.xml").exists(),
                "no record of a step that never began");
    }

    @Test
    void anAccountGivenByEmailIsCheckedRightAfterTheLookup() throws Exception {
        String email = teamBBot.email();
        String[] scripts = {
            "anyscaleServiceAccountCreateApiKey email: '" + email + "', credentialsId: 'b-key'",
            "anyscaleRotateApiKeys email: '" + email + "', credentialsId: 'b-key'",
            "anyscaleServiceAccountDelete email: '" + email + "'",
        };
        for (String script : scripts) {
            r.assertLogContains(REFUSED, r.buildAndAssertStatus(Result.FAILURE, deploy(script)));
        }
        assertEquals(3, emulator.faults().requestCount(Endpoint.LIST_COLLABORATORS), "the lookups");
        assertEquals(3, emulator.faults().totalRequestCount(), "nothing but the lookups");
        assertTrue(emulator.state().accountNamed("team-b-bot").isPresent());
        assertTrue(emulator.state().liveKeys("team-b-bot").isEmpty());
    }

    @Test
    void rulesApplyToAStepsOwnTokenToo() throws Exception {
        TestSupport.addFolderCredential(
                teamA,
                new StringCredentialsImpl(
                        CredentialsScope.GLOBAL, "team-token", "", Secret.fromString(emulator.ownerToken())));
        WorkflowRun b = r.buildAndAssertStatus(
                Result.FAILURE,
                deploy("anyscaleRotateApiKeys name: 'team-b-bot', credentialsId: 'b-key',"
                        + " tokenCredentialsId: 'team-token'"));
        r.assertLogContains(REFUSED, b);
        assertEquals(0, emulator.faults().totalRequestCount());
    }

    @Test
    void withNoRulesNoJobMayManageOrListAnything() throws Exception {
        allowOnly();
        WorkflowRun create = r.buildAndAssertStatus(
                Result.FAILURE, deploy("anyscaleServiceAccountCreate name: 'team-a-bot', credentialsId: 'a-key'"));
        r.assertLogContains(
                "Job 'team-a/deploy' may not manage Anyscale service account 'team-a-bot': no access rules are"
                        + " configured, so no job may manage service accounts.",
                create);
        WorkflowRun list = r.buildAndAssertStatus(Result.FAILURE, deploy("anyscaleServiceAccountList()"));
        r.assertLogContains(
                "Job 'team-a/deploy' may not list Anyscale service accounts: no access rules are configured.", list);
        assertEquals(0, emulator.faults().totalRequestCount());
        assertTrue(emulator.state().accountNamed("team-a-bot").isEmpty());
    }

    @Test
    void listingNeedsSomeRuleAboutTheJob() throws Exception {
        Folder teamC = r.jenkins.createProject(Folder.class, "team-c");
        WorkflowJob outsider = teamC.createProject(WorkflowJob.class, "deploy");
        outsider.setDefinition(new CpsFlowDefinition("anyscaleServiceAccountList()", true));
        WorkflowRun refused = r.buildAndAssertStatus(Result.FAILURE, outsider);
        r.assertLogContains(
                "Job 'team-c/deploy' may not list Anyscale service accounts: no access rule covers this job.", refused);
        assertEquals(0, emulator.faults().totalRequestCount());

        WorkflowRun b =
                r.buildAndAssertSuccess(deploy("echo \"listed=${anyscaleServiceAccountList().collect { it.name }}\""));
        r.assertLogContains("listed=[team-b-bot]", b);
    }

    @Test
    void aRuleForOneJobByItsExactNameCoversThatJobOnly() throws Exception {
        Folder platform = r.jenkins.createProject(Folder.class, "platform");
        WorkflowJob provision = platform.createProject(WorkflowJob.class, "provision");
        provision.setDefinition(new CpsFlowDefinition(
                "anyscaleServiceAccountCreate name: 'shared-bot', credentialsId: 'shared-key'", true));
        WorkflowJob other = platform.createProject(WorkflowJob.class, "provision-2");
        other.setDefinition(new CpsFlowDefinition(
                "anyscaleServiceAccountCreate name: 'other-bot', credentialsId: 'other-key'", true));

        r.buildAndAssertSuccess(provision);
        keyInFolder(platform, "shared-key");
        r.assertLogContains(
                "Job 'platform/provision-2' may not manage Anyscale service account 'other-bot'",
                r.buildAndAssertStatus(Result.FAILURE, other));
        assertTrue(emulator.state().accountNamed("other-bot").isEmpty());
    }
}
