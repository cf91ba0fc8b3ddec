package io.jenkins.plugins.anyscale.cli;

import io.jenkins.plugins.anyscale.client.Printable;
import io.jenkins.plugins.anyscale.client.ServiceAccount;
import io.jenkins.plugins.anyscale.client.ServiceAccountRef;
import io.jenkins.plugins.anyscale.client.ServiceAccounts;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.Option;

/**
 * {@code delete (--email EMAIL | --name NAME)}: deletes the account; its keys stop working. Anyscale's {@code delete}
 * prints text only; {@code -o json} and {@code yaml} (and {@code --json}) print the deleted account.
 */
@Command(
        name = "delete",
        description = {"Delete a service account.", "", "Specify the service account by --email or --name."},
        customSynopsis = {
            "anyscale service-account delete (--email=EMAIL | --name=NAME)",
            "        [-hV] [-o=FORMAT] [--json]"
        })
final class DeleteCommand extends ServiceAccountSubcommand {

    @Option(names = "--email", paramLabel = "EMAIL", description = "Email of the service account to delete.")
    String email;

    @Option(names = "--name", paramLabel = "NAME", description = "Name of the service account to delete.")
    String name;

    @Option(
            names = {"-o", "--output"},
            paramLabel = "FORMAT",
            defaultValue = "text",
            showDefaultValue = Visibility.ALWAYS,
            completionCandidates = OutputFormat.Values.class,
            description = "Output format for the deleted service account: ${COMPLETION-CANDIDATES}.")
    String output;

    @Override
    void run() {
        ServiceAccountRef ref = account(email, name);
        OutputFormat format = outputFormat(output, OutputFormat.TEXT_JSON_YAML);
        // No key is made, so no provisioning: the client's exact lookup, then the delete by identity id.
        ServiceAccounts accounts = session().accounts();
        ServiceAccount account = accounts.find(ref);
        beginChanging(PendingWork.delete(ref));
        accounts.deleteAccount(account);
        if (format.structured()) {
            StructuredOutput.write(format, out(), AccountDict.of(account));
        } else {
            err().println(Printable.of("Service account " + ref.identifier() + " deleted successfully."));
        }
    }
}
