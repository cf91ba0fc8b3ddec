package io.jenkins.plugins.anyscale.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A script or launcher of this repository run as a process of its own, from the repository root, in a clean
 * environment: no Anyscale variables from the machine, and a home directory of the test's.
 */
record ScriptRun(Process process, CompletableFuture<String> out, CompletableFuture<String> err) {

    /** The repository root: failsafe runs in cli/. */
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    static ScriptRun start(Path home, Map<String, String> variables, List<String> command) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("ANYSCALE_") || name.startsWith("JAVA_TOOL_OPTIONS"));
        env.put("HOME", home.toString());
        env.putAll(variables);
        Process process = builder.start();
        process.getOutputStream().close(); // no terminal, no input: as in CI
        return new ScriptRun(process, read(process.getInputStream()), read(process.getErrorStream()));
    }

    Result finish() throws InterruptedException {
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw new AssertionError("did not exit within 120 s; stderr so far: " + err.getNow(""));
        }
        return new Result(process.exitValue(), out.join(), err.join());
    }

    private static CompletableFuture<String> read(InputStream stream) {
        return CompletableFuture.supplyAsync(() -> {
            try (stream) {
                return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    record Result(int exitCode, String out, String err) {}
}
