package io.jenkins.plugins.anyscale.client;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How often, and for how long, a call that failed in a retryable way is tried again: exponential backoff with
 * jitter, stretched to any {@code Retry-After} the server sends, bounded both in attempts and in total time.
 *
 * @param maxAttempts attempts in all, the first included (1 means no retry)
 * @param initialBackoff the wait after the first failure
 * @param maxBackoff the longest wait between two attempts
 * @param maxElapsed the longest time spent on one call, waits included; a retry that would end later is not made
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration maxElapsed) {

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
        }
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        Objects.requireNonNull(maxElapsed, "maxElapsed");
        if (initialBackoff.isNegative() || maxBackoff.isNegative() || maxElapsed.isNegative()) {
            throw new IllegalArgumentException("retry durations must not be negative");
        }
    }

    /** 4 attempts, 250 ms doubling to at most 4 s, 30 s in all. */
    public static RetryPolicy defaults() {
        return new RetryPolicy(4, Duration.ofMillis(250), Duration.ofSeconds(4), Duration.ofSeconds(30));
    }

    /** A single attempt. */
    public static RetryPolicy none() {
        return new RetryPolicy(1, Duration.ZERO, Duration.ZERO, Duration.ZERO);
    }

    /** The wait after {@code failedAttempts} failures: doubling from {@link #initialBackoff()}, capped, jittered by up to 20% down. */
    public Duration backoffAfter(int failedAttempts) {
        long base = initialBackoff.toMillis();
        long cap = maxBackoff.toMillis();
        int shift = Math.min(Math.max(failedAttempts - 1, 0), 30);
        long exponential = base << shift;
        long millis = (exponential < 0 || exponential > cap) ? cap : exponential;
        long jitter = millis <= 1 ? 0 : ThreadLocalRandom.current().nextLong(millis / 5 + 1);
        return Duration.ofMillis(millis - jitter);
    }
}
