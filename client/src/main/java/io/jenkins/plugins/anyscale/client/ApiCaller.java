package io.jenkins.plugins.anyscale.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.logging.Level;
import java.util.logging.Logger;
import okhttp3.Call;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Sends one logical API call: authenticates it, maps errors to typed exceptions, and retries it as far as its
 * {@link Retry} class allows. Holds the token; nothing it throws or logs contains it.
 *
 * <p>An interrupted calling thread (a Jenkins Pipeline abort or {@code timeout}) stops the call: no request is
 * started, retried or waited for once the flag is up, and the call ends with an {@link InterruptedOperationException}
 * and the flag set. A request that changes something and is already on its way is the exception: its answer is
 * waited for (see {@link #settled}), then returned or mapped as usual, with the flag set, so that the caller learns
 * what Anyscale did instead of guessing. OkHttp 5 reports an interruption as an {@link InterruptedIOException}, or as
 * an {@link InterruptedException} that its Kotlin code throws without declaring it; both are caught here, where a
 * {@code catch (IOException)} alone would let the second one through every caller.
 */
final class ApiCaller {

    private static final Logger LOGGER = Logger.getLogger(ApiCaller.class.getName());
    private static final MediaType JSON = MediaType.get("application/json");
    private static final RequestBody EMPTY = RequestBody.create(new byte[0], null);
    private static final int MAX_ERROR_BODY = 64 * 1024;
    private static final int MAX_BODY = 16 * 1024 * 1024;

    /** Runs the calls that change something; see {@link #settled}. Threads end after a minute unused. */
    private static final ExecutorService CALLS_IN_FLIGHT = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "Anyscale API call");
        thread.setDaemon(true);
        return thread;
    });

    /** Which failures may be retried. */
    enum Retry {
        /** Reads, and writes that are harmless to repeat: 429, 502, 503, 504 and transport failures. */
        SAFE,
        /** Writes: only 429 and 503, where the server said it did not act. Everything else is for the caller to resolve. */
        WRITE,
        /**
         * Writes whose repeat would do the work twice, such as minting a key: only 429, which turns a request away
         * before it is processed. A 503 may come from a gateway after Anyscale acted; the caller resolves it.
         */
        RATE_LIMITED_ONLY
    }

    @FunctionalInterface
    interface BodyReader<T> {
        T read(InputStream body) throws IOException;
    }

    private final OkHttpClient http;
    private final HttpUrl baseUrl;
    private final AuthScheme authScheme;
    private final String token;
    private final String userAgent;
    private final RetryPolicy retryPolicy;

    ApiCaller(
            OkHttpClient http,
            HttpUrl baseUrl,
            AuthScheme authScheme,
            String token,
            String userAgent,
            RetryPolicy retryPolicy) {
        this.http = http;
        this.baseUrl = baseUrl;
        this.authScheme = authScheme;
        this.token = token;
        this.userAgent = userAgent;
        this.retryPolicy = retryPolicy;
    }

    HttpUrl.Builder url(String pathSegments) {
        return baseUrl.newBuilder().addPathSegments(pathSegments);
    }

    <T> T get(String action, HttpUrl url, Retry retry, BodyReader<T> reader) {
        return send(action, request(url).get().build(), retry, reader);
    }

    <T> T postJson(String action, HttpUrl url, Object body, Retry retry, BodyReader<T> reader) {
        byte[] json;
        try {
            json = Wire.WRITER.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode the request body", e);
        }
        return send(action, request(url).post(RequestBody.create(json, JSON)).build(), retry, reader);
    }

    <T> T postEmpty(String action, HttpUrl url, Retry retry, BodyReader<T> reader) {
        return send(action, request(url).post(EMPTY).build(), retry, reader);
    }

    <T> T delete(String action, HttpUrl url, Retry retry, BodyReader<T> reader) {
        return send(action, request(url).delete().build(), retry, reader);
    }

    static <T> BodyReader<T> json(ObjectReader reader) {
        return reader::readValue;
    }

    static BodyReader<Void> ignoreBody() {
        return body -> null;
    }

    private Request.Builder request(HttpUrl url) {
        Request.Builder builder = new Request.Builder().url(url).header("Accept", "application/json");
        if (userAgent != null) {
            builder.header("User-Agent", userAgent);
        }
        return authScheme.apply(builder, token);
    }

    private <T> T send(String action, Request request, Retry retry, BodyReader<T> reader) {
        long start = System.nanoTime();
        boolean changesSomething = !"GET".equals(request.method());
        for (int attempt = 1; ; attempt++) {
            if (Thread.currentThread().isInterrupted()) {
                // Before the first attempt nothing was sent; before a retry, the earlier attempts were.
                throw interrupted(action, attempt > 1, null);
            }
            AnyscaleException failure = null;
            Answer answer = null;
            try {
                Call call = http.newCall(request);
                answer = changesSomething ? settled(call, action, reader) : fetch(call, action, reader);
            } catch (IOException e) {
                log(request, -1, null);
                if (isInterruption(e)) {
                    throw interrupted(action, true, redacted(e));
                }
                failure = ErrorMapper.transport(action, baseUrl, redacted(e));
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) { // checked but undeclared: OkHttp 5's InterruptedException while it connects
                log(request, -1, null);
                if (e instanceof InterruptedException || Thread.currentThread().isInterrupted()) {
                    throw interrupted(action, true, e);
                }
                failure = ErrorMapper.transport(
                        action, baseUrl, new IOException(e.getClass().getName(), e));
            }
            Duration serverWait = null;
            if (answer != null) {
                log(request, answer.code(), answer.traceId());
                if (answer.code() >= 200 && answer.code() < 300) {
                    if (answer.unreadable() != null) {
                        throw answer.unreadable();
                    }
                    @SuppressWarnings("unchecked") // fetch read it with this call's reader
                    T value = (T) answer.value();
                    return value;
                }
                failure = ErrorMapper.fromResponse(
                        action,
                        answer.code(),
                        answer.contentType(),
                        redact(new String(answer.errorBody(), StandardCharsets.UTF_8)),
                        answer.traceId(),
                        answer.retryAfter());
                serverWait = ErrorMapper.retryAfter(answer.retryAfter());
            }
            failure.attempts(attempt);
            if (!isRetryable(failure, retry) || attempt >= retryPolicy.maxAttempts()) {
                throw failure;
            }
            if (Thread.currentThread().isInterrupted()) {
                // This attempt was turned away (429, or 503 for a write); only earlier ones may have been applied.
                boolean turnedAway = failure.statusCode() == 429 || (changesSomething && failure.statusCode() == 503);
                throw interrupted(action, attempt > 1 || !turnedAway, failure);
            }
            // Durations are compared, never converted to nanoseconds: a server may ask for centuries.
            Duration left = retryPolicy.maxElapsed().minusNanos(System.nanoTime() - start);
            if (serverWait != null && serverWait.compareTo(left) > 0) {
                throw ErrorMapper.fromResponse(
                                action,
                                answer.code(),
                                answer.contentType(),
                                redact(new String(answer.errorBody(), StandardCharsets.UTF_8)),
                                answer.traceId(),
                                answer.retryAfter(),
                                ErrorMapper.waitTooLong(answer.retryAfter()))
                        .attempts(attempt);
            }
            Duration wait = retryPolicy.backoffAfter(attempt);
            if (serverWait != null && serverWait.compareTo(wait) > 0) {
                wait = serverWait;
            }
            if (wait.compareTo(left) > 0) {
                throw failure;
            }
            try {
                Thread.sleep(wait.toMillis());
            } catch (InterruptedException e) {
                throw interrupted(action, true, failure);
            }
        }
    }

    /**
     * What one attempt got back, read in full, so that the connection is free again and a write's outcome is known: the
     * value read from a success body (or why it could not be read), or an error body of up to 64 KiB.
     */
    private record Answer(
            int code,
            String traceId,
            String contentType,
            String retryAfter,
            Object value,
            MalformedResponseException unreadable,
            byte[] errorBody) {}

    /**
     * Sends the call on this thread and reads its answer. A success body is read by {@code reader} straight from the
     * connection (at most 16 MiB of it), as it arrives.
     */
    private static <T> Answer fetch(Call call, String action, BodyReader<T> reader) throws IOException {
        try (Response response = call.execute()) {
            String traceId = traceIdOf(response);
            String contentType = response.header("Content-Type");
            String retryAfter = RetryAfterGuard.retryAfterOf(response);
            if (!response.isSuccessful()) {
                byte[] errorBody = response.peekBody(MAX_ERROR_BODY).bytes();
                return new Answer(response.code(), traceId, contentType, retryAfter, null, null, errorBody);
            }
            Object value = null;
            MalformedResponseException unreadable = null;
            try (InputStream in = new BoundedInputStream(response.body().byteStream(), MAX_BODY)) {
                value = reader.read(in);
            } catch (BoundedInputStream.TooLong e) {
                unreadable = unreadable(action, response.code(), traceId, "the response body is larger than 16 MiB");
            } catch (JsonProcessingException e) {
                unreadable = unreadable(
                        action, response.code(), traceId, "the response body is not the JSON Anyscale sends");
            } catch (MalformedResponseException e) {
                String withTraceId = traceId == null ? "" : " (Anyscale trace id: " + traceId + ")";
                unreadable = new MalformedResponseException(new ErrorContext(
                        e.getMessage() + withTraceId, response.code(), null, traceId, null, e.reason() + withTraceId));
            }
            return new Answer(response.code(), traceId, contentType, retryAfter, value, unreadable, null);
        }
    }

    /** The {@code x-trace-id} header, printable: it goes into messages. */
    private static String traceIdOf(Response response) {
        String traceId = response.header("x-trace-id");
        return traceId == null ? null : Printable.of(traceId);
    }

    private static MalformedResponseException unreadable(String action, int code, String traceId, String why) {
        return new MalformedResponseException(ErrorContext.failed(
                action,
                "unexpected response, " + ErrorMapper.reason(code, why, null, traceId),
                code,
                null,
                traceId,
                null));
    }

    /**
     * Sends a call that changes something and waits for its answer, even if this thread is interrupted meanwhile: the
     * call runs on a helper thread, so that OkHttp does not abandon it half-way (it would, on an interrupted thread,
     * while Anyscale may still be applying it). Whoever then undoes or completes the change knows what Anyscale did.
     * The wait is bounded by the client's call timeout; the interrupt flag is set again after it.
     */
    private static <T> Answer settled(Call call, String action, BodyReader<T> reader) throws Exception {
        Future<Answer> answer = CALLS_IN_FLIGHT.submit(() -> fetch(call, action, reader));
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return answer.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (cause instanceof Error error) {
                        throw error;
                    }
                    throw (Exception) cause;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Whether an I/O failure is the thread's interruption rather than the network's: the flag is up (Okio's checks
     * leave it so), or an {@link InterruptedIOException} that is not one of OkHttp's timeouts (those are {@link
     * SocketTimeoutException}s, or say {@code timeout}).
     */
    private static boolean isInterruption(IOException e) {
        return Thread.currentThread().isInterrupted()
                || (e instanceof InterruptedIOException
                        && !(e instanceof SocketTimeoutException)
                        && "interrupted".equals(e.getMessage())); // Okio's word for it; its timeouts say otherwise
    }

    /** The exception for an interrupted call, with the thread's interrupt flag set again (catching may clear it). */
    private static InterruptedOperationException interrupted(
            String action, boolean mayHaveReachedAnyscale, Throwable cause) {
        Thread.currentThread().interrupt();
        return new InterruptedOperationException(
                new ErrorContext(
                        action
                                + (mayHaveReachedAnyscale
                                        ? " was interrupted; the request may or may not have reached Anyscale."
                                        : " was interrupted before the request was sent; nothing reached Anyscale."),
                        AnyscaleException.NO_STATUS,
                        null,
                        null,
                        cause),
                mayHaveReachedAnyscale);
    }

    private static boolean isRetryable(AnyscaleException failure, Retry retry) {
        int status = failure.statusCode();
        if (status == 429) {
            return true;
        }
        if (retry == Retry.RATE_LIMITED_ONLY) {
            return false;
        }
        if (status == 503) {
            return true;
        }
        if (retry == Retry.WRITE) {
            return false;
        }
        return status == 502 || status == 504 || failure instanceof TransportException;
    }

    private String redact(String text) {
        return text == null || token.isEmpty() ? text : text.replace(token, "****");
    }

    private IOException redacted(IOException e) {
        String message = e.getMessage();
        if (message == null || !message.contains(token)) {
            return e;
        }
        IOException clean = new IOException(redact(message));
        clean.setStackTrace(e.getStackTrace());
        return clean;
    }

    private static void log(Request request, int status, String traceId) {
        if (LOGGER.isLoggable(Level.FINE)) {
            LOGGER.log(Level.FINE, "{0} {1} -> {2} (trace id {3})", new Object[] {
                request.method(), request.url().encodedPath(), status < 0 ? "no response" : status, traceId
            });
        }
    }
}
