package io.jenkins.plugins.anyscale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.cloudbees.plugins.credentials.CredentialsScope;
import io.jenkins.plugins.casc.ConfigurationAsCode;
import io.jenkins.plugins.casc.ConfiguratorException;
import io.jenkins.plugins.casc.misc.ConfiguredWithCode;
import io.jenkins.plugins.casc.misc.JenkinsConfiguredWithCodeRule;
import io.jenkins.plugins.casc.misc.junit.jupiter.WithJenkinsConfiguredWithCode;
import java.util.List;
import java.util.Objects;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.junit.jupiter.api.Test;

/**
 * Import from YAML, then export again: every setting, the access rules and a stored key survive, and nothing secret
 * is exported in clear. Bad values are refused with the reason.
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
        assertEquals(90, config.getMaxKeyAgeDays());
        assertEquals(90, config.settings().maxKeyAgeDays(), "the settings steps and the page read");
        List<AnyscaleAccessRule> rules = config.getAccessRules();
        assertEquals(2, rules.size());
        assertEquals("team-a/**", rules.get(0).getJobs());
        assertEquals("team-a-*", rules.get(0).getAccounts());
        assertEquals("platform/provision", rules.get(1).getJobs());
        assertEquals("*", rules.get(1).getAccounts());
        assertTrue(config.settings().accessRules().allows("team-a/deploy", "team-a-bot"));
        assertFalse(config.settings().accessRules().allows("team-a/deploy", "team-b-bot"));

        StringCredentials owner = (StringCredentials) TestSupport.inRoot("anyscale-owner-token");
        assertEquals(CredentialsScope.SYSTEM, Objects.requireNonNull(owner).getScope());
        AnyscaleServiceAccountKey key = (AnyscaleServiceAccountKey) TestSupport.inRoot("ci-bot-key");
        assertEquals("ci-bot", key.getAccountName());
        assertEquals("ci-bot@org.serviceaccount.com", key.getAccountEmail());
        assertEquals("aph0_stored_key_value", key.getSecret().getPlainText());
        assertEquals("Key of ci-bot", key.getDescription());
        assertEquals("2026-11-02T09:30:00Z", key.getMintedAt());

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
        assertTrue(ours.contains("accessRules:"), ours);
        assertTrue(ours.contains("jobs: \"team-a/**\"") || ours.contains("jobs: team-a/**"), ours);
        assertTrue(ours.contains("accounts: \"team-a-*\"") || ours.contains("accounts: team-a-*"), ours);
        assertTrue(ours.contains("jobs: \"platform/provision\"") || ours.contains("jobs: platform/provision"), ours);
        assertTrue(ours.contains("allowRootStore: true"), ours);
        assertTrue(ours.contains("connectTimeoutSeconds: 5"), ours);
        assertTrue(ours.contains("maxKeyAgeDays: 90"), ours);
        assertFalse(exported.contains("owner-token-value"), "the token itself is never exported in clear");

        int keySection = exported.indexOf("anyscaleServiceAccountKey:");
        assertTrue(keySection >= 0, exported);
        String keyYaml = exported.substring(keySection);
        assertTrue(keyYaml.contains("accountName: \"ci-bot\"") || keyYaml.contains("accountName: ci-bot"), keyYaml);
        assertTrue(keyYaml.contains("id: \"ci-bot-key\"") || keyYaml.contains("id: ci-bot-key"), keyYaml);
        assertTrue(
                keyYaml.contains("mintedAt: \"2026-11-02T09:30:00Z\"")
                        || keyYaml.contains("mintedAt: 2026-11-02T09:30:00Z"),
                keyYaml);
        assertFalse(exported.contains("aph0_stored_key_value"), "a stored key is never exported in clear");

        // Import what was exported: the same rules and rotation policy come back.
        config.setAccessRules(List.of());
        config.setMaxKeyAgeDays(0);
        ConfigurationAsCode.get()
                .configureWith(io.jenkins.plugins.casc.yaml.YamlSource.of(
                        new java.io.ByteArrayInputStream(exported.getBytes(java.nio.charset.StandardCharsets.UTF_8))));
        assertEquals(2, AnyscaleGlobalConfiguration.get().getAccessRules().size());
        assertEquals(
                "platform/provision",
                AnyscaleGlobalConfiguration.get().getAccessRules().get(1).getJobs());
        assertEquals(90, AnyscaleGlobalConfiguration.get().getMaxKeyAgeDays());
    }

    @Test
    void aBadPatternIsRefusedSayingWhatToFix(JenkinsConfiguredWithCodeRule r) {
        AnyscaleGlobalConfiguration.get().setAccessRules(List.of(new AnyscaleAccessRule("kept/**", "*")));
        ConfiguratorException e = assertThrows(
                ConfiguratorException.class,
                () -> ConfigurationAsCode.get()
                        .configure(getClass()
                                .getResource("configuration-as-code-bad-rule.yml")
                                .toExternalForm()));
        assertTrue(
                causeChainText(e).contains("In the jobs pattern 'team-a**', ** must be a whole path segment"),
                causeChainText(e));
        List<AnyscaleAccessRule> kept = AnyscaleGlobalConfiguration.get().getAccessRules();
        assertEquals(1, kept.size(), "the rules in place are kept");
        assertEquals("kept/**", kept.get(0).getJobs());
    }

    @Test
    void plainHttpToARemoteHostIsRefused(JenkinsConfiguredWithCodeRule r) {
        AnyscaleGlobalConfiguration.get().setHost("https://kept.example.com");
        ConfiguratorException e = assertThrows(
                ConfiguratorException.class,
                () -> ConfigurationAsCode.get()
                        .configure(getClass()
                                .getResource("configuration-as-code-plain-http.yml")
                                .toExternalForm()));
        assertTrue(causeChainText(e).contains("uses plain http"), causeChainText(e));
        assertEquals(
                "https://kept.example.com", AnyscaleGlobalConfiguration.get().getHost(), "the host is kept");
    }

    private static String causeChainText(Throwable t) {
        StringBuilder text = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            text.append(c).append('\n');
        }
        return text.toString();
    }
}
