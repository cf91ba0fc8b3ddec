package io.jenkins.plugins.anyscale.bench;

import io.jenkins.plugins.anyscale.emulator.AnyscaleEmulator;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The emulator in a JVM of its own, on loopback, driven over the child's stdin: the benchmark's JVM then holds
 * only the client (or the baseline), so JMH's {@code -prof gc} counts the client's allocations alone, and the
 * server's JIT and GC stay out of the measured process, as with a real remote server.
 *
 * <p>Protocol, one command a line, each answered {@code ok} (or {@code error <message>}): {@code seed <prefix>
 * <count>}, {@code create <name>}, {@code reset}, {@code warm <millis>}. End of input stops the child.
 */
final class EmulatorProcess implements AutoCloseable {

    /** How long the child exercises its own server before the benchmark starts. */
    static final long WARM_UP_MILLIS = Long.getLong("bench.serverWarmUpMillis", 6_000);

    private final Process process;
    private final BufferedReader out;
    private final Writer in;
    private final String baseUrl;
    private final String token;

    private EmulatorProcess(Process process) throws IOException {
        this.process = process;
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        this.baseUrl = expect("url ");
        this.token = expect("token ");
    }

    /**
     * Starts the child with the classpath of this JVM (the benchmarks jar holds the emulator), and warms its
     * server up before the benchmark's own warm-up: the child exercises every endpoint through the JDK's HTTP client
     * (none of the code under test), then empties its state.
     */
    static EmulatorProcess start() {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(List.of(
                        java,
                        "-Xms256m",
                        "-Xmx1g",
                        "-cp",
                        System.getProperty("java.class.path"),
                        EmulatorProcess.class.getName()))
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        try {
            EmulatorProcess emulator = new EmulatorProcess(builder.start());
            emulator.command("warm " + WARM_UP_MILLIS);
            return emulator;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the emulator process", e);
        }
    }

    String baseUrl() {
        return baseUrl;
    }

    String ownerToken() {
        return token;
    }

    void seed(String prefix, int count) {
        command("seed " + prefix + " " + count);
    }

    void create(String name) {
        command("create " + name);
    }

    void reset() {
        command("reset");
    }

    private synchronized void command(String line) {
        try {
            in.write(line + "\n");
            in.flush();
            expect("ok");
        } catch (IOException e) {
            throw new UncheckedIOException("the emulator process failed on '" + line + "'", e);
        }
    }

    private String expect(String prefix) throws IOException {
        String line = out.readLine();
        if (line == null || !line.startsWith(prefix)) {
            throw new IOException("the emulator process answered '" + line + "', expected '" + prefix + "...'");
        }
        return line.substring(prefix.length()).trim();
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException ignored) {
            // the child is going away anyway
        }
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** Calls every endpoint the benchmarks use until the time is up, then empties the state. */
    private static void warm(AnyscaleEmulator emulator, long millis) {
        emulator.state().seedServiceAccounts("warm-", 1_000);
        HttpClient http =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String base = emulator.baseUrl() + "/api/v2/";
        String auth = "Bearer " + emulator.ownerToken();
        Pattern next = Pattern.compile("\"next_paging_token\"\\s*:\\s*\"([^\"]+)\"");
        Pattern userId = Pattern.compile("\"user_id\"\\s*:\\s*\"([^\"]+)\"");
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        try {
            for (int round = 0; System.nanoTime() < end; round++) {
                String filter = round % 2 == 0 ? "" : "&name=warm-";
                String token = null;
                do {
                    String body = send(
                            http,
                            auth,
                            HttpRequest.newBuilder(URI.create(base
                                            + "organization_collaborators/?is_service_account=true&count=50" + filter
                                            + (token == null ? "" : "&paging_token=" + token)))
                                    .GET());
                    Matcher m = next.matcher(body);
                    token = m.find() ? m.group(1) : null;
                } while (token != null && System.nanoTime() < end);
                for (int i = 0; i < 20; i++) {
                    String created = send(
                            http,
                            auth,
                            HttpRequest.newBuilder(
                                            URI.create(base + "users/service_accounts?name=made-" + round + "-" + i))
                                    .POST(HttpRequest.BodyPublishers.noBody()));
                    Matcher m = userId.matcher(created);
                    if (!m.find()) {
                        throw new IllegalStateException("no user_id in " + created);
                    }
                    send(
                            http,
                            auth,
                            HttpRequest.newBuilder(URI.create(base + "users/create_api_key"))
                                    .header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofString(
                                            "{\"duration\":3153600000,\"user_id\":\"" + m.group(1) + "\"}")));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            emulator.state().reset();
        }
    }

    private static String send(HttpClient http, String auth, HttpRequest.Builder request)
            throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(
                request.header("Authorization", auth)
                        .header("Accept", "application/json")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("HTTP " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    /** The child: an emulator on 127.0.0.1 and a free port, serving until its stdin ends. */
    public static void main(String[] args) throws IOException {
        PrintStream stdout = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        try (AnyscaleEmulator emulator = AnyscaleEmulator.start();
                BufferedReader commands =
                        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            stdout.println("url " + emulator.baseUrl());
            stdout.println("token " + emulator.ownerToken());
            for (String line; (line = commands.readLine()) != null; ) {
                String[] words = line.trim().split(" ");
                try {
                    switch (words[0]) {
                        case "seed" -> emulator.state().seedServiceAccounts(words[1], Integer.parseInt(words[2]));
                        case "create" -> emulator.state().createServiceAccount(words[1]);
                        case "reset" -> emulator.state().reset();
                        case "warm" -> warm(emulator, Long.parseLong(words[1]));
                        default -> throw new IllegalArgumentException("unknown command");
                    }
                    stdout.println("ok");
                } catch (RuntimeException e) {
                    stdout.println("error " + e);
                }
            }
        }
    }
}
