package io.jenkins.plugins.anyscale.client.inventory;

/**
 * How old a stored key may get before it is due for rotation: the administrator's {@code maxKeyAgeDays}, off by
 * default. Anyscale's keys never expire, so this is the only place a rotation period lives. A key is over the policy
 * once it is {@code maxKeyAgeDays} days (of 24 hours) old, that very moment included; a key whose mint time is not
 * known is neither over nor within it, but of unknown age, so that it is never passed as fine.
 */
public final class KeyAgePolicy {

    /** The longest period that can be set, in days: ten years. */
    public static final int MAX_DAYS = 3650;

    private static final KeyAgePolicy OFF = new KeyAgePolicy(0);

    /** What the policy says about one key. */
    public enum Verdict {
        /** There is no policy. */
        NO_POLICY,
        /** Younger than the policy's limit. */
        WITHIN_POLICY,
        /** At or over the policy's limit: due for rotation. */
        OVER_POLICY,
        /** There is a policy, and the key's mint time is not known. */
        AGE_UNKNOWN
    }

    private final int maxKeyAgeDays;

    private KeyAgePolicy(int maxKeyAgeDays) {
        this.maxKeyAgeDays = maxKeyAgeDays;
    }

    public static KeyAgePolicy off() {
        return OFF;
    }

    /**
     * @param maxKeyAgeDays from 1 to {@link #MAX_DAYS}, or 0 for no policy
     * @throws IllegalArgumentException saying what to set instead
     */
    public static KeyAgePolicy maxKeyAgeDays(int maxKeyAgeDays) {
        if (maxKeyAgeDays < 0 || maxKeyAgeDays > MAX_DAYS) {
            throw new IllegalArgumentException("The maximum key age must be from 1 to " + MAX_DAYS
                    + " days (ten years), or 0 for no policy; got " + maxKeyAgeDays + ".");
        }
        return maxKeyAgeDays == 0 ? OFF : new KeyAgePolicy(maxKeyAgeDays);
    }

    public boolean isOn() {
        return maxKeyAgeDays > 0;
    }

    /** The limit in days; 0 when off. */
    public int maxKeyAgeDays() {
        return maxKeyAgeDays;
    }

    public Verdict verdictOn(KeyAge age) {
        if (!isOn()) {
            return Verdict.NO_POLICY;
        }
        if (!age.isKnown()) {
            return Verdict.AGE_UNKNOWN;
        }
        return age.isAtLeastDays(maxKeyAgeDays) ? Verdict.OVER_POLICY : Verdict.WITHIN_POLICY;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KeyAgePolicy other && maxKeyAgeDays == other.maxKeyAgeDays;
    }

    @Override
    public int hashCode() {
        return maxKeyAgeDays;
    }

    /** {@code keys are due for rotation at 90 days} or {@code no key age policy}. */
    @Override
    public String toString() {
        return isOn() ? "keys are due for rotation at " + maxKeyAgeDays + " days" : "no key age policy";
    }
}
