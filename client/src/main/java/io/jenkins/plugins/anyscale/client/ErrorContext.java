package io.jenkins.plugins.anyscale.client;

/** Everything an {@link AnyscaleException} carries, gathered in one place so each subclass stays a one-liner. */
public record ErrorContext(String message, int statusCode, String detail, String traceId, Throwable cause) {

    /** An error that did not come from an HTTP response (not found after a lookup, ambiguity...). */
    public static ErrorContext of(String message) {
        return new ErrorContext(message, AnyscaleException.NO_STATUS, null, null, null);
    }
}
