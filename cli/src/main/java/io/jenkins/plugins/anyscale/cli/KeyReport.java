package io.jenkins.plugins.anyscale.cli;

import io.jenkins.plugins.anyscale.client.Printable;
import java.io.PrintWriter;
import java.util.Map;

/**
 * What a command that makes a key prints around it, in the order Anyscale's CLI prints it.
 *
 * @param format {@code -o}: {@code text} for people, {@code json} or {@code yaml} for programs
 * @param headline for {@code text}: the success message printed first, or {@code null} (create-api-key has none)
 * @param fields for {@code json} and {@code yaml}: what the document holds before {@code api_key} ({@code name} for
 *     create, nothing for the others)
 * @param out standard output
 * @param err standard error
 */
record KeyReport(OutputFormat format, String headline, Map<String, Object> fields, PrintWriter out, PrintWriter err) {

    /** Prints the headline, if any, on standard error. */
    void printHeadline() {
        if (headline != null) {
            err.println(Printable.of(headline));
        }
    }
}
