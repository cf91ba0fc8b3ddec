package io.jenkins.plugins.anyscale.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.anyscale.emulator.AnyscaleEmulator;
import io.jenkins.plugins.anyscale.emulator.AnyscaleEmulatorExtension;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Help texts (Anyscale's words), version, completion, and what picocli does with a wrong command line. */
@ExtendWith(AnyscaleEmulatorExtension.class)
class HelpTest {

    AnyscaleEmulator anyscale;
    Cli cli;

    @BeforeEach
    void setUp(AnyscaleEmulator emulator, @TempDir Path home) {
        anyscale = emulator;
        cli = new Cli(emulator, home);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "create          | Create a service account.                   | Name for the service account.",
                "create-api-key  | Create a new API key for a service account. | Email of the service account to create"
                        + " the new key for.",
                "create-api-key  | Create a new API key for a service account. | Name of the service account to create"
                        + " the new key for.",
                "list            | List service accounts.                      | Max items to show in list.",
                "delete          | Delete a service account.                   | Email of the service account to delete.",
                "delete          | Delete a service account.                   | Name of the service account to delete.",
                "rotate-api-keys | Rotate all api keys of a service account.   | Rotate API keys for the service account"
                        + " with this email.",
                "rotate-api-keys | Rotate all api keys of a service account.   | Rotate API keys for the service account"
                        + " with this name."
            })
    void helpTextsAreAnyscales(String command, String description, String option) {
        Cli.Result result = cli.run("service-account", command, "--help");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out())
                .contains(description)
                .contains(option)
                .contains("-o, --output=FORMAT")
                .contains("--json")
                .contains("Same as -o json");
        assertThat(anyscale.faults().totalRequestCount()).isZero();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "create          | Output format for the created service account and its API token: text, json, yaml.",
                "create-api-key  | Output format for the new API token: text, json, yaml.",
                "rotate-api-keys | Output format for the new API token: text, json, yaml.",
                "list            | Output format for the result: text, json, yaml, table.",
                "delete          | Output format for the deleted service account: text,"
            })
    void theOutputOptionNamesTheFormatsEachCommandOffers(String command, String help) {
        String out = cli.run("service-account", command, "--help").out().replaceAll("\\s+", " ");

        assertThat(out).contains(help).contains("Default: text");
    }

    @Test
    void theNewestGenerationsLongerHelpTextsAreThere() {
        assertThat(cli.run("service-account", "create", "--help").out().replaceAll("\\s+", " "))
                .contains("The service account's API token is printed once on creation and can't be retrieved"
                        + " later, so store it securely.");
        assertThat(cli.run("service-account", "delete", "--help").out())
                .contains("Specify the service account by --email or --name.");
    }

    @Test
    void theGroupListsTheFiveCommands() {
        Cli.Result result = cli.run("service-account", "--help");

        assertThat(result.out())
                .contains("Manage service accounts for your anyscale workloads.")
                .containsSubsequence("create ", "create-api-key", "list", "delete", "rotate-api-keys");
    }

    @Test
    void synopsesShowTheChoiceOfEmailOrName() {
        assertThat(cli.run("service-account", "delete", "--help").out())
                .contains("anyscale service-account delete (--email=EMAIL | --name=NAME)" + System.lineSeparator()
                        + "        [-hV] [-o=FORMAT] [--json]");
        assertThat(cli.run("service-account", "list", "--help").out())
                .contains("--max-items=N")
                .contains("Default: 20");
    }

    @Test
    void theTopLevelHelpDocumentsConfigurationAndExitCodes() {
        Cli.Result result = cli.run("--help");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out())
                .contains("service-account")
                .contains("generate-completion")
                .contains("ANYSCALE_HOST")
                .contains("ANYSCALE_CLI_TOKEN")
                .contains("~/.anyscale/credentials.json")
                .contains("newest generation of Anyscale's CLI")
                .contains("Exit codes:");
    }

    @Test
    void versionNamesTheCommandLineAndItsVersion() {
        Cli.Result result = cli.run("--version");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).startsWith("anyscale-cli ").contains("Java " + System.getProperty("java.version"));
    }

    @Test
    void generatesABashAndZshCompletionScript() {
        Cli.Result result = cli.run("generate-completion");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out())
                .contains("complete -F")
                .contains("service-account")
                .contains("rotate-api-keys")
                .contains("--max-items")
                .contains("--output")
                .contains("(\"text\" \"json\" \"yaml\" \"table\")");
    }

    @Test
    void aGroupWithoutACommandIsAUsageError() {
        Cli.Result result = cli.run("service-account");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("Missing required subcommand");
    }

    @Test
    void anUnknownCommandIsAUsageErrorWithASuggestion() {
        Cli.Result result = cli.run("service-account", "rotate-api-key", "--name", "x");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("Unmatched argument").contains("rotate-api-keys");
        assertThat(anyscale.faults().totalRequestCount()).isZero();
    }
}
