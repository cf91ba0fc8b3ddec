package io.jenkins.plugins.anyscale.cli;

import io.jenkins.plugins.anyscale.client.ServiceAccountList;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.Option;

/**
 * {@code list [--max-items N]}: the first N accounts, reading as many pages as needed, and a word on standard error
 * when there are more.
 */
@Command(name = "list", description = "List all service accounts.")
final class ListCommand extends ServiceAccountSubcommand {

    /** The most the command line asks for; the client caps what one listing may hold. */
    static final int MAX_ITEMS_LIMIT = 10_000;

    @Option(
            names = "--max-items",
            paramLabel = "N",
            defaultValue = "20",
            showDefaultValue = Visibility.ALWAYS,
            description = "Max items to show in list.")
    int maxItems;

    @Override
    void run() {
        if (maxItems < 1 || maxItems > MAX_ITEMS_LIMIT) {
            throw usageError("--max-items must be between 1 and " + MAX_ITEMS_LIMIT + ", got " + maxItems + ".");
        }
        ServiceAccountList accounts = session().accounts().list(maxItems);
        if (json) {
            AccountJson.writeList(out(), accounts);
        } else {
            AccountTable.print(out(), accounts);
        }
        if (accounts.hasMore()) {
            err().println("There are more service accounts than the " + maxItems
                    + " shown: raise --max-items to see them.");
        }
    }
}
