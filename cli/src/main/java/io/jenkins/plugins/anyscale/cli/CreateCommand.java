package io.jenkins.plugins.anyscale.cli;

import io.jenkins.plugins.anyscale.client.ConflictException;
import io.jenkins.plugins.anyscale.client.provisioning.ProvisioningOutcome;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code create --name NAME}: creates the account and delivers its first key; if the key cannot be delivered, the
 * account is deleted again.
 */
@Command(
        name = "create",
        description = {
            "Create a service account.",
            "",
            "The service account's API token is printed once on creation and can't be retrieved later, so store it"
                    + " securely."
        })
final class CreateCommand extends ServiceAccountSubcommand {

    @Option(
            names = {"--name", "-n"},
            paramLabel = "NAME",
            required = true,
            description = "Name for the service account.")
    String name;

    @Option(
            names = {"-o", "--output"},
            paramLabel = "FORMAT",
            defaultValue = "text",
            showDefaultValue = Visibility.ALWAYS,
            completionCandidates = OutputFormat.Values.class,
            description = "Output format for the created service account and its API token: ${COMPLETION-CANDIDATES}.")
    String output;

    @Mixin
    KeyFileOptions keyOptions;

    @Override
    void run() {
        nonEmpty(name, "--name");
        OutputFormat format = outputFormat(output, OutputFormat.TEXT_JSON_YAML);
        KeyReport report = new KeyReport(
                format,
                "Service account " + name + " created successfully.",
                Map.of(AccountDict.NAME, name),
                out(),
                err());
        KeyDestination destination = keyOptions.destination(spec, report);
        CliSession session = session();
        beginChanging(PendingWork.create(name, destination));
        ProvisioningOutcome outcome;
        try {
            outcome = session.provisioner().create(name, KeyDestination.TARGET, destination);
        } catch (ConflictException e) {
            // The client's message speaks of stored keys, as the Jenkins steps have them: say it with commands.
            String option = "--name " + PendingWork.shellWord(name);
            throw new CommandFailedException(
                    "A service account named '" + name + "' already exists; nothing was created. Choose another"
                            + " name, or run 'anyscale service-account create-api-key " + option + "' for another"
                            + " API key of it.",
                    e);
        }
        destination.reportDelivery(outcome.account());
        printNotes(outcome);
    }
}
