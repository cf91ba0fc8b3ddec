package io.jenkins.plugins.anyscale.cli;

import io.jenkins.plugins.anyscale.client.ServiceAccountRef;
import io.jenkins.plugins.anyscale.client.provisioning.ProvisioningOutcome;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * What the five commands share: {@code --json}, the session, standard output for data and standard error for people,
 * and usage errors (exit code 2) raised before anything is sent.
 */
abstract class ServiceAccountSubcommand implements Callable<Integer> {

    @ParentCommand
    ServiceAccountCommand group;

    @Spec
    CommandSpec spec;

    @Option(
            names = "--json",
            description = "Print machine-readable JSON on standard output instead of text for people.")
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
            err().println("Note: " + note + ".");
        }
    }
}
