package io.jenkins.plugins.anyscale.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.anyscale.emulator.AnyscaleEmulator;
import io.jenkins.plugins.anyscale.emulator.AnyscaleEmulatorExtension;
import io.jenkins.plugins.anyscale.emulator.EmulatedAccount;
import io.jenkins.plugins.anyscale.emulator.Endpoint;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@ExtendWith(AnyscaleEmulatorExtension.class)
class ListCommandTest {

    AnyscaleEmulator anyscale;
    Cli cli;

    @BeforeEach
    void setUp(AnyscaleEmulator emulator, @TempDir Path home) {
        anyscale = emulator;
        cli = new Cli(emulator, home);
    }

    @Test
    void printsTheNewestAnyscaleCliTableWithItsTitleByDefault() {
        EmulatedAccount bot = anyscale.state().createServiceAccount("ci-bot");
        EmulatedAccount release = anyscale.state().createServiceAccount("release-automation");

        Cli.Result result = cli.run("service-account", "list");

        assertThat(result.exitCode()).isZero();
        DateTimeFormatter mmddyyyy = DateTimeFormatter.ofPattern("MM/dd/yyyy");
        String date = mmddyyyy.format(bot.createdAt());
        String releaseDate = mmddyyyy.format(release.createdAt());
        // tabulate's plain layout: two spaces between columns, each at least two wider than its header.
        assertThat(result.out())
                .isEqualTo(lines(
                        "Service accounts:",
                        "NAME                CREATED AT    ORGANIZATION PERMISSION LEVEL    EMAIL",
                        "ci-bot              " + date + "    COLLABORATOR                     " + bot.email(),
                        "release-automation  " + releaseDate + "    COLLABORATOR                     "
                                + release.email()));
        assertThat(result.err()).isEmpty();
        assertThat(anyscale.faults().requestCount(Endpoint.LIST_COLLABORATORS)).isEqualTo(1);
        assertThat(cli.run("service-account", "list", "-o", "text").out()).isEqualTo(result.out());
    }

    @ParameterizedTest
    @ValueSource(strings = {"-o json", "--output json", "--output=json", "--json", "-o text --json"})
    void printsTheSdksToDictAsJsonIndentedAsAnyscalesCliDoes(String options) {
        EmulatedAccount bot = anyscale.state().createServiceAccount("ci-bot");

        Cli.Result result = cli.run(args("service-account list " + options));

        assertThat(result.exitCode()).isZero();
        assertThat(result.out())
                .isEqualTo(lines(
                        "[",
                        "    {",
                        "        \"name\": \"ci-bot\",",
                        "        \"created_at\": \"" + AccountDict.isoformat(bot.createdAt(), 'T') + "\",",
                        "        \"permission_level\": \"COLLABORATOR\",",
                        "        \"email\": \"" + bot.email() + "\"",
                        "    }",
                        "]"));
        // The emulator's timestamps have microseconds and a +00:00 offset, as Python's isoformat() writes them.
        assertThat(AccountDict.isoformat(bot.createdAt(), 'T'))
                .matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{6})?\\+00:00");
        assertThat(result.err()).isEmpty();
    }

    @Test
    void printsTheSdksToDictAsYamlAsPyYamlDumpsIt() {
        EmulatedAccount bot = anyscale.state().createServiceAccount("ci-bot");
        EmulatedAccount owner = anyscale.state().createServiceAccount("yes");

        Cli.Result result = cli.run("service-account", "list", "-o", "yaml");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out())
                .isEqualTo(lines(
                        "- name: ci-bot",
                        "  created_at: " + AccountDict.isoformat(bot.createdAt(), ' '),
                        "  permission_level: COLLABORATOR",
                        "  email: " + bot.email(),
                        // A name that YAML would read as a boolean is quoted.
                        "- name: \"yes\"",
                        "  created_at: " + AccountDict.isoformat(owner.createdAt(), ' '),
                        "  permission_level: COLLABORATOR",
                        "  email: " + owner.email()));
        assertThat(result.err()).isEmpty();
        // A structured -o wins over --json, as in Anyscale's resolve_output_format.
        assertThat(cli.run("service-account", "list", "-o", "yaml", "--json").out())
                .isEqualTo(result.out());
    }

    @Test
    void printsTheToDictKeysAsATableWithMinusOTable() {
        EmulatedAccount bot = anyscale.state().createServiceAccount("ci-bot");
        String createdAt = AccountDict.isoformat(bot.createdAt(), ' ');

        Cli.Result result = cli.run("service-account", "list", "-o", "table");

        assertThat(result.exitCode()).isZero();
        int createdAtWidth = Math.max("CREATED_AT".length() + 2, createdAt.length());
        assertThat(result.out())
                .isEqualTo(lines(
                        "NAME    " + pad("CREATED_AT", createdAtWidth) + "  PERMISSION_LEVEL    EMAIL",
                        "ci-bot  " + pad(createdAt, createdAtWidth) + "  COLLABORATOR        " + bot.email()));
        assertThat(result.err()).isEmpty();
    }

    @Test
    void tableIsForListOnlyAndAnUnknownFormatIsAUsageError() {
        Cli.Result xml = cli.run("service-account", "list", "-o", "xml");
        Cli.Result table = cli.run("service-account", "delete", "--name", "x", "-o", "table");

        assertThat(xml.exitCode()).isEqualTo(2);
        assertThat(xml.err())
                .startsWith("Error: Invalid value for '-o' / '--output': 'xml' is not one of 'text', 'json', 'yaml',"
                        + " 'table'.");
        assertThat(table.exitCode()).isEqualTo(2);
        assertThat(table.err())
                .startsWith("Error: Invalid value for '-o' / '--output': 'table' is not one of 'text', 'json',"
                        + " 'yaml'.");
        assertThat(anyscale.faults().totalRequestCount()).isZero();
    }

    @Test
    void anEmptyOrganizationIsTheHeadersAloneOrAnEmptyList() {
        assertThat(cli.run("service-account", "list").out())
                .isEqualTo(lines("Service accounts:", "NAME    CREATED AT    ORGANIZATION PERMISSION LEVEL    EMAIL"));
        assertThat(cli.run("service-account", "list", "-o", "table").out())
                .isEqualTo(lines("NAME    CREATED_AT    PERMISSION_LEVEL    EMAIL"));
        assertThat(cli.run("service-account", "list", "--json").out()).isEqualTo(lines("[]"));
        assertThat(cli.run("service-account", "list", "-o", "yaml").out()).isEqualTo(lines("[]"));
    }

    @Test
    void readsAsManyPagesAsMaxItemsNeedsAndSaysWhenThereAreMore() {
        anyscale.state().seedServiceAccounts("acct-", 130);

        Cli.Result result = cli.run("service-account", "list", "--max-items", "120");

        assertThat(result.exitCode()).isZero();
        List<String> rows = result.out().lines().toList();
        assertThat(rows).hasSize(122); // the title, the headers and 120 rows
        assertThat(rows.get(2)).startsWith("acct-00001 ");
        assertThat(rows.get(121)).startsWith("acct-00120 ");
        assertThat(anyscale.faults().requestCount(Endpoint.LIST_COLLABORATORS)).isEqualTo(3);
        assertThat(result.err())
                .isEqualTo(lines("There are more service accounts than the 120 shown: raise --max-items to see them."));
    }

    @Test
    void saysNothingMoreWhenEveryAccountIsShown() {
        anyscale.state().seedServiceAccounts("acct-", 60);

        Cli.Result result = cli.run("service-account", "list", "--max-items", "60", "-o", "json");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("acct-00060").doesNotContain("acct-00061");
        assertThat(result.err()).isEmpty();
    }

    @Test
    void theDefaultIsTwentyLikeAnyscales() {
        anyscale.state().seedServiceAccounts("acct-", 21);

        Cli.Result result = cli.run("service-account", "list");

        assertThat(result.out().lines()).hasSize(22).last().asString().startsWith("acct-00020 ");
        assertThat(result.err()).contains("than the 20 shown");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "10001"})
    void maxItemsOutsideOneToTenThousandIsAUsageErrorAndSendsNothing(String maxItems) {
        Cli.Result result = cli.run("service-account", "list", "--max-items", maxItems);

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err())
                .startsWith("Error: --max-items must be between 1 and 10000, got " + maxItems + ".")
                .contains("Try 'anyscale service-account list --help' for more information.");
        assertThat(result.out()).isEmpty();
        assertThat(anyscale.faults().totalRequestCount()).isZero();
    }

    @Test
    void aMaxItemsThatIsNoNumberIsAUsageError() {
        Cli.Result result = cli.run("service-account", "list", "--max-items", "many");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("'many' is not an int");
        assertThat(anyscale.faults().totalRequestCount()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"text", "table"})
    void namesWithControlCharactersCannotForgeRowsOrEscapeSequences(String format) {
        anyscale.state().createServiceAccount("evil\u001b[31m\nfake-row\u202Egnp.exe\u2028x");

        Cli.Result result = cli.run("service-account", "list", "-o", format);

        assertThat(result.out().lines()).hasSize(format.equals("text") ? 3 : 2);
        assertThat(result.out())
                .contains("evil?[31m?fake-row?gnp.exe?x")
                .doesNotContain("\u001b")
                .doesNotContain("\u202E");
    }

    @Test
    void jsonAndYamlKeepNamesIntactEscapedByTheirLibraries() {
        anyscale.state().createServiceAccount("evil\u001b[31m");

        assertThat(cli.run("service-account", "list", "-o", "json").out())
                .contains("\"name\": \"evil\\u001B[31m\"")
                .doesNotContain("\u001b");
        assertThat(cli.run("service-account", "list", "-o", "yaml").out())
                .contains("- name: \"evil\\e[31m\"")
                .doesNotContain("\u001b");
    }

    static String[] args(String commandLine) {
        return commandLine.split(" ");
    }

    static String pad(String text, int width) {
        return text + " ".repeat(width - text.length());
    }

    static String lines(String... lines) {
        return String.join(System.lineSeparator(), lines) + System.lineSeparator();
    }
}
