package io.jenkins.plugins.anyscale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.cloudbees.plugins.credentials.CredentialsNameProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import hudson.util.Secret;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** The configuration form keeps every value, hosts are validated, and the credential names its account. */
@WithJenkins
class GlobalConfigurationFormTest {

    @Test
    void configRoundTripKeepsEveryValue(JenkinsRule r) throws Exception {
        AnyscaleGlobalConfiguration config = AnyscaleGlobalConfiguration.get();
        assertEquals(AnyscaleGlobalConfiguration.DEFAULT_HOST, config.getHost());
        assertFalse(config.isAllowRootStore());
        config.setHost("https://anyscale.example.com:8443");
        config.setTokenCredentialsId("some-token");
        config.setAllowRootStore(true);
        config.setConnectTimeoutSeconds(11);
        config.setReadTimeoutSeconds(31);
        config.setCallTimeoutSeconds(99);
        // The form is bound onto defaults, so a field missing from config.jelly would come back as its default.
        r.configRoundtrip();
        config = AnyscaleGlobalConfiguration.get();
        assertEquals("https://anyscale.example.com:8443", config.getHost());
        assertEquals("some-token", config.getTokenCredentialsId());
        assertTrue(config.isAllowRootStore());
        assertEquals(11, config.getConnectTimeoutSeconds());
        assertEquals(31, config.getReadTimeoutSeconds());
        assertEquals(99, config.getCallTimeoutSeconds());
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
            "https://"
        }) {
            assertThrows(IllegalArgumentException.class, () -> AnyscaleGlobalConfiguration.normalizeHost(bad), bad);
        }
    }

    @Test
    void theCredentialNamesItsAccount(JenkinsRule r) {
        AnyscaleServiceAccountKey key = new AnyscaleServiceAccountKey(
                CredentialsScope.GLOBAL, "ci-key", "", Secret.fromString("aph0_x"), "ci-bot", "ci-bot@o.example");
        String name = CredentialsNameProvider.name(key);
        assertTrue(name.contains("ci-key"), name);
        assertTrue(name.contains("ci-bot"), name);
        assertFalse(name.contains("aph0_x"), name);
    }
}
