package io.jenkins.plugins.anyscale.client.inventory;

/**
 * What {@link RotateIfOlderThan} decided for one credential, and why, in one sentence for the build log.
 *
 * @param rotate whether to rotate the account's keys
 * @param reason e.g. {@code The key in credential 'ci-key' was minted 12 days ago (…), less than 30 days ago: not
 *     rotated.}
 */
public record RotationDecision(boolean rotate, String reason) {

    static RotationDecision rotate(String reason) {
        return new RotationDecision(true, reason);
    }

    static RotationDecision keep(String reason) {
        return new RotationDecision(false, reason);
    }
}
