package io.jenkins.plugins.anyscale.client;

/**
 * Base of every error the Anyscale client raises. Unchecked, typed by cause, and safe to show: messages carry
 * the HTTP status, the server's detail and its {@code x-trace-id} (what Anyscale support asks for), never the
 * API token or a key.
 */
public abstract class AnyscaleException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Status used when no HTTP response was received. */
    public static final int NO_STATUS = -1;

    private final int statusCode;
    private final String detail;
    private final String traceId;
    private final String reason;
    private int attempts = 1;

    protected AnyscaleException(String message, int statusCode, String detail, String traceId, Throwable cause) {
        this(new ErrorContext(message, statusCode, detail, traceId, cause));
    }

    protected AnyscaleException(ErrorContext context) {
        super(context.message(), context.cause());
        this.statusCode = context.statusCode();
        this.detail = context.detail();
        this.traceId = context.traceId();
        this.reason = context.reason();
    }

    /**
     * What went wrong, without the action that failed: for {@code Listing service accounts failed: HTTP 503 Service
     * Unavailable. (Anyscale trace id: t)}, {@code HTTP 503 Service Unavailable. (Anyscale trace id: t)}. For a caller
     * that says itself what it was doing, so that the action is not said twice. The whole message when it does not
     * begin with an action that failed.
     */
    public String reason() {
        return reason;
    }

    /** The HTTP status, or {@link #NO_STATUS} when no response was received. */
    public int statusCode() {
        return statusCode;
    }

    /** The server's own explanation, or {@code null}. */
    public String detail() {
        return detail;
    }

    /** The {@code x-trace-id} response header, or {@code null}. */
    public String traceId() {
        return traceId;
    }

    /**
     * How many times the request was sent, this failure's attempt included: more than 1 when the client retried it
     * (after a 429 or a 503, say). A write that fails on a retry may have been applied by an earlier attempt whose
     * answer said otherwise.
     */
    public int attempts() {
        return attempts;
    }

    AnyscaleException attempts(int attempts) {
        this.attempts = attempts;
        return this;
    }
}
