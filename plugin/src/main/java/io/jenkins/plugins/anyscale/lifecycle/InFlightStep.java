package io.jenkins.plugins.anyscale.lifecycle;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import io.jenkins.plugins.anyscale.ChangingStep;
import io.jenkins.plugins.anyscale.client.inventory.AttentionEntry;
import io.jenkins.plugins.anyscale.client.inventory.AttentionReason;
import io.jenkins.plugins.anyscale.client.provisioning.ProvisioningOutcome.Operation;
import java.time.Instant;

/**
 * A step that changes something and has not ended, as the {@link AttentionLog} keeps it on disk: if the controller
 * stops before the step ends, this is what says afterwards that it was cut off. Only metadata. A plain class with
 * private fields, for XStream.
 */
final class InFlightStep {

    private final String id;

    /** Which start of this controller ran the step: a record of an earlier start is a step that was cut off. */
    private final String session;

    private final Instant startedAt;
    private final String job;
    private final int build;
    private final Operation operation;
    private final String account;

    @CheckForNull
    private final String credentialId;

    private final String attentionIfCutOff;

    private InFlightStep(ChangingStep step, String session) {
        this.id = step.id();
        this.session = session;
        this.startedAt = step.startedAt();
        this.job = step.job();
        this.build = step.build();
        this.operation = step.operation();
        this.account = step.account();
        this.credentialId = step.credentialId();
        this.attentionIfCutOff = step.attentionIfCutOff();
    }

    static InFlightStep of(@NonNull ChangingStep step, @NonNull String session) {
        return new InFlightStep(step, session);
    }

    String id() {
        return id;
    }

    boolean startedIn(@NonNull String session) {
        return session.equals(this.session);
    }

    /** The entry that says this step was cut off, with what the step itself said to check. */
    @NonNull
    AttentionEntry cutOff() {
        return new AttentionEntry(
                AttentionReason.CUT_OFF, operation, account, credentialId, startedAt, job, build, attentionIfCutOff);
    }
}
