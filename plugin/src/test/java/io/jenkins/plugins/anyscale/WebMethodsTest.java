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
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import jenkins.model.Jenkins;
import net.sf.json.JSONArray;
import net.sf.json.JSONObject;
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

    /** Test Connection as the form sends it: the form's host and owner token. */
    private WebResponse testConnection(String user, String host, String tokenId) throws Exception {
        return post(user, CONFIG + "testConnection", "host", host, "tokenCredentialsId", tokenId);
    }

    private WebResponse testConnection(String user) throws Exception {
        return testConnection(user, emulator.baseUrl(), TestSupport.OWNER_TOKEN_ID);
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
        assertTrue(body(admin).contains("Connected to " + emulator.baseUrl() + " as "), body(admin));
        assertTrue(body(admin).contains(", an organization owner."), body(admin));
        assertFalse(body(admin).contains(emulator.ownerToken()));
        assertEquals(1, emulator.faults().requestCount(Endpoint.USERINFO));
    }

    @Test
    void testConnectionTestsTheHostAndTokenOfTheFormNotTheSavedOnes() throws Exception {
        try (AnyscaleEmulator elsewhere = AnyscaleEmulator.start()) {
            TestSupport.addRootCredential(new StringCredentialsImpl(
                    CredentialsScope.SYSTEM, "elsewhere-token", "", Secret.fromString(elsewhere.ownerToken())));
            // Not an administrator: the form's host and token go nowhere.
            assertEquals(403, status(testConnection("manager", elsewhere.baseUrl(), "elsewhere-token")));
            assertEquals(0, elsewhere.faults().requestCount(Endpoint.USERINFO));

            WebResponse page = testConnection("admin", elsewhere.baseUrl(), "elsewhere-token");

            assertEquals(200, status(page));
            assertTrue(body(page).contains("Connected to " + elsewhere.baseUrl()), body(page));
            assertEquals(1, elsewhere.faults().requestCount(Endpoint.USERINFO), "the form's host was tested");
            assertEquals(0, emulator.faults().requestCount(Endpoint.USERINFO), "not the saved one");
            assertEquals(emulator.baseUrl(), AnyscaleGlobalConfiguration.get().getHost(), "nothing was saved");
        }
    }

    @Test
    void testConnectionToAHostNothingListensOnNamesItOnce() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        String origin = "http://127.0.0.1:" + closedPort;
        String answer = body(testConnection("admin", origin, TestSupport.OWNER_TOKEN_ID));
        assertTrue(answer.contains("Checking the Anyscale API token failed: could not connect to " + origin), answer);
        assertEquals(answer.indexOf(origin), answer.lastIndexOf(origin), "the origin is named once: " + answer);
    }

    @Test
    void testConnectionRefusesAFormHostThatIsNotAnOriginBeforeSendingAnything() throws Exception {
        String plain = body(testConnection("admin", "http://anyscale.example.com", TestSupport.OWNER_TOKEN_ID));
        assertTrue(plain.contains("plain http"), plain);
        String path = body(testConnection("admin", emulator.baseUrl() + "/api/v2", TestSupport.OWNER_TOKEN_ID));
        assertTrue(path.contains("error"), path);
        assertEquals(0, emulator.faults().requestCount(Endpoint.USERINFO));
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
        WebResponse wrong = testConnection("admin", emulator.baseUrl(), "wrong");
        assertEquals(200, status(wrong));
        assertTrue(body(wrong).contains("Checking the Anyscale API token failed: HTTP 401"), body(wrong));
        assertFalse(body(wrong).contains("aph0_wrong_token"));

        TestSupport.addRootCredential(new StringCredentialsImpl(
                CredentialsScope.GLOBAL, "too-visible", "", Secret.fromString(emulator.ownerToken())));
        WebResponse global = testConnection("admin", emulator.baseUrl(), "too-visible");
        assertTrue(body(global).contains("does not have System scope"), body(global));
        assertTrue(body(global).contains("Re-scope it to System"), body(global));
        assertEquals(1, emulator.faults().requestCount(Endpoint.USERINFO), "a Global-scoped token is never sent");

        WebResponse missing = testConnection("admin", emulator.baseUrl(), "nope");
        assertTrue(body(missing).contains("No Secret text credential"), body(missing));

        assertTrue(body(testConnection("admin", emulator.baseUrl(), "")).contains("Choose the owner token"));
        assertEquals(1, emulator.faults().requestCount(Endpoint.USERINFO));
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
        String covers = body(post("admin", jobs, "value", "f/*"));
        assertTrue(covers.contains("Covers 1 existing job(s): f/p."), covers);
        assertFalse(covers.contains("warning"), covers);
        String alsoTopLevel = body(post("admin", jobs, "value", "f/**"));
        assertTrue(alsoTopLevel.contains("Covers 1 existing job(s): f/p."), alsoTopLevel);
        assertTrue(alsoTopLevel.contains("It also matches jobs in no folder"), alsoTopLevel);
        String none = body(post("admin", jobs, "value", "g/*"));
        assertTrue(none.contains("No existing job matches"), none);
        assertTrue(
                none.contains("Folder &#039;g&#039; does not exist") || none.contains("Folder 'g' does not exist"),
                none);
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
        request.setRequestParameters(List.of(
                new NameValuePair("host", emulator.baseUrl()),
                new NameValuePair("tokenCredentialsId", TestSupport.OWNER_TOKEN_ID)));
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
    void stepTokenListLeavesServiceAccountKeysOutAndNamesTheGlobalOwnerToken() throws Exception {
        TestSupport.addFolderCredential((Folder) job.getParent(), serviceAccountKey("a-key"));
        String list = body(post(
                "configurer", job.getUrl() + CREATE_STEP + "fillTokenCredentialsIdItems", "tokenCredentialsId", ""));
        assertTrue(list.contains("folder-secret"), list);
        assertFalse(list.contains("a-key"), "a service-account key can never manage accounts: " + list);
        assertTrue(list.contains("the owner token of Manage Jenkins"), list);
        String withAnyscale =
                body(post("configurer", job.getUrl() + WITH_ANYSCALE + "fillCredentialsIdItems", "credentialsId", ""));
        assertTrue(withAnyscale.contains("a-key"), withAnyscale);
    }

    @Test
    void withAnyscaleListPreselectsTheOnlyServiceAccountKeyAndItsCheckWantsAKey() throws Exception {
        Folder folder = (Folder) job.getParent();
        String url = job.getUrl() + WITH_ANYSCALE + "fillCredentialsIdItems";
        assertEquals(List.of(), selected(post("configurer", url, "credentialsId", "")));
        TestSupport.addFolderCredential(folder, serviceAccountKey("only-key"));
        assertEquals(List.of("only-key"), selected(post("configurer", url, "credentialsId", "")));
        assertEquals(List.of(), selected(post("configurer", url, "credentialsId", "folder-secret")), "a choice stays");
        TestSupport.addFolderCredential(folder, serviceAccountKey("second-key"));
        assertEquals(List.of(), selected(post("configurer", url, "credentialsId", "")));

        String check = job.getUrl() + WITH_ANYSCALE + "checkCredentialsId";
        String empty = body(post("configurer", check, "value", ""));
        assertTrue(empty.contains("Choose the credential"), empty);
        assertFalse(body(post("configurer", check, "value", "only-key")).contains("error"));
        assertNotEquals(200, status(getAsAdmin(check + "?value=")), "POST only");
    }

    /** The values a list box answer preselects. */
    private static List<String> selected(WebResponse listBox) {
        List<String> values = new ArrayList<>();
        JSONArray options = JSONObject.fromObject(body(listBox)).getJSONArray("values");
        for (int i = 0; i < options.size(); i++) {
            JSONObject option = options.getJSONObject(i);
            if (option.optBoolean("selected")) {
                values.add(option.getString("value"));
            }
        }
        return values;
    }

    private WebResponse getAsAdmin(String relative) throws Exception {
        JenkinsRule.WebClient wc = r.createWebClient().withThrowExceptionOnFailingStatusCode(false);
        wc.withBasicApiToken("admin");
        return wc.loadWebResponse(new WebRequest(new URL(r.getURL(), relative), HttpMethod.GET));
    }

    private static AnyscaleServiceAccountKey serviceAccountKey(String id) {
        return new AnyscaleServiceAccountKey(
                CredentialsScope.GLOBAL, id, "", Secret.fromString("aph0_" + id), "bot-" + id, null);
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
