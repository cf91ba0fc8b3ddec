package io.jenkins.plugins.anyscale.client.provisioning;

import io.jenkins.plugins.anyscale.client.Printable;
import java.util.List;
import java.util.Objects;

/**
 * The access rules of one configuration: which jobs may manage which service accounts. No rule, no access: with no
 * rules at all, no job may change any account, nor list them, nor look one up by email.
 */
public final class AccessRules {

    private final List<AccessRule> rules;
    private final String whereToGrant;

    /**
     * @param rules the rules, any of which may grant access
     * @param whereToGrant where an administrator adds a rule, for refusal messages, e.g. {@code Manage Jenkins › System
     *     › Anyscale › Access rules}
     */
    public AccessRules(List<AccessRule> rules, String whereToGrant) {
        this.rules = List.copyOf(rules);
        this.whereToGrant = Objects.requireNonNull(whereToGrant, "whereToGrant");
    }

    public List<AccessRule> rules() {
        return rules;
    }

    public boolean isEmpty() {
        return rules.isEmpty();
    }

    /** Whether some rule lets the job manage the account. */
    public boolean allows(String jobFullName, String accountName) {
        return rules.stream().anyMatch(rule -> rule.covers(jobFullName, accountName));
    }

    /** Whether some rule is about the job, whatever its accounts. */
    public boolean coversJob(String jobFullName) {
        return rules.stream().anyMatch(rule -> rule.coversJob(jobFullName));
    }

    /**
     * What the job may manage, for {@link ServiceAccountProvisioner}: an account that some rule lets it manage, and
     * looking accounts up by email only if some rule covers the job (as for listing). Each refusal names the job, the
     * account where one was named or found, what was sent to Anyscale, and where access is granted.
     */
    public AccountAccess forJob(String jobFullName) {
        Objects.requireNonNull(jobFullName, "jobFullName");
        return new JobAccess(jobFullName);
    }

    /**
     * Confirms that the job may list service accounts: some rule must cover the job, whatever accounts it names.
     *
     * @throws AccountAccessDeniedException naming the job and where access is granted
     */
    public void checkMayList(String jobFullName) {
        if (!coversJob(jobFullName)) {
            throw new AccountAccessDeniedException(
                    job(jobFullName) + " may not list Anyscale service accounts: " + noRuleForTheJob() + " " + grant(),
                    null);
        }
    }

    /** What one job may manage. */
    private final class JobAccess implements AccountAccess {

        private final String jobFullName;

        JobAccess(String jobFullName) {
            this.jobFullName = jobFullName;
        }

        @Override
        public void checkMayManage(String accountName) {
            check(accountName, "Nothing was sent to Anyscale for it.");
        }

        @Override
        public void checkMayLookUp() {
            if (!coversJob(jobFullName)) {
                throw new AccountAccessDeniedException(
                        job(jobFullName) + " may not manage Anyscale service accounts: " + noRuleForTheJob()
                                + " Nothing was sent to Anyscale. " + grant(),
                        null);
            }
        }

        @Override
        public void checkMayManageLookedUp(String accountName) {
            check(accountName, "Only its lookup was sent to Anyscale; nothing was changed.");
        }

        private void check(String accountName, String whatWasSent) {
            if (!allows(jobFullName, accountName)) {
                throw new AccountAccessDeniedException(
                        job(jobFullName) + " may not manage Anyscale service account '" + Printable.of(accountName)
                                + "': "
                                + (rules.isEmpty()
                                        ? "no access rules are configured, so no job may manage service accounts."
                                        : "no access rule covers both this job and this account.")
                                + " " + whatWasSent + " " + grant(),
                        accountName);
            }
        }
    }

    private static String job(String jobFullName) {
        return "Job '" + Printable.of(jobFullName) + "'";
    }

    private String noRuleForTheJob() {
        return rules.isEmpty() ? "no access rules are configured." : "no access rule covers this job.";
    }

    private String grant() {
        return "An administrator grants access in " + whereToGrant + ".";
    }
}
