package io.jenkins.plugins.anyscale;

import static io.jenkins.plugins.anyscale.TestSupport.OWNER_TOKEN_ID;
import static io.jenkins.plugins.anyscale.TestSupport.pipeline;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.cloudbees.hudson.plugins.folder.Folder;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import hudson.model.Result;
import hudson.util.Secret;
import io.jenkins.plugins.anyscale.emulator.AnyscaleEmulator;
import io.jenkins.plugins.anyscale.emulator.AnyscaleEmulatorExtension;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
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
 * The owner token of the global configuration is for the plugin, not for jobs: System scope, resolved in the root
 * context as SYSTEM. Jobs cannot bind it; the steps can use it; a Global-scoped one is refused with the fix.
 */
@WithJenkins
@ExtendWith(AnyscaleEmulatorExtension.class)
class OwnerTokenTest {

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

    @Test
    void aJobCannotBindTheOwnerTokenButTheStepsUseIt() throws Exception {
        emulator.state().createServiceAccount("seen");
        WorkflowJob steps =
                pipeline(folder, "steps", "echo \"names=${anyscaleServiceAccountList().collect { it.name }}\"");
        r.assertLogContains("names=[seen]", r.buildAndAssertSuccess(steps));

        WorkflowJob thief = pipeline(folder, "thief", """
                withCredentials([string(credentialsId: '%s', variable: 'T')]) {
                    echo "stolen=${T.reverse()}"
                }
                """.formatted(OWNER_TOKEN_ID));
        WorkflowRun b = r.buildAndAssertStatus(Result.FAILURE, thief);
        r.assertLogContains(OWNER_TOKEN_ID, b); // "Could not find credentials entry with ID ..."
        r.assertLogNotContains("stolen=", b);
        r.assertLogNotContains(emulator.ownerToken(), b);
        r.assertLogNotContains(
                new StringBuilder(emulator.ownerToken()).reverse().toString(), b);
    }

    @Test
    void aStepCannotNameTheOwnerTokenAsItsOwnToken() throws Exception {
        WorkflowJob p =
                pipeline(folder, "p", "anyscaleServiceAccountList tokenCredentialsId: '" + OWNER_TOKEN_ID + "'");
        WorkflowRun b = r.buildAndAssertStatus(Result.FAILURE, p);
        r.assertLogContains(
                "No Secret text credential with ID '" + OWNER_TOKEN_ID
                        + "' is available to this build for the Anyscale API token.",
                b);
        assertEquals(0, emulator.faults().totalRequestCount());
    }

    @Test
    void aGlobalScopedOwnerTokenIsRefusedWithTheFix() throws Exception {
        SystemCredentialsProvider.getInstance().getCredentials().clear();
        TestSupport.addRootCredential(new StringCredentialsImpl(
                CredentialsScope.GLOBAL, OWNER_TOKEN_ID, "too visible", Secret.fromString(emulator.ownerToken())));
        WorkflowJob p =
                pipeline(folder, "p", "anyscaleServiceAccountCreate name: 'ci-bot', credentialsId: 'ci-bot-key'");
        WorkflowRun b = r.buildAndAssertStatus(Result.FAILURE, p);
        r.assertLogContains(
                "The Anyscale owner token credential '" + OWNER_TOKEN_ID + "' does not have System scope: with"
                        + " Global scope, every job could bind it with withCredentials and act as the organization"
                        + " owner. Re-scope it to System in Manage Jenkins",
                b);
        r.assertLogNotContains("\tat ", b);
        assertEquals(0, emulator.faults().totalRequestCount(), "nothing sent to Anyscale");
        assertTrue(emulator.state().accounts().isEmpty());
    }

    @Test
    void aMissingOwnerTokenCredentialSaysWhereToPutIt() throws Exception {
        AnyscaleGlobalConfiguration.get().setTokenCredentialsId("nowhere");
        WorkflowJob p = pipeline(folder, "p", "anyscaleServiceAccountList()");
        WorkflowRun b = r.buildAndAssertStatus(Result.FAILURE, p);
        r.assertLogContains("No Secret text credential with ID 'nowhere' in the Jenkins root credentials store", b);
        r.assertLogContains("with System scope", b);
        assertEquals(0, emulator.faults().totalRequestCount());
    }
}
