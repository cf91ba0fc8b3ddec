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
    private int attempts = 1;

    protected AnyscaleException(String message, int statusCode, String detail, String traceId, Throwable cause) {
        super(message, cause);
        this.statusCode = statusCode;
        this.detail = detail;
        this.traceId = traceId;
    }

    protected AnyscaleException(ErrorContext context) {
        this(context.message(), context.statusCode(), context.detail(), context.traceId(), context.cause());
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
