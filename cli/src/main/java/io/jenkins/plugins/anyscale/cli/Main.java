package io.jenkins.plugins.anyscale.cli;

import java.io.PrintWriter;
import java.nio.charset.Charset;

/** {@code java -jar anyscale-cli.jar service-account ...}: runs the command line and exits with its code. */
public final class Main {

    private Main() {}

    public static void main(String[] args) {
        Charset charset = Charset.defaultCharset();
        // Over the PrintStreams themselves, so that checkError() sees a failed write to a closed pipe.
        PrintWriter out = new PrintWriter(System.out, false, charset);
        PrintWriter err = new PrintWriter(System.err, true, charset);
        int code = AnyscaleCli.commandLine(CliEnvironment.system(), out, err).execute(args);
        out.flush();
        err.flush();
        System.exit(code);
    }
}
