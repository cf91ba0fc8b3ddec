package io.jenkins.plugins.anyscale.cli;

import java.io.PrintWriter;
import picocli.CommandLine;

/** Builds the command line for an environment and two writers: what {@link Main} runs, and what tests run in-process. */
public final class AnyscaleCli {

    private AnyscaleCli() {}

    /**
     * @param out standard output: data (tables, JSON, keys)
     * @param err standard error: messages for people
     */
    public static CommandLine commandLine(CliEnvironment environment, PrintWriter out, PrintWriter err) {
        return commandLine(environment, out, err, new CommandProgress());
    }

    /** @param progress where the command in progress says what it is changing, for {@link GracefulShutdown} */
    static CommandLine commandLine(
            CliEnvironment environment, PrintWriter out, PrintWriter err, CommandProgress progress) {
        FailureReporter failures = new FailureReporter();
        CommandLine commandLine = new CommandLine(new AnyscaleCommand(environment, progress))
                .setOut(out)
                .setErr(err)
                .setParameterExceptionHandler(failures)
                .setExecutionExceptionHandler(failures);
        // picocli hides its completion command by default; this one is part of the interface.
        commandLine
                .getSubcommands()
                .get("generate-completion")
                .getCommandSpec()
                .usageMessage()
                .hidden(false);
        return commandLine;
    }
}
