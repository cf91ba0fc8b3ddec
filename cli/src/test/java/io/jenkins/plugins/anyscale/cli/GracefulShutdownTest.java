package io.jenkins.plugins.anyscale.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.anyscale.emulator.AnyscaleEmulator;
import io.jenkins.plugins.anyscale.emulator.AnyscaleEmulatorExtension;
import io.jenkins.plugins.anyscale.emulator.Endpoint;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * What Ctrl-C (or SIGTERM) says: the shutdown hook is called here directly, with a short grace, while the command runs
 * on another thread against an emulator that holds back the mint of the key.
 */
@ExtendWith(AnyscaleEmulatorExtension.class)
class GracefulShutdownTest {

    AnyscaleEmulator anyscale;
    CliEnvironment environment;
    Path dir;
    CommandProgress progress = new CommandProgress();
    StringWriter hookOutput = new StringWriter();

    @BeforeEach
    void setUp(AnyscaleEmulator emulator, @TempDir Path home, @TempDir Path dir) {
        anyscale = emulator;
        this.dir = dir;
        environment = new CliEnvironment(
                Map.of(
                        CliConfiguration.HOST_VARIABLE, emulator.baseUrl(),
                        CliConfiguration.TOKEN_VARIABLE, emulator.ownerToken()),
                home);
    }

    @Test
    void whenTheGraceRunsOutItSaysWhatMayBeLeftAndWhatToRun() throws Exception {
        Path keyFile = dir.resolve("ci-bot.key");
        anyscale.faults().delayNext(Endpoint.CREATE_API_KEY, 1, Duration.ofSeconds(5));
        GracefulShutdown shutdown = shutdown(Duration.ofMillis(100));
        CompletableFuture<Integer> command =
                start(shutdown, "service-account", "create", "-n", "ci-bot", "--key-file", keyFile.toString());
        awaitMint();

        shutdown.awaitCommand(); // the grace runs out while the mint is held back

        assertThat(hookOutput.toString())
                .isEqualTo(ListCommandTest.lines(
                        "anyscale: stopping once the command in progress is done (at most 100 ms), so that no key is"
                                + " lost and no account is left half-made.",
                        "anyscale: the command did not finish within 100 ms and is stopped now.",
                        "It was stopped while creating service account 'ci-bot' (its key going to key file " + keyFile
                                + ").",
                        "What may be left: the account, perhaps with an API key that nothing holds, and key file "
                                + keyFile + " may be missing or incomplete.",
                        "To check and recover: anyscale service-account list (shows which accounts exist);"
                                + " anyscale service-account delete --name ci-bot (removes the account);"
                                + " anyscale service-account rotate-api-keys --name ci-bot (keeps it, revokes any key"
                                + " nothing holds and delivers a new one)."));
        assertThat(command.get(30, TimeUnit.SECONDS)).isZero(); // here the JVM would have halted it
    }

    @Test
    void rotateNamesTheCommandThatRecoversWithTheNameQuotedForTheShell() throws Exception {
        anyscale.state().createServiceAccount("ci bot");
        anyscale.faults().delayNext(Endpoint.CREATE_API_KEY, 1, Duration.ofSeconds(5));
        GracefulShutdown shutdown = shutdown(Duration.ofMillis(100));
        CompletableFuture<Integer> command = start(shutdown, "service-account", "rotate-api-keys", "--name", "ci bot");
        awaitMint();

        shutdown.awaitCommand();

        assertThat(hookOutput.toString())
                .contains("It was stopped while rotating the API keys of service account 'ci bot' (the new key going"
                        + " to standard output).")
                .contains("What may be left: the account with its keys revoked and no working key delivered.")
                .contains("anyscale service-account rotate-api-keys --name 'ci bot' (delivers a working key).");
        assertThat(command.get(30, TimeUnit.SECONDS)).isZero();
    }

    @Test
    void aCommandThatFinishesWithinTheGraceEndsWithoutThatMessage() throws Exception {
        anyscale.faults().delayNext(Endpoint.CREATE_API_KEY, 1, Duration.ofSeconds(1));
        GracefulShutdown shutdown = shutdown(Duration.ofSeconds(60));
        CompletableFuture<Integer> command = start(shutdown, "service-account", "create", "-n", "ci-bot");
        awaitMint();

        shutdown.awaitCommand(); // returns once the command is done, long before the grace is out

        // The latch is released in the command's finally block, just before its future completes: not isDone().
        assertThat(command.get(30, TimeUnit.SECONDS)).isZero();
        assertThat(hookOutput.toString())
                .startsWith("anyscale: stopping once the command in progress is done (at most 60 s)")
                .doesNotContain("did not finish");
        assertThat(anyscale.state().liveKeys("ci-bot")).hasSize(1);
    }

    @Test
    void anOrdinaryExitSaysNothing() {
        GracefulShutdown shutdown = shutdown(Duration.ofMillis(100));
        shutdown.commandFinished();

        shutdown.awaitCommand();

        assertThat(hookOutput.toString()).isEmpty();
    }

    private GracefulShutdown shutdown(Duration grace) {
        return new GracefulShutdown(grace, progress, new PrintWriter(hookOutput, true));
    }

    private CompletableFuture<Integer> start(GracefulShutdown shutdown, String... args) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return AnyscaleCli.commandLine(
                                environment,
                                new PrintWriter(new StringWriter()),
                                new PrintWriter(new StringWriter()),
                                progress)
                        .execute(args);
            } finally {
                shutdown.commandFinished();
            }
        });
    }

    private void awaitMint() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (anyscale.faults().requestCount(Endpoint.CREATE_API_KEY) == 0 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(anyscale.faults().requestCount(Endpoint.CREATE_API_KEY)).isEqualTo(1);
    }
}
