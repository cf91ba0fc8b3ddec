package io.jenkins.plugins.anyscale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.cloudbees.hudson.plugins.folder.Folder;
import com.cloudbees.plugins.credentials.CredentialsScope;
import hudson.Functions;
import hudson.model.Descriptor;
import hudson.model.Item;
import hudson.model.User;
import hudson.security.ACL;
import hudson.security.ACLContext;
import hudson.util.Secret;
import io.jenkins.plugins.anyscale.emulator.AnyscaleEmulator;
import io.jenkins.plugins.anyscale.emulator.AnyscaleEmulatorExtension;
import io.jenkins.plugins.anyscale.emulator.Endpoint;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import jenkins.model.Jenkins;
import org.htmlunit.HttpMethod;
import org.htmlunit.Page;
import org.htmlunit.WebRequest;
import org.htmlunit.WebResponse;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlPage;
import org.htmlunit.util.NameValuePair;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * Every web method (Test Connection, host and token checks, access rule checks, credential lists of the global
 * configuration and of the steps) as anonymous, as a user with Overall/Read, with Overall/Manage (enabled), with
 * Item/Configure, and as an administrator. Everything about the owner token, the host and the rules needs
 * Overall/Administer.
 */
@WithJenkins
@ExtendWith(AnyscaleEmulatorExtension.class)
class WebMethodsTest {

    private static final String CONFIG = "descriptorByName/" + AnyscaleGlobalConfiguration.class.getName() + "/";
    private static final String CREATE_STEP = "descriptorByName/" + ServiceAccountCreateStep.class.getName() + "/";
    private static final String WITH_ANYSCALE = "descriptorByName/" + WithAnyscaleStep.class.getName() + "/";

    private JenkinsRule r;
    private AnyscaleEmulator emulator;
    private boolean manageWasEnabled;
    private WorkflowJob job;

    @BeforeEach
    void setUp(JenkinsRule rule, AnyscaleEmulator emulator) throws Exception {
        r = rule;
        manageWasEnabled = Jenkins.MANAGE.getEnabled();
        Jenkins.MANAGE.setEnabled(true); // off by default before Jenkins 2.542; on, it must still not be enough
        this.emulator = emulator;
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
        Jenkins.MANAGE.setEnabled(manageWasEnabled);
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
    void testConnectionNeedsAdminister() throws Exception {
        assertEquals(403, status(testConnection(null)));
        assertEquals(403, status(testConnection("reader")));
        assertEquals(403, status(testConnection("configurer")));
        assertEquals(403, status(testConnection("manager")), "Overall/Manage is not enough");
        assertEquals(0, emulator.faults().requestCount(Endpoint.USERINFO), "the token went nowhere");

        WebResponse admin = testConnection("admin");
        assertEquals(200, status(admin));
        assertTrue(body(admin).contains("organization owner"), body(admin));
        assertFalse(body(admin).contains(emulator.ownerToken()));
        assertEquals(1, emulator.faults().requestCount(Endpoint.USERINFO));
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
                new StringCredentialsImpl(CredentialsScope.SYSTEM, "wrong", "", Secret.fromString("aph0_wrong_token")));
        AnyscaleGlobalConfiguration.get().setTokenCredentialsId("wrong");
        WebResponse wrong = testConnection("admin");
        assertEquals(200, status(wrong));
        assertTrue(body(wrong).contains("Could not connect"), body(wrong));
        assertTrue(body(wrong).contains("HTTP 401"), body(wrong));
        assertFalse(body(wrong).contains("aph0_wrong_token"));

        TestSupport.addRootCredential(new StringCredentialsImpl(
                CredentialsScope.GLOBAL, "too-visible", "", Secret.fromString(emulator.ownerToken())));
        AnyscaleGlobalConfiguration.get().setTokenCredentialsId("too-visible");
        WebResponse global = testConnection("admin");
        assertTrue(body(global).contains("does not have System scope"), body(global));
        assertTrue(body(global).contains("Re-scope it to System"), body(global));
        assertEquals(1, emulator.faults().requestCount(Endpoint.USERINFO), "a Global-scoped token is never sent");

        AnyscaleGlobalConfiguration.get().setTokenCredentialsId("nope");
        WebResponse missing = testConnection("admin");
        assertTrue(body(missing).contains("No Secret text credential"), body(missing));

        AnyscaleGlobalConfiguration.get().setTokenCredentialsId(null);
        assertTrue(body(testConnection("admin")).contains("save, then test"));
    }

    @Test
    void checkHostNeedsAdminister() throws Exception {
        assertEquals(403, status(post(null, CONFIG + "checkHost", "value", "ftp://x")));
        assertEquals(403, status(post("reader", CONFIG + "checkHost", "value", "ftp://x")));
        assertEquals(403, status(post("manager", CONFIG + "checkHost", "value", "ftp://x")));
        assertTrue(body(post("admin", CONFIG + "checkHost", "value", "ftp://x")).contains("https://"));
        String plainHttp = body(post("admin", CONFIG + "checkHost", "value", "http://anyscale.example.com"));
        assertTrue(plainHttp.contains("plain http"), plainHttp);
        assertTrue(plainHttp.contains("error"), plainHttp);
        String loopback = body(post("admin", CONFIG + "checkHost", "value", "http://127.0.0.1:8090"));
        assertFalse(loopback.contains("plain http"), loopback);
    }

    @Test
    void globalTokenListShowsSystemCredentialsOnlyToAdministrators() throws Exception {
        TestSupport.addRootCredential(new StringCredentialsImpl(
                CredentialsScope.GLOBAL, "global-secret", "", Secret.fromString("global-secret-value")));
        assertEquals(403, status(post(null, CONFIG + "fillTokenCredentialsIdItems", "tokenCredentialsId", "")));
        String reader = body(post("reader", CONFIG + "fillTokenCredentialsIdItems", "tokenCredentialsId", "current"));
        assertFalse(reader.contains(TestSupport.OWNER_TOKEN_ID), reader);
        assertTrue(reader.contains("current"), reader);
        String manager = body(post("manager", CONFIG + "fillTokenCredentialsIdItems", "tokenCredentialsId", ""));
        assertFalse(manager.contains(TestSupport.OWNER_TOKEN_ID), manager);
        String admin = body(post("admin", CONFIG + "fillTokenCredentialsIdItems", "tokenCredentialsId", ""));
        assertTrue(admin.contains(TestSupport.OWNER_TOKEN_ID), admin);
        assertFalse(admin.contains("global-secret"), "only System-scoped credentials may be the owner token: " + admin);
    }

    @Test
    void checkTokenCredentialsIdNeedsAdministerAndExplainsScopes() throws Exception {
        TestSupport.addRootCredential(new StringCredentialsImpl(
                CredentialsScope.GLOBAL, "global-secret", "", Secret.fromString("global-secret-value")));
        String url = CONFIG + "checkTokenCredentialsId";
        assertEquals(403, status(post("manager", url, "value", "global-secret")));
        String global = body(post("admin", url, "value", "global-secret"));
        assertTrue(global.contains("does not have System scope"), global);
        assertFalse(
                body(post("admin", url, "value", TestSupport.OWNER_TOKEN_ID)).contains("scope"));
    }

    @Test
    void accessRuleChecksNeedAdministerAndCountTheJobsAPatternCovers() throws Exception {
        String jobs = "descriptorByName/" + AnyscaleAccessRule.class.getName() + "/checkJobs";
        String accounts = "descriptorByName/" + AnyscaleAccessRule.class.getName() + "/checkAccounts";
        assertEquals(403, status(post("manager", jobs, "value", "f/**")));
        assertEquals(403, status(post("manager", accounts, "value", "*")));
        String covers = body(post("admin", jobs, "value", "f/**"));
        assertTrue(covers.contains("Covers 1 existing job(s): f/p"), covers);
        String none = body(post("admin", jobs, "value", "g/**"));
        assertTrue(none.contains("No existing job matches"), none);
        String bad = body(post("admin", jobs, "value", "f**"));
        assertTrue(bad.contains("must be a whole path segment"), bad);
        String badAccounts = body(post("admin", accounts, "value", "bot[1]"));
        assertTrue(badAccounts.contains("contains"), badAccounts);
    }

    @Test
    void aManagerNeitherSeesNorChangesTheAnyscaleSection() throws Exception {
        JenkinsRule.WebClient manager = r.createWebClient().withBasicApiToken("manager");
        HtmlPage managerPage = manager.goTo("configure");
        assertEquals(200, managerPage.getWebResponse().getStatusCode(), "the manager may open the system page");
        assertFalse(managerPage.getWebResponse().getContentAsString().contains("Access rules"), "without our section");
        // What Jenkins.doConfigSubmit configures is exactly this list: ours is not in it for a manager.
        assertFalse(configurableBy("manager").contains(AnyscaleGlobalConfiguration.get()));
        assertTrue(configurableBy("admin").contains(AnyscaleGlobalConfiguration.get()));

        JenkinsRule.WebClient admin = r.createWebClient().withBasicApiToken("admin");
        HtmlForm form = admin.goTo("configure").getFormByName("config");
        form.getInputByName("_.host").setValue("https://admin.example.com");
        r.submit(form);
        assertEquals(
                "https://admin.example.com",
                AnyscaleGlobalConfiguration.get().getHost(),
                "an administrator changes it through the same page");
    }

    private static Collection<Descriptor> configurableBy(String user) {
        try (ACLContext ignored = ACL.as2(User.getById(user, true).impersonate2())) {
            return Functions.getSortedDescriptorsForGlobalConfigUnclassified();
        }
    }

    @Test
    void webMethodsRefuseAPostWithoutACrumb() throws Exception {
        JenkinsRule.WebClient wc = r.createWebClient().withThrowExceptionOnFailingStatusCode(false);
        wc.login("admin"); // a browser session, not an API token: the crumb is required
        WebRequest request = new WebRequest(new URL(r.getURL(), CONFIG + "testConnection"), HttpMethod.POST);
        assertEquals(403, wc.loadWebResponse(request).getStatusCode());
        assertEquals(0, emulator.faults().requestCount(Endpoint.USERINFO));
        wc.addCrumb(request);
        assertEquals(200, wc.loadWebResponse(request).getStatusCode());
        assertEquals(1, emulator.faults().requestCount(Endpoint.USERINFO));
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
        assertFalse(configurer.contains(TestSupport.OWNER_TOKEN_ID), "no job can use the System-scoped owner token");
        String admin = body(post("admin", url, "tokenCredentialsId", ""));
        assertTrue(admin.contains("folder-secret"), admin);
        WebResponse manager = post("manager", url, "tokenCredentialsId", "");
        assertEquals(200, status(manager), "the manager can read the job");
        assertFalse(body(manager).contains("folder-secret"), body(manager));
    }

    @Test
    void stepTokenListWithoutAJobNeedsAdminister() throws Exception {
        String url = CREATE_STEP + "fillTokenCredentialsIdItems";
        TestSupport.addRootCredential(new StringCredentialsImpl(
                CredentialsScope.GLOBAL, "global-secret", "", Secret.fromString("global-secret-value")));
        assertEquals(403, status(post(null, url, "tokenCredentialsId", "")));
        WebResponse reader = post("reader", url, "tokenCredentialsId", "");
        assertEquals(200, status(reader));
        assertFalse(body(reader).contains("global-secret"), body(reader));
        assertFalse(body(post("manager", url, "tokenCredentialsId", "")).contains("global-secret"));
        String admin = body(post("admin", url, "tokenCredentialsId", ""));
        assertTrue(admin.contains("global-secret"), admin);
        assertFalse(admin.contains(TestSupport.OWNER_TOKEN_ID), "a job could not use the System-scoped owner token");
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
