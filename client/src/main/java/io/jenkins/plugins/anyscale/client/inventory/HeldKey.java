package io.jenkins.plugins.anyscale.client.inventory;

import java.time.Instant;

/**
 * One credential in a row of the {@link KeyInventory}: what it holds, what its store showed, how old its key is and
 * what the policy says about that.
 *
 * @param verdict {@link KeyAgePolicy.Verdict#NO_POLICY} for a credential that is not in its store any more
 */
public record HeldKey(KeyHolder holder, StoreCheck check, KeyAge age, KeyAgePolicy.Verdict verdict) {

    static HeldKey of(CheckedHolder checked, KeyAgePolicy policy, Instant now) {
        KeyAge age = KeyAge.of(checked.holder().mintedAt(), now);
        KeyAgePolicy.Verdict verdict = checked.isInStore() ? policy.verdictOn(age) : KeyAgePolicy.Verdict.NO_POLICY;
        return new HeldKey(checked.holder(), checked.check(), age, verdict);
    }

    public boolean isInStore() {
        return check == StoreCheck.IN_STORE;
    }
}
