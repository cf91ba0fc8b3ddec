package io.jenkins.plugins.anyscale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.cloudbees.hudson.plugins.folder.Folder;
import java.net.URL;
import java.time.Instant;
import java.util.List;
import net.sf.json.JSONObject;
import org.htmlunit.HttpMethod;
import org.htmlunit.WebRequest;
import org.htmlunit.html.HtmlInput;
import org.htmlunit.html.HtmlPage;
import org.htmlunit.util.NameValuePair;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * The credential's update form carries its seal and its fixed fields through, so that an administrator who edits the
 * description keeps a key the lifecycle vouches for; the same form with another account breaks the seal.
 */
@WithJenkins
class CredentialFormTest {

    @Test
    void editingTheDescriptionKeepsTheSealAndEditingTheAccountBreaksIt(JenkinsRule r) throws Exception {
        Folder folder = r.jenkins.createProject(Folder.class, "team-a");
        AnyscaleServiceAccountKey stored =
                TestSupport.key("ci-key", "ci-bot", "ci-bot@org.example", Instant.parse("2026-12-01T00:00:00Z"));
        TestSupport.addFolderCredential(folder, stored);
        String credential = folder.getUrl() + "credentials/store/folder/domain/_/credential/ci-key/";

        // The dialog is a fragment that Jenkins loads into a page; alone, its adjuncts find no page scripts.
        JenkinsRule.WebClient wc = r.createWebClient().withJavaScriptEnabled(false);
        HtmlPage dialog = wc.goTo(credential + "updateDialog");
        HtmlInput seal = dialog.querySelector("input[name='_.seal']");
        assertEquals(stored.getSeal(), seal.getValue(), "the form carries the seal");
        HtmlInput account = dialog.querySelector("input[name='_.accountName']");
        assertTrue(account.isReadOnly(), "the account is fixed once the key is stored");

        update(r, wc, credential, stored, "ci-bot", "for deploys");
        AnyscaleServiceAccountKey described = TestSupport.keyInFolder(folder, "ci-key");
        assertEquals("for deploys", described.getDescription());
        assertTrue(described.isSealed(), "a new description keeps the seal");

        update(r, wc, credential, stored, "prod-bot", "for deploys");
        AnyscaleServiceAccountKey claimed = TestSupport.keyInFolder(folder, "ci-key");
        assertEquals("prod-bot", claimed.getAccountName());
        assertFalse(claimed.isSealed(), "another account, typed in, is not vouched for");
    }

    /** What the update dialog submits: the credential's fields as JSON, the key as its encrypted value. */
    private static void update(
            JenkinsRule r,
            JenkinsRule.WebClient wc,
            String credential,
            AnyscaleServiceAccountKey stored,
            String accountName,
            String description)
            throws Exception {
        JSONObject json = new JSONObject()
                .element("stapler-class", AnyscaleServiceAccountKey.class.getName())
                .element("scope", "GLOBAL")
                .element("id", stored.getId())
                .element("description", description)
                .element("secret", stored.getSecret().getEncryptedValue())
                .element("accountName", accountName)
                .element("accountEmail", stored.getAccountEmail())
                .element("mintedAt", stored.getMintedAt())
                .element("seal", stored.getSeal());
        WebRequest request = new WebRequest(new URL(r.getURL(), credential + "updateSubmit"), HttpMethod.POST);
        request.setRequestParameters(List.of(new NameValuePair("json", json.toString())));
        wc.addCrumb(request);
        assertEquals(200, wc.getPage(request).getWebResponse().getStatusCode());
    }
}
