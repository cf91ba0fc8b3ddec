package io.jenkins.plugins.anyscale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.cloudbees.hudson.plugins.folder.Folder;
import com.cloudbees.plugins.credentials.CredentialsScope;
import hudson.model.Item;
import hudson.util.Secret;
import io.jenkins.plugins.anyscale.emulator.AnyscaleEmulator;
import io.jenkins.plugins.anyscale.emulator.Endpoint;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import jenkins.model.Jenkins;
import org.htmlunit.HttpMethod;
import org.htmlunit.Page;
import org.htmlunit.WebRequest;
import org.htmlunit.WebResponse;
import org.htmlunit.util.NameValuePair;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * Every web method (Test Connection, host check, credential lists of the global configuration and of the steps) as
 * anonymous, as a user with Overall/Read, with Manage (or Item/Configure) and as an administrator.
 */
@WithJenkins
class WebMethodsTest {

    private static final String CONFIG = "descriptorByName/" + AnyscaleGlobalConfiguration.class.getName() + "/";
    private static final String CREATE_STEP = "descriptorByName/" + ServiceAccountCreateStep.class.getName() + "/";
    private static final String WITH_ANYSCALE = "descriptorByName/" + WithAnyscaleStep.class.getName() + "/";

    private JenkinsRule r;
    private AnyscaleEmulator emulator;
    private WorkflowJob job;

    @BeforeEach
    void setUp(JenkinsRule rule) throws Exception {
        r = rule;
        emulator = AnyscaleEmulator.start();
        TestSupport.configure(emulator);
        Folder folder = r.jenkins.createProject(Folder.class, "f");
        job = folder.createProject(WorkflowJob.class, "p");
        TestSupport.addFolderCredential(
                folder,
                new StringCredentialsImpl(
                        CredentialsScope.GLOBAL, "folder-secret", "", Secret.fromString("folder-secret-value")));
        r.jenkins.setSecurityRealm(r.createDummySecurityRealm());
        r.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.READ)
                .everywhere()
                .to("reader", "configurer")
                .grant(Jenkins.READ, Jenkins.MANAGE)
                .everywhere()
                .to("manager")
                .grant(Jenkins.ADMINISTER)
                .everywhere()
                .to("admin")
                // The manager may read the job too, so that the step's credential list (not a 404) is what hides the
                // folder's credentials from them.
                .grant(Item.READ)
                .everywhere()
                .to("reader", "manager")
                .grant(Item.READ, Item.CONFIGURE)
                .everywhere()
                .to("configurer"));
    }

    @AfterEach
    void tearDown() {
        if (emulator != null) {
            emulator.close();
        }
    }

    /**
     * POSTs form parameters as the user (null: anonymous, with a crumb) and returns status and body. The raw response
     * is returned, not a page: HtmlUnit would follow the meta refresh and script of Jenkins' 403 answer to anonymous
     * requests ("Authentication required") to the login page, and report that page's 200 instead.
     */
    private WebResponse post(String user, String relative, String... nameValues) throws Exception {
        JenkinsRule.WebClient wc = r.createWebClient().withThrowExceptionOnFailingStatusCode(false);
        if (user != null) {
            wc.withBasicApiToken(user);
        }
        WebRequest request = new WebRequest(new URL(r.getURL(), relative), HttpMethod.POST);
        List<NameValuePair> parameters = new ArrayList<>();
        for (int i = 0; i < nameValues.length; i += 2) {
            parameters.add(new NameValuePair(nameValues[i], nameValues[i + 1]));
        }
        request.setRequestParameters(parameters);
        if (user == null) {
            wc.addCrumb(request);
        }
        return wc.loadWebResponse(request);
    }

    private static int status(WebResponse response) {
        return response.getStatusCode();
    }

    private static String body(WebResponse response) {
        return response.getContentAsString();
    }

    private WebResponse testConnection(String user) throws Exception {
        return post(user, CONFIG + "testConnection");
    }

    @Test
    void testConnectionNeedsManage() throws Exception {
        assertEquals(403, status(testConnection(null)));
        assertEquals(403, status(testConnection("reader")));
        assertEquals(403, status(testConnection("configurer")));
        assertEquals(0, emulator.faults().requestCount(Endpoint.USERINFO), "the token went nowhere");

        WebResponse manager = testConnection("manager");
        assertEquals(200, status(manager));
        assertTrue(body(manager).contains("Connected to"), body(manager));
        WebResponse admin = testConnection("admin");
        assertEquals(200, status(admin));
        assertTrue(body(admin).contains("organization owner"), body(admin));
        assertFalse(body(admin).contains(emulator.ownerToken()));
        assertEquals(2, emulator.faults().requestCount(Endpoint.USERINFO));
    }

    @Test
    void testConnectionSendsTheTokenOnlyToTheSavedHost() throws Exception {
        try (AnyscaleEmulator elsewhere = AnyscaleEmulator.start()) {
            WebResponse page = post(
                    "admin", CONFIG + "testConnection", "host", elsewhere.baseUrl(), "tokenCredentialsId", "other");

            assertEquals(200, status(page));
            assertEquals(0, elsewhere.faults().requestCount(Endpoint.USERINFO), "request parameters are ignored");
            assertEquals(1, emulator.faults().requestCount(Endpoint.USERINFO));
        }
    }

    @Test
    void testConnectionRejectsGetAndReportsBadTokens() throws Exception {
        JenkinsRule.WebClient wc = r.createWebClient().withThrowExceptionOnFailingStatusCode(false);
        wc.withBasicApiToken("admin");
        Page get = wc.goTo(CONFIG + "testConnection", null);
        assertNotEquals(200, get.getWebResponse().getStatusCode());
        assertEquals(0, emulator.faults().requestCount(Endpoint.USERINFO));

        TestSupport.addRootCredential(
                new StringCredentialsImpl(CredentialsScope.GLOBAL, "wrong", "", Secret.fromString("aph0_wrong_token")));
        AnyscaleGlobalConfiguration.get().setTokenCredentialsId("wrong");
        WebResponse wrong = testConnection("admin");
        assertEquals(200, status(wrong));
        assertTrue(body(wrong).contains("Could not connect"), body(wrong));
        assertTrue(body(wrong).contains("HTTP 401"), body(wrong));
        assertFalse(body(wrong).contains("aph0_wrong_token"));

        AnyscaleGlobalConfiguration.get().setTokenCredentialsId("nope");
        WebResponse missing = testConnection("admin");
        assertTrue(body(missing).contains("No Secret text credential"), body(missing));

        AnyscaleGlobalConfiguration.get().setTokenCredentialsId(null);
        assertTrue(body(testConnection("admin")).contains("save, then test"));
    }

    @Test
    void checkHostNeedsManage() throws Exception {
        assertEquals(403, status(post(null, CONFIG + "checkHost", "value", "ftp://x")));
        WebResponse reader = post("reader", CONFIG + "checkHost", "value", "ftp://x");
        assertEquals(200, status(reader));
        assertFalse(body(reader).contains("https://"), body(reader));
        assertTrue(
                body(post("manager", CONFIG + "checkHost", "value", "ftp://x")).contains("https://"));
        assertTrue(body(post("admin", CONFIG + "checkHost", "value", "http://anyscale.example.com"))
                .contains("unencrypted"));
    }

    @Test
    void globalTokenListShowsCredentialsOnlyToManagers() throws Exception {
        assertEquals(403, status(post(null, CONFIG + "fillTokenCredentialsIdItems", "tokenCredentialsId", "")));
        String reader = body(post("reader", CONFIG + "fillTokenCredentialsIdItems", "tokenCredentialsId", "current"));
        assertFalse(reader.contains(TestSupport.OWNER_TOKEN_ID), reader);
        assertTrue(reader.contains("current"), reader);
        String manager = body(post("manager", CONFIG + "fillTokenCredentialsIdItems", "tokenCredentialsId", ""));
        assertTrue(manager.contains(TestSupport.OWNER_TOKEN_ID), manager);
        String admin = body(post("admin", CONFIG + "fillTokenCredentialsIdItems", "tokenCredentialsId", ""));
        assertTrue(admin.contains(TestSupport.OWNER_TOKEN_ID), admin);
    }

    @Test
    void stepTokenListShowsCredentialsOnlyToThoseWhoMayConfigureTheJob() throws Exception {
        String url = job.getUrl() + CREATE_STEP + "fillTokenCredentialsIdItems";
        assertEquals(403, status(post(null, url, "tokenCredentialsId", "")));
        WebResponse readerResponse = post("reader", url, "tokenCredentialsId", "");
        assertEquals(200, status(readerResponse), "the reader can read the job");
        String reader = body(readerResponse);
        assertFalse(reader.contains("folder-secret"), reader);
        assertFalse(reader.contains(TestSupport.OWNER_TOKEN_ID), reader);
        String configurer = body(post("configurer", url, "tokenCredentialsId", ""));
        assertTrue(configurer.contains("folder-secret"), configurer);
        assertTrue(configurer.contains(TestSupport.OWNER_TOKEN_ID), configurer);
        String admin = body(post("admin", url, "tokenCredentialsId", ""));
        assertTrue(admin.contains("folder-secret"), admin);
        WebResponse manager = post("manager", url, "tokenCredentialsId", "");
        assertEquals(200, status(manager), "the manager can read the job");
        assertFalse(body(manager).contains("folder-secret"), body(manager));
    }

    @Test
    void stepTokenListWithoutAJobNeedsManage() throws Exception {
        String url = CREATE_STEP + "fillTokenCredentialsIdItems";
        assertEquals(403, status(post(null, url, "tokenCredentialsId", "")));
        WebResponse reader = post("reader", url, "tokenCredentialsId", "");
        assertEquals(200, status(reader));
        assertFalse(body(reader).contains(TestSupport.OWNER_TOKEN_ID), body(reader));
        assertTrue(body(post("manager", url, "tokenCredentialsId", "")).contains(TestSupport.OWNER_TOKEN_ID));
    }

    @Test
    void withAnyscaleKeyListShowsCredentialsOnlyToThoseWhoMayConfigureTheJob() throws Exception {
        String url = job.getUrl() + WITH_ANYSCALE + "fillCredentialsIdItems";
        assertEquals(403, status(post(null, url, "credentialsId", "")));
        String reader = body(post("reader", url, "credentialsId", "kept"));
        assertFalse(reader.contains("folder-secret"), reader);
        assertTrue(reader.contains("kept"), reader);
        assertTrue(body(post("configurer", url, "credentialsId", "")).contains("folder-secret"));
    }
}
