package io.jenkins.plugins.anyscale.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.util.Map;

/**
 * The HTTP side of every request: routing, counting and faults, then the endpoint, then the JSON answer with
 * its {@code x-trace-id}. An injected drop closes the connection without writing anything.
 */
final class ApiHandler implements HttpHandler {

    static final String TRACE_ID = "x-trace-id";
    private static final int MAX_BODY = 1 << 20;
    private static final System.Logger LOG = System.getLogger(ApiHandler.class.getName());

    private final ServiceAccountApi api;
    private final Faults faults;

    ApiHandler(ServiceAccountApi api, Faults faults) {
        this.api = api;
        this.faults = faults;
    }

    @Override
    public void handle(HttpExchange exchange) {
        try (exchange) {
            exchange.getResponseHeaders().set(TRACE_ID, Tokens.traceId());
            byte[] body = readBody(exchange);
            Route route;
            try {
                route = Routes.resolve(
                        exchange.getRequestMethod(), exchange.getRequestURI().getRawPath());
            } catch (ApiError e) {
                sendError(exchange, e);
                return;
            }
            Fault fault = faults.onRequest(route.endpoint());
            if (fault instanceof Fault.Drop) {
                return; // closing the exchange before any header is sent closes the connection
            }
            if (fault instanceof Fault.Fail fail) {
                sendFault(exchange, fail);
                return;
            }
            if (fault instanceof Fault.Delay delay) {
                Thread.sleep(delay.delay().toMillis(), delay.delay().toNanosPart() % 1_000_000);
            }
            ApiResponse response = null;
            ApiError refused = null;
            try {
                response = api.serve(
                        route,
                        new ApiRequest(
                                exchange.getRequestHeaders(),
                                QueryParameters.parse(exchange.getRequestURI().getRawQuery()),
                                body));
            } catch (ApiError e) {
                refused = e;
            }
            if (fault instanceof Fault.ApplyThenDrop) {
                return; // applied (or refused), and the client never hears which
            }
            if (fault instanceof Fault.ApplyThenFail applied) {
                sendFault(exchange, new Fault.Fail(applied.status(), applied.retryAfter()));
            } else if (refused != null) {
                sendError(exchange, refused);
            } else {
                send(exchange, response.status(), response.body());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // shutting down: the connection just closes
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "I/O error answering a request", e);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Internal error answering a request", e);
            try {
                send(exchange, 500, WireFormat.error("Internal emulator error: " + e));
            } catch (IOException | RuntimeException ignored) {
                // headers already sent or connection gone: closing is all that is left
            }
        }
    }

    private static byte[] readBody(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readNBytes(MAX_BODY);
            in.transferTo(OutputStream.nullOutputStream());
            return body;
        }
    }

    private static void sendFault(HttpExchange exchange, Fault.Fail fail) throws IOException {
        if (fail.retryAfter() != null) {
            exchange.getResponseHeaders().set("Retry-After", fail.retryAfter());
        }
        send(exchange, fail.status(), WireFormat.error(Faults.DETAIL));
    }

    private static void sendError(HttpExchange exchange, ApiError error) throws IOException {
        for (Map.Entry<String, String> header : error.headers().entrySet()) {
            exchange.getResponseHeaders().set(header.getKey(), header.getValue());
        }
        send(exchange, error.status(), WireFormat.error(error.detail()));
    }

    private static void send(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = WireFormat.MAPPER.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        boolean noBody = status == 204 || status == 304 || status < 200 || "HEAD".equals(exchange.getRequestMethod());
        exchange.sendResponseHeaders(status, noBody ? -1 : bytes.length);
        if (!noBody) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }
}
