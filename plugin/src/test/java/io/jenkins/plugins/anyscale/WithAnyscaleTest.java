package io.jenkins.plugins.anyscale;

import static org.junit.jupiter.api.Assertions.assertFalse;

import com.cloudbees.hudson.plugins.folder.Folder;
import com.cloudbees.plugins.credentials.CredentialsScope;
import hudson.model.Result;
import hudson.util.Secret;
import io.jenkins.plugins.anyscale.emulator.AnyscaleEmulator;
import io.jenkins.plugins.anyscale.emulator.AnyscaleEmulatorExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.BuildWatcherExtension;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * {@code withAnyscale} masks the key in the block's console output and in failures, which are printed after the block
 * and kept in the build's flow graph (credentials-binding's SECURITY-3499), also for keys with regex characters, blocks
 * one after the other and blocks in parallel branches; and refuses a nesting that would hide a key from that masking.
 */
@WithJenkins
@ExtendWith(AnyscaleEmulatorExtension.class)
class WithAnyscaleTest {

    private static final String KEY = "aph0_first_key_value_1234";
    private static final String OTHER_KEY = "aph0_second_key_value_5678";
    /** Every character a regular expression gives a meaning to. */
    private static final String REGEX_KEY = "aph0_a.b*c+(d)?[e]{f}|g^h$i\\\\j";

    @RegisterExtension
    private static final BuildWatcherExtension BUILD_WATCHER = new BuildWatcherExtension();

    private JenkinsRule r;
    private AnyscaleEmulator emulator;
    private Folder folder;

    @BeforeEach
    void setUp(JenkinsRule rule, AnyscaleEmulator emulator) throws Exception {
        r = rule;
        this.emulator = emulator;
        TestSupport.configure(emulator);
        folder = r.jenkins.createProject(Folder.class, "team");
        addKey("k1", KEY);
        addKey("k2", OTHER_KEY);
        addKey("regex", REGEX_KEY);
    }

    private void addKey(String id, String secret) throws IOException {
        TestSupport.addFolderCredential(
                folder, new StringCredentialsImpl(CredentialsScope.GLOBAL, id, "", Secret.fromString(secret)));
    }

    private WorkflowRun fail(String name, String script) throws Exception {
        return r.buildAndAssertStatus(Result.FAILURE, TestSupport.pipeline(folder, name, script));
    }

    @Test
    void aFailureWhoseMessageHoldsTheKeyIsMasked() throws Exception {
        WorkflowRun b = fail("p", """
                withAnyscale(credentialsId: 'k1') {
                    echo "inside=${env.ANYSCALE_CLI_TOKEN}"
                    error "the call failed for token ${env.ANYSCALE_CLI_TOKEN}"
                }
                """);
        r.assertLogContains("inside=****", b);
        r.assertLogContains("the call failed for token ****", b);
        r.assertLogNotContains(KEY, b);
        assertNotOnDisk(b, KEY);
    }

    @Test
    void aKeyWithRegexCharactersIsMaskedLiterally() throws Exception {
        WorkflowRun b = fail("p", """
                withAnyscale(credentialsId: 'regex') {
                    echo "inside=${env.ANYSCALE_CLI_TOKEN}"
                    echo 'lookalike=aph0_aXbbbc+d'
                    error "failed: ${env.ANYSCALE_CLI_TOKEN}"
                }
                """);
        r.assertLogContains("inside=****", b);
        r.assertLogContains("lookalike=aph0_aXbbbc+d", b); // only the key itself is masked
        r.assertLogContains("failed: ****", b);
        r.assertLogNotContains(REGEX_KEY, b);
        assertNotOnDisk(b, REGEX_KEY);
    }

    /**
     * Jenkins masks the recorded arguments of a step against the current values of the sensitive variables only: inside
     * a nested block that rebinds ANYSCALE_CLI_TOKEN, an outer key copied into a Groovy variable would be kept in clear
     * in the build's flow nodes. So such a nesting is refused before its block runs.
     */
    @Test
    void aBlockInsideAnotherKeysBlockIsRefusedSoNoKeyIsRecordedInClear() throws Exception {
        WorkflowRun b = fail("p", """
                withAnyscale(credentialsId: 'k1') {
                    def outer = env.ANYSCALE_CLI_TOKEN
                    withAnyscale(credentialsId: 'k2') {
                        echo "outer=${outer} inner=${env.ANYSCALE_CLI_TOKEN}"
                        error "outer=${outer} inner=${env.ANYSCALE_CLI_TOKEN}"
                    }
                }
                """);
        r.assertLogContains("withAnyscale cannot run inside a block that already binds another secret", b);
        r.assertLogNotContains("outer=", b);
        r.assertLogNotContains(KEY, b);
        r.assertLogNotContains(OTHER_KEY, b);
        assertNotOnDisk(b, KEY);
        assertNotOnDisk(b, OTHER_KEY);
    }

    @Test
    void aBlockInsideWithCredentialsOfTheSameVariableIsRefused() throws Exception {
        WorkflowRun b = fail("p", """
                withCredentials([string(credentialsId: 'k1', variable: 'ANYSCALE_CLI_TOKEN')]) {
                    withAnyscale(credentialsId: 'k2') {
                        echo 'never'
                    }
                }
                """);
        r.assertLogContains("withAnyscale cannot run inside a block that already binds another secret", b);
        r.assertLogNotContains("never", b);
        assertNotOnDisk(b, KEY);
        assertNotOnDisk(b, OTHER_KEY);
    }

    @Test
    void theSameKeyNestedHidesNothingAndRuns() throws Exception {
        WorkflowRun b = r.buildAndAssertSuccess(TestSupport.pipeline(folder, "p", """
                withAnyscale(credentialsId: 'k1') {
                    def outer = env.ANYSCALE_CLI_TOKEN
                    withAnyscale(credentialsId: 'k1') {
                        echo "outer=${outer} inner=${env.ANYSCALE_CLI_TOKEN}"
                    }
                }
                """));
        r.assertLogContains("outer=**** inner=****", b);
        assertNotOnDisk(b, KEY);
    }

    @Test
    void blocksOneAfterTheOtherEachMaskTheirKey() throws Exception {
        WorkflowRun b = r.buildAndAssertSuccess(TestSupport.pipeline(folder, "p", """
                withAnyscale(credentialsId: 'k1') {
                    echo "first=${env.ANYSCALE_CLI_TOKEN}"
                }
                withAnyscale(credentialsId: 'k2') {
                    echo "second=${env.ANYSCALE_CLI_TOKEN}"
                }
                """));
        r.assertLogContains("first=****", b);
        r.assertLogContains("second=****", b);
        assertNotOnDisk(b, KEY);
        assertNotOnDisk(b, OTHER_KEY);
    }

    @Test
    void blocksInParallelBranchesMaskTheirOwnKeys() throws Exception {
        WorkflowRun b = fail("p", """
                parallel a: {
                    withAnyscale(credentialsId: 'k1') {
                        echo "a=${env.ANYSCALE_CLI_TOKEN}"
                        error "a failed with ${env.ANYSCALE_CLI_TOKEN}"
                    }
                }, b: {
                    withAnyscale(credentialsId: 'k2') {
                        echo "b=${env.ANYSCALE_CLI_TOKEN}"
                    }
                }
                """);
        r.assertLogContains("a=****", b);
        r.assertLogContains("b=****", b);
        r.assertLogContains("a failed with ****", b);
        r.assertLogNotContains(KEY, b);
        r.assertLogNotContains(OTHER_KEY, b);
        assertNotOnDisk(b, KEY);
    }

    /** Nothing under the build's directory (log, build.xml, workflow/ nodes and their errors) holds it in clear. */
    static void assertNotOnDisk(WorkflowRun b, String secret) throws IOException {
        byte[] needle = secret.getBytes(StandardCharsets.UTF_8);
        try (Stream<Path> files = Files.walk(b.getRootDir().toPath())) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                assertFalse(contains(Files.readAllBytes(file), needle), "the key is in clear in " + file);
            }
        }
    }

    static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
