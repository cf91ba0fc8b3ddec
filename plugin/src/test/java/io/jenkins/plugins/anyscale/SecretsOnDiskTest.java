package io.jenkins.plugins.anyscale;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.cloudbees.hudson.plugins.folder.Folder;
import io.jenkins.plugins.anyscale.emulator.AnyscaleEmulator;
import io.jenkins.plugins.anyscale.emulator.AnyscaleEmulatorExtension;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * After create, rotate and {@code withAnyscale} (caught while its block runs, so that the build's
 * {@code program.dat} exists), neither a key nor the owner token is anywhere under Jenkins' home in clear: not in the
 * builds' files ({@code build.xml}, {@code program.dat}, {@code workflow/}, the log), not in the folder's
 * {@code config.xml} where the key is stored, not in the global configuration. The way credentials-binding's own
 * tests look for leaks.
 */
@WithJenkins
@ExtendWith(AnyscaleEmulatorExtension.class)
class SecretsOnDiskTest {

    private JenkinsRule r;
    private AnyscaleEmulator emulator;

    @BeforeEach
    void setUp(JenkinsRule rule, AnyscaleEmulator emulator) throws Exception {
        r = rule;
        this.emulator = emulator;
        TestSupport.configure(emulator);
    }

    @Test
    void noKeyAndNoOwnerTokenInClearAnywhereUnderJenkinsHome() throws Exception {
        Folder folder = r.jenkins.createProject(Folder.class, "team");
        WorkflowJob provision = folder.createProject(WorkflowJob.class, "provision");
        provision.setDefinition(new CpsFlowDefinition(
                "anyscaleServiceAccountCreate name: 'ci-bot', credentialsId: 'ci-bot-key'", true));
        r.buildAndAssertSuccess(provision);
        String firstKey =
                TestSupport.keyInFolder(folder, "ci-bot-key").getSecret().getPlainText();
        provision.setDefinition(
                new CpsFlowDefinition("anyscaleRotateApiKeys name: 'ci-bot', credentialsId: 'ci-bot-key'", true));
        r.buildAndAssertSuccess(provision);
        String key = TestSupport.keyInFolder(folder, "ci-bot-key").getSecret().getPlainText();
        assertNotEquals(firstKey, key);

        WorkflowJob use = folder.createProject(WorkflowJob.class, "use");
        use.setDefinition(new CpsFlowDefinition("""
                withAnyscale(credentialsId: 'ci-bot-key') {
                    echo "bound: ${env.ANYSCALE_CLI_TOKEN.length()} characters"
                    sleep 60
                }
                """, true));
        WorkflowRun running = use.scheduleBuild2(0).waitForStart();
        r.waitForMessage("bound: ", running);
        File programDat = new File(running.getRootDir(), "program.dat");
        for (int i = 0; i < 100 && !programDat.isFile(); i++) {
            Thread.sleep(100);
        }
        assertTrue(programDat.isFile(), "the paused build's program state is on disk");

        List<String> leaks = new ArrayList<>();
        for (String secret : List.of(firstKey, key, emulator.ownerToken())) {
            leaks.addAll(filesHolding(r.jenkins.getRootDir().toPath(), secret));
        }
        running.doStop();
        r.waitForCompletion(running);
        assertTrue(leaks.isEmpty(), "secrets in clear in " + leaks);
        assertFalse(JenkinsRule.getLog(running).contains(key));
    }

    private static List<String> filesHolding(Path root, String secret) throws IOException {
        byte[] needle = secret.getBytes(StandardCharsets.UTF_8);
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                byte[] content;
                try {
                    content = Files.readAllBytes(file);
                } catch (IOException vanished) {
                    continue; // a file written and removed meanwhile (a temporary file of an atomic save)
                }
                if (WithAnyscaleTest.contains(content, needle)) {
                    found.add(root.relativize(file).toString());
                }
            }
        }
        return found;
    }
}
