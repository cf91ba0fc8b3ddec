package io.jenkins.plugins.anyscale.cli;

import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** {@code java -jar anyscale-cli.jar service-account ...}: runs the command line and exits with its code. */
public final class Main {

    /**
     * How long Ctrl-C or SIGTERM waits for the command in progress: longer than one call (60 s) and the provisioning
     * layer's recovery (20 s) together, so that a create can still roll back and a minted key still be delivered.
     */
    static final Duration GRACE = Duration.ofSeconds(90);

    private Main() {}

    public static void main(String[] args) {
        Charset charset = Charset.defaultCharset();
        // Over the PrintStreams themselves, so that checkError() sees a failed write to a closed pipe.
        PrintWriter out = new PrintWriter(System.out, false, charset);
        PrintWriter err = new PrintWriter(System.err, true, charset);
        CountDownLatch finished = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> finishFirst(finished, err), "anyscale-cli-shutdown"));
        int code;
        try {
            code = AnyscaleCli.commandLine(CliEnvironment.system(), out, err).execute(args);
        } finally {
            out.flush();
            err.flush();
            finished.countDown();
        }
        System.exit(code);
    }

    /**
     * On Ctrl-C or SIGTERM, lets the command finish before the JVM halts: stopped between creating an account and
     * delivering its key, it would leave an account with a key that nothing holds.
     */
    private static void finishFirst(CountDownLatch finished, PrintWriter err) {
        if (finished.getCount() == 0) {
            return; // the command is done: an ordinary exit
        }
        err.println("anyscale: stopping once the command in progress is done (at most " + GRACE.toSeconds()
                + " s), so that no key is lost and no account is left half-made.");
        err.flush();
        try {
            finished.await(GRACE.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
