package io.jenkins.plugins.anyscale;

import static io.jenkins.plugins.anyscale.TestSupport.inFolder;
import static io.jenkins.plugins.anyscale.TestSupport.inRoot;
import static io.jenkins.plugins.anyscale.TestSupport.keyInFolder;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.cloudbees.hudson.plugins.folder.Folder;
import com.cloudbees.plugins.credentials.Credentials;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import hudson.model.Item;
import hudson.model.Result;
import hudson.model.User;
import hudson.security.ACL;
import hudson.security.ACLContext;
import hudson.security.Permission;
import hudson.util.Secret;
import io.jenkins.plugins.anyscale.emulator.AnyscaleEmulator;
import io.jenkins.plugins.anyscale.emulator.AnyscaleEmulatorExtension;
import io.jenkins.plugins.anyscale.emulator.Endpoint;
import jenkins.model.Jenkins;
import jenkins.security.QueueItemAuthenticatorConfiguration;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.MockQueueItemAuthenticator;
import org.jvnet.hudson.test.junit.jupiter.BuildWatcherExtension;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * Builds that run as a user instead of SYSTEM (what Authorize Project does): the steps need that user's Credentials
 * permissions on the job's folder store, and a build without them fails before anything is sent to Anyscale.
 */
@WithJenkins
@ExtendWith(AnyscaleEmulatorExtension.class)
class AuthorizedBuildsTest {

    private static final String ALICE = "alice";

    @RegisterExtension
    private static final BuildWatcherExtension BUILD_WATCHER = new BuildWatcherExtension();

    private JenkinsRule r;
    private AnyscaleEmulator emulator;
    private Folder a;
    private WorkflowJob p;

    @BeforeEach
    void setUp(JenkinsRule rule, AnyscaleEmulator emulator) throws Exception {
        r = rule;
        this.emulator = emulator;
        TestSupport.configure(emulator);
        a = r.jenkins.createProject(Folder.class, "a");
        p = a.createProject(WorkflowJob.class, "p");
        r.jenkins.setSecurityRealm(r.createDummySecurityRealm());
        // Every build of a/p runs as alice.
        QueueItemAuthenticatorConfiguration.get()
                .getAuthenticators()
                .add(new MockQueueItemAuthenticator()
                        .authenticate(p.getFullName(), User.getById(ALICE, true).impersonate2()));
    }

    /**
     * Alice may read Jenkins and folder 'a', read and build job 'a/p'; on folder 'a' she has exactly the given
     * Credentials permissions. She needs no Credentials/UseItem: the plugin resolves the System-scoped owner token
     * itself, as SYSTEM. Replaces any previous strategy.
     */
    private void authorizeAlice(Permission... credentialsPermissionsOnA) {
        r.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.READ)
                .onRoot()
                .to(ALICE)
                .grant(Item.READ)
                .onItems(a)
                .to(ALICE)
                .grant(Item.READ, Item.BUILD)
                .onItems(p)
                .to(ALICE)
                .grant(credentialsPermissionsOnA)
                .onItems(a)
                .to(ALICE));
    }

    /** As {@link #authorizeAlice}, and Credentials/UseItem on job 'a/p': her builds may use what the job can. */
    private void authorizeAliceToUseTheJobsCredentials(Permission... credentialsPermissionsOnA) {
        authorizeAlice(credentialsPermissionsOnA);
        ((MockAuthorizationStrategy) r.jenkins.getAuthorizationStrategy())
                .grant(CredentialsProvider.USE_ITEM)
                .onItems(p)
                .to(ALICE);
    }

    /**
     * Alice's build would resolve 'shared-id' to the root store's credential: credentials' own lookup falls back to
     * SYSTEM for a user with Credentials/UseItem, which her own lookup (the root store shows her nothing) misses. A key
     * stored under that ID in folder 'a' would be ambiguous, so the step refuses before anything is sent.
     */
    @Test
    void anIdTheBuildWouldResolveToAnotherStoresCredentialIsRefusedAlsoWhenTheBuildRunsAsAUser() throws Exception {
        TestSupport.addRootCredential(new StringCredentialsImpl(
                CredentialsScope.GLOBAL, "shared-id", "", Secret.fromString("an-unrelated-secret")));
        p.setDefinition(
                new CpsFlowDefinition("anyscaleServiceAccountCreate name: 'ci-bot', credentialsId: 'shared-id'", true));
        authorizeAliceToUseTheJobsCredentials(
                CredentialsProvider.VIEW, CredentialsProvider.CREATE, CredentialsProvider.UPDATE);

        WorkflowRun refused = r.buildAndAssertStatus(Result.FAILURE, p);

        r.assertLogContains("Credential ID 'shared-id' already means another credential to this build", refused);
        assertEquals(0, emulator.faults().totalRequestCount(), "nothing sent to Anyscale");
        assertNull(storedInA("shared-id"));

        // Without Credentials/UseItem her build could not resolve the root one either: nothing is ambiguous, and the
        // refusal would have told her about a credential she cannot use.
        authorizeAlice(CredentialsProvider.VIEW, CredentialsProvider.CREATE, CredentialsProvider.UPDATE);
        r.buildAndAssertSuccess(p);
        assertEquals("ci-bot", keyStoredInA("shared-id").getAccountName());
    }

    /** The credential at this ID in folder 'a', read as SYSTEM: the folder store hides credentials without View. */
    private Credentials storedInA(String id) {
        try (ACLContext ignored = ACL.as2(ACL.SYSTEM2)) {
            return inFolder(a, id);
        }
    }

    private AnyscaleServiceAccountKey keyStoredInA(String id) {
        try (ACLContext ignored = ACL.as2(ACL.SYSTEM2)) {
            return keyInFolder(a, id);
        }
    }

    @Test
    void createNeedsCredentialsCreateOnTheFolderOfTheUserTheBuildRunsAs() throws Exception {
        p.setDefinition(new CpsFlowDefinition(
                "anyscaleServiceAccountCreate name: 'ci-bot', credentialsId: 'ci-bot-key'", true));
        authorizeAlice(CredentialsProvider.VIEW);

        WorkflowRun refused = r.buildAndAssertStatus(Result.FAILURE, p);
        r.assertLogContains(
                "This build runs as 'alice', who lacks the Credentials/Create permission on folder 'a'.", refused);
        r.assertLogNotContains("\tat ", refused);
        assertEquals(0, emulator.faults().requestCount(Endpoint.CREATE_SERVICE_ACCOUNT));
        assertEquals(0, emulator.faults().totalRequestCount(), "nothing sent to Anyscale, not even the lookup");
        assertTrue(emulator.state().accounts().isEmpty());
        assertNull(storedInA("ci-bot-key"), "nothing stored in the folder");
        assertNull(inRoot("ci-bot-key"), "nothing stored in the root store");

        authorizeAlice(CredentialsProvider.VIEW, CredentialsProvider.CREATE, CredentialsProvider.UPDATE);
        WorkflowRun b = r.buildAndAssertSuccess(p);
        AnyscaleServiceAccountKey key = keyStoredInA("ci-bot-key");
        String secret = key.getSecret().getPlainText();
        assertEquals("ci-bot", key.getAccountName());
        assertEquals(emulator.state().accountNamed("ci-bot").orElseThrow().email(), key.getAccountEmail());
        assertEquals(CredentialsScope.GLOBAL, key.getScope());
        assertTrue(emulator.state().authenticates(secret));
        assertEquals(1, emulator.faults().requestCount(Endpoint.CREATE_SERVICE_ACCOUNT));
        assertNull(inRoot("ci-bot-key"));
        r.assertLogContains("its API key is stored in credential 'ci-bot-key' in folder 'a'.", b);
        r.assertLogNotContains(secret, b);
        r.assertLogNotContains(emulator.ownerToken(), b);
    }

    @Test
    void deleteWithRemoveCredentialsNeedsCredentialsDeleteOnTheFolderOfTheUserTheBuildRunsAs() throws Exception {
        authorizeAlice(CredentialsProvider.VIEW, CredentialsProvider.CREATE, CredentialsProvider.UPDATE);
        p.setDefinition(new CpsFlowDefinition(
                "anyscaleServiceAccountCreate name: 'doomed', credentialsId: 'doomed-key'", true));
        r.buildAndAssertSuccess(p);
        String secret = keyStoredInA("doomed-key").getSecret().getPlainText();

        p.setDefinition(
                new CpsFlowDefinition("anyscaleServiceAccountDelete name: 'doomed', removeCredentials: true", true));
        int sentBefore = emulator.faults().totalRequestCount();
        WorkflowRun refused = r.buildAndAssertStatus(Result.FAILURE, p);
        r.assertLogContains(
                "This build runs as 'alice', who lacks the Credentials/Delete permission on folder 'a'.", refused);
        r.assertLogNotContains("\tat ", refused);
        assertEquals(
                sentBefore, emulator.faults().totalRequestCount(), "nothing sent to Anyscale, not even the lookup");
        assertEquals(0, emulator.faults().requestCount(Endpoint.DELETE_COLLABORATOR));
        assertTrue(emulator.state().accountNamed("doomed").isPresent(), "the account is still there");
        assertTrue(emulator.state().authenticates(secret), "its key still works");
        assertEquals(secret, keyStoredInA("doomed-key").getSecret().getPlainText(), "the stored key is still there");

        authorizeAlice(
                CredentialsProvider.VIEW,
                CredentialsProvider.CREATE,
                CredentialsProvider.UPDATE,
                CredentialsProvider.DELETE);
        WorkflowRun b = r.buildAndAssertSuccess(p);
        r.assertLogContains("removed its stored API keys: credential 'doomed-key' in folder 'a'.", b);
        assertEquals(1, emulator.faults().requestCount(Endpoint.DELETE_COLLABORATOR));
        assertTrue(emulator.state().accountNamed("doomed").isEmpty());
        assertNull(storedInA("doomed-key"));
    }
}
