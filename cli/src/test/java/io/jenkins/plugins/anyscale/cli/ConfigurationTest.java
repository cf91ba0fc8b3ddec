package io.jenkins.plugins.anyscale.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.jenkins.plugins.anyscale.emulator.AnyscaleEmulator;
import io.jenkins.plugins.anyscale.emulator.AnyscaleEmulatorExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Host and token, read as Anyscale's CLI reads them, and checked before anything is sent. */
@ExtendWith(AnyscaleEmulatorExtension.class)
class ConfigurationTest {

    AnyscaleEmulator anyscale;
    Cli cli;
    Path home;

    @BeforeEach
    void setUp(AnyscaleEmulator emulator, @TempDir Path home) {
        anyscale = emulator;
        this.home = home;
        cli = new Cli(emulator, home);
        anyscale.state().createServiceAccount("ci-bot");
    }

    @Test
    void readsTheTokenFromTheCredentialsFileWhenTheEnvironmentHasNone() throws IOException {
        writeCredentials("{\"cli_token\": \"" + anyscale.ownerToken() + "\"}", "rw-------");
        cli.env(CliConfiguration.TOKEN_VARIABLE, null);

        Cli.Result result = cli.run("service-account", "list");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("ci-bot");
    }

    @Test
    void theEnvironmentTakesPrecedenceOverTheCredentialsFile() throws IOException {
        writeCredentials("{\"cli_token\": \"aph0_a_revoked_token\", \"other\": [1, {\"a\": 2}]}", "rw-------");

        Cli.Result result = cli.run("service-account", "list");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("ci-bot");
    }

    @ParameterizedTest
    @ValueSource(strings = {"rw-r--r--", "rw-rw----", "rw----r--", "rw------x"})
    void refusesACredentialsFileOthersMayAccessBeforeSendingAnything(String permissions) throws IOException {
        assumeThat(home.getFileSystem().supportedFileAttributeViews()).contains("posix");
        Path file = writeCredentials("{\"cli_token\": \"" + anyscale.ownerToken() + "\"}", permissions);
        cli.env(CliConfiguration.TOKEN_VARIABLE, null);

        Cli.Result result = cli.run("service-account", "list");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err())
                .isEqualTo(ListCommandTest.lines("Error: " + file + " holds your API token but others may access it ("
                        + permissions + "). Make it yours alone: chmod 600 " + file));
        assertThat(anyscale.faults().totalRequestCount()).isZero();
    }

    @Test
    void noTokenAnywhereIsAConfigurationErrorThatSaysWhereToPutOne() {
        cli.env(CliConfiguration.TOKEN_VARIABLE, null);

        Cli.Result result = cli.run("service-account", "list");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err())
                .isEqualTo(ListCommandTest.lines("Error: No Anyscale API token: set ANYSCALE_CLI_TOKEN, or write"
                        + " {\"cli_token\": \"<your API key>\"} to " + CredentialsFile.location(home)
                        + " (readable only by you)."));
        assertThat(anyscale.faults().totalRequestCount()).isZero();
    }

    @Test
    void anEmptyTokenVariableIsAConfigurationError() {
        cli.env(CliConfiguration.TOKEN_VARIABLE, "");

        Cli.Result result = cli.run("service-account", "list");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).startsWith("Error: ANYSCALE_CLI_TOKEN is set but empty");
        assertThat(anyscale.faults().totalRequestCount()).isZero();
    }

    @Test
    void aCredentialsFileThatIsNotJsonIsRefusedWithoutQuotingIt() throws IOException {
        Path file = writeCredentials("cli_token = aph0_secret_in_a_broken_file", "rw-------");
        cli.env(CliConfiguration.TOKEN_VARIABLE, null);

        Cli.Result result = cli.run("service-account", "list");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err())
                .isEqualTo(ListCommandTest.lines("Error: " + file
                        + " is not valid JSON: write it again as {\"cli_token\": \"<your API key>\"}."));
        assertThat(anyscale.faults().totalRequestCount()).isZero();
    }

    @Test
    void aCredentialsFileWithoutCliTokenIsRefused() throws IOException {
        Path file = writeCredentials("{\"token\": \"x\", \"cli_token\": 42}", "rw-------");
        cli.env(CliConfiguration.TOKEN_VARIABLE, null);

        Cli.Result result = cli.run("service-account", "list");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).startsWith("Error: " + file + " has no \"cli_token\"");
    }

    @Test
    void aTokenWithWhitespaceIsRefusedNamingWhereItCameFromNotTheToken() {
        cli.env(CliConfiguration.TOKEN_VARIABLE, "aph0_pasted twice");

        Cli.Result result = cli.run("service-account", "list");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err())
                .contains("contains whitespace")
                .contains("read from ANYSCALE_CLI_TOKEN")
                .doesNotContain("pasted");
        assertThat(anyscale.faults().totalRequestCount()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"console.anyscale.com", "https://console.anyscale.com/api/v2", "ftp://example.com"})
    void aMalformedHostIsAConfigurationErrorThatSaysWhatToFix(String host) {
        cli.env(CliConfiguration.HOST_VARIABLE, host);

        Cli.Result result = cli.run("service-account", "list");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err())
                .startsWith("Error: ANYSCALE_HOST is not usable: ")
                .contains("Use an origin such as https://console.anyscale.com.");
    }

    @Test
    void aWrongTokenFailsAtAnyscaleWithExitCodeOneAndTheTraceId() {
        cli.env(CliConfiguration.TOKEN_VARIABLE, "aph0_not_a_key_of_this_organization");

        Cli.Result result = cli.run("service-account", "list");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err())
                .startsWith("Error: Listing service accounts failed: HTTP 401 Unauthorized")
                .contains("Anyscale trace id: ")
                .doesNotContain("aph0_not_a_key");
    }

    @Test
    void theHostDefaultsToAnyscalesAndATrailingSlashIsDropped() {
        Path none = home.resolve("nowhere");
        CliConfiguration byDefault =
                CliConfiguration.read(new CliEnvironment(Map.of(CliConfiguration.TOKEN_VARIABLE, "aph0_x"), none));
        CliConfiguration emptyHost = CliConfiguration.read(new CliEnvironment(
                Map.of(CliConfiguration.HOST_VARIABLE, "", CliConfiguration.TOKEN_VARIABLE, "aph0_x"), none));
        CliConfiguration slash = CliConfiguration.read(new CliEnvironment(
                Map.of(
                        CliConfiguration.HOST_VARIABLE,
                        "https://console.anyscale-staging.com/",
                        CliConfiguration.TOKEN_VARIABLE,
                        "aph0_x"),
                none));

        assertThat(byDefault.host()).isEqualTo("https://console.anyscale.com");
        assertThat(emptyHost.host()).isEqualTo("https://console.anyscale.com");
        assertThat(slash.host()).isEqualTo("https://console.anyscale-staging.com");
        assertThat(slash.tokenSource()).isEqualTo("ANYSCALE_CLI_TOKEN");
        assertThat(slash + " " + new CliEnvironment(Map.of("ANYSCALE_CLI_TOKEN", "aph0_x"), none))
                .doesNotContain("aph0_x");
    }

    @Test
    void theConfigurationIsReadOnlyWhenACommandIsAboutToCallAnyscale() {
        cli.env(CliConfiguration.TOKEN_VARIABLE, null);

        Cli.Result usage = cli.run("service-account", "list", "--max-items", "0");
        Cli.Result help = cli.run("service-account", "list", "--help");

        assertThat(usage.err()).contains("--max-items").doesNotContain("token");
        assertThat(help.exitCode()).isZero();
        ConfigurationException e = catchThrowableOfType(
                ConfigurationException.class,
                () -> CliConfiguration.read(new CliEnvironment(Map.of(), home.resolve("nowhere"))));
        assertThat(e).hasMessageStartingWith("No Anyscale API token");
    }

    private Path writeCredentials(String content, String permissions) throws IOException {
        Path file = CredentialsFile.location(home);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
        if (home.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
        }
        return file;
    }
}
