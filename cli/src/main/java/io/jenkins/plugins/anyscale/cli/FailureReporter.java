package io.jenkins.plugins.anyscale.cli;

import io.jenkins.plugins.anyscale.client.AnyscaleException;
import io.jenkins.plugins.anyscale.client.Printable;
import io.jenkins.plugins.anyscale.client.provisioning.KeySinkException;
import io.jenkins.plugins.anyscale.client.provisioning.KeyTargetRefusedException;
import io.jenkins.plugins.anyscale.client.provisioning.ProvisioningException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Turns what went wrong into one message on standard error and an exit code, never a stack trace: usage and
 * configuration errors exit 2, failures of Anyscale, of the network or of delivering a key exit 1, with Anyscale's
 * trace id when there is one. None of these messages holds the token or a key (the client and the sinks see to it).
 * They quote what the server said (details, names, trace ids), so control characters in them are shown as {@code ?}
 * ({@link Printable}).
 */
final class FailureReporter implements IExecutionExceptionHandler, IParameterExceptionHandler {

    @Override
    public int handleParseException(ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        PrintWriter err = command.getErr();
        err.println(Printable.of("Error: " + e.getMessage()));
        UnmatchedArgumentException.printSuggestions(e, err);
        err.println("Try '" + command.getCommandSpec().qualifiedName() + " --help' for more information.");
        err.flush();
        return ExitCodes.USAGE;
    }

    @Override
    public int handleExecutionException(Exception e, CommandLine command, ParseResult parseResult) {
        PrintWriter err = command.getErr();
        int code = exitCode(e);
        err.println(Printable.of("Error: " + message(e)));
        err.flush();
        return code;
    }

    static int exitCode(Exception e) {
        if (e instanceof CommandFailedException) {
            return ExitCodes.FAILED;
        }
        if (e instanceof ConfigurationException
                // Refused before anything changed: the provisioner asks the sink first, and wraps any later
                // refusal in a ProvisioningException that says what was done.
                || e instanceof KeyTargetRefusedException
                // The client refuses bad arguments before sending anything.
                || e instanceof IllegalArgumentException) {
            return ExitCodes.USAGE;
        }
        return ExitCodes.FAILED;
    }

    static String message(Exception e) {
        if (e instanceof AnyscaleException
                || e instanceof ProvisioningException
                || e instanceof KeySinkException
                || e instanceof ConfigurationException
                || e instanceof CommandFailedException
                || e instanceof IllegalArgumentException) {
            return withTraceId(e.getMessage(), e);
        }
        return "unexpected " + e.getClass().getName() + ": " + e.getMessage();
    }

    /** Adds the trace id of the first Anyscale error in the cause chain, unless the message already has it. */
    private static String withTraceId(String message, Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof AnyscaleException anyscale && anyscale.traceId() != null) {
                return message.contains(anyscale.traceId())
                        ? message
                        : message + " (Anyscale trace id: " + anyscale.traceId() + ")";
            }
        }
        return message;
    }
}
