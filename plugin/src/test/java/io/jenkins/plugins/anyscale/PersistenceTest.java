package io.jenkins.plugins.anyscale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.cloudbees.hudson.plugins.folder.Folder;
import com.cloudbees.plugins.credentials.CredentialsScope;
import hudson.util.Secret;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.junit.jupiter.JenkinsSessionExtension;

/** The global configuration, and keys stored in a folder, survive a restart of Jenkins. */
class PersistenceTest {

    @RegisterExtension
    private final JenkinsSessionExtension sessions = new JenkinsSessionExtension();

    @Test
    void configurationAndStoredKeysSurviveARestart() throws Throwable {
        sessions.then(r -> {
            AnyscaleGlobalConfiguration config = AnyscaleGlobalConfiguration.get();
            config.setHost("https://staging.anyscale.example.com/");
            config.setTokenCredentialsId("owner");
            config.setAllowRootStore(true);
            config.setConnectTimeoutSeconds(7);
            config.setReadTimeoutSeconds(17);
            config.setCallTimeoutSeconds(77);
            config.setAccessRules(java.util.List.of(new AnyscaleAccessRule("team-a/**", "team-a-*")));
            Folder f = r.jenkins.createProject(Folder.class, "f");
            TestSupport.addFolderCredential(
                    f,
                    new AnyscaleServiceAccountKey(
                            CredentialsScope.GLOBAL,
                            "kept-key",
                            "kept",
                            Secret.fromString("aph0_kept"),
                            "kept-bot",
                            "kept-bot@org.serviceaccount.com"));
        });
        sessions.then(r -> {
            AnyscaleGlobalConfiguration config = AnyscaleGlobalConfiguration.get();
            assertEquals("https://staging.anyscale.example.com", config.getHost());
            assertEquals("owner", config.getTokenCredentialsId());
            assertTrue(config.isAllowRootStore());
            assertEquals(7, config.getConnectTimeoutSeconds());
            assertEquals(17, config.getReadTimeoutSeconds());
            assertEquals(77, config.getCallTimeoutSeconds());
            assertEquals(1, config.getAccessRules().size());
            assertEquals("team-a/**", config.getAccessRules().get(0).getJobs());
            assertTrue(config.settings().accessRules().allows("team-a/deploy", "team-a-bot"));
            Folder f = r.jenkins.getItemByFullName("f", Folder.class);
            AnyscaleServiceAccountKey key =
                    assertInstanceOf(AnyscaleServiceAccountKey.class, TestSupport.inFolder(f, "kept-key"));
            assertEquals("aph0_kept", key.getSecret().getPlainText());
            assertEquals("kept-bot", key.getAccountName());
            assertEquals("kept-bot@org.serviceaccount.com", key.getAccountEmail());
        });
    }
}
