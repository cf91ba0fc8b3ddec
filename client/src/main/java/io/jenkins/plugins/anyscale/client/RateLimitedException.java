package io.jenkins.plugins.anyscale.client;

import java.time.Duration;

/** Anyscale asked us to slow down (HTTP 429) and the retry budget did not allow waiting any longer. */
public class RateLimitedException extends AnyscaleException {

    private static final long serialVersionUID = 1L;

    private final Duration retryAfter;

    public RateLimitedException(ErrorContext context, Duration retryAfter) {
        super(context);
        this.retryAfter = retryAfter;
    }

    /** The server's {@code Retry-After}, or {@code null} when it sent none. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
