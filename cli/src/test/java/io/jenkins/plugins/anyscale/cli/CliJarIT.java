package io.jenkins.plugins.anyscale.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.jenkins.plugins.anyscale.emulator.AnyscaleEmulator;
import io.jenkins.plugins.anyscale.emulator.Endpoint;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar, run as the README says ({@code java -jar cli/target/anyscale-cli.jar service-account list}),
 * as a process of its own, against the emulator on loopback. Runs in {@code verify}, after {@code package}.
 *
 * <p>Its first run, a {@code list}, also writes the class-data-sharing archive {@code target/anyscale-cli.jsa} of the
 * classes that run loaded ({@code -XX:ArchiveClassesAtExit}), which {@code cli/anyscale} then uses to start faster
 * (see {@code bench/README.md}); a test checks that a run with it prints the same.
 */
class CliJarIT {

    /** What keeps the JVM's own log lines, CDS warnings included, off standard output. */
    static final List<String> QUIET_JVM_LOG = List.of("-Xlog:disable", "-Xlog:all=warning:stderr");

    static AnyscaleEmulator anyscale;
    static Path jar;
    static Path archive;
    static Run training;

    @TempDir
    static Path home;

    @BeforeAll
    static void start() throws Exception {
        anyscale = AnyscaleEmulator.start();
        anyscale.state().seedServiceAccounts("demo-", 3);
        jar = Path.of(System.getProperty("anyscale.cli.jar", "target/anyscale-cli.jar"));
        assertThat(jar).as("the packaged jar; run this test with mvn verify").exists();
        archive = jar.resolveSibling("anyscale-cli.jsa");
        Files.deleteIfExists(archive);
        List<String> jvm = new ArrayList<>(QUIET_JVM_LOG);
        jvm.add("-XX:ArchiveClassesAtExit=" + archive);
        training = run(jvm, anyscale.ownerToken(), "service-account", "list");
    }

    @AfterAll
    static void stop() {
        anyscale.close();
    }

    @Test
    void listsTheAccountsAsATable() throws Exception {
        Run run = run(anyscale.ownerToken(), "service-account", "list");
        // Its standard error has the JVM's list of classes it could not archive (picocli's Java 5 class files).
        assertThat(training.exitCode()).as(training.err()).isZero();

        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> lines = run.out().lines().toList();
        // The seeded accounts come first (creation order); another test of this class may have added one after them.
        assertThat(lines.size()).isGreaterThanOrEqualTo(5);
        assertThat(lines.get(0)).isEqualTo("Service accounts:");
        assertThat(lines.get(1)).isEqualTo("NAME        CREATED AT    ORGANIZATION PERMISSION LEVEL    EMAIL");
        assertThat(lines.get(2))
                .startsWith("demo-00001  ")
                .endsWith(" COLLABORATOR                     "
                        + anyscale.state()
                                .accountNamed("demo-00001")
                                .orElseThrow()
                                .email());
        assertThat(run.err()).isEmpty();
        // The run that wrote the archive printed the same rows (it ran before any account was added).
        assertThat(training.out().lines().toList()).isEqualTo(lines.subList(0, 5));
    }

    @Test
    void createPrintsOnlyTheKeyOnStandardOutputForCommandSubstitution() throws Exception {
        Run run = run(anyscale.ownerToken(), "service-account", "create", "-n", "ci-bot");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).endsWith("\n");
        String key = run.out().substring(0, run.out().length() - 1); // what $(...) keeps
        assertThat(anyscale.state().liveKeys("ci-bot")).containsExactly(key);
        assertThat(run.err()).contains(StdoutKeySink.WARNING).doesNotContain(key);
    }

    @Test
    void exitsTwoForAUsageErrorAndOneForAFailureAtAnyscale() throws Exception {
        Run usage = run(anyscale.ownerToken(), "service-account", "delete");
        Run refused = run("aph0_not_a_key", "service-account", "list");

        assertThat(usage.exitCode()).isEqualTo(2);
        assertThat(usage.err()).startsWith("Error: Either email or name must be provided");
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).contains("HTTP 401").contains("Anyscale trace id:");
    }

    @Test
    void theClassDataSharingArchiveOfTheListRunIsUsableAndChangesNothing() throws Exception {
        assumeThat(archive)
                .as("this JVM wrote no archive (no base CDS archive?): " + training.err())
                .exists();
        Run plain = run(anyscale.ownerToken(), "service-account", "list", "--json");
        List<String> jvm = new ArrayList<>(QUIET_JVM_LOG);
        jvm.add("-Xshare:on"); // fail, rather than run without it, if the archive cannot be used
        jvm.add("-XX:SharedArchiveFile=" + archive);

        Run shared = run(jvm, anyscale.ownerToken(), "service-account", "list", "--json");

        assertThat(shared.exitCode()).as(shared.err()).isZero();
        assertThat(shared.out()).isEqualTo(plain.out());
        assertThat(shared.err()).isEmpty();
    }

    @Test
    void aTermSignalWhileAKeyIsMintedWaitsUntilTheKeyIsDelivered() throws Exception {
        assumeThat(System.getProperty("os.name"))
                .as("SIGTERM runs shutdown hooks")
                .doesNotStartWith("Windows");
        anyscale.faults().resetCounts();
        anyscale.faults().delayNext(Endpoint.CREATE_API_KEY, 1, Duration.ofSeconds(2));
        Running running = start(List.of(), anyscale.ownerToken(), "service-account", "create", "-n", "stopped-bot");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (anyscale.faults().requestCount(Endpoint.CREATE_API_KEY) == 0 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(anyscale.faults().requestCount(Endpoint.CREATE_API_KEY)).isEqualTo(1);

        // SIGTERM (through the handle: Process.destroy() would also close our ends of its pipes). Like Ctrl-C's SIGINT,
        // it makes the JVM run its shutdown hooks.
        assertThat(running.process().toHandle().destroy()).isTrue();
        Run run = running.finish();

        assertThat(run.exitCode()).isEqualTo(143); // killed by SIGTERM, yet only once the command was done
        assertThat(run.err()).contains("stopping once the command in progress is done");
        // Without the wait, the account would hold a key that nothing printed.
        assertThat(anyscale.state().liveKeys("stopped-bot"))
                .containsExactly(run.out().strip());
    }

    @Test
    void printsItsVersion() throws Exception {
        Run run = run(anyscale.ownerToken(), "--version");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("anyscale-cli ").doesNotStartWith("anyscale-cli dev");
    }

    private static Run run(String token, String... args) throws IOException, InterruptedException {
        return run(List.of(), token, args);
    }

    private static Run run(List<String> jvmOptions, String token, String... args)
            throws IOException, InterruptedException {
        return start(jvmOptions, token, args).finish();
    }

    private static Running start(List<String> jvmOptions, String token, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar.toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("ANYSCALE_") || name.startsWith("JAVA_TOOL_OPTIONS"));
        env.put("ANYSCALE_HOST", anyscale.baseUrl());
        env.put("ANYSCALE_CLI_TOKEN", token);
        env.put("HOME", home.toString());
        Process process = builder.start();
        process.getOutputStream().close();
        return new Running(process, read(process.getInputStream()), read(process.getErrorStream()));
    }

    record Running(Process process, CompletableFuture<String> out, CompletableFuture<String> err) {

        Run finish() throws InterruptedException {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("the command line did not exit within 60 s");
            }
            return new Run(process.exitValue(), out.join(), err.join());
        }
    }

    private static CompletableFuture<String> read(java.io.InputStream stream) {
        return CompletableFuture.supplyAsync(() -> {
            try (stream) {
                return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    record Run(int exitCode, String out, String err) {}
}
