package io.jenkins.plugins.anyscale.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.cloudbees.hudson.plugins.folder.Folder;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsStore;
import com.cloudbees.plugins.credentials.domains.Domain;
import hudson.BulkChange;
import io.jenkins.plugins.anyscale.AnyscaleGlobalConfiguration;
import io.jenkins.plugins.anyscale.AnyscaleServiceAccountKey;
import io.jenkins.plugins.anyscale.TestSupport;
import io.jenkins.plugins.anyscale.client.inventory.CredentialLocation;
import io.jenkins.plugins.anyscale.emulator.AnyscaleEmulator;
import io.jenkins.plugins.anyscale.emulator.AnyscaleEmulatorExtension;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.htmlunit.WebRequest;
import org.htmlunit.WebResponse;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * The page's server time on a large controller: 1,000 accounts in the emulator, 2,000 key credentials in 200 folders
 * through the index, each used by a build, 200 more folders without keys. Prints the times (the README reports them); asserts only what the
 * page shows, never a time.
 */
@WithJenkins
@ExtendWith(AnyscaleEmulatorExtension.class)
class InventoryScaleTest {

    private static final int ACCOUNTS = 1_000;
    private static final int FOLDERS_WITH_KEYS = 200;
    private static final int KEYS_PER_FOLDER = 10;
    private static final int FOLDERS_WITHOUT_KEYS = 200;

    @Test
    void thePageAtScale(JenkinsRule r, AnyscaleEmulator emulator) throws Exception {
        TestSupport.configure(emulator);
        AnyscaleGlobalConfiguration.get().setMaxKeyAgeDays(90);
        emulator.state().seedServiceAccounts("acct-", ACCOUNTS);
        Instant now = Instant.now();
        // One build that used every key, as withCredentials would record it: each key's fingerprint is read per view.
        WorkflowJob user = r.createProject(WorkflowJob.class, "user");
        user.setDefinition(new CpsFlowDefinition("echo 'uses the keys'", true));
        WorkflowRun use = r.buildAndAssertSuccess(user);
        List<AnyscaleServiceAccountKey> used = new ArrayList<>();
        int key = 0;
        for (int f = 0; f < FOLDERS_WITH_KEYS; f++) {
            Folder folder = r.jenkins.createProject(Folder.class, String.format(Locale.ROOT, "team-%03d", f));
            CredentialsStore store = TestSupport.folderStore(folder);
            try (BulkChange saveOnce = new BulkChange(folder)) {
                for (int k = 0; k < KEYS_PER_FOLDER; k++, key++) {
                    // Keys of 1,200 accounts: 200 of them no longer exist; ages up to 180 days.
                    String account = String.format(Locale.ROOT, "acct-%05d", key % 1_200 + 1);
                    AnyscaleServiceAccountKey credential = TestSupport.key(
                            "key-" + key, account, null, now.minus(Duration.ofHours(key * 13L % (180 * 24))));
                    store.addCredentials(Domain.global(), credential);
                    used.add(credential);
                    KeyIndex.get()
                            .stored(credential.holderAt(
                                    CredentialLocation.inFolder(folder.getFullName(), "key-" + key)));
                }
                saveOnce.commit();
            }
        }
        CredentialsProvider.trackAll(use, used);
        for (int f = 0; f < FOLDERS_WITHOUT_KEYS; f++) {
            r.jenkins.createProject(Folder.class, String.format(Locale.ROOT, "empty-%03d", f));
        }
        assertEquals(FOLDERS_WITH_KEYS * KEYS_PER_FOLDER, KeyIndex.get().size());

        JenkinsRule.WebClient admin = r.createWebClient(); // security off: everybody is an administrator
        admin.getOptions().setJavaScriptEnabled(false);
        long[] viewMillis = new long[5];
        long[] pageMillis = new long[5];
        long[] monitorMicros = new long[5];
        WebResponse page = null;
        for (int i = 0; i < viewMillis.length; i++) {
            long t0 = System.nanoTime();
            InventoryView view = InventoryView.compute();
            viewMillis[i] = (System.nanoTime() - t0) / 1_000_000;
            assertEquals(ACCOUNTS + 200, view.getRows().size(), "every account, and the accounts that are gone");

            t0 = System.nanoTime();
            page = admin.loadWebResponse(new WebRequest(new URL(r.getURL(), Pages.PAGE)));
            pageMillis[i] = (System.nanoTime() - t0) / 1_000_000;
            assertEquals(200, page.getStatusCode());

            t0 = System.nanoTime();
            r.jenkins.getExtensionList(AttentionMonitor.class).get(0).isActivated();
            monitorMicros[i] = (System.nanoTime() - t0) / 1_000;
        }
        String html = page.getContentAsString();
        assertTrue(html.contains("1,000 accounts, 2,000 keys in Jenkins"), "the summary");
        assertTrue(html.contains("data-account=\"acct-01000\""));
        assertTrue(html.contains("user #1"), "the last use, from the fingerprints");

        System.out.printf(
                Locale.ROOT,
                "Inventory at scale (%,d accounts, %,d keys in %d folders, %d folders in all): computing the view %s ms,"
                        + " the whole page over HTTP %s ms (%,d bytes), the monitor's isActivated %s us%n",
                ACCOUNTS,
                FOLDERS_WITH_KEYS * KEYS_PER_FOLDER,
                FOLDERS_WITH_KEYS,
                FOLDERS_WITH_KEYS + FOLDERS_WITHOUT_KEYS,
                Arrays.toString(viewMillis),
                Arrays.toString(pageMillis),
                html.length(),
                Arrays.toString(monitorMicros));
    }
}
