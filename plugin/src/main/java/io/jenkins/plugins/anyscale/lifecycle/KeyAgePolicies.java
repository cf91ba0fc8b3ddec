package io.jenkins.plugins.anyscale.lifecycle;

import edu.umd.cs.findbugs.annotations.NonNull;
import io.jenkins.plugins.anyscale.AnyscaleSettings;
import io.jenkins.plugins.anyscale.client.inventory.KeyAgePolicy;

/** The rotation policy of the global configuration ({@code maxKeyAgeDays}). */
final class KeyAgePolicies {

    private KeyAgePolicies() {}

    /** The policy in force; none when the saved value is out of range (a hand-edited file), rather than a failure. */
    @NonNull
    static KeyAgePolicy current() {
        try {
            return KeyAgePolicy.maxKeyAgeDays(AnyscaleSettings.current().maxKeyAgeDays());
        } catch (IllegalArgumentException e) {
            return KeyAgePolicy.off();
        }
    }
}
