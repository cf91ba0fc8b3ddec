package io.jenkins.plugins.anyscale.client.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.anyscale.client.inventory.KeyAgePolicy.Verdict;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A key's age at a given moment, and what the administrator's maximum age says about it. */
class KeyAgePolicyTest {

    static final Instant NOW = Instant.parse("2026-12-05T02:00:00Z");
    static final KeyAgePolicy THIRTY_DAYS = KeyAgePolicy.maxKeyAgeDays(30);

    static KeyAge mintedAgo(Duration age) {
        return KeyAge.of(NOW.minus(age), NOW);
    }

    @Test
    void aKeyIsOverThePolicyFromTheVeryMomentItReachesTheAge() {
        assertThat(THIRTY_DAYS.verdictOn(mintedAgo(Duration.ofDays(30)))).isEqualTo(Verdict.OVER_POLICY);
        assertThat(THIRTY_DAYS.verdictOn(mintedAgo(Duration.ofDays(30).minusMillis(1))))
                .isEqualTo(Verdict.WITHIN_POLICY);
        assertThat(THIRTY_DAYS.verdictOn(mintedAgo(Duration.ofDays(3000)))).isEqualTo(Verdict.OVER_POLICY);
        assertThat(THIRTY_DAYS.verdictOn(mintedAgo(Duration.ZERO))).isEqualTo(Verdict.WITHIN_POLICY);
    }

    @Test
    void aKeyMintedALittleLaterThanNowIsNewNotOld() {
        KeyAge ahead = KeyAge.of(NOW.plus(KeyAge.CLOCK_SKEW), NOW);

        assertThat(ahead.isKnown()).isTrue();
        assertThat(ahead.mintedAfterNow()).isTrue();
        assertThat(ahead.duration()).isEqualTo(Duration.ZERO);
        assertThat(ahead.wholeDays()).isZero();
        assertThat(THIRTY_DAYS.verdictOn(ahead)).isEqualTo(Verdict.WITHIN_POLICY);
        assertThat(mintedAgo(Duration.ZERO).mintedAfterNow()).isFalse();
    }

    /** A mint time typed into the future must not keep a key young forever. */
    @Test
    void aKeyMintedFurtherAheadThanClocksDisagreeIsOfUnknownAge() {
        KeyAge ahead = KeyAge.of(NOW.plus(KeyAge.CLOCK_SKEW).plusMillis(1), NOW);

        assertThat(ahead.isKnown()).isFalse();
        assertThat(ahead.mintedAfterNow()).isTrue();
        assertThat(ahead.mintedAt()).isEqualTo(NOW.plus(KeyAge.CLOCK_SKEW).plusMillis(1));
        assertThat(ahead.wholeDays()).isEqualTo(-1);
        assertThat(ahead).hasToString("unknown");
        assertThat(THIRTY_DAYS.verdictOn(ahead)).isEqualTo(Verdict.AGE_UNKNOWN);
        assertThat(THIRTY_DAYS.verdictOn(KeyAge.of(NOW.plus(Duration.ofDays(400)), NOW)))
                .isEqualTo(Verdict.AGE_UNKNOWN);
    }

    @Test
    void anUnknownAgeIsNeitherOverNorWithin() {
        KeyAge unknown = KeyAge.of(null, NOW);

        assertThat(unknown.isKnown()).isFalse();
        assertThat(unknown.duration()).isNull();
        assertThat(unknown.wholeDays()).isEqualTo(-1);
        assertThat(unknown.isAtLeastDays(1)).isFalse();
        assertThat(THIRTY_DAYS.verdictOn(unknown)).isEqualTo(Verdict.AGE_UNKNOWN);
        assertThat(KeyAgePolicy.off().verdictOn(unknown)).isEqualTo(Verdict.NO_POLICY);
    }

    @Test
    void withoutAPolicyNoKeyIsJudged() {
        assertThat(KeyAgePolicy.off().isOn()).isFalse();
        assertThat(KeyAgePolicy.maxKeyAgeDays(0)).isSameAs(KeyAgePolicy.off());
        assertThat(KeyAgePolicy.off().verdictOn(mintedAgo(Duration.ofDays(5000))))
                .isEqualTo(Verdict.NO_POLICY);
        assertThat(KeyAgePolicy.off()).hasToString("no key age policy");
        assertThat(THIRTY_DAYS).hasToString("keys are due for rotation at 30 days");
        assertThat(THIRTY_DAYS).isEqualTo(KeyAgePolicy.maxKeyAgeDays(30)).isNotEqualTo(KeyAgePolicy.off());
    }

    @Test
    void theLimitIsFromOneDayToTenYears() {
        assertThat(KeyAgePolicy.maxKeyAgeDays(1).maxKeyAgeDays()).isEqualTo(1);
        assertThat(KeyAgePolicy.maxKeyAgeDays(3650).maxKeyAgeDays()).isEqualTo(3650);
        assertThatThrownBy(() -> KeyAgePolicy.maxKeyAgeDays(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The maximum key age must be from 1 to 3650 days (ten years), or 0 for no policy; got -1.");
        assertThatThrownBy(() -> KeyAgePolicy.maxKeyAgeDays(3651)).hasMessageEndingWith("got 3651.");
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 1, 23 * 3600})
    void agesUnderADaySayLessThanADay(long seconds) {
        assertThat(mintedAgo(Duration.ofSeconds(seconds))).hasToString("less than a day");
    }

    @Test
    void agesReadInWholeDays() {
        assertThat(mintedAgo(Duration.ofDays(1))).hasToString("1 day");
        assertThat(mintedAgo(Duration.ofDays(2).minusMillis(1))).hasToString("1 day");
        assertThat(mintedAgo(Duration.ofDays(12).plusHours(5))).hasToString("12 days");
        assertThat(KeyAge.of(null, NOW)).hasToString("unknown");
        assertThat(mintedAgo(Duration.ofDays(12)).mintedAt()).isEqualTo(NOW.minus(Duration.ofDays(12)));
    }
}
