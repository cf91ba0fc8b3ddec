package io.jenkins.plugins.anyscale.emulator;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A running, in-memory Anyscale service-account API on the JDK's HTTP server: one organization, one owner
 * token, fault injection and direct state access for tests. Close it to stop the server.
 *
 * <pre>{@code
 * try (AnyscaleEmulator anyscale = AnyscaleEmulator.start()) {
 *     client = new Client(anyscale.baseUrl(), anyscale.ownerToken());
 *     anyscale.faults().failNext(Endpoint.CREATE_API_KEY, 1, 503);
 *     ...
 *     assertThat(anyscale.state().accounts()).hasSize(1);
 * }
 * }</pre>
 */
public final class AnyscaleEmulator implements AutoCloseable {

    static {
        // Without TCP_NODELAY, delayed ACKs add ~40 ms to every keep-alive request. The JDK server reads this
        // property once, when its first server is created.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private static final int THREADS = 32;
    private static final int BACKLOG = 256;
    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final HttpServer server;
    private final ExecutorService executor;
    private final String baseUrl;
    private final String ownerToken;
    private final EmulatorState state;
    private final Faults faults;
    private final AtomicBoolean closed = new AtomicBoolean();

    private AnyscaleEmulator(Builder builder) throws IOException {
        this.ownerToken = builder.ownerToken != null ? builder.ownerToken : Tokens.apiKey();
        String organizationId = builder.organizationId != null ? builder.organizationId : Tokens.identifier("org_", 20);
        this.state = new EmulatorState(organizationId, ownerToken);
        this.faults = new Faults();
        InetAddress address = InetAddress.getByName(builder.bindAddress);
        this.server = HttpServer.create(new InetSocketAddress(address, builder.port), BACKLOG);
        this.executor = Executors.newFixedThreadPool(THREADS, daemonThreads(INSTANCES.incrementAndGet()));
        server.setExecutor(executor);
        server.createContext("/", new ApiHandler(new ServiceAccountApi(state), faults));
        server.start();
        this.baseUrl = "http://" + urlHost(address) + ":" + server.getAddress().getPort();
    }

    /** Starts an emulator on 127.0.0.1, on a free port, with a generated owner token. */
    public static AnyscaleEmulator start() {
        return builder().start();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** {@code http://127.0.0.1:<port>}, without a trailing slash: what {@code ANYSCALE_HOST} should be. */
    public String baseUrl() {
        return baseUrl;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The token of the organization owner, who may manage service accounts. */
    public String ownerToken() {
        return ownerToken;
    }

    public String organizationId() {
        return state.organizationId();
    }

    public Faults faults() {
        return faults;
    }

    public EmulatorState state() {
        return state;
    }

    /** Stops the server at once, abandoning requests in progress. Idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            server.stop(0);
            executor.shutdownNow();
            try {
                executor.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public String toString() {
        return "AnyscaleEmulator[" + baseUrl + "]";
    }

    private static String urlHost(InetAddress address) {
        if (address.isAnyLocalAddress()) {
            return address instanceof Inet6Address ? "[::1]" : "127.0.0.1";
        }
        String host = address.getHostAddress();
        return address instanceof Inet6Address ? "[" + host.replaceFirst("%.*$", "") + "]" : host;
    }

    private static ThreadFactory daemonThreads(int instance) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "anyscale-emulator-" + instance + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Options for {@link AnyscaleEmulator}; every one has a default. */
    public static final class Builder {
        private String bindAddress = "127.0.0.1";
        private int port;
        private String ownerToken;
        private String organizationId;

        private Builder() {}

        /** The address to listen on; default {@code 127.0.0.1}. */
        public Builder bindAddress(String bindAddress) {
            this.bindAddress = Objects.requireNonNull(bindAddress, "bindAddress");
            return this;
        }

        /** The port; default 0, a free port. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be 0 to 65535: " + port);
            }
            this.port = port;
            return this;
        }

        /** The owner token; default a generated {@code aph0_...} key. */
        public Builder ownerToken(String ownerToken) {
            Objects.requireNonNull(ownerToken, "ownerToken");
            if (ownerToken.isBlank() || !ownerToken.equals(ownerToken.strip())) {
                throw new IllegalArgumentException("ownerToken must be non-blank, without surrounding whitespace");
            }
            this.ownerToken = ownerToken;
            return this;
        }

        /** The organization id; default a generated {@code org_...} id. */
        public Builder organizationId(String organizationId) {
            Objects.requireNonNull(organizationId, "organizationId");
            if (organizationId.isBlank()) {
                throw new IllegalArgumentException("organizationId must not be blank");
            }
            this.organizationId = organizationId;
            return this;
        }

        /**
         * Starts the emulator.
         *
         * @throws UncheckedIOException if the address cannot be bound
         */
        public AnyscaleEmulator start() {
            try {
                return new AnyscaleEmulator(this);
            } catch (IOException e) {
                throw new UncheckedIOException(
                        "Cannot start the Anyscale emulator on " + bindAddress + ":" + port + ": " + e.getMessage(), e);
            }
        }
    }
}
