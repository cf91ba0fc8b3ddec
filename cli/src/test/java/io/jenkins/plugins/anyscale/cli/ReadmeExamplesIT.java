package io.jenkins.plugins.anyscale.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's command-line examples, run as pasted: the bash blocks between its {@code cli-examples} markers, in order,
 * as one script ({@code set -euo pipefail}), from the repository root, in what {@code ./try-cli.sh} sets up (the
 * emulator with its demo accounts, {@code ANYSCALE_HOST} and {@code ANYSCALE_CLI_TOKEN}). Runs in {@code verify}, with
 * the jars of the reactor in place.
 */
class ReadmeExamplesIT {

    static final Path README = ScriptRun.ROOT.resolve("README.md");
    static final Pattern BASH_BLOCK = Pattern.compile("```bash\\n(.*?)```", Pattern.DOTALL);

    @TempDir
    Path home;

    @Test
    void theCommandLineExamplesRunAsPastedAgainstTheEmulator() throws Exception {
        assumeThat(System.getProperty("os.name")).as("bash").doesNotStartWith("Windows");
        List<String> blocks = examples();
        assertThat(blocks)
                .as("bash blocks between the README's cli-examples markers")
                .hasSizeGreaterThanOrEqualTo(2);
        // What the examples write lives under target/: a fresh clone has none of it.
        deleteRecursively(ScriptRun.ROOT.resolve("target/secrets"));
        String script = "set -euo pipefail\n" + String.join("\n", blocks);

        ScriptRun.Result run = ScriptRun.start(
                        home, Map.of(), List.of("./try-cli.sh", "--no-build", "bash", "-c", script))
                .finish();

        assertThat(run.exitCode())
                .as("stdout:%n%s%nstderr:%n%s", run.out(), run.err())
                .isZero();
        assertThat(run.out())
                .startsWith("Service accounts:")
                .contains("\"name\": \"demo-00001\"")
                .contains("\"api_key\": \"aph0_")
                .endsWith("exit code 1" + System.lineSeparator());
        assertThat(run.err())
                .contains("Service account ci-bot created successfully.")
                .contains("All API keys for service account ci-bot rotated successfully.")
                .containsPattern("Service account ci-bot@org-org_\\w+\\.serviceaccount\\.com deleted successfully\\.")
                .contains("Error: No service account named 'ci-bot' found.");
        Path keyFile = ScriptRun.ROOT.resolve("target/secrets/ci-bot.key");
        assertThat(Files.readString(keyFile)).startsWith("aph0_");
    }

    static List<String> examples() throws Exception {
        String readme = Files.readString(README);
        int start = readme.indexOf("<!-- cli-examples:");
        int end = readme.indexOf("<!-- cli-examples-end -->");
        assertThat(start).as("the README's cli-examples marker").isNotNegative();
        assertThat(end).as("the README's cli-examples-end marker").isGreaterThan(start);
        List<String> blocks = new ArrayList<>();
        Matcher m = BASH_BLOCK.matcher(readme.substring(start, end));
        while (m.find()) {
            blocks.add(m.group(1));
        }
        return blocks;
    }

    private static void deleteRecursively(Path dir) throws Exception {
        if (Files.exists(dir)) {
            try (var paths = Files.walk(dir)) {
                for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }
}
