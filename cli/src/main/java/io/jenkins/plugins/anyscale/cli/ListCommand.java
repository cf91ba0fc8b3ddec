package io.jenkins.plugins.anyscale.cli;

import io.jenkins.plugins.anyscale.client.ServiceAccountList;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.Option;

/**
 * {@code list [--max-items N]}: the first N accounts, reading as many pages as needed, and a word on standard error
 * when there are more.
 */
@Command(name = "list", description = "List service accounts.")
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

    @Option(
            names = {"-o", "--output"},
            paramLabel = "FORMAT",
            defaultValue = "text",
            showDefaultValue = Visibility.ALWAYS,
            completionCandidates = OutputFormat.ListValues.class,
            description = "Output format for the result: ${COMPLETION-CANDIDATES}.")
    String output;

    @Override
    void run() {
        if (maxItems < 1 || maxItems > MAX_ITEMS_LIMIT) {
            throw usageError("--max-items must be between 1 and " + MAX_ITEMS_LIMIT + ", got " + maxItems + ".");
        }
        OutputFormat format = outputFormat(output, OutputFormat.ALL);
        ServiceAccountList accounts = session().accounts().list(maxItems);
        switch (format) {
            case TEXT -> AccountTable.printText(out(), accounts);
            case TABLE -> AccountTable.printDicts(out(), accounts);
            default ->
                StructuredOutput.write(
                        format, out(), accounts.stream().map(AccountDict::of).toList());
        }
        if (accounts.hasMore()) {
            err().println("There are more service accounts than the " + maxItems
                    + " shown: raise --max-items to see them.");
        }
    }
}
