package io.jenkins.plugins.anyscale.client.provisioning;

import java.util.List;
import java.util.Objects;

/**
 * The access rules of one configuration: which jobs may manage which service accounts. No rule, no access: with no
 * rules at all, no job may change any account, nor list them.
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

    /**
     * What the job may manage, for {@link ServiceAccountProvisioner}: each refusal names the job, the account and where
     * access is granted.
     */
    public AccountAccess forJob(String jobFullName) {
        Objects.requireNonNull(jobFullName, "jobFullName");
        return accountName -> {
            if (!allows(jobFullName, accountName)) {
                throw new AccountAccessDeniedException(
                        "Job '" + jobFullName + "' may not manage Anyscale service account '" + accountName + "': "
                                + (rules.isEmpty()
                                        ? "no access rules are configured, so no job may manage service accounts."
                                        : "no access rule covers both this job and this account.")
                                + " Nothing was sent to Anyscale for it. An administrator grants access in "
                                + whereToGrant + ".",
                        accountName);
            }
        };
    }

    /**
     * Confirms that the job may list service accounts: some rule must cover the job, whatever accounts it names.
     *
     * @throws AccountAccessDeniedException naming the job and where access is granted
     */
    public void checkMayList(String jobFullName) {
        if (rules.stream().noneMatch(rule -> rule.coversJob(jobFullName))) {
            throw new AccountAccessDeniedException(
                    "Job '" + jobFullName + "' may not list Anyscale service accounts: "
                            + (rules.isEmpty() ? "no access rules are configured." : "no access rule covers this job.")
                            + " An administrator grants access in " + whereToGrant + ".",
                    null);
        }
    }
}
