package io.jenkins.plugins.anyscale.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.anyscale.emulator.AnyscaleEmulator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
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
 */
class CliJarIT {

    static AnyscaleEmulator anyscale;

    @TempDir
    static Path home;

    @BeforeAll
    static void start() {
        anyscale = AnyscaleEmulator.start();
        anyscale.state().seedServiceAccounts("demo-", 3);
    }

    @AfterAll
    static void stop() {
        anyscale.close();
    }

    @Test
    void listsTheAccountsAsATable() throws Exception {
        Run run = run(anyscale.ownerToken(), "service-account", "list");

        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> lines = run.out().lines().toList();
        // The seeded accounts come first (creation order); another test of this class may have added one after them.
        assertThat(lines.size()).isGreaterThanOrEqualTo(4);
        assertThat(lines.get(0)).isEqualTo("NAME         CREATED AT   ORGANIZATION ROLE   EMAIL");
        assertThat(lines.get(1))
                .startsWith("demo-00001   ")
                .endsWith(" collaborator        "
                        + anyscale.state()
                                .accountNamed("demo-00001")
                                .orElseThrow()
                                .email());
        assertThat(run.err()).isEmpty();
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
    void printsItsVersion() throws Exception {
        Run run = run(anyscale.ownerToken(), "--version");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("anyscale-cli ").doesNotStartWith("anyscale-cli dev");
    }

    private static Run run(String token, String... args) throws IOException, InterruptedException {
        Path jar = Path.of(System.getProperty("anyscale.cli.jar", "target/anyscale-cli.jar"));
        assertThat(jar).as("the packaged jar; run this test with mvn verify").exists();
        List<String> command = new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("ANYSCALE_") || name.startsWith("JAVA_TOOL_OPTIONS"));
        env.put("ANYSCALE_HOST", anyscale.baseUrl());
        env.put("ANYSCALE_CLI_TOKEN", token);
        env.put("HOME", home.toString());
        Process process = builder.start();
        process.getOutputStream().close();
        CompletableFuture<String> out = read(process.getInputStream());
        CompletableFuture<String> err = read(process.getErrorStream());
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the command line did not exit within 60 s: " + command);
        }
        return new Run(process.exitValue(), out.join(), err.join());
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
