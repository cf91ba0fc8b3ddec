package io.jenkins.plugins.anyscale.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * What the command line reads from its surroundings: environment variables and the home directory. Everything that
 * reads configuration takes one of these, so tests pass their own and never see the real ones.
 *
 * @param variables the environment
 * @param home the home directory, where {@code .anyscale/credentials.json} lives
 */
public record CliEnvironment(Map<String, String> variables, Path home) {

    public CliEnvironment {
        variables = Map.copyOf(variables);
        Objects.requireNonNull(home, "home");
    }

    /**
     * The process's own environment. The home directory is {@code $HOME} when set, as Anyscale's CLI (Python's
     * {@code expanduser}) reads it, else the JVM's {@code user.home}.
     */
    public static CliEnvironment system() {
        Map<String, String> env = System.getenv();
        String home = env.get("HOME");
        return new CliEnvironment(
                env, Path.of(home == null || home.isBlank() ? System.getProperty("user.home") : home));
    }

    /** The variable's value, or {@code null} when it is not set. */
    String get(String name) {
        return variables.get(name);
    }

    @Override
    public String toString() {
        // The environment holds the token: never print it.
        return "CliEnvironment[home=" + home + "]";
    }
}
