package io.jenkins.plugins.anyscale.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code anyscale service-account}: the group of the five commands. */
@Command(
        name = "service-account",
        description = "Manage service accounts for your anyscale workloads.",
        subcommands = {
            CreateCommand.class,
            CreateApiKeyCommand.class,
            ListCommand.class,
            DeleteCommand.class,
            RotateApiKeysCommand.class
        })
final class ServiceAccountCommand {

    @ParentCommand
    AnyscaleCommand root;
}
