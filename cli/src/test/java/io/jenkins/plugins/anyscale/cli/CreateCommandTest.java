package io.jenkins.plugins.anyscale.cli;

import static io.jenkins.plugins.anyscale.cli.ListCommandTest.lines;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.jenkins.plugins.anyscale.emulator.AnyscaleEmulator;
import io.jenkins.plugins.anyscale.emulator.AnyscaleEmulatorExtension;
import io.jenkins.plugins.anyscale.emulator.EmulatedAccount;
import io.jenkins.plugins.anyscale.emulator.Endpoint;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(AnyscaleEmulatorExtension.class)
class CreateCommandTest {

    AnyscaleEmulator anyscale;
    Cli cli;
    Path dir;

    @BeforeEach
    void setUp(AnyscaleEmulator emulator, @TempDir Path home, @TempDir Path dir) {
        anyscale = emulator;
        cli = new Cli(emulator, home);
        this.dir = dir;
    }

    @Test
    void printsTheKeyAloneOnStandardOutputAndAnyscalesWarningOnStandardError() {
        Cli.Result result = cli.run("service-account", "create", "-n", "ci-bot");

        assertThat(result.exitCode()).isZero();
        String key = result.outLine();
        assertThat(anyscale.state().liveKeys("ci-bot")).containsExactly(key);
        assertThat(result.out()).isEqualTo(key + System.lineSeparator());
        // Anyscale's order: the success, then the warning, then the key (here on standard output, alone).
        assertThat(result.err())
                .isEqualTo(lines(
                        "Service account ci-bot created successfully.",
                        "The following API token for the service account will only appear once:"))
                .doesNotContain(key);
    }

    @Test
    void printsNameAndKeyAsJsonOnStandardOutputAsAnyscalesCliDoes() {
        Cli.Result json = cli.run("service-account", "create", "-n", "ci-bot", "-o", "json");
        Cli.Result legacy = cli.run("service-account", "create", "-n", "ci-bot-2", "--json");

        assertThat(json.exitCode()).isZero();
        String key = anyscale.state().liveKeys("ci-bot").get(0);
        assertThat(json.out())
                .isEqualTo(lines("{", "    \"name\": \"ci-bot\",", "    \"api_key\": \"" + key + "\"", "}"));
        assertThat(json.err()).isEmpty();
        assertThat(legacy.exitCode()).isZero();
        assertThat(legacy.out())
                .isEqualTo(lines(
                        "{",
                        "    \"name\": \"ci-bot-2\",",
                        "    \"api_key\": \""
                                + anyscale.state().liveKeys("ci-bot-2").get(0) + "\"",
                        "}"));
    }

    @Test
    void printsNameAndKeyAsYaml() {
        Cli.Result result = cli.run("service-account", "create", "-n", "ci-bot", "-o", "yaml");

        assertThat(result.exitCode()).isZero();
        String key = anyscale.state().liveKeys("ci-bot").get(0);
        assertThat(result.out()).isEqualTo(lines("name: ci-bot", "api_key: " + key));
        assertThat(result.err()).isEmpty();
    }

    @Test
    void aDashAsKeyFileIsStandardOutput() throws IOException {
        Cli.Result result = cli.run("service-account", "create", "-n", "ci-bot", "--key-file", "-");

        assertThat(result.exitCode()).isZero();
        assertThat(anyscale.state().liveKeys("ci-bot")).containsExactly(result.outLine());
        assertThat(result.err()).contains(StdoutKeySink.WARNING);
        assertThat(Path.of("-")).doesNotExist();
        try (var files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void aDashAsKeyFileWithForceIsAUsageError() {
        Cli.Result result = cli.run("service-account", "create", "-n", "ci-bot", "--key-file", "-", "--force");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).startsWith("Error: --force only applies to --key-file PATH, a file to replace.");
        assertThat(anyscale.faults().totalRequestCount()).isZero();
    }

    @Test
    void theLongOptionWorksToo() {
        assertThat(cli.run("service-account", "create", "--name", "ci-bot").exitCode())
                .isZero();
        assertThat(anyscale.state().accountNamed("ci-bot")).isPresent();
    }

    @Test
    void writesTheKeyToANewFileOnlyItsOwnerMayReadAndPrintsNothingSecret() throws IOException {
        Path keyFile = dir.resolve("ci-bot.key");

        Cli.Result result = cli.run("service-account", "create", "-n", "ci-bot", "--key-file", keyFile.toString());

        assertThat(result.exitCode()).isZero();
        String key = Files.readString(keyFile);
        assertThat(anyscale.state().liveKeys("ci-bot")).containsExactly(key);
        assertThat(result.out()).isEmpty();
        assertThat(result.err())
                .isEqualTo(lines(
                        "Service account ci-bot created successfully.",
                        "The API key was written to " + keyFile + ", readable only by you. It will not be shown"
                                + " again."));
        assumePosix();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)))
                .isEqualTo("rw-------");
    }

    @Test
    void withAKeyFilePrintsTheAccountAndTheFileInsteadOfTheKey() throws IOException {
        Path keyFile = dir.resolve("ci-bot.key");

        Cli.Result result =
                cli.run("service-account", "create", "-n", "ci-bot", "--json", "--key-file", keyFile.toString());

        assertThat(result.exitCode()).isZero();
        EmulatedAccount account = anyscale.state().accountNamed("ci-bot").orElseThrow();
        assertThat(result.out()).isEqualTo(AccountCommandsTest.json(account, keyFile));
        assertThat(result.out() + result.err()).doesNotContain(Files.readString(keyFile));
    }

    @Test
    void refusesAnExistingKeyFileBeforeSendingAnything() throws IOException {
        Path keyFile = Files.writeString(dir.resolve("taken.key"), "someone else's");

        Cli.Result result = cli.run("service-account", "create", "-n", "ci-bot", "--key-file", keyFile.toString());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err())
                .isEqualTo(lines("Error: " + keyFile + " already exists: choose a new file, or add --force to replace"
                        + " it."));
        assertThat(Files.readString(keyFile)).isEqualTo("someone else's");
        assertThat(anyscale.faults().totalRequestCount()).isZero();
    }

    @Test
    void forceReplacesAnExistingKeyFileWithAnOwnerOnlyOne() throws IOException {
        Path keyFile = Files.writeString(dir.resolve("old.key"), "an old key");
        assumePosix();
        Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-r--r--"));

        Cli.Result result =
                cli.run("service-account", "create", "-n", "ci-bot", "--key-file", keyFile.toString(), "--force");

        assertThat(result.exitCode()).isZero();
        assertThat(anyscale.state().liveKeys("ci-bot")).containsExactly(Files.readString(keyFile));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)))
                .isEqualTo("rw-------");
        try (var left = Files.list(dir)) {
            assertThat(left).containsExactly(keyFile); // no temporary file left behind
        }
    }

    @Test
    void refusesAKeyFileInADirectoryThatDoesNotExistBeforeSendingAnything() {
        Path keyFile = dir.resolve("missing").resolve("ci-bot.key");

        Cli.Result result = cli.run("service-account", "create", "-n", "ci-bot", "--key-file", keyFile.toString());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("The directory " + keyFile.getParent() + " of --key-file does not exist");
        assertThat(anyscale.faults().totalRequestCount()).isZero();
    }

    @Test
    void refusesADirectoryAsKeyFileEvenWithForce() {
        Cli.Result result =
                cli.run("service-account", "create", "-n", "ci-bot", "--key-file", dir.toString(), "--force");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains(dir + " is a directory");
        assertThat(anyscale.faults().totalRequestCount()).isZero();
    }

    @Test
    void forceWithoutAKeyFileIsAUsageError() {
        Cli.Result result = cli.run("service-account", "create", "-n", "ci-bot", "--force");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("--force only applies to --key-file PATH, a file to replace.");
        assertThat(anyscale.faults().totalRequestCount()).isZero();
    }

    @Test
    void anEmptyOrMissingNameIsAUsageErrorAndSendsNothing() {
        Cli.Result empty = cli.run("service-account", "create", "-n", " ");
        Cli.Result missing = cli.run("service-account", "create");

        assertThat(empty.exitCode()).isEqualTo(2);
        assertThat(empty.err()).startsWith("Error: --name must not be empty.");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).startsWith("Error: Missing required option: '--name=NAME'");
        assertThat(anyscale.faults().totalRequestCount()).isZero();
    }

    @Test
    void aTakenNameFailsWithExitCodeOneAndCreatesNothing() {
        anyscale.state().createServiceAccount("ci-bot");

        Cli.Result result = cli.run("service-account", "create", "-n", "ci-bot");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err())
                .isEqualTo(lines("Error: A service account named 'ci-bot' already exists; nothing was created. Choose"
                        + " another name, or run 'anyscale service-account create-api-key --name ci-bot' for another"
                        + " API key of it."));
        assertThat(result.out()).isEmpty();
        assertThat(anyscale.faults().requestCount(Endpoint.CREATE_SERVICE_ACCOUNT))
                .isZero();
    }

    @Test
    void rollsTheAccountBackWhenTheKeyFileCannotBeWrittenAfterTheKeyWasMade() throws Exception {
        Path keyFile = dir.resolve("ci-bot.key");
        // The key file is free when checked; while Anyscale mints the key, someone else takes the path.
        anyscale.faults().delayNext(Endpoint.CREATE_API_KEY, 1, Duration.ofSeconds(2));
        CompletableFuture<Cli.Result> run = CompletableFuture.supplyAsync(
                () -> cli.run("service-account", "create", "-n", "ci-bot", "--key-file", keyFile.toString()));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (anyscale.faults().requestCount(Endpoint.CREATE_API_KEY) == 0 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(anyscale.faults().requestCount(Endpoint.CREATE_API_KEY)).isEqualTo(1);
        Files.writeString(keyFile, "someone else's");

        Cli.Result result = run.get(30, TimeUnit.SECONDS);

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err())
                .isEqualTo(
                        lines("Error: Creating service account 'ci-bot' failed while storing its API key in key file "
                                + keyFile + ": " + keyFile
                                + " appeared while the key was being made; it was not touched. The"
                                + " account was deleted again, so nothing is left behind."));
        assertThat(Files.readString(keyFile)).isEqualTo("someone else's");
        assertThat(anyscale.state().accountNamed("ci-bot")).isEmpty();
        assertThat(anyscale.faults().requestCount(Endpoint.DELETE_COLLABORATOR)).isEqualTo(1);
        assertThat(result.out()).isEmpty();
    }

    @Test
    void rollsTheAccountBackWhenStandardOutputIsClosed() {
        PrintWriter closedPipe = new PrintWriter(new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("Broken pipe");
            }
        });

        Cli.Result result = cli.runWithOut(closedPipe, "service-account", "create", "-n", "ci-bot");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err())
                .contains("Error: Creating service account 'ci-bot' failed while storing its API key in standard"
                        + " output: Standard output is closed")
                .contains("The account was deleted again, so nothing is left behind.");
        assertThat(anyscale.state().accountNamed("ci-bot")).isEmpty();
        assertThat(anyscale.state().accounts()).isEmpty();
    }

    private void assumePosix() {
        assumeThat(dir.getFileSystem().supportedFileAttributeViews()).contains("posix");
    }
}
