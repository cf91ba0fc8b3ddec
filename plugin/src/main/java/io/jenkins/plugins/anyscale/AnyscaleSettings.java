package io.jenkins.plugins.anyscale;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.ExtensionList;
import io.jenkins.plugins.anyscale.client.provisioning.AccessRule;
import io.jenkins.plugins.anyscale.client.provisioning.AccessRules;
import java.util.ArrayList;
import java.util.List;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/**
 * The Anyscale settings in force, as one immutable value: the global configuration replaces it as a whole when it is
 * saved, and a step reads it once, when it starts. So a step never pairs the token of one configuration with the host
 * of the next, and nothing but the configuration itself depends on how the settings are edited and stored.
 *
 * @param host the Anyscale origin, the only place the owner token is ever sent
 * @param ownerTokenId the ID of the System-scoped Secret text holding the organization owner's token, if chosen
 * @param rules the access rules, as configured (compiled by {@link #accessRules()})
 * @param allowRootStore whether steps of jobs in no folder may store keys in the root credentials store
 * @param maxKeyAgeDays the rotation policy: keys older than this many days need attention; 0 for no policy
 */
@Restricted(NoExternalUse.class)
public record AnyscaleSettings(
        @NonNull String host,
        @CheckForNull String ownerTokenId,
        @NonNull List<AnyscaleAccessRule> rules,
        boolean allowRootStore,
        int connectTimeoutSeconds,
        int readTimeoutSeconds,
        int callTimeoutSeconds,
        int maxKeyAgeDays) {

    /** Where refusals tell an administrator to add an access rule. */
    static final String WHERE_RULES_ARE_GRANTED = "Manage Jenkins \u203a System \u203a Anyscale \u203a Access rules";

    public AnyscaleSettings {
        rules = List.copyOf(rules);
    }

    /** The settings of the global configuration, as last saved. */
    @NonNull
    public static AnyscaleSettings current() {
        return ExtensionList.lookupSingleton(Source.class).settings();
    }

    /**
     * The access rules as the provisioning layer applies them. Compiled on each call: cheap, and a rule read from a
     * hand-edited file that is not valid refuses access instead of granting it.
     *
     * @throws IllegalArgumentException if a rule is not valid: then no job is granted anything
     */
    @NonNull
    public AccessRules accessRules() {
        List<AccessRule> compiled = new ArrayList<>(rules.size());
        for (AnyscaleAccessRule rule : rules) {
            compiled.add(rule.toAccessRule());
        }
        return new AccessRules(compiled, WHERE_RULES_ARE_GRANTED);
    }

    /** What publishes the settings in force: the global configuration. */
    @Restricted(NoExternalUse.class)
    public interface Source {

        @NonNull
        AnyscaleSettings settings();
    }
}
