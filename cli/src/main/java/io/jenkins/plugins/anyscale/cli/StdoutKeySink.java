package io.jenkins.plugins.anyscale.cli;

import io.jenkins.plugins.anyscale.client.ApiKey;
import io.jenkins.plugins.anyscale.client.provisioning.KeyOwner;
import io.jenkins.plugins.anyscale.client.provisioning.KeyTarget;
import io.jenkins.plugins.anyscale.client.provisioning.KeyTargetRefusedException;
import java.io.PrintWriter;

/**
 * Prints the key alone on its line on standard output, so that {@code KEY=$(anyscale service-account create -n x)}
 * captures exactly the key, after Anyscale's warning on standard error. If standard output cannot take it (a closed
 * pipe), the store fails, so that create deletes the account again and rotate reports an account without a key.
 */
final class StdoutKeySink implements KeyDestination {

    /** Anyscale's CLI's words ({@code ServiceAccountController._print_new_api_key}). */
    static final String WARNING = "The following API token for the service account will only appear once:";

    private final PrintWriter out;
    private final PrintWriter err;

    StdoutKeySink(PrintWriter out, PrintWriter err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public void checkAccepts(KeyTarget target, KeyOwner owner) {
        if (out.checkError()) {
            throw closed();
        }
    }

    @Override
    public void store(KeyTarget target, ApiKey key) {
        err.println(WARNING);
        err.flush();
        out.println(key.secret());
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
    public void confirmDelivery(PrintWriter err) {
        // The warning before the key said it all.
    }
}
