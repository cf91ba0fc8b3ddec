package io.jenkins.plugins.anyscale.lifecycle;

import static io.jenkins.plugins.anyscale.lifecycle.Pages.credentials;
import static io.jenkins.plugins.anyscale.lifecycle.Pages.flags;
import static io.jenkins.plugins.anyscale.lifecycle.Pages.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.cloudbees.hudson.plugins.folder.Folder;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.domains.Domain;
import hudson.ExtensionList;
import hudson.model.Items;
import hudson.model.Result;
import hudson.util.Secret;
import io.jenkins.plugins.anyscale.AnyscaleGlobalConfiguration;
import io.jenkins.plugins.anyscale.AnyscaleServiceAccountKey;
import io.jenkins.plugins.anyscale.TestSupport;
import io.jenkins.plugins.anyscale.client.inventory.AttentionEntry;
import io.jenkins.plugins.anyscale.client.inventory.AttentionReason;
import io.jenkins.plugins.anyscale.client.inventory.CredentialLocation;
import io.jenkins.plugins.anyscale.client.inventory.KeyHolder;
import io.jenkins.plugins.anyscale.emulator.AnyscaleEmulator;
import io.jenkins.plugins.anyscale.emulator.AnyscaleEmulatorExtension;
import io.jenkins.plugins.anyscale.emulator.EmulatedAccount;
import io.jenkins.plugins.anyscale.emulator.Endpoint;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import jenkins.model.Jenkins;
import org.htmlunit.html.HtmlPage;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * Manage Jenkins › Anyscale service accounts, its actions and its administrative monitor, against the emulator: the
 * rows and flags of a folder layout, administrators only, POST with a crumb for every action, and what a step that left
 * something behind puts on it.
 */
@WithJenkins
@ExtendWith(AnyscaleEmulatorExtension.class)
class InventoryPageTest {

    private JenkinsRule r;
    private AnyscaleEmulator emulator;
    private Pages pages;
    private boolean manageWasEnabled;
    private Folder teamA;
    private Folder teamB;

    @BeforeEach
    void setUp(JenkinsRule rule, AnyscaleEmulator emulator) throws Exception {
        r = rule;
        this.emulator = emulator;
        pages = new Pages(r);
        TestSupport.configure(emulator);
        teamA = r.jenkins.createProject(Folder.class, "team-a");
        teamB = r.jenkins.createProject(Folder.class, "team-b");
        manageWasEnabled = Jenkins.MANAGE.getEnabled();
        Jenkins.MANAGE.setEnabled(true); // on from Jenkins 2.542: it must not be enough
        r.jenkins.setSecurityRealm(r.createDummySecurityRealm());
        r.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.ADMINISTER)
                .everywhere()
                .to("admin")
                .grant(Jenkins.READ)
                .everywhere()
                .to("reader")
                .grant(Jenkins.READ, Jenkins.MANAGE)
                .everywhere()
                .to("manager"));
    }

    @AfterEach
    void tearDown() {
        Jenkins.MANAGE.setEnabled(manageWasEnabled);
    }

    /** Runs the script in a job of the folder and returns the build, whatever its result. */
    private WorkflowRun run(Folder folder, String name, String script) throws Exception {
        WorkflowJob p = TestSupport.pipeline(folder, name, script);
        return r.waitForCompletion(p.scheduleBuild2(0).waitForStart());
    }

    /** Puts a key credential in the folder's store and in the index, as if the key sink had stored it. */
    private void storedKey(Folder folder, String id, String account, String email, Instant mintedAt) throws Exception {
        AnyscaleServiceAccountKey key = TestSupport.key(id, account, email, mintedAt);
        TestSupport.addFolderCredential(folder, key);
        KeyIndex.get().stored(key.holderAt(CredentialLocation.inFolder(folder.getFullName(), id)));
    }

    @Test
    void listsEveryAccountWithItsCredentialsAndFlags() throws Exception {
        AnyscaleGlobalConfiguration.get().setMaxKeyAgeDays(90);
        r.assertBuildStatusSuccess(run(teamA, "provision", """
                anyscaleServiceAccountCreate name: 'alive-bot', credentialsId: 'alive-key'
                anyscaleServiceAccountCreate name: 'gone-bot', credentialsId: 'gone-key'
                anyscaleServiceAccountDelete name: 'gone-bot'
                anyscaleServiceAccountCreate name: 'hand-bot', credentialsId: 'hand-key'
                """));
        TestSupport.folderStore(teamA)
                .removeCredentials(Domain.global(), TestSupport.inFolder(teamA, "hand-key")); // by hand
        EmulatedAccount old = emulator.state().createServiceAccount("old-bot");
        storedKey(teamB, "old-key", "old-bot", old.email(), Instant.now().minus(Duration.ofDays(100)));
        EmulatedAccount dup = emulator.state().createServiceAccount("dup-bot");
        storedKey(teamA, "dup-1", "dup-bot", dup.email(), Instant.now());
        storedKey(teamB, "dup-2", "dup-bot", dup.email(), Instant.now());
        emulator.state().createServiceAccount("lonely-bot");

        HtmlPage page = pages.asAdmin();

        assertEquals(List.of(), flags(page, "alive-bot"));
        assertEquals(List.of("alive-key"), credentials(page, "alive-bot"));
        String alive = row(page, "alive-bot").getTextContent();
        assertTrue(alive.contains("team-a"), alive);
        assertTrue(alive.contains("less than a day"), alive);
        assertTrue(alive.contains("team-a/provision #1"), "last used by, from credentials tracking: " + alive);
        assertNotNull(row(page, "alive-bot").querySelector("a[data-url*='rotate?account=alive-bot']"));

        assertEquals(List.of("key older than the policy"), flags(page, "old-bot"));
        assertTrue(row(page, "old-bot").getTextContent().contains("100 days"));

        assertEquals(List.of("credential of an account that no longer exists"), flags(page, "gone-bot"));
        assertTrue(row(page, "gone-bot").getTextContent().contains("no longer exists"));
        assertNotNull(row(page, "gone-bot").querySelector("a[data-url*='deleteCredential?folder=team-a']"));
        assertNull(row(page, "gone-bot").querySelector("a[data-url*='rotate']"));

        assertEquals(List.of("no key in Jenkins", "credential changed by hand"), flags(page, "hand-bot"));
        assertTrue(row(page, "hand-bot").getTextContent().contains("deleted or moved by hand"));

        assertEquals(List.of("several credentials for one account"), flags(page, "dup-bot"));
        assertEquals(List.of("dup-1", "dup-2"), credentials(page, "dup-bot"));
        assertNull(row(page, "dup-bot").querySelector("a[data-url*='rotate']"), "several: rotating would revoke one");

        assertEquals(List.of("no key in Jenkins"), flags(page, "lonely-bot"));

        String summary = page.querySelector("#anyscale-summary").getTextContent();
        assertTrue(summary.startsWith("5 accounts, 5 keys in Jenkins: "), summary);

        String html = page.getWebResponse().getContentAsString();
        assertFalse(html.contains(emulator.ownerToken()), "no owner token on the page");
        for (String id : List.of("alive-key", "gone-key")) {
            String secret = ((AnyscaleServiceAccountKey) TestSupport.inFolder(teamA, id))
                    .getSecret()
                    .getPlainText();
            assertFalse(html.contains(secret), "no key on the page");
        }
        for (String id : List.of("old-key", "dup-1", "dup-2")) {
            assertFalse(html.contains(TestSupport.secretOf(id)), "no key on the page");
        }
    }

    @Test
    void nonAdministratorsGet403OnThePageAndOnEveryAction() throws Exception {
        EmulatedAccount bot = emulator.state().createServiceAccount("bot");
        storedKey(teamA, "bot-key", "bot", bot.email(), Instant.now());
        storedKey(teamA, "orphan-key", "orphan-bot", "orphan-bot@org.example", Instant.now());
        AttentionLog.get().add(entry("bot"));
        emulator.faults().resetCounts();

        for (String user : new String[] {null, "reader", "manager"}) {
            JenkinsRule.WebClient wc = pages.session(user);
            assertEquals(403, pages.get(wc, "").getStatusCode(), user + " may not see the page");
            assertEquals(403, pages.post(wc, "rotate", true, "account", "bot").getStatusCode(), user);
            assertEquals(
                    403,
                    pages.post(wc, "deleteCredential", true, "folder", "team-a", "credentialId", "orphan-key")
                            .getStatusCode(),
                    user);
            String id = AttentionLog.get().entries().get(0).id();
            assertEquals(403, pages.post(wc, "dismiss", true, "id", id).getStatusCode(), user);
            assertEquals(403, pages.post(wc, "rescan", true).getStatusCode(), user);
        }

        assertEquals(0, emulator.faults().totalRequestCount(), "nothing was sent to Anyscale");
        assertEquals(1, AttentionLog.get().size(), "nothing was dismissed");
        assertNotNull(TestSupport.inFolder(teamA, "orphan-key"), "nothing was deleted");
        assertFalse(StoreScan.get().progress().hasRun(), "no rescan was started");
        assertEquals(200, pages.get(pages.session("admin"), "").getStatusCode());
    }

    @Test
    void everyActionIsAPostWithACrumb() throws Exception {
        AttentionLog.get().add(entry("bot"));
        String id = AttentionLog.get().entries().get(0).id();
        JenkinsRule.WebClient admin = pages.session("admin");

        for (String action :
                new String[] {"rotate?account=bot", "deleteCredential?credentialId=x", "dismiss?id=" + id, "rescan"}) {
            assertNotEquals(200, pages.get(admin, action).getStatusCode(), "GET " + action);
        }
        assertEquals(403, pages.post(admin, "dismiss", false, "id", id).getStatusCode(), "no crumb");
        assertEquals(403, pages.post(admin, "rescan", false).getStatusCode(), "no crumb");
        assertEquals(1, AttentionLog.get().size());
        assertFalse(StoreScan.get().progress().hasRun());

        assertEquals("Dismissed the entry.", pages.act("dismiss", "id", id));
        assertEquals(0, AttentionLog.get().size());
    }

    @Test
    void rotateStoresTheNewKeyInTheOneCredentialThatHoldsTheKeys() throws Exception {
        r.assertBuildStatusSuccess(
                run(teamA, "p", "anyscaleServiceAccountCreate name: 'rot-bot', credentialsId: 'rot-key'"));
        String before = TestSupport.keyInFolder(teamA, "rot-key").getSecret().getPlainText();
        TestSupport.setMintedAt(teamA, "rot-key", Instant.now().minus(Duration.ofDays(200)));

        String notice = pages.act("rotate", "account", "rot-bot", "folder", "team-a", "credentialId", "rot-key");

        assertEquals(
                "Rotated the API keys of service account 'rot-bot' ("
                        + emulator.state().accountNamed("rot-bot").orElseThrow().email()
                        + "): every older key is revoked; the new key is stored in credential 'rot-key' in folder"
                        + " 'team-a'.",
                notice);
        AnyscaleServiceAccountKey after = TestSupport.keyInFolder(teamA, "rot-key");
        assertNotEquals(before, after.getSecret().getPlainText());
        assertFalse(emulator.state().authenticates(before), "the old key is revoked");
        assertTrue(emulator.state().authenticates(after.getSecret().getPlainText()));
        Instant minted = Instant.parse(after.getMintedAt());
        assertTrue(minted.isAfter(Instant.now().minus(Duration.ofMinutes(5))), "the new key's mint time: " + minted);
        KeyHolder indexed = KeyIndex.get().holders().stream()
                .filter(h -> h.location().credentialId().equals("rot-key"))
                .findFirst()
                .orElseThrow();
        assertEquals(minted, indexed.mintedAt(), "the index follows the key sink");
    }

    @Test
    void rotateIsRefusedWhenNoCredentialOrSeveralHoldTheKeys() throws Exception {
        EmulatedAccount dup = emulator.state().createServiceAccount("dup-bot");
        storedKey(teamA, "dup-1", "dup-bot", dup.email(), Instant.now());
        storedKey(teamB, "dup-2", "dup-bot", dup.email(), Instant.now());
        emulator.state().createServiceAccount("lonely-bot");

        String several = pages.act("rotate", "account", "dup-bot", "folder", "team-a", "credentialId", "dup-1");
        assertTrue(
                several.startsWith("Several credentials hold keys of service account 'dup-bot': credential 'dup-1'"
                        + " in folder 'team-a', credential 'dup-2' in folder 'team-b'."),
                several);
        String none = pages.act("rotate", "account", "lonely-bot", "folder", "team-a", "credentialId", "x");
        assertTrue(
                none.startsWith("No credential that Jenkins knows of holds a key of service account 'lonely-bot'"),
                none);
        String missing = pages.act("rotate", "account", "no-such-bot", "folder", "team-a", "credentialId", "x");
        assertTrue(missing.contains("no-such-bot"), missing);

        assertEquals(0, emulator.faults().requestCount(Endpoint.ROTATE_API_KEYS), "no key was revoked");
        assertEquals(0, emulator.faults().requestCount(Endpoint.CREATE_API_KEY), "no key was minted");
        assertEquals(
                TestSupport.secretOf("dup-1"),
                TestSupport.keyInFolder(teamA, "dup-1").getSecret().getPlainText());
    }

    /**
     * Anyone with Credentials/Create on a folder can make a key credential that claims any account and an old mint
     * time. It must neither be indexed by a rescan, nor counted against the policy, nor receive the account's next key
     * from the page, nor keep the page from rotating into the credential the key sink stored.
     */
    @Test
    void aCredentialTypedInByHandClaimingAnAccountGetsNothingAndBlocksNothing() throws Exception {
        AnyscaleGlobalConfiguration.get().setMaxKeyAgeDays(30);
        r.assertBuildStatusSuccess(
                run(teamA, "provision", "anyscaleServiceAccountCreate name: 'prod-bot', credentialsId: 'prod-key'"));
        TestSupport.addFolderCredential(
                teamB, TestSupport.unsealedKey("forged", "prod-bot", null, Instant.parse("2020-01-01T00:00:00Z")));

        pages.act("rescan");
        awaitRescan();
        String scan = pages.asAdmin().querySelector("#anyscale-rescan").getTextContent();
        assertTrue(scan.contains("1 keys found"), scan);
        assertTrue(scan.contains("1 more Anyscale key credentials were found that the Anyscale steps"), scan);
        assertEquals(
                List.of(CredentialLocation.inFolder("team-a", "prod-key")),
                KeyIndex.get().holders().stream().map(KeyHolder::location).toList(),
                "only the sealed credential is indexed");
        assertFalse(
                ExtensionList.lookupSingleton(AttentionMonitor.class).isActivated(),
                "the forged mint time is not counted against the policy");

        String refused = pages.act("rotate", "account", "prod-bot", "folder", "team-b", "credentialId", "forged");
        assertTrue(refused.contains("not by credential 'forged' in folder 'team-b'"), refused);
        assertEquals(0, emulator.faults().requestCount(Endpoint.ROTATE_API_KEYS));
        assertEquals(
                TestSupport.secretOf("forged"),
                TestSupport.keyInFolder(teamB, "forged").getSecret().getPlainText());

        String rotated = pages.act("rotate", "account", "prod-bot", "folder", "team-a", "credentialId", "prod-key");
        assertTrue(rotated.startsWith("Rotated the API keys of service account 'prod-bot'"), rotated);
        assertEquals(
                TestSupport.secretOf("forged"),
                TestSupport.keyInFolder(teamB, "forged").getSecret().getPlainText());
        assertTrue(emulator.state()
                .authenticates(
                        TestSupport.keyInFolder(teamA, "prod-key").getSecret().getPlainText()));
    }

    /** A key the sink stored, edited by hand to claim another account or a later mint time, is sealed no more. */
    @Test
    void editingAStoredKeyByHandBreaksItsSeal() throws Exception {
        AnyscaleServiceAccountKey stored = TestSupport.key("k", "ci-bot", null, Instant.parse("2026-01-01T00:00:00Z"));
        assertTrue(stored.isSealed());
        AnyscaleServiceAccountKey renamed =
                TestSupport.unsealedKey("k", "prod-bot", null, Instant.parse("2026-01-01T00:00:00Z"));
        renamed.setSeal(stored.getSeal());
        assertFalse(renamed.isSealed(), "another account");
        AnyscaleServiceAccountKey younger =
                TestSupport.unsealedKey("k", "ci-bot", null, Instant.parse("2099-01-01T00:00:00Z"));
        younger.setSeal(stored.getSeal());
        assertFalse(younger.isSealed(), "another mint time");
        assertNull(younger.holderAt(CredentialLocation.inFolder("a", "k")).mintedAt(), "its mint time is not trusted");
        AnyscaleServiceAccountKey moved =
                TestSupport.unsealedKey("k2", "ci-bot", null, Instant.parse("2026-01-01T00:00:00Z"));
        moved.setSeal(stored.getSeal());
        assertFalse(moved.isSealed(), "another ID");
    }

    /** The page puts a key only where a step could have: no multibranch store, the root store only where allowed. */
    @Test
    void rotateFromThePageObeysTheStepsStorePolicy() throws Exception {
        EmulatedAccount rooted = emulator.state().createServiceAccount("root-bot");
        AnyscaleServiceAccountKey inRoot = TestSupport.key("root-key", "root-bot", rooted.email(), Instant.now());
        TestSupport.addRootCredential(inRoot);
        KeyIndex.get().stored(inRoot.holderAt(CredentialLocation.inRootStore("root-key")));
        r.createProject(WorkflowJob.class, "top-level"); // a job whose keys would go to the root store

        String refused = pages.act("rotate", "account", "root-bot", "folder", "", "credentialId", "root-key");
        assertTrue(refused.contains("does not allow storing keys in the Jenkins root credentials store"), refused);
        assertEquals(0, emulator.faults().requestCount(Endpoint.ROTATE_API_KEYS));

        AnyscaleGlobalConfiguration.get().setAllowRootStore(true);
        String rotated = pages.act("rotate", "account", "root-bot", "folder", "", "credentialId", "root-key");
        assertTrue(rotated.startsWith("Rotated the API keys of service account 'root-bot'"), rotated);
    }

    @Test
    void rotateFromThePageGoesOnlyToAStoreWhoseJobsARuleLetsManageTheAccount() throws Exception {
        EmulatedAccount account = emulator.state().createServiceAccount("team-b-bot");
        storedKey(teamB, "b-key", "team-b-bot", account.email(), Instant.now());
        teamB.createProject(WorkflowJob.class, "deploy");
        TestSupport.allowOnly(TestSupport.rule("team-a/*", "team-b-*"));

        String refused = pages.act("rotate", "account", "team-b-bot", "folder", "team-b", "credentialId", "b-key");
        assertTrue(
                refused.startsWith("No access rule lets a job whose keys go to folder 'team-b' manage service"
                        + " account 'team-b-bot'"),
                refused);
        assertEquals(0, emulator.faults().requestCount(Endpoint.ROTATE_API_KEYS));

        TestSupport.allowOnly(TestSupport.rule("team-b/deploy", "team-b-*"));
        String rotated = pages.act("rotate", "account", "team-b-bot", "folder", "team-b", "credentialId", "b-key");
        assertTrue(rotated.startsWith("Rotated the API keys of service account 'team-b-bot'"), rotated);
    }

    @Test
    void deleteRemovesOnlyAKeyCredentialOfAnAccountThatNoLongerExists() throws Exception {
        storedKey(teamA, "orphan-key", "orphan-bot", "orphan-bot@org.example", Instant.now());
        EmulatedAccount live = emulator.state().createServiceAccount("live-bot");
        storedKey(teamB, "live-key", "live-bot", live.email(), Instant.now());
        TestSupport.addFolderCredential(
                teamB, new StringCredentialsImpl(CredentialsScope.GLOBAL, "plain", "", Secret.fromString("s3cret")));

        assertEquals(
                "Deleted credential 'orphan-key' in folder 'team-a', which held a key of 'orphan-bot'"
                        + " (orphan-bot@org.example), a service account that no longer exists.",
                pages.act("deleteCredential", "folder", "team-a", "credentialId", "orphan-key"));
        assertNull(TestSupport.inFolder(teamA, "orphan-key"));
        assertTrue(KeyIndex.get().holders().stream()
                .noneMatch(h -> h.location().credentialId().equals("orphan-key")));

        String liveRefused = pages.act("deleteCredential", "folder", "team-b", "credentialId", "live-key");
        assertTrue(liveRefused.contains("which exists in Anyscale: it was not deleted"), liveRefused);
        assertNotNull(TestSupport.inFolder(teamB, "live-key"));
        String plainRefused = pages.act("deleteCredential", "folder", "team-b", "credentialId", "plain");
        assertTrue(plainRefused.contains("is not an Anyscale service account key"), plainRefused);
        assertNotNull(TestSupport.inFolder(teamB, "plain"));
        String gone = pages.act("deleteCredential", "folder", "team-a", "credentialId", "orphan-key");
        assertTrue(gone.startsWith("There is no credential 'orphan-key' in folder 'team-a' any more"), gone);
    }

    @Test
    void aStepThatLeftAnAccountBehindRaisesTheMonitorUntilDismissed() throws Exception {
        AttentionMonitor monitor =
                r.jenkins.getExtensionList(AttentionMonitor.class).get(0);
        assertFalse(monitor.isActivated());
        emulator.faults().failNext(Endpoint.CREATE_API_KEY, 5, 403).failNext(Endpoint.DELETE_COLLABORATOR, 20, 500);

        WorkflowRun b = run(teamA, "p", "anyscaleServiceAccountCreate name: 'stuck-bot', credentialsId: 'stuck-key'");
        r.assertBuildStatus(Result.FAILURE, b);

        List<AttentionEntry> entries = AttentionLog.get().entries();
        assertEquals(1, entries.size(), entries.toString());
        AttentionEntry entry = entries.get(0);
        assertEquals(AttentionReason.ACCOUNT_LEFT_BEHIND, entry.reason());
        assertEquals("team-a/p #1", entry.where());
        assertEquals("stuck-bot", entry.account());
        assertEquals("stuck-key", entry.credentialId());
        assertEquals("create", entry.operationName());
        assertTrue(monitor.isActivated());
        String manage = pages.session("admin").goTo("manage/").getWebResponse().getContentAsString();
        assertTrue(manage.contains("1 Anyscale operation needs attention."), manage);

        HtmlPage page = pages.asAdmin();
        String attention = page.querySelector("#anyscale-attention").getTextContent();
        assertTrue(attention.contains("team-a/p #1"), attention);
        assertTrue(attention.contains("Service account 'stuck-bot' was created but no key of it is stored"), attention);

        assertEquals("Dismissed the entry.", pages.act("dismiss", "id", entry.id()));
        assertFalse(monitor.isActivated());
        assertEquals(
                "There is no such entry any more: it was dismissed already, or dropped as the oldest of a full list.",
                pages.act("dismiss", "id", entry.id()));
    }

    @Test
    void aStepThatEndsWellOrChangedNothingLeavesNothing() throws Exception {
        r.assertBuildStatusSuccess(
                run(teamA, "ok", "anyscaleServiceAccountCreate name: 'fine-bot', credentialsId: 'fine-key'"));
        emulator.faults().failNext(Endpoint.CREATE_API_KEY, 5, 403);
        r.assertBuildStatus(
                Result.FAILURE,
                run(teamA, "rolled-back", "anyscaleServiceAccountCreate name: 'back-bot', credentialsId: 'back-key'"));
        assertEquals(List.of(), AttentionLog.get().entries(), "rolled back: nothing for a person to do");
    }

    @Test
    void aFullAttentionListSaysHowManyEntriesWereDropped() throws Exception {
        for (int i = 0; i < 502; i++) {
            AttentionLog.get().add(entry("bot-" + i));
        }
        HtmlPage page = pages.asAdmin();
        assertEquals(
                "The 2 oldest entries were dropped to keep the newest 500: look for them in the builds' logs.",
                page.querySelector("#anyscale-attention-dropped")
                        .getTextContent()
                        .trim());
        assertEquals(
                500, page.querySelectorAll("#anyscale-attention tr[data-entry]").size());
        String attention = page.querySelector("#anyscale-attention").getTextContent();
        assertTrue(attention.contains("service account 'bot-501'"), "the newest are kept");
        assertFalse(attention.contains("service account 'bot-0'"), "the oldest are dropped");
        assertFalse(attention.contains("service account 'bot-1'"), "the oldest are dropped");
    }

    @Test
    void keysOverThePolicyRaiseTheMonitor() throws Exception {
        AttentionMonitor monitor =
                r.jenkins.getExtensionList(AttentionMonitor.class).get(0);
        storedKey(teamA, "aged-key", "aged-bot", null, Instant.now().minus(Duration.ofDays(31)));
        assertFalse(monitor.isActivated(), "no policy");
        AnyscaleGlobalConfiguration.get().setMaxKeyAgeDays(30);
        assertTrue(monitor.isActivated());
        assertEquals(1, monitor.getKeysOverPolicy());
        String manage = pages.session("admin").goTo("manage/").getWebResponse().getContentAsString();
        assertTrue(
                manage.contains("1 Anyscale service-account key held in Jenkins is older than the rotation policy"
                        + " (30 days)."),
                manage);
        AnyscaleGlobalConfiguration.get().setMaxKeyAgeDays(60);
        assertFalse(monitor.isActivated());
    }

    private static void awaitRescan() throws InterruptedException {
        for (int i = 0; i < 600 && StoreScan.get().progress().running(); i++) {
            Thread.sleep(50);
        }
        assertFalse(StoreScan.get().progress().running(), "the rescan ended");
    }

    @Test
    void rescanFindsKeysStoredByOtherMeansAndForgetsWhatIsGone() throws Exception {
        Folder nested = teamA.createProject(Folder.class, "nested");
        TestSupport.addFolderCredential(nested, TestSupport.key("by-hand", "hand-bot", null, null));
        TestSupport.addRootCredential(TestSupport.key("in-root", "root-bot", null, null));
        KeyIndex.get().stored(new KeyHolder(CredentialLocation.inFolder("team-b", "vanished"), "v-bot", null, null));

        assertEquals(
                "Rescanning every credentials store in the background; this page shows how far it got.",
                pages.act("rescan"));
        for (int i = 0; i < 600 && StoreScan.get().progress().running(); i++) {
            Thread.sleep(50);
        }
        StoreScan.Progress done = StoreScan.get().progress();
        assertFalse(done.running());
        assertNull(done.error());
        assertEquals(4, done.total(), "the root store and three folders");
        assertEquals(4, done.done());

        List<CredentialLocation> indexed =
                KeyIndex.get().holders().stream().map(KeyHolder::location).toList();
        assertEquals(
                List.of(
                        CredentialLocation.inRootStore("in-root"),
                        CredentialLocation.inFolder("team-a/nested", "by-hand")),
                indexed);
        String scan = pages.asAdmin().querySelector("#anyscale-rescan").getTextContent();
        assertTrue(scan.contains("2 keys found in 4 stores"), scan);
    }

    @Test
    void whenAnyscaleCannotBeReachedThePageShowsTheErrorAndWhatJenkinsHolds() throws Exception {
        String deadHost;
        try (AnyscaleEmulator gone = AnyscaleEmulator.start()) {
            deadHost = gone.baseUrl();
        }
        AnyscaleGlobalConfiguration.get().setHost(deadHost);
        AnyscaleGlobalConfiguration.get().setConnectTimeoutSeconds(2);
        storedKey(teamA, "kept-key", "kept-bot", null, Instant.now());
        AttentionLog.get().add(entry("kept-bot"));

        HtmlPage page = pages.asAdmin();

        String error = page.querySelector("#anyscale-accounts-error").getTextContent();
        assertTrue(error.contains("The service accounts could not be read from Anyscale"), error);
        assertFalse(error.contains(emulator.ownerToken()));
        assertEquals(List.of("kept-key"), credentials(page, "kept-bot"));
        assertNotNull(page.querySelector("#anyscale-attention"));
    }

    @Test
    void aMovedFolderTakesItsKeysAlongAndADeletedOneTakesThemAway() throws Exception {
        r.assertBuildStatusSuccess(
                run(teamA, "p", "anyscaleServiceAccountCreate name: 'moving-bot', credentialsId: 'moving-key'"));
        Items.move(teamA, teamB);
        assertEquals(
                List.of(CredentialLocation.inFolder("team-b/team-a", "moving-key")),
                KeyIndex.get().holders().stream().map(KeyHolder::location).toList());
        assertEquals(List.of(), flags(pages.asAdmin(), "moving-bot"), "found in its store where it is now");

        teamB.delete();
        assertEquals(List.of(), KeyIndex.get().holders());
    }

    private static AttentionEntry entry(String account) {
        return new AttentionEntry(
                AttentionReason.UNSTORED_KEY,
                io.jenkins.plugins.anyscale.client.provisioning.ProvisioningOutcome.Operation.CREATE_API_KEY,
                account,
                "some-key",
                Instant.now(),
                null,
                0,
                "A valid key may exist that nothing holds.");
    }
}
