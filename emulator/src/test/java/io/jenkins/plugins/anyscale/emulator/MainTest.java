package io.jenkins.plugins.anyscale.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MainTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void helpDocumentsEveryOptionAndExitsZero() {
        assertThat(run("--help")).isZero();
        assertThat(out())
                .contains(
                        "--port",
                        "--bind",
                        "--token",
                        "--org",
                        "--seed",
                        "--help",
                        "ANYSCALE_HOST",
                        "ANYSCALE_CLI_TOKEN");
        assertThat(err()).isEmpty();
        assertThat(run("-h")).isZero();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"--bogus", "--port", "--port=abc", "--port=70000", "--seed=-1", "stray", "--token=", "--help=yes"
            })
    void badOptionsExitNonZeroWithAMessage(String arg) {
        assertThat(run(arg)).isNotZero();
        assertThat(err()).startsWith("anyscale-emulator: ").contains("--help");
        assertThat(out()).isEmpty();
    }

    @Test
    void startsOnAFreePortAnnouncesUrlAndTokenAndStops() {
        AtomicReference<AnyscaleEmulator> running = new AtomicReference<>();
        int code = Main.run(
                new String[] {"--port", "0", "--token", "aph0_cli-token", "--org", "org_cli", "--seed", "3"},
                print(out),
                print(err),
                emulator -> {
                    running.set(emulator);
                    Api api = new Api(emulator);
                    assertThat(api.userInfo().status()).isEqualTo(200);
                    assertThat(api.list("is_service_account=true&count=50")
                                    .json()
                                    .get("results"))
                            .hasSize(3);
                });
        assertThat(code).isZero();
        AnyscaleEmulator emulator = running.get();
        assertThat(emulator.ownerToken()).isEqualTo("aph0_cli-token");
        assertThat(emulator.organizationId()).isEqualTo("org_cli");
        assertThat(emulator.baseUrl()).matches("http://127\\.0\\.0\\.1:\\d+").doesNotEndWith("/");
        assertThat(out()).contains(emulator.baseUrl(), "aph0_cli-token", "demo-00001");
        assertThat(emulator.state().accounts())
                .extracting(EmulatedAccount::name)
                .containsExactly("demo-00001", "demo-00002", "demo-00003");
        // stopped: nothing listens any more
        assertThat(refusesConnections(emulator.port())).isTrue();
    }

    @Test
    void generatesATokenWhenNoneIsGiven() {
        AtomicReference<String> token = new AtomicReference<>();
        assertThat(Main.run(
                        new String[] {"--port=0", "--bind=127.0.0.1"},
                        print(out),
                        print(err),
                        emulator -> token.set(emulator.ownerToken())))
                .isZero();
        assertThat(token.get()).startsWith("aph0_");
        assertThat(out()).contains(token.get());
    }

    @Test
    void warnsWhenTheOwnerTokenIsOneTheSdkRefuses() {
        assertThat(Main.run(
                        new String[] {"--port=0", "--token", "my-owner-token"}, print(out), print(err), emulator -> {}))
                .isZero();
        assertThat(out()).contains("my-owner-token");
        assertThat(err()).contains("warning", "aph0_");
    }

    @ParameterizedTest
    @ValueSource(strings = {"aph0_x", "sss_x", "a_b"})
    void doesNotWarnForTokensTheSdkAccepts(String token) {
        assertThat(Main.run(new String[] {"--port=0", "--token", token}, print(out), print(err), emulator -> {}))
                .isZero();
        assertThat(err()).isEmpty();
    }

    @Test
    void aPortInUseExitsNonZeroWithAMessage() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            assertThat(Main.run(
                            new String[] {"--port", Integer.toString(taken.getLocalPort())},
                            print(out),
                            print(err),
                            emulator -> {}))
                    .isNotZero();
            assertThat(err()).contains("Cannot start");
        }
    }

    private int run(String... args) {
        return Main.run(args, print(out), print(err), emulator -> {
            throw new AssertionError("must not start");
        });
    }

    private static PrintStream print(ByteArrayOutputStream buffer) {
        return new PrintStream(buffer, true, StandardCharsets.UTF_8);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    static boolean refusesConnections(int port) {
        try {
            new java.net.Socket("127.0.0.1", port).close();
            return false;
        } catch (java.io.IOException e) {
            return true;
        }
    }
}
