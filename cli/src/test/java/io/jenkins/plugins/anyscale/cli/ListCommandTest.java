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
    void printsATableWithAnyscalesColumnsPaddedToTheWidestCell() {
        EmulatedAccount bot = anyscale.state().createServiceAccount("ci-bot");
        EmulatedAccount release = anyscale.state().createServiceAccount("release-automation");

        Cli.Result result = cli.run("service-account", "list");

        assertThat(result.exitCode()).isZero();
        String date = DateTimeFormatter.ofPattern("yyyy/MM/dd").format(bot.createdAt());
        String releaseDate = DateTimeFormatter.ofPattern("yyyy/MM/dd").format(release.createdAt());
        assertThat(result.out())
                .isEqualTo(lines(
                        "NAME                 CREATED AT   ORGANIZATION ROLE   EMAIL",
                        "ci-bot               " + date + "   collaborator        " + bot.email(),
                        "release-automation   " + releaseDate + "   collaborator        " + release.email()));
        assertThat(result.err()).isEmpty();
        assertThat(anyscale.faults().requestCount(Endpoint.LIST_COLLABORATORS)).isEqualTo(1);
    }

    @Test
    void printsTheSdksToDictAsJson() {
        EmulatedAccount bot = anyscale.state().createServiceAccount("ci-bot");

        Cli.Result result = cli.run("service-account", "list", "--json");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out())
                .isEqualTo(lines(
                        "[",
                        "  {",
                        "    \"name\": \"ci-bot\",",
                        "    \"created_at\": \"" + AccountJson.isoformat(bot.createdAt()) + "\",",
                        "    \"permission_level\": \"COLLABORATOR\",",
                        "    \"email\": \"" + bot.email() + "\"",
                        "  }",
                        "]"));
        // The emulator's timestamps have microseconds and a +00:00 offset, as Python's isoformat() writes them.
        assertThat(AccountJson.isoformat(bot.createdAt()))
                .matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{6})?\\+00:00");
        assertThat(result.err()).isEmpty();
    }

    @Test
    void anEmptyOrganizationIsAHeaderAloneOrAnEmptyArray() {
        assertThat(cli.run("service-account", "list").out())
                .isEqualTo(lines("NAME   CREATED AT   ORGANIZATION ROLE   EMAIL"));
        assertThat(cli.run("service-account", "list", "--json").out()).isEqualTo(lines("[]"));
    }

    @Test
    void readsAsManyPagesAsMaxItemsNeedsAndSaysWhenThereAreMore() {
        anyscale.state().seedServiceAccounts("acct-", 130);

        Cli.Result result = cli.run("service-account", "list", "--max-items", "120");

        assertThat(result.exitCode()).isZero();
        List<String> rows = result.out().lines().toList();
        assertThat(rows).hasSize(121);
        assertThat(rows.get(1)).startsWith("acct-00001 ");
        assertThat(rows.get(120)).startsWith("acct-00120 ");
        assertThat(anyscale.faults().requestCount(Endpoint.LIST_COLLABORATORS)).isEqualTo(3);
        assertThat(result.err())
                .isEqualTo(lines("There are more service accounts than the 120 shown: raise --max-items to see them."));
    }

    @Test
    void saysNothingMoreWhenEveryAccountIsShown() {
        anyscale.state().seedServiceAccounts("acct-", 60);

        Cli.Result result = cli.run("service-account", "list", "--max-items", "60", "--json");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("acct-00060").doesNotContain("acct-00061");
        assertThat(result.err()).isEmpty();
    }

    @Test
    void theDefaultIsTwentyLikeAnyscales() {
        anyscale.state().seedServiceAccounts("acct-", 21);

        Cli.Result result = cli.run("service-account", "list");

        assertThat(result.out().lines()).hasSize(21).last().asString().startsWith("acct-00020 ");
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

    @Test
    void namesWithControlCharactersCannotForgeRowsOrEscapeSequences() {
        anyscale.state().createServiceAccount("evil\u001b[31m\nfake-row");

        Cli.Result result = cli.run("service-account", "list");

        assertThat(result.out().lines()).hasSize(2);
        assertThat(result.out()).contains("evil?[31m?fake-row").doesNotContain("\u001b");
    }

    static String lines(String... lines) {
        return String.join(System.lineSeparator(), lines) + System.lineSeparator();
    }
}
