package io.jenkins.plugins.anyscale.client.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.anyscale.client.provisioning.KeyOwner;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code anyscaleRotateApiKeys olderThanDays:}: which stored keys are rotated, and the log line that says why. */
class RotateIfOlderThanTest {

    static final Instant NOW = Instant.parse("2026-12-05T02:00:00Z");
    static final KeyOwner CI_BOT = new KeyOwner("ci-bot", "ci-bot@org");
    static final RotateIfOlderThan THIRTY = new RotateIfOlderThan(30);

    static KeyHolder stored(String name, String email, Instant mintedAt) {
        return new KeyHolder(CredentialLocation.inFolder("team-a", "ci-key"), name, email, mintedAt);
    }

    static RotationDecision decideFor(Duration age) {
        return THIRTY.decide(CI_BOT, "ci-key", stored("ci-bot", "ci-bot@org", NOW.minus(age)), NOW);
    }

    @Test
    void aKeyYoungerThanThePeriodIsKept() {
        RotationDecision decision = decideFor(Duration.ofDays(12).plusHours(3));

        assertThat(decision.rotate()).isFalse();
        assertThat(decision.reason())
                .isEqualTo("The key in credential 'ci-key' was minted 12 days ago (2026-11-22T23:00:00Z), less than"
                        + " 30 days ago: not rotated.");
    }

    @Test
    void theBoundaryIsExactlyThePeriod() {
        assertThat(decideFor(Duration.ofDays(30)).rotate()).isTrue();
        assertThat(decideFor(Duration.ofDays(30)).reason())
                .isEqualTo("The key in credential 'ci-key' was minted 30 days ago (2026-11-05T02:00:00Z), 30 days or"
                        + " more ago: rotating.");
        assertThat(decideFor(Duration.ofDays(30).minusMillis(1)).rotate()).isFalse();
        assertThat(decideFor(Duration.ofDays(30).minusMillis(1)).reason()).contains("29 days ago");
        assertThat(decideFor(Duration.ofDays(365)).rotate()).isTrue();
    }

    @Test
    void aKeyMintedToday() {
        RotationDecision decision = decideFor(Duration.ofMinutes(5));

        assertThat(decision.rotate()).isFalse();
        assertThat(decision.reason()).contains("was minted less than a day ago (2026-12-05T01:55:00Z)");
    }

    @Test
    void aKeyOfUnknownAgeIsRotated() {
        RotationDecision decision = THIRTY.decide(CI_BOT, "ci-key", stored("ci-bot", "ci-bot@org", null), NOW);

        assertThat(decision.rotate()).isTrue();
        assertThat(decision.reason())
                .isEqualTo("The key in credential 'ci-key' has no recorded mint time (it was stored before mint times"
                        + " were recorded): rotating.");
    }

    @Test
    void aKeyMintedAfterNowIsKeptAndTheClocksAreBlamed() {
        Instant ahead = NOW.plus(Duration.ofMinutes(3));

        RotationDecision decision = THIRTY.decide(CI_BOT, "ci-key", stored("ci-bot", "ci-bot@org", ahead), NOW);

        assertThat(decision.rotate()).isFalse();
        assertThat(decision.reason())
                .isEqualTo("The key in credential 'ci-key' was minted at 2026-12-05T02:03:00Z, later than this"
                        + " controller's clock (2026-12-05T02:00:00Z); taken as new: not rotated. Check the clocks.");
    }

    @Test
    void aKeyMintedFarInTheFutureIsOfUnknownAgeAndRotated() {
        Instant typedIn = NOW.plus(Duration.ofDays(3650));

        RotationDecision decision = THIRTY.decide(CI_BOT, "ci-key", stored("ci-bot", "ci-bot@org", typedIn), NOW);

        assertThat(decision.rotate()).isTrue();
        assertThat(decision.reason())
                .isEqualTo("The key in credential 'ci-key' records a mint time, 2036-12-02T02:00:00Z, more than 5"
                        + " minutes after this controller's clock (2026-12-05T02:00:00Z): its age is unknown:"
                        + " rotating.");
    }

    @Test
    void aMissingCredentialIsRotatedInto() {
        RotationDecision decision = THIRTY.decide(CI_BOT, "ci-key", null, NOW);

        assertThat(decision.rotate()).isTrue();
        assertThat(decision.reason()).isEqualTo("Credential 'ci-key' holds no key yet: rotating.");
    }

    @Test
    void theFreshKeyOfAnotherAccountDoesNotSkipTheRotation() {
        KeyHolder otherAccount = stored("other-bot", "other-bot@org", NOW.minus(Duration.ofDays(1)));

        RotationDecision decision = THIRTY.decide(CI_BOT, "ci-key", otherAccount, NOW);

        // Rotating is left to the key sink, which refuses to overwrite another account's key with its own message.
        assertThat(decision.rotate()).isTrue();
        assertThat(decision.reason())
                .isEqualTo("Credential 'ci-key' holds a key of 'other-bot' (other-bot@org), not of 'ci-bot', so its"
                        + " age does not count: rotating.");
    }

    @Test
    void theAccountIsRecognisedByTheKeySinksRule() {
        KeyHolder shouted = stored("renamed", "CI-BOT@ORG", NOW.minus(Duration.ofDays(1)));
        KeyHolder nameOnly = stored("ci-bot", null, NOW.minus(Duration.ofDays(1)));

        assertThat(THIRTY.decide(CI_BOT, "ci-key", shouted, NOW).rotate()).isFalse();
        assertThat(THIRTY.decide(CI_BOT, "ci-key", nameOnly, NOW).rotate()).isFalse();
        assertThat(THIRTY.decide(KeyOwner.named("ci-bot"), "ci-key", shouted, NOW)
                        .rotate())
                .isTrue();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, 3651, Integer.MAX_VALUE})
    void thePeriodIsFromOneDayToTenYears(int days) {
        assertThatThrownBy(() -> new RotateIfOlderThan(days))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("olderThanDays must be a number of days from 1 to 3650; got " + days
                        + ". Leave it out to rotate the keys whatever their age.");
    }

    @Test
    void thePeriodsBounds() {
        assertThat(new RotateIfOlderThan(1).days()).isEqualTo(1);
        assertThat(new RotateIfOlderThan(3650).days()).isEqualTo(3650);
        assertThat(new RotateIfOlderThan(1)
                        .decide(CI_BOT, "k", stored("ci-bot", null, NOW.minus(Duration.ofDays(1))), NOW)
                        .rotate())
                .isTrue();
    }
}
