package io.jenkins.plugins.anyscale;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.ExtensionPoint;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/**
 * Told when a step that changes something starts, ends, or turns out to have been cut off by a restart: what lets the
 * key lifecycle keep, in {@code JENKINS_HOME}, what such a step left for a person to do. An implementation must not
 * throw; what it throws is logged and ignored, since the step's own outcome does not depend on it.
 */
@Restricted(NoExternalUse.class)
public interface AnyscaleStepListener extends ExtensionPoint {

    /** The step is about to send its first request. */
    void started(@NonNull ChangingStep step);

    /**
     * The step's work ended, however: with its result, or with the failure its work threw (an abort or a timeout that
     * interrupted it included), before that failure was turned into the step's message.
     */
    void ended(@NonNull ChangingStep step, @CheckForNull Throwable failure);

    /**
     * The controller stopped while the step ran, and its build resumed: the step with that {@link ChangingStep#id()}
     * did not finish, and what it had done is not known.
     */
    void cutOff(@NonNull String stepId);
}
