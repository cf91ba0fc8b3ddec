package io.jenkins.plugins.anyscale.cli;

import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.time.Duration;

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
        CommandProgress progress = new CommandProgress();
        GracefulShutdown shutdown = new GracefulShutdown(GRACE, progress, err);
        Runtime.getRuntime().addShutdownHook(new Thread(shutdown::awaitCommand, "anyscale-cli-shutdown"));
        int code;
        try {
            code = AnyscaleCli.commandLine(CliEnvironment.system(), out, err, progress)
                    .execute(args);
        } finally {
            out.flush();
            err.flush();
            shutdown.commandFinished();
        }
        System.exit(code);
    }
}
