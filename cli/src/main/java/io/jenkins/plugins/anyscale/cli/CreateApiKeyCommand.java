package io.jenkins.plugins.anyscale.cli;

import io.jenkins.plugins.anyscale.client.ServiceAccountRef;
import io.jenkins.plugins.anyscale.client.provisioning.ProvisioningOutcome;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code create-api-key (--email EMAIL | --name NAME)}: one more key; the account's other keys stay valid. */
@Command(
        name = "create-api-key",
        description = "Create a new API key for a service account.",
        customSynopsis = {
            "anyscale service-account create-api-key (--email=EMAIL | --name=NAME)",
            "        [-hV] [--json] [--key-file=PATH [--force]]"
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

    @Mixin
    KeyFileOptions keyOptions;

    @Override
    void run() {
        ServiceAccountRef ref = account(email, name);
        KeyDestination destination = keyOptions.destination(spec, json);
        ProvisioningOutcome outcome = session().provisioner().createApiKey(ref, KeyDestination.TARGET, destination);
        if (json) {
            AccountJson.write(out(), outcome.account());
        }
        destination.confirmDelivery(err());
        printNotes(outcome);
    }
}
