package io.jenkins.plugins.anyscale.client.inventory;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * How old a stored key is at a given moment: known from its mint time, or unknown. A mint time a little after that
 * moment (clocks that disagree by up to {@link #CLOCK_SKEW}) counts as a key of age zero; one further ahead is not a
 * time a clock could have given, and the age is unknown: otherwise a mint time typed into the future would keep a key
 * from ever being rotated.
 */
public final class KeyAge {

    /** How far ahead of the moment measured at a mint time may be and still count as now. */
    public static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    private static final KeyAge UNKNOWN = new KeyAge(null, null, false);

    private final Instant mintedAt;
    private final Duration age;
    private final boolean mintedAfterNow;

    private KeyAge(Instant mintedAt, Duration age, boolean mintedAfterNow) {
        this.mintedAt = mintedAt;
        this.age = age;
        this.mintedAfterNow = mintedAfterNow;
    }

    /**
     * @param mintedAt when the key was minted, {@code null} when unknown
     * @param now the moment to measure at (the caller's clock: nothing here reads one)
     */
    public static KeyAge of(Instant mintedAt, Instant now) {
        Objects.requireNonNull(now, "now");
        if (mintedAt == null) {
            return UNKNOWN;
        }
        if (mintedAt.isAfter(now.plus(CLOCK_SKEW))) {
            return new KeyAge(mintedAt, null, true);
        }
        boolean afterNow = mintedAt.isAfter(now);
        return new KeyAge(mintedAt, afterNow ? Duration.ZERO : Duration.between(mintedAt, now), afterNow);
    }

    /** Whether the age is known: a mint time is recorded, and not further ahead than {@link #CLOCK_SKEW}. */
    public boolean isKnown() {
        return age != null;
    }

    /** When the key was minted, as recorded (even one too far ahead to be believed), or {@code null}. */
    public Instant mintedAt() {
        return mintedAt;
    }

    /** The age, or {@code null} when unknown; never negative. */
    public Duration duration() {
        return age;
    }

    /** Whether the mint time is later than the moment measured at: the clocks disagree. */
    public boolean mintedAfterNow() {
        return mintedAfterNow;
    }

    /** Whether the key is known to be at least that many days (of 24 hours) old. */
    public boolean isAtLeastDays(int days) {
        return age != null && age.compareTo(Duration.ofDays(days)) >= 0;
    }

    /** Whole days of 24 hours, rounded down; -1 when unknown. */
    public long wholeDays() {
        return age == null ? -1 : age.toDays();
    }

    /** {@code 12 days}, {@code 1 day}, {@code less than a day} or {@code unknown}. */
    @Override
    public String toString() {
        if (age == null) {
            return "unknown";
        }
        long days = age.toDays();
        return days == 0 ? "less than a day" : days == 1 ? "1 day" : days + " days";
    }
}
