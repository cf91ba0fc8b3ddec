package io.jenkins.plugins.anyscale.cli;

import static io.jenkins.plugins.anyscale.cli.ListCommandTest.lines;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.anyscale.emulator.AnyscaleEmulator;
import io.jenkins.plugins.anyscale.emulator.AnyscaleEmulatorExtension;
import io.jenkins.plugins.anyscale.emulator.EmulatedAccount;
import io.jenkins.plugins.anyscale.emulator.Endpoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** create-api-key, rotate-api-keys and delete: the commands that find an account by exactly one of email or name. */
@ExtendWith(AnyscaleEmulatorExtension.class)
class AccountCommandsTest {

    AnyscaleEmulator anyscale;
    Cli cli;
    Path dir;
    EmulatedAccount bot;
    String firstKey;

    @BeforeEach
    void setUp(AnyscaleEmulator emulator, @TempDir Path home, @TempDir Path dir) {
        anyscale = emulator;
        cli = new Cli(emulator, home);
        this.dir = dir;
        firstKey = cli.run("service-account", "create", "-n", "ci-bot").outLine();
        // A partial match of "ci-bot" that an exact lookup must not take for it.
        anyscale.state().createServiceAccount("ci-bot-2");
        bot = anyscale.state().accountNamed("ci-bot").orElseThrow();
        anyscale.faults().resetCounts();
    }

    @ParameterizedTest
    @ValueSource(strings = {"create-api-key", "rotate-api-keys", "delete"})
    void neitherEmailNorNameIsAUsageErrorInTheSdksWords(String command) {
        Cli.Result result = cli.run("service-account", command);

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err())
                .isEqualTo(lines(
                        "Error: Either email or name must be provided: add --email EMAIL or --name NAME.",
                        "Try 'anyscale service-account " + command + " --help' for more information."));
        assertThat(anyscale.faults().totalRequestCount()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"create-api-key", "rotate-api-keys", "delete"})
    void bothEmailAndNameIsAUsageErrorInTheSdksWords(String command) {
        Cli.Result result = cli.run("service-account", command, "--email", bot.email(), "--name", "ci-bot");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err())
                .startsWith("Error: Only one of email or name can be provided: give --email EMAIL or --name NAME,"
                        + " not both.");
        assertThat(anyscale.faults().totalRequestCount()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"--email", "--name"})
    void anEmptyEmailOrNameIsAUsageError(String option) {
        Cli.Result result = cli.run("service-account", "delete", option, "");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).startsWith("Error: " + option + " must not be empty.");
        assertThat(anyscale.faults().totalRequestCount()).isZero();
    }

    @Test
    void anUnknownAccountFailsWithExitCodeOne() {
        Cli.Result result = cli.run("service-account", "rotate-api-keys", "--name", "ci-bo");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).isEqualTo(lines("Error: No service account named 'ci-bo' found."));
        assertThat(anyscale.state().liveKeys("ci-bot")).containsExactly(firstKey);
    }

    @Test
    void errorMessagesShowBidirectionalControlsAsQuestionMarks() {
        // The client refuses names with control characters before sending them; bidirectional controls it sends.
        Cli.Result result = cli.run("service-account", "delete", "--name", "ci-bot\u202Etxt.exe\u2066");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).isEqualTo(lines("Error: No service account named 'ci-bot?txt.exe?' found."));
    }

    @Nested
    class CreateApiKey {

        @Test
        void byNamePrintsAnotherKeyAndKeepsTheOlderOnes() {
            Cli.Result result = cli.run("service-account", "create-api-key", "--name", "ci-bot");

            assertThat(result.exitCode()).isZero();
            String key = result.outLine();
            assertThat(result.out()).isEqualTo(key + System.lineSeparator());
            assertThat(anyscale.state().liveKeys("ci-bot")).containsExactlyInAnyOrder(firstKey, key);
            assertThat(result.err()).isEqualTo(lines(StdoutKeySink.WARNING));
        }

        @Test
        void byEmailWritesAKeyFileAndPrintsTheAccountAsJson() throws IOException {
            Path keyFile = dir.resolve("second.key");

            Cli.Result result = cli.run(
                    "service-account",
                    "create-api-key",
                    "--email",
                    bot.email(),
                    "--key-file",
                    keyFile.toString(),
                    "--json");

            assertThat(result.exitCode()).isZero();
            assertThat(anyscale.state().liveKeys("ci-bot"))
                    .containsExactlyInAnyOrder(firstKey, Files.readString(keyFile));
            assertThat(result.out()).isEqualTo(json(bot, keyFile));
            assertThat(result.err()).isEmpty();
        }

        @Test
        void printsOnlyTheKeyAsJsonOrYamlAsAnyscalesCliDoes() {
            Cli.Result json = cli.run("service-account", "create-api-key", "--name", "ci-bot", "-o", "json");
            Cli.Result yaml = cli.run("service-account", "create-api-key", "--email", bot.email(), "-o", "yaml");

            List<String> keys = anyscale.state().liveKeys("ci-bot");
            assertThat(keys).hasSize(3);
            assertThat(json.out()).matches("\\{\\R    \"api_key\": \"(aph0_[^\"]+)\"\\R}\\R");
            assertThat(yaml.out()).matches("api_key: aph0_\\S+\\R");
            assertThat(keys)
                    .contains(json.out().split("\"")[3])
                    .contains(yaml.out().substring("api_key: ".length()).strip());
            assertThat(json.err() + yaml.err()).isEmpty();
        }
    }

    @Nested
    class RotateApiKeys {

        @Test
        void revokesEveryOlderKeyAndPrintsTheNewOne() {
            String second = cli.run("service-account", "create-api-key", "--name", "ci-bot")
                    .outLine();

            Cli.Result result = cli.run("service-account", "rotate-api-keys", "--name", "ci-bot");

            assertThat(result.exitCode()).isZero();
            String key = result.outLine();
            assertThat(anyscale.state().liveKeys("ci-bot")).containsExactly(key);
            assertThat(anyscale.state().authenticates(firstKey)).isFalse();
            assertThat(anyscale.state().authenticates(second)).isFalse();
            // Anyscale's order: the success, then the warning, then the key.
            assertThat(result.err())
                    .isEqualTo(lines(
                            "All API keys for service account ci-bot rotated successfully.", StdoutKeySink.WARNING));
        }

        @Test
        void takesTheSameFormatsAsCreateApiKey() {
            Cli.Result yaml = cli.run("service-account", "rotate-api-keys", "--name", "ci-bot", "-o", "yaml");

            assertThat(yaml.exitCode()).isZero();
            assertThat(yaml.out())
                    .isEqualTo(lines(
                            "api_key: " + anyscale.state().liveKeys("ci-bot").get(0)));
            assertThat(yaml.err()).isEmpty();

            Cli.Result json = cli.run("service-account", "rotate-api-keys", "--email", bot.email(), "--json");

            assertThat(json.out())
                    .isEqualTo(lines(
                            "{",
                            "    \"api_key\": \""
                                    + anyscale.state().liveKeys("ci-bot").get(0) + "\"",
                            "}"));
            assertThat(cli.run("service-account", "rotate-api-keys", "--name", "ci-bot", "-o", "table")
                            .exitCode())
                    .isEqualTo(2);
        }

        @Test
        void byEmailReplacesTheKeyFileWithForce() throws IOException {
            Path keyFile = Files.writeString(dir.resolve("ci-bot.key"), firstKey);

            Cli.Result result = cli.run(
                    "service-account",
                    "rotate-api-keys",
                    "--email",
                    bot.email(),
                    "--key-file",
                    keyFile.toString(),
                    "--force",
                    "--json");

            assertThat(result.exitCode()).isZero();
            String key = Files.readString(keyFile);
            assertThat(key).isNotEqualTo(firstKey);
            assertThat(anyscale.state().liveKeys("ci-bot")).containsExactly(key);
            assertThat(result.out()).isEqualTo(json(bot, keyFile));
            if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)))
                        .isEqualTo("rw-------");
            }
        }

        @Test
        void anExistingKeyFileWithoutForceIsRefusedBeforeAnyKeyIsRevoked() throws IOException {
            Path keyFile = Files.writeString(dir.resolve("ci-bot.key"), firstKey);

            Cli.Result result =
                    cli.run("service-account", "rotate-api-keys", "--name", "ci-bot", "--key-file", keyFile.toString());

            assertThat(result.exitCode()).isEqualTo(2);
            assertThat(result.err()).contains("already exists");
            assertThat(anyscale.state().liveKeys("ci-bot")).containsExactly(firstKey);
            assertThat(anyscale.faults().totalRequestCount()).isZero();
        }

        @Test
        void retriesMintingAfterTheRevokeAndSucceeds() {
            anyscale.faults().failNext(Endpoint.CREATE_API_KEY, 1, 500);

            Cli.Result result = cli.run("service-account", "rotate-api-keys", "--name", "ci-bot");

            assertThat(result.exitCode()).isZero();
            assertThat(anyscale.state().liveKeys("ci-bot")).containsExactly(result.outLine());
            assertThat(result.err()).contains("Note: minting and storing the new key took 2 attempts.");
        }

        @Test
        void saysLoudlyWhenTheAccountIsLeftWithoutAWorkingKey() {
            anyscale.faults().failNext(Endpoint.CREATE_API_KEY, 3, 403);

            Cli.Result result = cli.run("service-account", "rotate-api-keys", "--name", "ci-bot");

            assertThat(result.exitCode()).isEqualTo(1);
            assertThat(result.err())
                    .startsWith("Error: Rotating the API keys of service account 'ci-bot' (" + bot.email()
                            + ") failed while minting and storing the new key in standard output: HTTP 403")
                    .contains("the account has no working stored API key.")
                    .contains("Rotate the API keys of service account 'ci-bot' again to recover.")
                    .contains("Anyscale trace id: ");
            assertThat(result.out()).isEmpty();
            assertThat(anyscale.state().liveKeys("ci-bot")).isEmpty();
        }
    }

    @Nested
    class Delete {

        @Test
        void byNameDeletesExactlyThatAccount() {
            Cli.Result result = cli.run("service-account", "delete", "--name", "ci-bot");

            assertThat(result.exitCode()).isZero();
            assertThat(result.out()).isEmpty();
            assertThat(result.err()).isEqualTo(lines("Service account ci-bot deleted successfully."));
            assertThat(anyscale.state().accounts())
                    .extracting(EmulatedAccount::name)
                    .isEqualTo(List.of("ci-bot-2"));
            assertThat(anyscale.state().authenticates(firstKey)).isFalse();
        }

        @Test
        void byEmailPrintsTheDeletedAccountAsJson() {
            Cli.Result result = cli.run("service-account", "delete", "--email", bot.email(), "--json");

            assertThat(result.exitCode()).isZero();
            assertThat(result.out()).isEqualTo(json(bot, null));
            assertThat(result.err()).isEmpty();
            assertThat(anyscale.state().accountNamed("ci-bot")).isEmpty();
        }

        @Test
        void byNamePrintsTheDeletedAccountAsYaml() {
            Cli.Result result = cli.run("service-account", "delete", "--name", "ci-bot", "-o", "yaml");

            assertThat(result.exitCode()).isZero();
            assertThat(result.out())
                    .isEqualTo(lines(
                            "name: ci-bot",
                            "created_at: " + AccountDict.isoformat(bot.createdAt(), ' '),
                            "permission_level: COLLABORATOR",
                            "email: " + bot.email()));
            assertThat(result.err()).isEmpty();
        }

        @Test
        void aRefusalOfAnyscaleExitsOneWithItsTraceId() {
            anyscale.faults().failNext(Endpoint.DELETE_COLLABORATOR, 1, 403);

            Cli.Result result = cli.run("service-account", "delete", "--name", "ci-bot");

            assertThat(result.exitCode()).isEqualTo(1);
            assertThat(result.err())
                    .matches("Error: Deleting service account 'ci-bot' failed: HTTP 403 Forbidden .*"
                            + "\\(Anyscale trace id: [0-9a-f]+\\)\\R")
                    .doesNotContain("\tat ");
            assertThat(anyscale.state().accountNamed("ci-bot")).isPresent();
        }
    }

    /** The account's {@code to_dict()} as {@code -o json} prints it, with {@code key_file} when there is one. */
    static String json(EmulatedAccount account, Path keyFile) {
        List<String> lines = new java.util.ArrayList<>(List.of(
                "{",
                "    \"name\": \"" + account.name() + "\",",
                "    \"created_at\": \"" + AccountDict.isoformat(account.createdAt(), 'T') + "\",",
                "    \"permission_level\": \"COLLABORATOR\","));
        if (keyFile == null) {
            lines.add("    \"email\": \"" + account.email() + "\"");
        } else {
            lines.add("    \"email\": \"" + account.email() + "\",");
            lines.add("    \"key_file\": \"" + keyFile + "\"");
        }
        lines.add("}");
        return lines(lines.toArray(String[]::new));
    }
}
