package io.jenkins.plugins.anyscale.cli;

import io.jenkins.plugins.anyscale.client.ServiceAccount;
import io.jenkins.plugins.anyscale.client.ServiceAccountRef;
import io.jenkins.plugins.anyscale.client.ServiceAccounts;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code delete (--email EMAIL | --name NAME)}: deletes the account; its keys stop working. */
@Command(
        name = "delete",
        description = "Delete a service account.",
        customSynopsis = {"anyscale service-account delete (--email=EMAIL | --name=NAME)", "        [-hV] [--json]"})
final class DeleteCommand extends ServiceAccountSubcommand {

    @Option(names = "--email", paramLabel = "EMAIL", description = "Email of the service account to delete.")
    String email;

    @Option(names = "--name", paramLabel = "NAME", description = "Name of the service account to delete.")
    String name;

    @Override
    void run() {
        ServiceAccountRef ref = account(email, name);
        // No key is made, so no provisioning: the client's exact lookup, then the delete by identity id.
        ServiceAccounts accounts = session().accounts();
        ServiceAccount account = accounts.find(ref);
        accounts.deleteAccount(account);
        if (json) {
            AccountJson.write(out(), account);
        } else {
            err().println("Service account " + ref.identifier() + " deleted successfully.");
        }
    }
}
