package io.jenkins.plugins.anyscale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.cloudbees.plugins.credentials.CredentialsNameProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import hudson.BulkChange;
import hudson.XmlFile;
import hudson.model.User;
import hudson.security.ACL;
import hudson.security.ACLContext;
import hudson.util.Secret;
import java.io.File;
import java.nio.file.Files;
import java.util.List;
import jenkins.model.Jenkins;
import net.sf.json.JSONObject;
import org.htmlunit.FailingHttpStatusCodeException;
import org.htmlunit.html.DomNode;
import org.htmlunit.html.DomNodeList;
import org.htmlunit.html.HtmlElement;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlPage;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;
import org.kohsuke.stapler.StaplerRequest2;
import org.springframework.security.access.AccessDeniedException;

/** The configuration form keeps every value, hosts are validated, and the credential names its account. */
@WithJenkins
class GlobalConfigurationFormTest {

    @Test
    void configRoundTripKeepsEveryValue(JenkinsRule r) throws Exception {
        AnyscaleGlobalConfiguration config = AnyscaleGlobalConfiguration.get();
        assertEquals(AnyscaleGlobalConfiguration.DEFAULT_HOST, config.getHost());
        assertFalse(config.isAllowRootStore());
        config.setHost("https://anyscale.example.com:8443");
        TestSupport.addRootCredential(new StringCredentialsImpl(
                CredentialsScope.SYSTEM, "some-token", "", Secret.fromString("aph0_some_owner_token")));
        config.setTokenCredentialsId("some-token");
        config.setAllowRootStore(true);
        config.setConnectTimeoutSeconds(11);
        config.setReadTimeoutSeconds(31);
        config.setCallTimeoutSeconds(99);
        config.setAccessRules(List.of(
                new AnyscaleAccessRule("team-a/**", "team-a-*"), new AnyscaleAccessRule("platform/provision", "*")));
        // The form is bound onto defaults, so a field missing from config.jelly would come back as its default.
        r.configRoundtrip();
        config = AnyscaleGlobalConfiguration.get();
        assertEquals("https://anyscale.example.com:8443", config.getHost());
        assertEquals("some-token", config.getTokenCredentialsId());
        assertTrue(config.isAllowRootStore());
        assertEquals(11, config.getConnectTimeoutSeconds());
        assertEquals(31, config.getReadTimeoutSeconds());
        assertEquals(99, config.getCallTimeoutSeconds());
        assertEquals(2, config.getAccessRules().size());
        assertEquals("team-a/**", config.getAccessRules().get(0).getJobs());
        assertEquals("team-a-*", config.getAccessRules().get(0).getAccounts());
        assertEquals("platform/provision", config.getAccessRules().get(1).getJobs());
        assertEquals("*", config.getAccessRules().get(1).getAccounts());
    }

    @Test
    void removingTheLastRuleInTheFormRemovesIt(JenkinsRule r) throws Exception {
        AnyscaleGlobalConfiguration.get().setAccessRules(List.of(new AnyscaleAccessRule("a/**", "*")));
        HtmlForm form = r.createWebClient().goTo("configure").getFormByName("config");
        HtmlPage page = (HtmlPage) form.getPage();
        // The delete button of the one rule: what an administrator clicks. Only our section's rules, not the hidden
        // templates ("to-be-removed") that repeatable lists of the page keep until Jenkins' script removes them.
        DomNodeList<DomNode> deletes = page.querySelectorAll(
                "div.repeated-chunk[name='accessRules']:not(.to-be-removed) button.repeatable-delete");
        assertEquals(1, deletes.size(), "the one rule has one delete button");
        ((HtmlElement) deletes.get(0)).click();
        r.submit(form);
        assertTrue(AnyscaleGlobalConfiguration.get().getAccessRules().isEmpty());
    }

    /**
     * Jenkins opens an entry's help in the first help area inside that entry. The entry of "Access rules" must hold
     * its own help area only: wrapped around the rules, it sent its help into a rule's (or the hidden template's).
     */
    @Test
    void eachHelpButtonOfTheSectionOpensItsOwnHelpArea(JenkinsRule r) throws Exception {
        AnyscaleGlobalConfiguration.get().setAccessRules(List.of(new AnyscaleAccessRule("a/*", "*")));
        HtmlPage page = r.createWebClient().goTo("configure");
        for (String help : List.of("help/accessRules", "help/jobs", "help/accounts", "help/host")) {
            DomNode button = page.querySelector("[helpurl$='" + help + "']");
            assertTrue(button != null, help + " has a help button");
            DomNode entry = button;
            while (!(entry instanceof HtmlElement element
                    && element.getAttribute("class").contains("jenkins-form-item"))) {
                entry = entry.getParentNode();
            }
            assertEquals(1, entry.querySelectorAll(".help-area").size(), help + "'s entry holds one help area");
        }
    }

    @Test
    void aBadRuleIsRefusedByTheFormAndNothingChanges(JenkinsRule r) throws Exception {
        AnyscaleGlobalConfiguration config = AnyscaleGlobalConfiguration.get();
        config.setAccessRules(List.of(new AnyscaleAccessRule("a/**", "*")));
        config.setHost("https://before.example.com");
        HtmlForm form = r.createWebClient().goTo("configure").getFormByName("config");
        form.getInputByName("_.jobs").setValue("a**");
        form.getInputByName("_.host").setValue("https://after.example.com");
        FailingHttpStatusCodeException e = assertThrows(FailingHttpStatusCodeException.class, () -> r.submit(form));
        String answer = e.getResponse().getContentAsString();
        assertTrue(answer.contains("must be a whole path segment"), answer);
        assertFalse(answer.contains("Failed to instantiate"), "the rule's own words, not Stapler's: " + answer);
        assertEquals("https://before.example.com", config.getHost());
        assertEquals("a/**", config.getAccessRules().get(0).getJobs());
    }

    @Test
    void aGlobalScopedOwnerTokenIsNotSavedFromTheForm(JenkinsRule r) throws Exception {
        TestSupport.addRootCredential(new StringCredentialsImpl(
                CredentialsScope.GLOBAL, "too-visible", "", Secret.fromString("aph0_global_owner_token")));
        AnyscaleGlobalConfiguration config = AnyscaleGlobalConfiguration.get();
        config.setTokenCredentialsId("too-visible"); // as a hand-edited file or configuration as code could
        config.setHost("https://before.example.com");
        HtmlForm form = r.createWebClient().goTo("configure").getFormByName("config");
        form.getInputByName("_.host").setValue("https://after.example.com");
        FailingHttpStatusCodeException e = assertThrows(FailingHttpStatusCodeException.class, () -> r.submit(form));
        assertTrue(e.getResponse().getContentAsString().contains("does not have System scope"));
        assertEquals("https://before.example.com", config.getHost(), "nothing was saved");
    }

    @Test
    void aRuleOnDiskThatIsNotValidGrantsNothing(JenkinsRule r) throws Exception {
        assertThrows(IllegalArgumentException.class, () -> new AnyscaleAccessRule("a**", "*"));
        AnyscaleGlobalConfiguration config = AnyscaleGlobalConfiguration.get();
        config.setAccessRules(List.of(new AnyscaleAccessRule("a/**", "*")));
        XmlFile file = new XmlFile(new File(r.jenkins.getRootDir(), config.getId() + ".xml"));
        String xml = file.asString();
        assertTrue(xml.contains("<jobs>a/**</jobs>"), xml);
        Files.writeString(file.getFile().toPath(), xml.replace("<jobs>a/**</jobs>", "<jobs>a**</jobs>"));
        config.load();
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> config.settings().accessRules());
        assertTrue(e.getMessage().contains("must be a whole path segment"), e.getMessage());
    }

    @Test
    void hostsMustBeOrigins(JenkinsRule r) {
        assertEquals("https://a.example.com", AnyscaleGlobalConfiguration.normalizeHost(" https://a.example.com/ "));
        assertEquals("http://127.0.0.1:8090", AnyscaleGlobalConfiguration.normalizeHost("http://127.0.0.1:8090"));
        for (String bad : new String[] {
            "ftp://a.example.com",
            "a.example.com",
            "https://a.example.com/api",
            "https://u:p@a.example.com",
            "https://a.example.com?x=1",
            "https://",
            "http://anyscale.example.com"
        }) {
            assertThrows(IllegalArgumentException.class, () -> AnyscaleGlobalConfiguration.normalizeHost(bad), bad);
        }
    }

    @Test
    void theCredentialsNameIsTheAccountThenItsDescriptionOrId(JenkinsRule r) {
        AnyscaleServiceAccountKey key = new AnyscaleServiceAccountKey(
                CredentialsScope.GLOBAL, "ci-key", "", Secret.fromString("aph0_x"), "ci-bot", "ci-bot@o.example");
        assertEquals("ci-bot (ci-key)", CredentialsNameProvider.name(key));
        AnyscaleServiceAccountKey described = new AnyscaleServiceAccountKey(
                CredentialsScope.GLOBAL, "ci-key-2", "for deploys", Secret.fromString("aph0_y"), "ci-bot", null);
        assertEquals("ci-bot (for deploys)", CredentialsNameProvider.name(described));
        // The name and email came from Anyscale: a control character in them cannot forge a console line.
        AnyscaleServiceAccountKey forged = new AnyscaleServiceAccountKey(
                CredentialsScope.GLOBAL,
                "k",
                "",
                Secret.fromString("aph0_z"),
                "bot\nFinished: SUCCESS",
                "b\u001b[2J@o");
        assertEquals("bot?Finished: SUCCESS (k)", CredentialsNameProvider.name(forged));
        assertEquals("'bot?Finished: SUCCESS' (b?[2J@o)", forged.describeAccount());
    }

    @Test
    void aRuleProblemIsTheRulesOwnMessage(JenkinsRule r) {
        IllegalArgumentException own = new IllegalArgumentException("'a**' must be a whole path segment");
        IllegalArgumentException wrapped = new IllegalArgumentException(
                "Failed to instantiate class AnyscaleAccessRule from {\"jobs\":\"a**\"}",
                new RuntimeException("reflection", own));
        assertEquals("'a**' must be a whole path segment", AnyscaleGlobalConfiguration.ruleProblem(wrapped));
        assertEquals("plain", AnyscaleGlobalConfiguration.ruleProblem(new IllegalArgumentException("plain")));
    }

    @Test
    void settingsAreReplacedAsAWholeAndConfigurationNeedsAdminister(JenkinsRule r) throws Exception {
        AnyscaleGlobalConfiguration config = AnyscaleGlobalConfiguration.get();
        AnyscaleSettings before = AnyscaleSettings.current();
        config.setHost("https://one.example.com");
        AnyscaleSettings after = AnyscaleSettings.current();
        assertEquals(AnyscaleGlobalConfiguration.DEFAULT_HOST, before.host(), "a value read earlier does not change");
        assertEquals("https://one.example.com", after.host());
        assertTrue(after != before);

        // Configuration as code sets the fields one by one inside a BulkChange: nothing is in force until it commits.
        TestSupport.addRootCredential(new StringCredentialsImpl(
                CredentialsScope.SYSTEM, "other-token", "", Secret.fromString("aph0_other_owner_token")));
        try (BulkChange bc = new BulkChange(config)) {
            config.setHost("https://two.example.com");
            assertEquals("https://one.example.com", AnyscaleSettings.current().host(), "not yet: the token is next");
            config.setTokenCredentialsId("other-token");
            assertEquals(after, AnyscaleSettings.current());
            bc.commit();
        }
        assertEquals("https://two.example.com", AnyscaleSettings.current().host());
        assertEquals("other-token", AnyscaleSettings.current().ownerTokenId());

        r.jenkins.setSecurityRealm(r.createDummySecurityRealm());
        r.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.READ, Jenkins.MANAGE)
                .everywhere()
                .to("manager"));
        try (ACLContext ignored = ACL.as2(User.getById("manager", true).impersonate2())) {
            assertThrows(
                    AccessDeniedException.class,
                    () -> config.configure(
                            (StaplerRequest2) null, JSONObject.fromObject("{\"host\":\"https://evil.example.com\"}")));
        }
        assertEquals("https://two.example.com", config.getHost(), "the manager changed nothing");
    }
}
