package io.jenkins.plugins.anyscale.lifecycle;

import com.cloudbees.plugins.credentials.Credentials;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.model.Fingerprint;
import hudson.model.Job;
import hudson.model.Run;
import io.jenkins.plugins.anyscale.client.inventory.KeyHolder;
import java.io.IOException;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.model.Jenkins;

/**
 * The last build that used a credential, from the credentials plugin's tracking: the fingerprint of the credential
 * lists the builds of each job that used it, and the newest of the latest build of each job is the last use. A
 * fingerprint is of the credential as it is now, so a rotated key's uses start again.
 */
final class LastUse {

    private static final Logger LOGGER = Logger.getLogger(LastUse.class.getName());

    private LastUse() {}

    /** The holder with its last use, or as it is when the credential was never used (or its builds are gone). */
    @NonNull
    static KeyHolder of(@NonNull KeyHolder holder, @NonNull Credentials credential) {
        Fingerprint fingerprint;
        try {
            fingerprint = CredentialsProvider.getFingerprintOf(credential);
        } catch (IOException e) {
            LOGGER.log(Level.FINE, "Could not read the usage of " + holder.location(), e);
            return holder;
        }
        if (fingerprint == null) {
            return holder;
        }
        String newestBuild = null;
        Instant newestAt = null;
        for (String jobName : fingerprint.getJobs()) {
            Fingerprint.RangeSet builds = fingerprint.getRangeSet(jobName);
            if (builds.isEmpty()) {
                continue;
            }
            int number = builds.max() - 1; // the end of the last range, which is exclusive
            Job<?, ?> job = Jenkins.get().getItemByFullName(jobName, Job.class);
            Run<?, ?> run = job == null ? null : job.getBuildByNumber(number);
            Instant at = run == null ? null : Instant.ofEpochMilli(run.getStartTimeInMillis());
            if (newestBuild == null || (at != null && (newestAt == null || at.isAfter(newestAt)))) {
                newestBuild = jobName + " #" + number;
                newestAt = at;
            }
        }
        return newestBuild == null ? holder : holder.withLastUse(newestBuild, newestAt);
    }
}
