package io.jenkins.plugins.anyscale.cli;

import io.jenkins.plugins.anyscale.client.ServiceAccountRef;
import io.jenkins.plugins.anyscale.client.provisioning.ProvisioningOutcome;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code create-api-key (--email EMAIL | --name NAME)}: one more key; the account's other keys stay valid. */
@Command(
        name = "create-api-key",
        description = {
            "Create a new API key for a service account.",
            "",
            "Specify the service account by --email or --name. The new API token is printed once and can't be"
                    + " retrieved later, so store it securely."
        },
        customSynopsis = {
            "anyscale service-account create-api-key (--email=EMAIL | --name=NAME)",
            "        [-hV] [-o=FORMAT] [--json] [--key-file=PATH [--force]]"
        })
final class CreateApiKeyCommand extends ServiceAccountSubcommand {

    @Option(
            names = "--email",
            paramLabel = "EMAIL",
            description = "Email of the service account to create the new key for.")
    String email;

    @Option(
            names = "--name",
            paramLabel = "NAME",
            description = "Name of the service account to create the new key for.")
    String name;

    @Option(
            names = {"-o", "--output"},
            paramLabel = "FORMAT",
            defaultValue = "text",
            showDefaultValue = Visibility.ALWAYS,
            completionCandidates = OutputFormat.Values.class,
            description = "Output format for the new API token: ${COMPLETION-CANDIDATES}.")
    String output;

    @Mixin
    KeyFileOptions keyOptions;

    @Override
    void run() {
        ServiceAccountRef ref = account(email, name);
        OutputFormat format = outputFormat(output, OutputFormat.TEXT_JSON_YAML);
        KeyDestination destination = keyOptions.destination(spec, new KeyReport(format, null, Map.of(), out(), err()));
        CliSession session = session();
        beginChanging(PendingWork.createApiKey(ref, destination));
        ProvisioningOutcome outcome = session.provisioner().createApiKey(ref, KeyDestination.TARGET, destination);
        destination.reportDelivery(outcome.account());
        printNotes(outcome);
    }
}
