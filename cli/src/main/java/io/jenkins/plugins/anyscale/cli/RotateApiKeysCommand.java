package io.jenkins.plugins.anyscale.cli;

import io.jenkins.plugins.anyscale.client.ServiceAccountRef;
import io.jenkins.plugins.anyscale.client.provisioning.ProvisioningOutcome;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code rotate-api-keys (--email EMAIL | --name NAME)}: revokes every key of the account and delivers a new one;
 * minting and delivering are retried, and a final failure says the account has no working key. The newest generation
 * of Anyscale's CLI no longer has this command; its texts are those of Anyscale's service-account reference.
 */
@Command(
        name = "rotate-api-keys",
        description = "Rotate all api keys of a service account.",
        customSynopsis = {
            "anyscale service-account rotate-api-keys (--email=EMAIL | --name=NAME)",
            "        [-hV] [-o=FORMAT] [--json] [--key-file=PATH [--force]]"
        })
final class RotateApiKeysCommand extends ServiceAccountSubcommand {

    @Option(
            names = "--email",
            paramLabel = "EMAIL",
            description = "Rotate API keys for the service account with this email.")
    String email;

    @Option(
            names = "--name",
            paramLabel = "NAME",
            description = "Rotate API keys for the service account with this name.")
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
        KeyReport report = new KeyReport(
                format,
                "All API keys for service account " + ref.identifier() + " rotated successfully.",
                Map.of(),
                out(),
                err());
        KeyDestination destination = keyOptions.destination(spec, report);
        CliSession session = session();
        beginChanging(PendingWork.rotateApiKeys(ref, destination));
        ProvisioningOutcome outcome = session.provisioner().rotateApiKeys(ref, KeyDestination.TARGET, destination);
        destination.reportDelivery(outcome.account());
        printNotes(outcome);
    }
}
