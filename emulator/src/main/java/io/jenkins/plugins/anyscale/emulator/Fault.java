package io.jenkins.plugins.anyscale.emulator;

import java.time.Duration;

/** What the emulator does to one request instead of (or besides) serving it normally. */
sealed interface Fault {

    /**
     * Answer with this status and {@code {"error":{"detail":"injected fault"}}}, state untouched.
     *
     * @param retryAfter the {@code Retry-After} header as sent, or {@code null} for none
     */
    record Fail(int status, String retryAfter) implements Fault {}

    /** Sleep, then serve normally. */
    record Delay(Duration delay) implements Fault {}

    /** Close the connection without any response, state untouched. */
    record Drop() implements Fault {}

    /** Serve the request (apply the change), then close the connection without sending the response. */
    record ApplyThenDrop() implements Fault {}

    /**
     * Serve the request (apply the change), then answer this status with the injected-fault body instead of the real
     * answer: a server that acted and still said it did not (a gateway's 503 after the backend committed).
     */
    record ApplyThenFail(int status, String retryAfter) implements Fault {}
}
