package io.jenkins.plugins.anyscale.client;

/**
 * Everything an {@link AnyscaleException} carries, gathered in one place so each subclass stays a one-liner.
 *
 * @param message the whole message, e.g. {@code Listing service accounts failed: HTTP 503 Service Unavailable.}
 * @param reason what went wrong, without the action that failed: {@code HTTP 503 Service Unavailable.}; the whole
 *     message when it does not begin with one
 */
public record ErrorContext(
        String message, int statusCode, String detail, String traceId, Throwable cause, String reason) {

    /** An error whose message does not begin with the action that failed: its reason is its whole message. */
    public ErrorContext(String message, int statusCode, String detail, String traceId, Throwable cause) {
        this(message, statusCode, detail, traceId, cause, message);
    }

    /** An error that did not come from an HTTP response (not found after a lookup, ambiguity...). */
    public static ErrorContext of(String message) {
        return new ErrorContext(message, AnyscaleException.NO_STATUS, null, null, null);
    }

    /** {@code <action> failed: <reason>}. */
    public static ErrorContext failed(
            String action, String reason, int statusCode, String detail, String traceId, Throwable cause) {
        return new ErrorContext(action + " failed: " + reason, statusCode, detail, traceId, cause, reason);
    }

    /** What an exception carries, to make another one of it. */
    public static ErrorContext of(AnyscaleException e) {
        return new ErrorContext(e.getMessage(), e.statusCode(), e.detail(), e.traceId(), e.getCause(), e.reason());
    }

    /** The same error, with a sentence added to its message and its reason. */
    public ErrorContext plus(String sentence) {
        return new ErrorContext(message + " " + sentence, statusCode, detail, traceId, cause, reason + " " + sentence);
    }
}
