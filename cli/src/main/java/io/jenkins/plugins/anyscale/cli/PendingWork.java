package io.jenkins.plugins.anyscale.cli;

import io.jenkins.plugins.anyscale.client.Printable;
import io.jenkins.plugins.anyscale.client.ServiceAccountRef;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What a command that changes an account is doing, what a halt in the middle of it may leave, and the commands that
 * check and put it right: what the command line says when Ctrl-C's grace runs out before the command is done.
 *
 * @param doing what the command was doing, e.g. {@code creating service account 'ci-bot'}
 * @param mayBeLeft what may be left
 * @param remedies the commands to run, each with what it is for in parentheses
 */
record PendingWork(String doing, String mayBeLeft, List<String> remedies) {

    private static final Pattern SHELL_WORD = Pattern.compile("[A-Za-z0-9@%+=:,./_-]+");
    private static final String LIST = "anyscale service-account list (shows which accounts exist)";

    static PendingWork create(String name, KeyDestination key) {
        String destination = key.describe(KeyDestination.TARGET);
        String option = "--name " + shellWord(name);
        return new PendingWork(
                "creating service account " + quoted(name) + " (its key going to " + destination + ")",
                "the account, perhaps with an API key that nothing holds" + partlyWritten(key),
                List.of(
                        LIST,
                        "anyscale service-account delete " + option + " (removes the account)",
                        "anyscale service-account rotate-api-keys " + option
                                + " (keeps it, revokes any key nothing holds and delivers a new one)"));
    }

    static PendingWork createApiKey(ServiceAccountRef ref, KeyDestination key) {
        String destination = key.describe(KeyDestination.TARGET);
        return new PendingWork(
                "creating an API key for service account " + describe(ref) + " (going to " + destination + ")",
                "a valid API key that nothing holds" + partlyWritten(key),
                List.of("anyscale service-account rotate-api-keys " + option(ref)
                        + " (revokes it, with every other key of the account, and delivers a new one)"));
    }

    static PendingWork rotateApiKeys(ServiceAccountRef ref, KeyDestination key) {
        String destination = key.describe(KeyDestination.TARGET);
        return new PendingWork(
                "rotating the API keys of service account " + describe(ref) + " (the new key going to " + destination
                        + ")",
                "the account with its keys revoked and no working key delivered" + partlyWritten(key),
                List.of("anyscale service-account rotate-api-keys " + option(ref) + " (delivers a working key)"));
    }

    static PendingWork delete(ServiceAccountRef ref) {
        return new PendingWork(
                "deleting service account " + describe(ref),
                "the account, deleted or not",
                List.of(LIST, "anyscale service-account delete " + option(ref) + " (deletes it if it is still there)"));
    }

    /** The message, in lines, for the person at the terminal; control characters in names are shown as {@code ?}. */
    List<String> explain() {
        return List.of(
                Printable.of("It was stopped while " + doing + "."),
                Printable.of("What may be left: " + mayBeLeft + "."),
                Printable.of("To check and recover: " + String.join("; ", remedies) + "."));
    }

    /** A key file may be left half-written; what went to standard output is the reader's to see. */
    private static String partlyWritten(KeyDestination key) {
        return key.writesFile() ? ", and " + key.describe(KeyDestination.TARGET) + " may be missing or incomplete" : "";
    }

    private static String describe(ServiceAccountRef ref) {
        return quoted(ref.identifier());
    }

    private static String option(ServiceAccountRef ref) {
        return (ref.name() != null ? "--name " : "--email ") + shellWord(ref.identifier());
    }

    private static String quoted(String text) {
        return "'" + text + "'";
    }

    /** The word as a POSIX shell reads it back: as it is when it needs no quoting, else in single quotes. */
    static String shellWord(String word) {
        if (SHELL_WORD.matcher(word).matches()) {
            return word;
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
