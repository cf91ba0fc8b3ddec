package io.jenkins.plugins.anyscale.cli;

import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.ScopeType;

/** {@code anyscale}: the top of the command line. Holds the environment, and the session once a command needs one. */
@Command(
        name = "anyscale",
        scope = ScopeType.INHERIT,
        mixinStandardHelpOptions = true,
        versionProvider = CliVersion.class,
        description = {
            "Anyscale's service-account commands, in Java, on the anyscale-client library.",
            "Options, help texts and output follow the newest generation of Anyscale's CLI (-o/--output);",
            "rotate-api-keys, which it no longer has, follows Anyscale's service-account reference."
        },
        subcommands = {ServiceAccountCommand.class, AutoComplete.GenerateCompletion.class},
        footerHeading = "%nConfiguration (as Anyscale's CLI reads it):%n",
        footer = {
            "  ANYSCALE_HOST       the Anyscale origin, default https://console.anyscale.com",
            "  ANYSCALE_CLI_TOKEN  an organization owner's API key; without it, the",
            "                      \"cli_token\" of ~/.anyscale/credentials.json, which",
            "                      must be readable only by you"
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:success",
            "1:Anyscale or the network failed (a token that Anyscale refuses too), or the key could not be"
                    + " delivered; the message says what is left",
            "2:the command line or the configuration is wrong, found before anything was sent; nothing was changed"
        })
public final class AnyscaleCommand {

    private final CliEnvironment environment;
    private final CommandProgress progress;
    private CliSession session;

    AnyscaleCommand(CliEnvironment environment, CommandProgress progress) {
        this.environment = environment;
        this.progress = progress;
    }

    /** Where a command says what it is about to change. */
    CommandProgress progress() {
        return progress;
    }

    /**
     * The session of this run, opened on first use: reading the configuration only when a command is about to call
     * Anyscale, after its own options were checked.
     *
     * @throws ConfigurationException if the host or the token is missing or wrong
     */
    CliSession session() {
        if (session == null) {
            session = CliSession.open(CliConfiguration.read(environment));
        }
        return session;
    }
}
