package io.jenkins.plugins.anyscale.cli;

import io.jenkins.plugins.anyscale.client.Printable;
import io.jenkins.plugins.anyscale.client.ServiceAccountRef;
import io.jenkins.plugins.anyscale.client.provisioning.ProvisioningOutcome;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * What the five commands share: {@code --json}, the output format, the session, standard output for data and standard
 * error for people, and usage errors (exit code 2) raised before anything is sent.
 */
abstract class ServiceAccountSubcommand implements Callable<Integer> {

    @ParentCommand
    ServiceAccountCommand group;

    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "Same as -o json; kept for scripts written for earlier versions.")
    boolean json;

    @Override
    public final Integer call() {
        run();
        out().flush();
        err().flush();
        return 0;
    }

    /** Checks the options (usage errors first), then does the work. */
    abstract void run();

    CliSession session() {
        return group.root.session();
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /**
     * The output format of {@code -o} among the ones the command offers, as Anyscale's {@code resolve_output_format}
     * reads it with {@code --json}: {@code -o json}, {@code yaml} or {@code table} win over {@code --json}, and {@code
     * --json} wins over {@code text}.
     */
    OutputFormat outputFormat(String output, List<OutputFormat> offered) {
        OutputFormat format = OutputFormat.named(output, offered);
        if (format == null) {
            throw usageError("Invalid value for '-o' / '--output': '" + output + "' is not one of "
                    + offered.stream().map(f -> "'" + f.value() + "'").collect(Collectors.joining(", ")) + ".");
        }
        return format == OutputFormat.TEXT && json ? OutputFormat.JSON : format;
    }

    /** Says what the command is about to change, for the message if Ctrl-C's grace runs out before it is done. */
    void beginChanging(PendingWork work) {
        group.root.progress().begin(work);
    }

    ParameterException usageError(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    /** The value of a required text option, refused when empty or blank. */
    String nonEmpty(String value, String option) {
        if (value != null && value.isBlank()) {
            throw usageError(option + " must not be empty.");
        }
        return value;
    }

    /**
     * Exactly one of {@code --email} and {@code --name}, with the SDK's own words when it is neither or both.
     */
    ServiceAccountRef account(String email, String name) {
        nonEmpty(email, "--email");
        nonEmpty(name, "--name");
        if (email == null && name == null) {
            throw usageError("Either email or name must be provided: add --email EMAIL or --name NAME.");
        }
        if (email != null && name != null) {
            throw usageError("Only one of email or name can be provided: give --email EMAIL or --name NAME, not both.");
        }
        return name != null ? ServiceAccountRef.byName(name) : ServiceAccountRef.byEmail(email);
    }

    /** Retries and recoveries on the way, for the person at the terminal. */
    void printNotes(ProvisioningOutcome outcome) {
        for (String note : outcome.notes()) {
            err().println(Printable.of("Note: " + note + "."));
        }
    }
}
