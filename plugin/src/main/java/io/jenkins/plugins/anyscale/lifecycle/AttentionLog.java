package io.jenkins.plugins.anyscale.lifecycle;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.ExtensionList;
import hudson.XmlFile;
import hudson.init.InitMilestone;
import hudson.init.Initializer;
import io.jenkins.plugins.anyscale.AnyscaleStepListener;
import io.jenkins.plugins.anyscale.ChangingStep;
import io.jenkins.plugins.anyscale.client.inventory.AttentionEntry;
import io.jenkins.plugins.anyscale.client.inventory.AttentionList;
import io.jenkins.plugins.anyscale.client.provisioning.ProvisioningException;
import java.io.File;
import java.io.IOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.model.Jenkins;

/**
 * What Anyscale operations left for a person to do, until an administrator dismisses it: a bounded {@link
 * AttentionList} kept in {@code JENKINS_HOME/io.jenkins.plugins.anyscale.lifecycle.AttentionLog.xml}, together with
 * the steps that are changing something right now. A step that fails with a consequence that needs a person (an
 * account left behind, a key nothing holds, an account without a working key, stored keys left after a delete) adds an
 * entry when it ends; one that was still running when the controller stopped adds a {@code CUT_OFF} entry, either when
 * its build resumes or, for a build that cannot resume, when Jenkins starts. The step's record and its entry are
 * written together, so one step gives one entry at most. Only metadata, never a key.
 */
@Extension
public final class AttentionLog implements AnyscaleStepListener {

    private static final Logger LOGGER = Logger.getLogger(AttentionLog.class.getName());

    private AttentionList attention = new AttentionList();

    /** The steps that are changing something, by {@link ChangingStep#id()}. */
    private Map<String, InFlightStep> inFlight = new HashMap<>();

    /** This start of the controller: records of other starts are steps that were cut off. */
    private final transient String session = UUID.randomUUID().toString();

    public AttentionLog() {
        XmlFile file = file();
        if (file.exists()) {
            try {
                file.unmarshal(this);
            } catch (IOException | RuntimeException e) {
                LOGGER.log(Level.WARNING, "Could not read " + file, e);
            }
        }
        if (attention == null) {
            attention = new AttentionList();
        }
        if (inFlight == null) {
            inFlight = new HashMap<>();
        }
    }

    @NonNull
    public static AttentionLog get() {
        return ExtensionList.lookupSingleton(AttentionLog.class);
    }

    private static XmlFile file() {
        return new XmlFile(
                Jenkins.XSTREAM2, new File(Jenkins.get().getRootDir(), AttentionLog.class.getName() + ".xml"));
    }

    /** The steps still recorded as running from an earlier start of the controller were cut off by its stop. */
    @Initializer(after = InitMilestone.JOB_LOADED)
    public static void recordStepsCutOffByTheLastStop() {
        get().sweep();
    }

    // ------------------------------------------------------------------ what steps report

    @Override
    public synchronized void started(@NonNull ChangingStep step) {
        inFlight.put(step.id(), InFlightStep.of(step, session));
        save();
    }

    @Override
    public synchronized void ended(@NonNull ChangingStep step, @CheckForNull Throwable failure) {
        inFlight.remove(step.id());
        if (failure instanceof ProvisioningException left) {
            AttentionEntry.afterFailure(left, step.credentialId(), Instant.now(), step.job(), step.build())
                    .ifPresent(attention::add);
        }
        save();
    }

    @Override
    public synchronized void cutOff(@NonNull String stepId) {
        InFlightStep step = inFlight.remove(stepId);
        if (step != null) { // otherwise already recorded when Jenkins started, or the step had ended
            add(step);
            save();
        }
    }

    synchronized void sweep() {
        boolean changed = false;
        for (Iterator<InFlightStep> it = inFlight.values().iterator(); it.hasNext(); ) {
            InFlightStep step = it.next();
            if (!step.startedIn(session)) {
                it.remove();
                add(step);
                changed = true;
            }
        }
        if (changed) {
            save();
        }
    }

    private void add(InFlightStep cutOff) {
        try {
            attention.add(cutOff.cutOff());
        } catch (IllegalArgumentException e) { // a hand-edited record
            LOGGER.log(Level.WARNING, "Could not record the cut-off step " + cutOff.id(), e);
        }
    }

    // ------------------------------------------------------------------ what the page and its actions do

    /** Records what an administrator's action left for a person to do. */
    public synchronized void add(@NonNull AttentionEntry entry) {
        attention.add(entry);
        save();
    }

    /** @return false when no entry has that ID (dismissed already, or dropped) */
    public synchronized boolean dismiss(@NonNull String id) {
        boolean dismissed = attention.dismiss(id);
        if (dismissed) {
            save();
        }
        return dismissed;
    }

    /** Newest first. */
    @NonNull
    public List<AttentionEntry> entries() {
        return attention.snapshot();
    }

    public int size() {
        return attention.size();
    }

    /** How many entries were dropped, the oldest first, to keep the list within its bound. */
    public long dropped() {
        return attention.dropped();
    }

    public int capacity() {
        return attention.capacity();
    }

    /** Written while holding this log's monitor, which every change holds too. */
    private void save() {
        try {
            file().write(this);
        } catch (IOException e) {
            LOGGER.log(Level.WARNING, "Could not save the Anyscale operations that need attention", e);
        }
    }
}
