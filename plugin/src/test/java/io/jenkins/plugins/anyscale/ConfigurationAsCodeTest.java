package io.jenkins.plugins.anyscale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.casc.misc.ConfiguredWithCode;
import io.jenkins.plugins.casc.misc.JenkinsConfiguredWithCodeRule;
import io.jenkins.plugins.casc.misc.junit.jupiter.WithJenkinsConfiguredWithCode;
import org.junit.jupiter.api.Test;

/**
 * Import from YAML, then export again: every setting and a stored key survive, and nothing secret is exported in
 * clear.
 */
@WithJenkinsConfiguredWithCode
class ConfigurationAsCodeTest {

    @Test
    @ConfiguredWithCode("configuration-as-code.yml")
    void importsAndExports(JenkinsConfiguredWithCodeRule r) throws Exception {
        AnyscaleGlobalConfiguration config = AnyscaleGlobalConfiguration.get();
        assertEquals("https://anyscale.example.com", config.getHost());
        assertEquals("anyscale-owner-token", config.getTokenCredentialsId());
        assertTrue(config.isAllowRootStore());
        assertEquals(5, config.getConnectTimeoutSeconds());
        assertEquals(20, config.getReadTimeoutSeconds());
        assertEquals(40, config.getCallTimeoutSeconds());

        AnyscaleServiceAccountKey key = (AnyscaleServiceAccountKey) TestSupport.inRoot("ci-bot-key");
        assertEquals("ci-bot", key.getAccountName());
        assertEquals("ci-bot@org.serviceaccount.com", key.getAccountEmail());
        assertEquals("aph0_stored_key_value", key.getSecret().getPlainText());
        assertEquals("Key of ci-bot", key.getDescription());

        String exported = r.exportToString(false);
        int section = exported.indexOf("anyscale:");
        assertTrue(section >= 0, exported);
        String ours = exported.substring(section);
        assertTrue(
                ours.contains("host: \"https://anyscale.example.com\"")
                        || ours.contains("host: https://anyscale.example.com"),
                ours);
        assertTrue(
                ours.contains("tokenCredentialsId: \"anyscale-owner-token\"")
                        || ours.contains("tokenCredentialsId: anyscale-owner-token"),
                ours);
        assertTrue(ours.contains("allowRootStore: true"), ours);
        assertTrue(ours.contains("connectTimeoutSeconds: 5"), ours);
        assertFalse(exported.contains("owner-token-value"), "the token itself is never exported in clear");

        int keySection = exported.indexOf("anyscaleServiceAccountKey:");
        assertTrue(keySection >= 0, exported);
        String keyYaml = exported.substring(keySection);
        assertTrue(keyYaml.contains("accountName: \"ci-bot\"") || keyYaml.contains("accountName: ci-bot"), keyYaml);
        assertTrue(keyYaml.contains("id: \"ci-bot-key\"") || keyYaml.contains("id: ci-bot-key"), keyYaml);
        assertFalse(exported.contains("aph0_stored_key_value"), "a stored key is never exported in clear");
    }
}
