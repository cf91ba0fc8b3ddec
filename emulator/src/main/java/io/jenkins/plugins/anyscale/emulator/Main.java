package io.jenkins.plugins.anyscale.emulator;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;

/** {@code java -jar anyscale-emulator.jar [--port N] [--bind ADDR] [--token T] [--org ID] [--seed N]}; see {@code --help}. */
public final class Main {

    static final int OK = 0;
    static final int USAGE_ERROR = 2;
    static final int START_FAILED = 1;

    private Main() {}

    public static void main(String[] args) {
        int code = run(args, System.out, System.err);
        if (code != OK) {
            System.exit(code);
        }
    }

    /** Runs the command line; once started, serves until the JVM shuts down (Ctrl-C). Returns the exit code. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, out, err, Main::serveUntilShutdown);
    }

    /**
     * Runs the command line: prints help or a usage error, or starts the emulator, announces it, hands it to
     * {@code whileRunning} and closes it when that returns.
     *
     * @return the exit code: 0, 1 if the server could not start, 2 for a usage error
     */
    static int run(String[] args, PrintStream out, PrintStream err, Consumer<AnyscaleEmulator> whileRunning) {
        CommandLine options;
        try {
            options = CommandLine.parse(args);
        } catch (CommandLine.UsageException e) {
            err.println("anyscale-emulator: " + e.getMessage());
            err.println("Try --help for the options.");
            return USAGE_ERROR;
        }
        if (options.help()) {
            out.println(CommandLine.USAGE);
            return OK;
        }
        AnyscaleEmulator.Builder builder =
                AnyscaleEmulator.builder().bindAddress(options.bindAddress()).port(options.port());
        if (options.token() != null) {
            builder.ownerToken(options.token());
        }
        if (options.organizationId() != null) {
            builder.organizationId(options.organizationId());
        }
        AnyscaleEmulator emulator;
        try {
            emulator = builder.start();
        } catch (UncheckedIOException e) {
            err.println("anyscale-emulator: " + e.getMessage());
            return START_FAILED;
        }
        try (emulator) {
            emulator.state().seedServiceAccounts(CommandLine.SEED_PREFIX, options.seed());
            announce(emulator, options, out);
            if (!sdkAcceptsToken(emulator.ownerToken())) {
                err.println(
                        "anyscale-emulator: warning: the Anyscale CLI/SDK refuses this owner token before sending any"
                                + " request (it only accepts tokens starting with 'sss_', or starting with 'a' and containing '_',"
                                + " like aph0_...); pass such a --token to use it with the CLI/SDK.");
                err.flush();
            }
            whileRunning.accept(emulator);
        }
        return OK;
    }

    /** The SDK's client-side sanity check of a token ({@code anyscale.util.credentials_check_sanity}). */
    static boolean sdkAcceptsToken(String token) {
        return token.startsWith("sss_") || (token.startsWith("a") && token.indexOf('_') >= 0);
    }

    private static void announce(AnyscaleEmulator emulator, CommandLine options, PrintStream out) {
        out.println("Anyscale emulator listening on " + emulator.baseUrl());
        out.println("  base URL:        " + emulator.baseUrl());
        out.println("  owner token:     " + emulator.ownerToken());
        out.println("  organization id: " + emulator.organizationId());
        if (options.seed() > 0) {
            out.println("  seeded:          " + options.seed() + " service accounts named " + CommandLine.SEED_PREFIX
                    + "00001...");
        }
        out.println("To use it with the Anyscale CLI/SDK:");
        out.println("  export ANYSCALE_HOST=" + emulator.baseUrl());
        out.println("  export ANYSCALE_CLI_TOKEN=" + emulator.ownerToken());
        out.println("Press Ctrl-C to stop.");
        out.flush();
    }

    private static void serveUntilShutdown(AnyscaleEmulator emulator) {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            emulator.close();
                            System.out.println("Anyscale emulator stopped.");
                            System.out.flush();
                            stopped.countDown();
                        },
                        "anyscale-emulator-shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
