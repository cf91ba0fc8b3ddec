package io.jenkins.plugins.anyscale.emulator;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fault injection, programmable per endpoint, and request counts. Faults queue up per endpoint in the
 * order they were programmed: {@code failNext(e, 2, 503).dropNext(e, 1)} fails two requests, then drops one.
 * Thread-safe.
 */
public final class Faults {

    static final String DETAIL = "injected fault";

    private final Map<Endpoint, Deque<Programmed>> pending = new EnumMap<>(Endpoint.class);
    private final Map<Endpoint, AtomicInteger> counts = new EnumMap<>(Endpoint.class);

    Faults() {
        for (Endpoint endpoint : Endpoint.values()) {
            pending.put(endpoint, new ArrayDeque<>());
            counts.put(endpoint, new AtomicInteger());
        }
    }

    /** The next {@code times} requests to the endpoint answer {@code status} with a JSON error body. */
    public Faults failNext(Endpoint endpoint, int times, int status) {
        return add(endpoint, times, new Fault.Fail(requireStatus(status), null));
    }

    /** As {@link #failNext(Endpoint, int, int)}, with a {@code Retry-After} header in whole seconds (rounded up). */
    public Faults failNext(Endpoint endpoint, int times, int status, Duration retryAfter) {
        return failNext(endpoint, times, status, inWholeSeconds(retryAfter));
    }

    /**
     * As {@link #failNext(Endpoint, int, int)}, with this {@code Retry-After} header value, sent as it is: a value no
     * server should send ({@code 10000000000}, {@code -1}, a date in year 9999, {@code soon}) included.
     */
    public Faults failNext(Endpoint endpoint, int times, int status, String retryAfterHeader) {
        return add(endpoint, times, new Fault.Fail(requireStatus(status), requireHeaderValue(retryAfterHeader)));
    }

    /** The next {@code times} requests to the endpoint are served normally after sleeping {@code delay}. */
    public Faults delayNext(Endpoint endpoint, int times, Duration delay) {
        Objects.requireNonNull(delay, "delay");
        if (delay.isNegative()) {
            throw new IllegalArgumentException("delay must not be negative: " + delay);
        }
        return add(endpoint, times, new Fault.Delay(delay));
    }

    /** The next {@code times} requests to the endpoint get their connection closed without a response; state untouched. */
    public Faults dropNext(Endpoint endpoint, int times) {
        return add(endpoint, times, new Fault.Drop());
    }

    /** The next {@code times} requests to the endpoint are applied, then their connection is closed without a response. */
    public Faults applyThenDropNext(Endpoint endpoint, int times) {
        return add(endpoint, times, new Fault.ApplyThenDrop());
    }

    /**
     * The next {@code times} requests to the endpoint are applied, then answered {@code status} with the JSON error
     * body of {@link #failNext(Endpoint, int, int)}, as if they had not been: what a client that retries on 503 must
     * survive.
     */
    public Faults applyThenFailNext(Endpoint endpoint, int times, int status) {
        return add(endpoint, times, new Fault.ApplyThenFail(requireStatus(status), null));
    }

    /** As {@link #applyThenFailNext(Endpoint, int, int)}, with a {@code Retry-After} header in whole seconds (rounded up). */
    public Faults applyThenFailNext(Endpoint endpoint, int times, int status, Duration retryAfter) {
        return applyThenFailNext(endpoint, times, status, inWholeSeconds(retryAfter));
    }

    /**
     * As {@link #applyThenFailNext(Endpoint, int, int)}, with this {@code Retry-After} header value, sent as it is:
     * what a client must survive when a server that acted asks it to wait forever.
     */
    public Faults applyThenFailNext(Endpoint endpoint, int times, int status, String retryAfterHeader) {
        return add(
                endpoint, times, new Fault.ApplyThenFail(requireStatus(status), requireHeaderValue(retryAfterHeader)));
    }

    /** Forgets every programmed fault not yet used. Counts stay. */
    public void clear() {
        synchronized (pending) {
            pending.values().forEach(Deque::clear);
        }
    }

    /** Requests received by the endpoint, faulted ones included, since start or {@link #resetCounts()}. */
    public int requestCount(Endpoint endpoint) {
        return counts.get(Objects.requireNonNull(endpoint, "endpoint")).get();
    }

    /** Requests received by all endpoints together, faulted ones included, since start or {@link #resetCounts()}. */
    public int totalRequestCount() {
        return counts.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    /** Sets every request count back to zero. */
    public void resetCounts() {
        counts.values().forEach(count -> count.set(0));
    }

    /** Counts a request to the endpoint and takes the fault to apply to it, or {@code null} to serve it normally. */
    Fault onRequest(Endpoint endpoint) {
        counts.get(endpoint).incrementAndGet();
        synchronized (pending) {
            Deque<Programmed> queue = pending.get(endpoint);
            Programmed next = queue.peekFirst();
            if (next == null) {
                return null;
            }
            if (--next.remaining == 0) {
                queue.removeFirst();
            }
            return next.fault;
        }
    }

    private Faults add(Endpoint endpoint, int times, Fault fault) {
        Objects.requireNonNull(endpoint, "endpoint");
        if (times < 1) {
            throw new IllegalArgumentException("times must be at least 1: " + times);
        }
        synchronized (pending) {
            pending.get(endpoint).addLast(new Programmed(fault, times));
        }
        return this;
    }

    private static String inWholeSeconds(Duration retryAfter) {
        Objects.requireNonNull(retryAfter, "retryAfter");
        if (retryAfter.isNegative()) {
            throw new IllegalArgumentException("retryAfter must not be negative: " + retryAfter);
        }
        return Long.toString(retryAfter.getSeconds() + (retryAfter.getNano() > 0 ? 1 : 0));
    }

    /** Any value a header line can carry; a line break would end the header (the JDK's server refuses it anyway). */
    private static String requireHeaderValue(String value) {
        Objects.requireNonNull(value, "retryAfterHeader");
        if (value.isBlank() || value.chars().anyMatch(c -> c < ' ' || c == 0x7f)) {
            throw new IllegalArgumentException("not a header value: '" + value + "'");
        }
        return value;
    }

    private static int requireStatus(int status) {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("not an HTTP status: " + status);
        }
        return status;
    }

    private static final class Programmed {
        final Fault fault;
        int remaining;

        Programmed(Fault fault, int remaining) {
            this.fault = fault;
            this.remaining = remaining;
        }
    }
}
