package io.jenkins.plugins.anyscale.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.jenkins.plugins.anyscale.emulator.AnyscaleEmulator;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher {@code cli/anyscale} and the scripts at the repository root ({@code with-emulator.sh}, {@code
 * try-cli.sh}, {@code run-jenkins.sh --check}), run as a user runs them. They need a POSIX shell. Runs in {@code
 * verify}, after {@code package}, with the jars of the reactor in place.
 */
class LaunchScriptsIT {

    static final Pattern EMULATOR_URL = Pattern.compile("Anyscale emulator on (http://127\\.0\\.0\\.1:\\d+) ");

    @TempDir
    Path home;

    @BeforeAll
    static void posixShell() {
        assumeThat(System.getProperty("os.name")).as("POSIX shell scripts").doesNotStartWith("Windows");
        assertThat(ScriptRun.ROOT.resolve("emulator/target/anyscale-emulator.jar"))
                .as("the emulator's jar; run with mvn verify")
                .exists();
    }

    @Test
    void theLauncherWorksThroughSymbolicLinksOnPath(@TempDir Path dir) throws Exception {
        // ln -s .../cli/anyscale ~/bin/anyscale, and a relative link to that link.
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path other = Files.createDirectories(dir.resolve("other"));
        Files.createSymbolicLink(other.resolve("anyscale"), ScriptRun.ROOT.resolve("cli/anyscale"));
        Files.createSymbolicLink(bin.resolve("anyscale"), Path.of("../other/anyscale"));
        try (AnyscaleEmulator anyscale = AnyscaleEmulator.start()) {
            anyscale.state().createServiceAccount("ci-bot");

            ScriptRun.Result run = ScriptRun.start(
                            home,
                            Map.of("ANYSCALE_HOST", anyscale.baseUrl(), "ANYSCALE_CLI_TOKEN", anyscale.ownerToken()),
                            List.of(bin.resolve("anyscale").toString(), "service-account", "list", "-o", "yaml"))
                    .finish();

            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out()).startsWith("- name: ci-bot" + System.lineSeparator());
        }
    }

    @Test
    void withEmulatorGivesTheCommandTheEmulatorAndStopsItWhenTheCommandEnds() throws Exception {
        ScriptRun.Result run = ScriptRun.start(
                        home,
                        Map.of(),
                        List.of(
                                "./with-emulator.sh",
                                "--seed",
                                "2",
                                "sh",
                                "-c",
                                "cli/anyscale service-account list -o json --max-items 1 && exit 3"))
                .finish();

        assertThat(run.exitCode()).as(run.err()).isEqualTo(3); // the command's own
        assertThat(run.out()).contains("\"name\": \"demo-00001\"");
        assertThat(refusesConnections(emulatorUrl(run.err()))).isTrue();
    }

    @Test
    void withEmulatorStopsTheEmulatorOnCtrlC() throws Exception {
        // setsid: the script leads a process group of its own, as a terminal's foreground job does; Ctrl-C signals it
        // all.
        Process script = new ProcessBuilder("setsid", "./with-emulator.sh", "sleep", "60")
                .directory(ScriptRun.ROOT.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        script.getOutputStream().close();
        String url;
        try (BufferedReader err =
                new BufferedReader(new InputStreamReader(script.getErrorStream(), StandardCharsets.UTF_8))) {
            url = null;
            while (url == null) {
                String line = err.readLine();
                if (line == null) {
                    break;
                }
                Matcher m = EMULATOR_URL.matcher(line);
                url = m.find() ? m.group(1) : null;
            }
            assertThat(url).as("the script announces the emulator").isNotNull();
            assertThat(refusesConnections(url)).isFalse();

            Process ctrlC = new ProcessBuilder("kill", "-INT", "--", "-" + script.pid()).start();
            assertThat(ctrlC.waitFor()).isZero();
            assertThat(script.waitFor(60, TimeUnit.SECONDS)).isTrue();
        } finally {
            script.descendants().forEach(ProcessHandle::destroyForcibly);
            script.destroyForcibly();
        }

        assertThat(script.exitValue()).isEqualTo(130);
        assertThat(refusesConnections(url)).isTrue();
    }

    @Test
    void tryCliWithoutATerminalListsTheDemoAccountsAndStopsTheEmulator() throws Exception {
        ScriptRun.Result run = ScriptRun.start(home, Map.of(), List.of("./try-cli.sh", "--no-build"))
                .finish();

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .startsWith("Service accounts:")
                .contains("demo-00003")
                .doesNotContain("demo-00004");
        assertThat(refusesConnections(emulatorUrl(run.err()))).isTrue();
    }

    @Test
    void runJenkinsCheckStartsTheEmulatorForTheDemoConfigurationAndStopsIt() throws Exception {
        ScriptRun.Result run = ScriptRun.start(home, Map.of(), List.of("./run-jenkins.sh", "--check"))
                .finish();

        assertThat(run.exitCode()).as(run.err()).isZero();
        String url = emulatorUrl(run.err());
        assertThat(run.out())
                .isEqualTo("would run: CASC_JENKINS_CONFIG=" + ScriptRun.ROOT.resolve("plugin/src/hpi-run/jenkins.yaml")
                        + " ANYSCALE_HOST=" + url + " ANYSCALE_TOKEN=<the emulator token> mvn -pl plugin hpi:run"
                        + System.lineSeparator());
        // What the demo configuration reads: its host defaults to the emulator's old fixed port only when unset.
        assertThat(Files.readString(ScriptRun.ROOT.resolve("plugin/src/hpi-run/jenkins.yaml")))
                .contains("${ANYSCALE_HOST:-")
                .contains("${ANYSCALE_TOKEN}");
        assertThat(refusesConnections(url)).isTrue();
    }

    static String emulatorUrl(String stderr) {
        Matcher m = EMULATOR_URL.matcher(stderr);
        assertThat(m.find()).as(stderr).isTrue();
        return m.group(1);
    }

    static boolean refusesConnections(String url) throws IOException {
        URI uri = URI.create(url);
        try (Socket ignored = new Socket(uri.getHost(), uri.getPort())) {
            return false;
        } catch (ConnectException e) {
            return true;
        }
    }
}
