package io.jenkins.plugins.anyscale;

import static io.jenkins.plugins.anyscale.TestSupport.addFolderCredential;
import static io.jenkins.plugins.anyscale.TestSupport.inFolder;
import static io.jenkins.plugins.anyscale.TestSupport.inRoot;
import static io.jenkins.plugins.anyscale.TestSupport.keyInFolder;
import static io.jenkins.plugins.anyscale.TestSupport.pipeline;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.cloudbees.hudson.plugins.folder.Folder;
import com.cloudbees.plugins.credentials.CredentialsParameterDefinition;
import com.cloudbees.plugins.credentials.CredentialsScope;
import hudson.model.ParametersDefinitionProperty;
import hudson.model.Result;
import hudson.util.Secret;
import io.jenkins.plugins.anyscale.emulator.AnyscaleEmulator;
import io.jenkins.plugins.anyscale.emulator.AnyscaleEmulatorExtension;
import io.jenkins.plugins.anyscale.emulator.Endpoint;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
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

/** Every step in a sandboxed Pipeline, against the Anyscale emulator. */
@WithJenkins
@ExtendWith(AnyscaleEmulatorExtension.class)
class StepsTest {

    @RegisterExtension
    private static final BuildWatcherExtension BUILD_WATCHER = new BuildWatcherExtension();

    private JenkinsRule r;
    private AnyscaleEmulator emulator;

    @BeforeEach
    void setUp(JenkinsRule rule, AnyscaleEmulator emulator) throws Exception {
        r = rule;
        this.emulator = emulator;
        TestSupport.configure(emulator);
    }

    private WorkflowJob topLevelJob(String name, String script) throws Exception {
        WorkflowJob p = r.createProject(WorkflowJob.class, name);
        p.setDefinition(new CpsFlowDefinition(script, true));
        return p;
    }

    @Test
    void createStoresTheKeyInTheFolderAndItWorksThroughWithCredentialsAndWithAnyscale() throws Exception {
        Folder a = r.jenkins.createProject(Folder.class, "team-a");
        WorkflowJob p = pipeline(a, "p", """
                def sa = anyscaleServiceAccountCreate name: 'ci-bot', credentialsId: 'ci-bot-key'
                echo "created ${sa.name} <${sa.email}> level=${sa.permissionLevel} at=${sa.createdAt} in ${sa.credentialsId}"
                withCredentials([string(credentialsId: 'ci-bot-key', variable: 'K')]) {
                    echo "withCredentials key=${env.K}"
                }
                withAnyscale(credentialsId: 'ci-bot-key') {
                    echo "withAnyscale token=${env.ANYSCALE_CLI_TOKEN} host=${env.ANYSCALE_HOST}"
                }
                """);
        WorkflowRun b = r.buildAndAssertSuccess(p);

        AnyscaleServiceAccountKey key = keyInFolder(a, "ci-bot-key");
        String secret = key.getSecret().getPlainText();
        assertEquals("ci-bot", key.getAccountName());
        assertEquals(emulator.state().accountNamed("ci-bot").orElseThrow().email(), key.getAccountEmail());
        assertEquals(CredentialsScope.GLOBAL, key.getScope());
        assertTrue(emulator.state().authenticates(secret));
        assertEquals("ci-bot", emulator.state().accountOfKey(secret).orElseThrow());
        assertNull(inRoot("ci-bot-key"), "the root store is not written");

        r.assertLogContains("created ci-bot <" + key.getAccountEmail() + "> level=COLLABORATOR", b);
        r.assertLogContains("in ci-bot-key", b);
        r.assertLogContains("withCredentials key=****", b);
        r.assertLogContains(
                "withAnyscale token=**** host="
                        + AnyscaleGlobalConfiguration.get().getHost(),
                b);
        r.assertLogContains("folder 'team-a'", b);
        r.assertLogNotContains(secret, b);
        r.assertLogNotContains(emulator.ownerToken(), b);
    }

    @Test
    void createApiKeyAddsAKeyAndKeepsTheOldOnes() throws Exception {
        emulator.state().createServiceAccount("svc");
        Folder a = r.jenkins.createProject(Folder.class, "a");
        WorkflowJob p = pipeline(a, "p", """
                def first = anyscaleServiceAccountCreateApiKey name: 'svc', credentialsId: 'svc-1', description: 'first key'
                def second = anyscaleServiceAccountCreateApiKey email: first.email, credentialsId: 'svc-2'
                echo "keys in ${first.credentialsId} and ${second.credentialsId}"
                """);
        WorkflowRun b = r.buildAndAssertSuccess(p);

        String k1 = keyInFolder(a, "svc-1").getSecret().getPlainText();
        String k2 = keyInFolder(a, "svc-2").getSecret().getPlainText();
        assertEquals("first key", keyInFolder(a, "svc-1").getDescription());
        assertNotEquals(k1, k2);
        assertTrue(emulator.state().authenticates(k1));
        assertTrue(emulator.state().authenticates(k2));
        assertEquals(2, emulator.state().liveKeys("svc").size());
        r.assertLogContains("keys in svc-1 and svc-2", b);
        r.assertLogNotContains(k1, b);
        r.assertLogNotContains(k2, b);
    }

    @Test
    void listReturnsMapsAndHonoursMaxItemsBeyondOnePage() throws Exception {
        emulator.state().seedServiceAccounts("acct-", 60);
        Folder a = r.jenkins.createProject(Folder.class, "a");
        WorkflowJob p = pipeline(a, "p", """
                def some = anyscaleServiceAccountList()
                def many = anyscaleServiceAccountList maxItems: 55
                def all = anyscaleServiceAccountList maxItems: 100
                echo "default=${some.size()} many=${many.size()} all=${all.size()} first=${some[0].name} level=${some[0].permissionLevel}"
                """);
        WorkflowRun b = r.buildAndAssertSuccess(p);
        r.assertLogContains("default=20 many=55 all=60 first=acct-00001 level=COLLABORATOR", b);
        String host = emulator.baseUrl();
        r.assertLogContains(
                "Listed the first 20 Anyscale service accounts of " + host
                        + "; there are more: raise maxItems (20) to see them.",
                b);
        r.assertLogContains("Listed the first 55 Anyscale service accounts of " + host, b);
        r.assertLogContains("Listed 60 Anyscale service accounts of " + host + ": all there are.", b);
    }

    @Test
    void deleteRemovesTheAccountAndOnRequestItsStoredKeys() throws Exception {
        Folder a = r.jenkins.createProject(Folder.class, "a");
        addFolderCredential(
                a,
                new StringCredentialsImpl(
                        CredentialsScope.GLOBAL, "unrelated", "not ours", Secret.fromString("keep-me")));
        WorkflowJob p = pipeline(a, "p", "anyscaleServiceAccountCreate name: 'doomed', credentialsId: 'doomed-key'");
        WorkflowRun created = r.buildAndAssertSuccess(p);
        String secret = keyInFolder(a, "doomed-key").getSecret().getPlainText();
        r.assertLogNotContains(secret, created);

        p.setDefinition(new CpsFlowDefinition("""
                def gone = anyscaleServiceAccountDelete name: 'doomed', removeCredentials: true
                echo "deleted ${gone.name}, removed ${gone.removedCredentials}"
                """, true));
        WorkflowRun b = r.buildAndAssertSuccess(p);
        r.assertLogNotContains(secret, b);
        assertFalse(emulator.state().authenticates(secret));
        assertTrue(emulator.state().accountNamed("doomed").isEmpty());
        assertNull(inFolder(a, "doomed-key"));
        assertInstanceOf(StringCredentials.class, inFolder(a, "unrelated"));
        r.assertLogContains("deleted doomed, removed [", b);
        r.assertLogContains("doomed-key", b);
    }

    @Test
    void rotationReplacesTheStoredKeyAndRevokesTheOldOne() throws Exception {
        Folder a = r.jenkins.createProject(Folder.class, "a");
        WorkflowJob p = pipeline(a, "p", "anyscaleServiceAccountCreate name: 'rot', credentialsId: 'rot-key'");
        r.buildAndAssertSuccess(p);
        String oldKey = keyInFolder(a, "rot-key").getSecret().getPlainText();

        p.setDefinition(new CpsFlowDefinition("""
                def k = anyscaleRotateApiKeys name: 'rot', credentialsId: 'rot-key'
                echo "rotated into ${k.credentialsId}"
                """, true));
        WorkflowRun b = r.buildAndAssertSuccess(p);
        String newKey = keyInFolder(a, "rot-key").getSecret().getPlainText();
        assertNotEquals(oldKey, newKey);
        assertFalse(emulator.state().authenticates(oldKey), "the old key no longer authenticates");
        assertTrue(emulator.state().authenticates(newKey));
        assertEquals(List.of(newKey), emulator.state().liveKeys("rot"));
        r.assertLogContains("rotated into rot-key", b);
        r.assertLogNotContains(oldKey, b);
        r.assertLogNotContains(newKey, b);
    }

    @Test
    void aJobInOneFolderWritesNeitherAnotherFolderNorTheRoot() throws Exception {
        Folder a = r.jenkins.createProject(Folder.class, "a");
        Folder other = r.jenkins.createProject(Folder.class, "b");
        WorkflowJob p = pipeline(a, "p", "anyscaleServiceAccountCreate name: 'only-a', credentialsId: 'only-a-key'");
        WorkflowRun b = r.buildAndAssertSuccess(p);
        r.assertLogNotContains(keyInFolder(a, "only-a-key").getSecret().getPlainText(), b);
        assertNull(inFolder(other, "only-a-key"));
        assertNull(inRoot("only-a-key"));
    }

    @Test
    void aJobInNoFolderMayUseTheRootStoreOnlyWhenAllowed() throws Exception {
        WorkflowJob p = topLevelJob("top", "anyscaleServiceAccountCreate name: 'rooted', credentialsId: 'rooted-key'");
        WorkflowRun refused = r.buildAndAssertStatus(Result.FAILURE, p);
        r.assertLogContains("does not allow storing keys in the Jenkins root credentials store", refused);
        assertEquals(0, emulator.faults().requestCount(Endpoint.CREATE_SERVICE_ACCOUNT), "nothing sent to Anyscale");
        assertTrue(emulator.state().accounts().isEmpty());
        assertNull(inRoot("rooted-key"));

        AnyscaleGlobalConfiguration.get().setAllowRootStore(true);
        WorkflowRun b = r.buildAndAssertSuccess(p);
        AnyscaleServiceAccountKey rooted = assertInstanceOf(AnyscaleServiceAccountKey.class, inRoot("rooted-key"));
        r.assertLogContains("root credentials store", b);
        r.assertLogNotContains(rooted.getSecret().getPlainText(), b);
    }

    @Test
    void aDeleteThatCouldNotRemoveTheStoredKeysDeletesNothing() throws Exception {
        emulator.state().createServiceAccount("kept");
        WorkflowJob p = topLevelJob("top", "anyscaleServiceAccountDelete name: 'kept', removeCredentials: true");
        WorkflowRun refused = r.buildAndAssertStatus(Result.FAILURE, p);
        r.assertLogContains("is in no folder", refused);
        assertEquals(0, emulator.faults().totalRequestCount(), "nothing sent to Anyscale, not even the lookup");
        assertTrue(emulator.state().accountNamed("kept").isPresent());

        p.setDefinition(new CpsFlowDefinition("anyscaleServiceAccountDelete name: 'kept'", true));
        r.buildAndAssertSuccess(p);
        assertTrue(emulator.state().accountNamed("kept").isEmpty());
    }

    @Test
    void aForeignCredentialIsNeverOverwrittenAndNothingIsSent() throws Exception {
        Folder a = r.jenkins.createProject(Folder.class, "a");
        addFolderCredential(
                a,
                new StringCredentialsImpl(
                        CredentialsScope.GLOBAL, "taken", "someone else's", Secret.fromString("precious")));
        WorkflowJob p = pipeline(a, "p", "anyscaleServiceAccountCreate name: 'intruder', credentialsId: 'taken'");
        WorkflowRun b = r.buildAndAssertStatus(Result.FAILURE, p);
        r.assertLogContains("is not an Anyscale service account key", b);
        r.assertLogNotContains("\tat ", b);
        assertEquals(0, emulator.faults().totalRequestCount(), "nothing sent to Anyscale");
        assertTrue(emulator.state().accounts().isEmpty());
        StringCredentials kept = (StringCredentials) inFolder(a, "taken");
        assertEquals("precious", kept.getSecret().getPlainText());
    }

    @Test
    void theKeyOfAnotherAccountIsNeverOverwritten() throws Exception {
        Folder a = r.jenkins.createProject(Folder.class, "a");
        emulator.state().createServiceAccount("other");
        WorkflowJob p = pipeline(a, "p", "anyscaleServiceAccountCreate name: 'first', credentialsId: 'shared-id'");
        WorkflowRun created = r.buildAndAssertSuccess(p);
        String firstKey = keyInFolder(a, "shared-id").getSecret().getPlainText();
        r.assertLogNotContains(firstKey, created);

        p.setDefinition(new CpsFlowDefinition("anyscaleRotateApiKeys name: 'other', credentialsId: 'shared-id'", true));
        WorkflowRun b = r.buildAndAssertStatus(Result.FAILURE, p);
        r.assertLogContains("holds the key of another Anyscale service account", b);
        assertEquals(0, emulator.faults().requestCount(Endpoint.ROTATE_API_KEYS));
        assertEquals(firstKey, keyInFolder(a, "shared-id").getSecret().getPlainText());
        assertTrue(emulator.state().authenticates(firstKey));
    }

    @Test
    void anIdVisibleFromAnotherStoreIsRefused() throws Exception {
        TestSupport.addRootCredential(new StringCredentialsImpl(
                CredentialsScope.GLOBAL, "global-id", "root credential", Secret.fromString("root-secret")));
        Folder a = r.jenkins.createProject(Folder.class, "a");
        WorkflowJob p = pipeline(a, "p", "anyscaleServiceAccountCreate name: 'shadow', credentialsId: 'global-id'");
        WorkflowRun b = r.buildAndAssertStatus(Result.FAILURE, p);
        r.assertLogContains("Credential ID 'global-id' already means another credential to this build", b);
        assertEquals(0, emulator.faults().totalRequestCount());
    }

    /** A credentials parameter of that name takes precedence over stored IDs in withCredentials: ambiguous too. */
    @Test
    void anIdThatACredentialsParameterOfTheBuildNamesIsRefused() throws Exception {
        Folder a = r.jenkins.createProject(Folder.class, "a");
        addFolderCredential(
                a,
                new StringCredentialsImpl(CredentialsScope.GLOBAL, "chosen", "", Secret.fromString("chosen-secret")));
        WorkflowJob p = pipeline(a, "p", "anyscaleServiceAccountCreate name: 'shadowed', credentialsId: 'param-id'");
        p.addProperty(new ParametersDefinitionProperty(new CredentialsParameterDefinition(
                "param-id", "", "chosen", StringCredentialsImpl.class.getName(), false)));
        WorkflowRun b = r.buildAndAssertStatus(Result.FAILURE, p);
        r.assertLogContains("Credential ID 'param-id' already means another credential to this build", b);
        assertEquals(0, emulator.faults().totalRequestCount());
    }

    /** The owner token's ID, in the root store that jobs in no folder may use: refused without saying what it is. */
    @Test
    void aSystemScopedRootIdIsRefusedWithoutSayingWhatHoldsIt() throws Exception {
        AnyscaleGlobalConfiguration.get().setAllowRootStore(true);
        WorkflowJob p = topLevelJob(
                "top",
                "anyscaleServiceAccountCreate name: 'probe', credentialsId: '" + TestSupport.OWNER_TOKEN_ID + "'");
        WorkflowRun b = r.buildAndAssertStatus(Result.FAILURE, p);
        r.assertLogContains(
                "Credential ID '" + TestSupport.OWNER_TOKEN_ID + "' is already in use in the Jenkins root credentials"
                        + " store. Choose another credential ID.",
                b);
        r.assertLogNotContains("Secret text", b);
        r.assertLogNotContains("not an Anyscale service account key", b);
        assertEquals(0, emulator.faults().totalRequestCount());
    }

    @Test
    void argumentsAreValidatedBeforeAnythingIsSent() throws Exception {
        Folder a = r.jenkins.createProject(Folder.class, "a");
        WorkflowJob both = pipeline(
                a,
                "both",
                "anyscaleServiceAccountCreateApiKey name: 'x', email: 'x@example.com', credentialsId: 'x-key'");
        r.assertLogContains("Only one of email or name can be provided.", r.buildAndAssertStatus(Result.FAILURE, both));
        WorkflowJob neither = pipeline(a, "neither", "anyscaleRotateApiKeys credentialsId: 'x-key'");
        r.assertLogContains("Either email or name must be provided.", r.buildAndAssertStatus(Result.FAILURE, neither));
        WorkflowJob badId =
                pipeline(a, "badId", "anyscaleServiceAccountCreate name: 'x', credentialsId: 'not a valid id!'");
        r.assertLogContains(
                "The credentials ID 'not a valid id!' may contain only letters, digits and . _ -",
                r.buildAndAssertStatus(Result.FAILURE, badId));
        WorkflowJob badMax = pipeline(a, "badMax", "anyscaleServiceAccountList maxItems: 0");
        r.assertLogContains(
                "maxItems must be between 1 and 10000, not 0.", r.buildAndAssertStatus(Result.FAILURE, badMax));
        WorkflowJob hugeMax = pipeline(a, "hugeMax", "anyscaleServiceAccountList maxItems: 10001");
        r.assertLogContains(
                "maxItems must be between 1 and 10000, not 10001.", r.buildAndAssertStatus(Result.FAILURE, hugeMax));
        assertEquals(0, emulator.faults().totalRequestCount());
    }

    @Test
    void aFailedMintRollsTheNewAccountBackAndFailsTheStepClearly() throws Exception {
        emulator.faults().failNext(Endpoint.CREATE_API_KEY, 5, 403);
        Folder a = r.jenkins.createProject(Folder.class, "a");
        WorkflowJob p = pipeline(a, "p", "anyscaleServiceAccountCreate name: 'half', credentialsId: 'half-key'");
        WorkflowRun b = r.buildAndAssertStatus(Result.FAILURE, p);
        r.assertLogContains("Creating service account 'half' failed while minting its API key: HTTP 403", b);
        r.assertLogContains("The account was deleted again, so nothing is left behind.", b);
        r.assertLogNotContains("\tat ", b);
        assertTrue(emulator.state().accountNamed("half").isEmpty(), "no half-made account is left");
        assertNull(inFolder(a, "half-key"));
    }

    @Test
    void aDroppedListResponseIsRetried() throws Exception {
        emulator.state().createServiceAccount("listed");
        emulator.faults().dropNext(Endpoint.LIST_COLLABORATORS, 1);
        Folder a = r.jenkins.createProject(Folder.class, "a");
        WorkflowJob p = pipeline(a, "p", "echo \"names=${anyscaleServiceAccountList().collect { it.name }}\"");
        r.assertLogContains("names=[listed]", r.buildAndAssertSuccess(p));
    }

    @Test
    void missingTokenFailsClearly() throws Exception {
        AnyscaleGlobalConfiguration.get().setTokenCredentialsId(null);
        Folder a = r.jenkins.createProject(Folder.class, "a");
        WorkflowJob p = pipeline(a, "p", "anyscaleServiceAccountList()");
        r.assertLogContains("No Anyscale API token is configured", r.buildAndAssertStatus(Result.FAILURE, p));
        assertEquals(0, emulator.faults().totalRequestCount());
    }

    @Test
    void aStepMayUseAFolderTokenInstead() throws Exception {
        AnyscaleGlobalConfiguration.get().setTokenCredentialsId(null);
        Folder a = r.jenkins.createProject(Folder.class, "a");
        addFolderCredential(
                a,
                new StringCredentialsImpl(
                        CredentialsScope.GLOBAL, "folder-token", "", Secret.fromString(emulator.ownerToken())));
        emulator.state().createServiceAccount("seen");
        WorkflowJob p = pipeline(a, "p", """
                echo "names=${anyscaleServiceAccountList(tokenCredentialsId: 'folder-token').collect { it.name }}"
                """);
        r.assertLogContains("names=[seen]", r.buildAndAssertSuccess(p));
    }

    @Test
    void aWrongTokenFailsWithTheClientsMessage() throws Exception {
        Folder a = r.jenkins.createProject(Folder.class, "a");
        addFolderCredential(
                a,
                new StringCredentialsImpl(
                        CredentialsScope.GLOBAL, "bad-token", "", Secret.fromString("aph0_not_a_real_token")));
        WorkflowJob p = pipeline(a, "p", "anyscaleServiceAccountList tokenCredentialsId: 'bad-token'");
        WorkflowRun b = r.buildAndAssertStatus(Result.FAILURE, p);
        r.assertLogContains("Listing service accounts failed: HTTP 401 Unauthorized", b);
        r.assertLogNotContains("aph0_not_a_real_token", b);
        r.assertLogNotContains("\tat ", b);
    }

    /** A host nothing listens on: the failure names the origin without a stray slash, and says where to fix it. */
    @Test
    void aHostThatCannotBeReachedSaysWhereToFixIt() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        AnyscaleGlobalConfiguration.get().setHost("http://127.0.0.1:" + closedPort);
        Folder a = r.jenkins.createProject(Folder.class, "a");
        WorkflowRun b = r.buildAndAssertStatus(Result.FAILURE, pipeline(a, "p", "anyscaleServiceAccountList()"));
        r.assertLogContains("Listing service accounts failed: could not connect to http://127.0.0.1:" + closedPort, b);
        r.assertLogContains(
                "If the host is wrong, an administrator fixes it in Manage Jenkins \u203a System \u203a Anyscale"
                        + " \u203a Host.",
                b);
        r.assertLogNotContains("connect to /127.0.0.1", b);
        r.assertLogNotContains("\tat ", b);
    }

    @Test
    void declarativeCredentialsBindsAStoredKeyMasked() throws Exception {
        Folder a = r.jenkins.createProject(Folder.class, "decl");
        r.buildAndAssertSuccess(
                pipeline(a, "provision", "anyscaleServiceAccountCreate name: 'decl-bot', credentialsId: 'decl-key'"));
        String secret = keyInFolder(a, "decl-key").getSecret().getPlainText();
        WorkflowJob p = pipeline(a, "use", """
                pipeline {
                    agent none
                    stages {
                        stage('use') {
                            environment {
                                ANYSCALE_CLI_TOKEN = credentials('decl-key')
                            }
                            steps {
                                echo "declarative token=${env.ANYSCALE_CLI_TOKEN}"
                            }
                        }
                    }
                }
                """);
        WorkflowRun b = r.buildAndAssertSuccess(p);

        r.assertLogContains("declarative token=****", b);
        r.assertLogNotContains(secret, b);
    }
}
