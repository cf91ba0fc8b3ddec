package io.jenkins.plugins.anyscale.client.provisioning;

import java.util.Objects;

/**
 * One access rule: the jobs whose full names match {@link #jobs()} may manage the service accounts whose names match
 * {@link #accounts()}. Both patterns are checked when the rule is made, so a bad rule is refused where it is
 * configured, not when a build runs.
 */
public final class AccessRule {

    private final NamePattern jobs;
    private final NamePattern accounts;

    /**
     * @param jobs an Ant-style pattern over job full names, e.g. {@code team-a/**}
     * @param accounts a glob over service account names, e.g. {@code team-a-*}
     * @throws IllegalArgumentException saying what to fix in either pattern
     */
    public AccessRule(String jobs, String accounts) {
        this.jobs = NamePattern.jobs(jobs);
        this.accounts = NamePattern.accounts(accounts);
    }

    public NamePattern jobs() {
        return jobs;
    }

    public NamePattern accounts() {
        return accounts;
    }

    /** Whether this rule is about the job (whatever the account). */
    public boolean coversJob(String jobFullName) {
        return jobs.matches(jobFullName);
    }

    /** Whether this rule lets the job manage the account. */
    public boolean covers(String jobFullName, String accountName) {
        return jobs.matches(jobFullName) && accounts.matches(accountName);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AccessRule other && jobs.equals(other.jobs) && accounts.equals(other.accounts);
    }

    @Override
    public int hashCode() {
        return Objects.hash(jobs, accounts);
    }

    @Override
    public String toString() {
        return "jobs '" + jobs + "' may manage accounts '" + accounts + "'";
    }
}
