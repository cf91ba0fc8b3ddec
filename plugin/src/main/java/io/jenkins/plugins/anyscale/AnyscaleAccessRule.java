package io.jenkins.plugins.anyscale;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.Util;
import hudson.model.AbstractDescribableImpl;
import hudson.model.Descriptor;
import hudson.model.ItemGroup;
import hudson.model.Job;
import hudson.util.FormValidation;
import io.jenkins.plugins.anyscale.client.provisioning.AccessRule;
import io.jenkins.plugins.anyscale.client.provisioning.NamePattern;
import java.util.ArrayList;
import java.util.List;
import jenkins.model.Jenkins;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * One access rule of the global configuration: jobs whose full names match {@link #getJobs()} may manage the Anyscale
 * service accounts whose names match {@link #getAccounts()}. The patterns are checked when the rule is made (form,
 * configuration as code); the matching itself is the client's {@link AccessRule}.
 */
public final class AnyscaleAccessRule extends AbstractDescribableImpl<AnyscaleAccessRule> {

    private final String jobs;
    private final String accounts;

    /**
     * @throws IllegalArgumentException saying what to fix, if either pattern is not valid
     */
    @DataBoundConstructor
    public AnyscaleAccessRule(String jobs, String accounts) {
        this.jobs = Util.fixNull(jobs).trim();
        this.accounts = Util.fixNull(accounts).trim();
        toAccessRule();
    }

    /** An Ant-style pattern over job full names, such as {@code team-a/**}. */
    public String getJobs() {
        return jobs;
    }

    /** A glob over service account names, such as {@code team-a-*}. */
    public String getAccounts() {
        return accounts;
    }

    /**
     * The rule the provisioning layer applies. Compiled on each call: cheap, and a rule read from a hand-edited file
     * that is not valid refuses access instead of granting it.
     *
     * @throws IllegalArgumentException if a pattern is not valid
     */
    @NonNull
    AccessRule toAccessRule() {
        return new AccessRule(jobs, accounts);
    }

    @Override
    public String toString() {
        return "AnyscaleAccessRule[jobs=" + jobs + ", accounts=" + accounts + "]";
    }

    @Extension
    public static final class DescriptorImpl extends Descriptor<AnyscaleAccessRule> {

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.AnyscaleAccessRule_DisplayName();
        }

        /**
         * Checks the pattern and says how many existing jobs it covers, so that a typo shows before it is saved; warns
         * when it also reaches jobs that do not exist yet in a place that anyone who may create jobs there could fill:
         * the top level, or a folder that does not exist.
         */
        @POST
        @Restricted(NoExternalUse.class)
        public FormValidation doCheckJobs(@QueryParameter String value) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            NamePattern pattern;
            try {
                pattern = NamePattern.jobs(Util.fixNull(value).trim());
            } catch (IllegalArgumentException e) {
                return FormValidation.error(e.getMessage());
            }
            List<String> matching = new ArrayList<>();
            for (Job<?, ?> job : Jenkins.get().allItems(Job.class)) {
                if (pattern.matches(job.getFullName())) {
                    matching.add(job.getFullName());
                }
            }
            List<String> shown = matching.subList(0, Math.min(5, matching.size()));
            String covers = matching.isEmpty()
                    ? Messages.AnyscaleAccessRule_NoJobMatches()
                    : Messages.AnyscaleAccessRule_JobsMatch(
                            matching.size(), String.join(", ", shown) + (matching.size() > shown.size() ? ", …" : ""));
            List<String> reaches = new ArrayList<>();
            if (pattern.canMatchTopLevelJobs()) {
                reaches.add(Messages.AnyscaleAccessRule_MatchesTopLevelJobs());
            }
            pattern.leadingFolder()
                    .filter(folder -> !(Jenkins.get().getItemByFullName(folder) instanceof ItemGroup<?>))
                    .ifPresent(folder -> reaches.add(Messages.AnyscaleAccessRule_NoSuchFolder(folder)));
            if (!reaches.isEmpty()) {
                return FormValidation.warning(covers + " " + String.join(" ", reaches));
            }
            return matching.isEmpty() ? FormValidation.warning(covers) : FormValidation.ok(covers);
        }

        @POST
        @Restricted(NoExternalUse.class)
        public FormValidation doCheckAccounts(@QueryParameter String value) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            try {
                NamePattern.accounts(Util.fixNull(value).trim());
                return FormValidation.ok();
            } catch (IllegalArgumentException e) {
                return FormValidation.error(e.getMessage());
            }
        }
    }
}
