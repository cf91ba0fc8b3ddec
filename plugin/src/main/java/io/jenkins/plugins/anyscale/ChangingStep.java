package io.jenkins.plugins.anyscale;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import io.jenkins.plugins.anyscale.client.provisioning.ProvisioningOutcome.Operation;
import java.time.Instant;
import java.util.Objects;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/**
 * A step that changes something in Anyscale, while it runs, as {@link AnyscaleStepListener}s are told of it: which
 * build, which operation on which account and credential, and what to check if it is cut off. Only metadata.
 *
 * @param id unique, and the same for the whole life of the step, a restart included: its execution keeps it
 * @param job the build's job; {@code null} (and {@code build} 0) for an administrator's action on the inventory page
 * @param account the service account's name, or the email the step was given
 * @param credentialId the credential that receives the key; {@code null} for a delete
 * @param attentionIfCutOff what a person should check if the step is cut off, as the step logs it
 */
@Restricted(NoExternalUse.class)
public record ChangingStep(
        @NonNull String id,
        @NonNull Instant startedAt,
        @CheckForNull String job,
        int build,
        @NonNull Operation operation,
        @NonNull String account,
        @CheckForNull String credentialId,
        @NonNull String attentionIfCutOff) {

    public ChangingStep {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(attentionIfCutOff, "attentionIfCutOff");
    }
}
