package io.jenkins.plugins.anyscale.client.inventory;

import io.jenkins.plugins.anyscale.client.provisioning.KeyOwner;
import java.time.Instant;
import java.util.Objects;

/**
 * {@code anyscaleRotateApiKeys olderThanDays: N}: rotate only a key that is at least N days (of 24 hours) old, or of
 * unknown age, so that a nightly job keeps a rotation period without rotating every night. Such a job rotates every N
 * or N + 1 days, depending on whether it reaches the step a little before or after the time of day of the last
 * rotation.
 */
public final class RotateIfOlderThan {

    private final int days;

    /** @throws IllegalArgumentException saying what to give instead, unless 1 to {@link KeyAgePolicy#MAX_DAYS} */
    public RotateIfOlderThan(int olderThanDays) {
        if (olderThanDays < 1 || olderThanDays > KeyAgePolicy.MAX_DAYS) {
            throw new IllegalArgumentException("olderThanDays must be a number of days from 1 to "
                    + KeyAgePolicy.MAX_DAYS + "; got " + olderThanDays
                    + ". Leave it out to rotate the keys whatever their age.");
        }
        this.days = olderThanDays;
    }

    public int days() {
        return days;
    }

    /**
     * Whether to rotate the keys of {@code account}, whose new key goes to credential {@code credentialId}.
     *
     * @param stored what that credential holds now, {@code null} when it does not exist yet
     * @param now the moment to judge at, from the caller's clock
     */
    public RotationDecision decide(KeyOwner account, String credentialId, KeyHolder stored, Instant now) {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(credentialId, "credentialId");
        Objects.requireNonNull(now, "now");
        String credential = "credential '" + credentialId + "'";
        if (stored == null) {
            return RotationDecision.rotate("Credential '" + credentialId + "' holds no key yet: rotating.");
        }
        if (!stored.holdsKeyOf(account)) {
            // Its age says nothing about this account's keys; the key sink decides whether it may be replaced.
            return RotationDecision.rotate(
                    "Credential '" + credentialId + "' holds a key of " + stored.describeAccount() + ", not of "
                            + account.describe() + ", so its age does not count: rotating.");
        }
        KeyAge age = KeyAge.of(stored.mintedAt(), now);
        if (!age.isKnown() && age.mintedAfterNow()) {
            return RotationDecision.rotate("The key in " + credential + " records a mint time, " + age.mintedAt()
                    + ", more than " + KeyAge.CLOCK_SKEW.toMinutes() + " minutes after this controller's clock ("
                    + now + "): its age is unknown: rotating.");
        }
        if (!age.isKnown()) {
            return RotationDecision.rotate("The key in " + credential
                    + " has no recorded mint time (it was stored before mint times were recorded): rotating.");
        }
        String minted = "The key in " + credential + " was minted ";
        if (age.mintedAfterNow()) {
            return RotationDecision.keep(minted + "at " + age.mintedAt() + ", later than this controller's clock ("
                    + now + "); taken as new: not rotated. Check the clocks.");
        }
        String when = minted + describe(age) + " (" + age.mintedAt() + ")";
        return age.isAtLeastDays(days)
                ? RotationDecision.rotate(when + ", " + days + " days or more ago: rotating.")
                : RotationDecision.keep(when + ", less than " + days + " days ago: not rotated.");
    }

    private static String describe(KeyAge age) {
        return age.wholeDays() == 0 ? "less than a day ago" : age + " ago";
    }

    @Override
    public String toString() {
        return "rotate keys " + days + " days old or older";
    }
}
