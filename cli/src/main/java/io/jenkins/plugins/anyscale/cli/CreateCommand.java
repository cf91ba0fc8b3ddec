package io.jenkins.plugins.anyscale.cli;

import io.jenkins.plugins.anyscale.client.provisioning.ProvisioningOutcome;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code create --name NAME}: creates the account and delivers its first key; if the key cannot be delivered, the
 * account is deleted again.
 */
@Command(name = "create", description = "Create a service account.")
final class CreateCommand extends ServiceAccountSubcommand {

    @Option(
            names = {"--name", "-n"},
            paramLabel = "NAME",
            required = true,
            description = "Name for the service account.")
    String name;

    @Mixin
    KeyFileOptions keyOptions;

    @Override
    void run() {
        nonEmpty(name, "--name");
        KeyDestination destination = keyOptions.destination(spec, json);
        ProvisioningOutcome outcome = session().provisioner().create(name, KeyDestination.TARGET, destination);
        if (json) {
            AccountJson.write(out(), outcome.account());
        } else {
            err().println("Service account " + name + " created successfully.");
        }
        destination.confirmDelivery(err());
        printNotes(outcome);
    }
}
