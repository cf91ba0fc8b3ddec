package io.jenkins.plugins.anyscale.cli;

import io.jenkins.plugins.anyscale.client.ApiKey;
import io.jenkins.plugins.anyscale.client.ServiceAccount;
import io.jenkins.plugins.anyscale.client.provisioning.KeyOwner;
import io.jenkins.plugins.anyscale.client.provisioning.KeyTarget;
import io.jenkins.plugins.anyscale.client.provisioning.KeyTargetRefusedException;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Prints the key on standard output, as Anyscale's CLI does: with {@code -o text}, the success message and the warning
 * that the key appears only once on standard error, then the key alone on its line on standard output, so that {@code
 * KEY=$(anyscale service-account create -n x)} captures exactly the key; with {@code -o json} or {@code yaml}, the
 * document ({@code {"name": ..., "api_key": ...}} for create, {@code {"api_key": ...}} for the others). If standard
 * output cannot take it (a closed pipe), the store fails, so that create deletes the account again and rotate reports
 * an account without a key.
 */
final class StdoutKeySink implements KeyDestination {

    /** Anyscale's CLI's words ({@code _print_new_api_key}). */
    static final String WARNING = "The following API token for the service account will only appear once:";

    static final String API_KEY = "api_key";

    private final KeyReport report;

    StdoutKeySink(KeyReport report) {
        this.report = report;
    }

    @Override
    public void checkAccepts(KeyTarget target, KeyOwner owner) {
        if (report.out().checkError()) {
            throw closed();
        }
    }

    @Override
    public void store(KeyTarget target, ApiKey key) {
        PrintWriter out = report.out();
        if (report.format().structured()) {
            Map<String, Object> document = new LinkedHashMap<>(report.fields());
            document.put(API_KEY, key.secret());
            StructuredOutput.write(report.format(), out, document);
        } else {
            report.printHeadline();
            report.err().println(WARNING);
            report.err().flush();
            out.println(key.secret());
        }
        // checkError() flushes, and sees the error flag of the PrintStream under the writer too.
        if (out.checkError()) {
            // A refusal, not a failure to retry: a closed standard output stays closed.
            throw closed();
        }
    }

    private static KeyTargetRefusedException closed() {
        return new KeyTargetRefusedException(
                "Standard output is closed (a closed pipe?): the API key could not be written to it.");
    }

    @Override
    public String describe(KeyTarget target) {
        return "standard output";
    }

    @Override
    public void reportDelivery(ServiceAccount account) {
        // All said with the key.
    }
}
