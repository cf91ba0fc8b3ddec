package io.jenkins.plugins.anyscale.cli;

import io.jenkins.plugins.anyscale.client.ServiceAccountRef;
import io.jenkins.plugins.anyscale.client.provisioning.ProvisioningOutcome;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code rotate-api-keys (--email EMAIL | --name NAME)}: revokes every key of the account and delivers a new one;
 * minting and delivering are retried, and a final failure says the account has no working key.
 */
@Command(
        name = "rotate-api-keys",
        description = "Rotate all api keys of a service account.",
        customSynopsis = {
            "anyscale service-account rotate-api-keys (--email=EMAIL | --name=NAME)",
            "        [-hV] [--json] [--key-file=PATH [--force]]"
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

    @Mixin
    KeyFileOptions keyOptions;

    @Override
    void run() {
        ServiceAccountRef ref = account(email, name);
        KeyDestination destination = keyOptions.destination(spec, json);
        ProvisioningOutcome outcome = session().provisioner().rotateApiKeys(ref, KeyDestination.TARGET, destination);
        if (json) {
            AccountJson.write(out(), outcome.account());
        } else {
            err().println("All API keys for service account " + ref.identifier() + " rotated successfully.");
        }
        destination.confirmDelivery(err());
        printNotes(outcome);
    }
}
