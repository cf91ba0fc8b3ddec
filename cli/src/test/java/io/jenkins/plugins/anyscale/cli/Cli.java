package io.jenkins.plugins.anyscale.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.anyscale.emulator.AnyscaleEmulator;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Runs the command line in-process against the emulator, with captured standard output and error, an environment of
 * its own and a home directory of its own. Every run checks that the owner token appears in neither stream, and that
 * no key reaches standard error.
 */
final class Cli {

    private final AnyscaleEmulator anyscale;
    private final Map<String, String> env = new HashMap<>();
    private final Path home;

    Cli(AnyscaleEmulator anyscale, Path home) {
        this.anyscale = anyscale;
        this.home = home;
        env.put(CliConfiguration.HOST_VARIABLE, anyscale.baseUrl());
        env.put(CliConfiguration.TOKEN_VARIABLE, anyscale.ownerToken());
    }

    Cli env(String name, String value) {
        if (value == null) {
            env.remove(name);
        } else {
            env.put(name, value);
        }
        return this;
    }

    Path home() {
        return home;
    }

    Result run(String... args) {
        StringWriter out = new StringWriter();
        return run(new PrintWriter(out), out, args);
    }

    /** With a standard output of the test's choosing, e.g. one that fails; {@link Result#out()} is then empty. */
    Result runWithOut(PrintWriter stdout, String... args) {
        return run(stdout, new StringWriter(), args);
    }

    private Result run(PrintWriter stdout, StringWriter captured, String... args) {
        StringWriter err = new StringWriter();
        int code = AnyscaleCli.commandLine(new CliEnvironment(env, home), stdout, new PrintWriter(err))
                .execute(args);
        stdout.flush();
        Result result = new Result(code, captured.toString(), err.toString());
        assertThat(result.out() + result.err()).doesNotContain(anyscale.ownerToken());
        // Every key the emulator mints starts so: none may ever reach standard error.
        assertThat(result.err()).doesNotContain("aph0_");
        return result;
    }

    record Result(int exitCode, String out, String err) {

        /** Standard output without its line separator: what {@code $(...)} captures. */
        String outLine() {
            return out.strip();
        }
    }
}
