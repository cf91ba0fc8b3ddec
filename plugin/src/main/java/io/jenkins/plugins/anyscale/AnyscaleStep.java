package io.jenkins.plugins.anyscale;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import hudson.AbortException;
import hudson.Util;
import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.security.ACL;
import hudson.security.ACLContext;
import hudson.util.ClassLoaderSanityThreadFactory;
import hudson.util.DaemonThreadFactory;
import hudson.util.ListBoxModel;
import hudson.util.NamingThreadFactory;
import io.jenkins.plugins.anyscale.client.AnyscaleClient;
import io.jenkins.plugins.anyscale.client.AnyscaleException;
import io.jenkins.plugins.anyscale.client.TransportException;
import io.jenkins.plugins.anyscale.client.provisioning.AccountAccess;
import io.jenkins.plugins.anyscale.client.provisioning.AccountAccessDeniedException;
import io.jenkins.plugins.anyscale.client.provisioning.KeySinkException;
import io.jenkins.plugins.anyscale.client.provisioning.ProvisioningException;
import io.jenkins.plugins.anyscale.client.provisioning.ProvisioningOutcome;
import io.jenkins.plugins.anyscale.client.provisioning.ProvisioningOutcome.Operation;
import io.jenkins.plugins.anyscale.client.provisioning.ServiceAccountProvisioner;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.model.Jenkins;
import jenkins.util.Timer;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;
import org.springframework.security.core.Authentication;

/**
 * What the five service-account steps share: the optional {@code tokenCredentialsId} (the credential whose token
 * makes the calls; the host always comes from the global configuration), one non-blocking execution that runs a
 * step's {@code perform}, turns the client's and the provisioning layer's errors into plain step failures and lets an
 * aborted step say what state it left behind, and the Snippet Generator's list of token credentials.
 */
public abstract class AnyscaleStep extends Step {

    @CheckForNull
    private String tokenCredentialsId;

    @CheckForNull
    public String getTokenCredentialsId() {
        return tokenCredentialsId;
    }

    /** The ID of a Secret text credential with the Anyscale API token; defaults to the global configuration's. */
    @DataBoundSetter
    public void setTokenCredentialsId(@CheckForNull String tokenCredentialsId) {
        this.tokenCredentialsId = Util.fixEmptyAndTrim(tokenCredentialsId);
    }

    @Override
    public final StepExecution start(StepContext context) {
        return new Execution(this, context);
    }

    /**
     * The step's work, off the CPS VM thread and as the build's authentication. Validate the arguments before
     * calling {@link Invocation#client}; return what the Pipeline script receives (plain maps and lists, never a key).
     */
    abstract Object perform(Invocation invocation) throws Exception;

    /**
     * What may need a person's attention if this step is cut off part-way (a controller restart or crash), naming the
     * account and the credential; never a secret. {@code null} for a step that changes nothing. Logged before the
     * step sends anything, since a crash leaves no chance to say it later, and written with the step's execution.
     */
    @CheckForNull
    abstract String attentionIfCutOff();

    /**
     * What this step changes, for the key lifecycle's record of it while it runs; {@code null} for a step that changes
     * nothing, or whose arguments name no account (it fails before it sends anything).
     */
    @CheckForNull
    abstract Change change();

    /**
     * What a step changes: the operation, the account (its name, or the email it was given by), and the credential
     * that receives the key ({@code null} for a delete).
     */
    record Change(
            @NonNull Operation operation,
            @NonNull String account,
            @CheckForNull String credentialId) {

        /** The change, or {@code null} when the account is not named (the step fails before it sends anything). */
        @CheckForNull
        static Change of(
                @NonNull Operation operation, @CheckForNull String account, @CheckForNull String credentialId) {
            return account == null || account.isBlank()
                    ? null
                    : new Change(
                            operation, account, credentialId == null || credentialId.isBlank() ? null : credentialId);
        }
    }

    /** The step's name in Pipeline scripts, for log lines. */
    final String functionName() {
        return getDescriptor().getFunctionName();
    }

    /** One run of a step: its build and log, and the Anyscale client, key sink and access rules it works with. */
    static final class Invocation {

        private final Run<?, ?> run;
        private final TaskListener listener;
        private final AnyscaleSettings settings;
        private final Clock clock = Clock.systemUTC();

        @CheckForNull
        private final String tokenCredentialsId;

        /** Run once, when the access rules have let the step go ahead and before it sends its first request. */
        private final Runnable allowed;

        Invocation(
                Run<?, ?> run,
                TaskListener listener,
                AnyscaleSettings settings,
                @CheckForNull String tokenCredentialsId,
                Runnable allowed) {
            this.run = run;
            this.listener = listener;
            this.settings = settings;
            this.tokenCredentialsId = tokenCredentialsId;
            this.allowed = allowed;
        }

        /** The client of the configured host, with the step's token or else the global one. */
        AnyscaleClient client() throws AbortException {
            return AnyscaleClients.forRun(run, tokenCredentialsId, settings);
        }

        /**
         * The provisioning layer for this build: its client, and the access rules of the global configuration as they
         * apply to this build's job, whichever token the step uses.
         */
        ServiceAccountProvisioner provisioner() throws AbortException {
            AccountAccess rules = settings.accessRules().forJob(jobFullName());
            // The provisioner asks before anything is sent: an allowed answer is when the step really begins.
            AccountAccess access = new AccountAccess() {
                @Override
                public void checkMayManage(String accountName) {
                    rules.checkMayManage(accountName);
                    allowed.run();
                }

                @Override
                public void checkMayLookUp() {
                    rules.checkMayLookUp();
                    allowed.run();
                }

                @Override
                public void checkMayManageLookedUp(String accountName) {
                    rules.checkMayManageLookedUp(accountName);
                }
            };
            return new ServiceAccountProvisioner(client(), ServiceAccountProvisioner.DEFAULT_RECOVERY, access);
        }

        /**
         * Confirms that some access rule covers this build's job: listing needs no more (names and emails of service
         * accounts are not secrets), but a job no rule is about has no business with Anyscale.
         */
        void checkMayList() {
            settings.accessRules().checkMayList(jobFullName());
        }

        /**
         * Confirms that an access rule lets this build's job manage the account with this exact name, as the
         * provisioning layer does before it sends anything.
         */
        void checkMayManage(String accountName) {
            settings.accessRules().forJob(jobFullName()).checkMayManage(accountName);
        }

        /** Now, by the controller's clock. */
        Instant now() {
            return clock.instant();
        }

        /** Where this build's keys go, under the store policy of the global configuration. */
        JenkinsKeySink keySink(@CheckForNull String description) {
            return new JenkinsKeySink(run, description, settings.allowRootStore());
        }

        void log(String line) {
            listener.getLogger().println(line);
        }

        /** Logs the outcome's one line and returns its map, as every provisioning step does. */
        Map<String, Object> report(ProvisioningOutcome outcome, JenkinsKeySink sink) {
            log(outcome.summary());
            Map<String, Object> result = pipelineMap(outcome.toPipelineMap());
            Instant minted = sink.lastMintedAt();
            if (minted != null) {
                result.put("keyMintedAt", minted.toString());
            }
            return result;
        }

        private String jobFullName() {
            return run.getParent().getFullName();
        }
    }

    /**
     * Runs {@link #perform} on a thread of its own. Anything the client, the access rules or the provisioning layer
     * report fails the step with its message only (their messages are user-ready and never contain a key), so the log
     * shows no stack trace.
     *
     * <p>An abort or a {@code timeout} interrupts that thread. Unlike {@code SynchronousNonBlockingStepExecution},
     * which ends the step at once, this execution lets the provisioning layer finish its compensating calls (roll a
     * half-made account back, revoke a key that nothing holds), logs the state they left behind, and only then ends
     * the step with the abort's own cause, so the build ends as aborted and its log says what state Anyscale and the
     * credential are in. A controller restart cannot be survived this way (the thread is gone): {@link #onResume}
     * names what may need attention.
     */
    static final class Execution extends StepExecution {

        private static final long serialVersionUID = 1L;

        private static final Logger LOGGER = Logger.getLogger(Execution.class.getName());

        /**
         * How long, in call timeouts, a stopped step may take to finish its compensating calls before it is ended
         * anyway: the write on its way, a lookup, a delete and its retry fit. They are bounded by the client's
         * timeouts; this only guards against a thread that never returns.
         */
        static final int COMPENSATION_GRACE_CALLS = 6;

        private static final ExecutorService THREADS = Executors.newCachedThreadPool(new NamingThreadFactory(
                new ClassLoaderSanityThreadFactory(new DaemonThreadFactory()), "Anyscale step"));

        @SuppressFBWarnings(value = "SE_TRANSIENT_FIELD_NOT_RESTORED", justification = "Only used when starting.")
        private final transient AnyscaleStep step;

        private final String functionName;

        /** The step's {@link #attentionIfCutOff()}, kept for {@link #onResume}: no secret in it. */
        @CheckForNull
        private final String attentionIfCutOff;

        /** The call timeout of the settings the step started with, for the grace of a stopped step. */
        private final int callTimeoutSeconds;

        /**
         * The {@link ChangingStep#id()} the {@link AnyscaleStepListener}s know this step by, kept with the execution so
         * that {@link #onResume} names the same step; {@code null} for a step that changes nothing.
         */
        @CheckForNull
        private final String changeId;

        /** What the listeners are told while the step runs in this JVM. */
        @SuppressFBWarnings(value = "SE_TRANSIENT_FIELD_NOT_RESTORED", justification = "Only used while running.")
        @CheckForNull
        private transient ChangingStep changing;

        /** Whether the listeners were told that the step began; only the step's own thread reads and writes it. */
        @SuppressFBWarnings(value = "SE_TRANSIENT_FIELD_NOT_RESTORED", justification = "Only used while running.")
        private transient boolean toldStarted;

        // The state of the work in this JVM. After a restart the work is gone, and onResume ends the step.

        /** The build's log, from the start on. */
        @SuppressFBWarnings(value = "SE_TRANSIENT_FIELD_NOT_RESTORED", justification = "Only used while running.")
        private transient volatile TaskListener listener;

        /** The thread running the step's work, while it runs; guarded by {@code this}. */
        @SuppressFBWarnings(value = "SE_TRANSIENT_FIELD_NOT_RESTORED", justification = "Only used while running.")
        private transient Thread worker;

        /** Whether the step's work has ended (or will never start); guarded by {@code this}. */
        @SuppressFBWarnings(value = "SE_TRANSIENT_FIELD_NOT_RESTORED", justification = "Only used while running.")
        private transient boolean ended;

        /** Why the step was stopped, once it was; guarded by {@code this}. */
        @SuppressFBWarnings(value = "SE_TRANSIENT_FIELD_NOT_RESTORED", justification = "Only used while running.")
        private transient Throwable stopCause;

        /** The settings in force when the step starts: read once, so that a save meanwhile cannot mix two of them. */
        @SuppressFBWarnings(value = "SE_TRANSIENT_FIELD_NOT_RESTORED", justification = "Only used when starting.")
        private final transient AnyscaleSettings settings;

        Execution(AnyscaleStep step, StepContext context) {
            super(context);
            this.step = step;
            this.functionName = step.functionName();
            this.attentionIfCutOff = step.attentionIfCutOff();
            this.settings = AnyscaleSettings.current();
            this.callTimeoutSeconds = settings.callTimeoutSeconds();
            this.changeId = attentionIfCutOff != null && step.change() != null
                    ? UUID.randomUUID().toString()
                    : null;
        }

        @Override
        public boolean start() throws Exception {
            Run<?, ?> run = getContext().get(Run.class);
            TaskListener log = getContext().get(TaskListener.class);
            listener = log;
            if (attentionIfCutOff != null) {
                // Before anything is sent, and flushed: after a crash that this build cannot resume from, this line is
                // the only trace of what may need attention.
                log.getLogger()
                        .println(functionName + ": if this step is cut off before it ends (the controller"
                                + " stops or crashes), check this: " + attentionIfCutOff);
                log.getLogger().flush();
            }
            changing = changing(run);
            Invocation invocation =
                    new Invocation(run, log, settings, step.getTokenCredentialsId(), this::tellStartedOnce);
            Authentication auth = Jenkins.getAuthentication2();
            THREADS.execute(() -> {
                try {
                    work(invocation, log, auth);
                } catch (Throwable unexpected) { // in completing the step itself: it must not hang
                    LOGGER.log(Level.WARNING, functionName + " could not complete", unexpected);
                    getContext().onFailure(unexpected);
                }
            });
            return false;
        }

        @CheckForNull
        private ChangingStep changing(Run<?, ?> run) {
            Change change = step.change();
            if (changeId == null || change == null || attentionIfCutOff == null) {
                return null;
            }
            return new ChangingStep(
                    changeId,
                    Instant.now(),
                    run.getParent().getFullName(),
                    run.getNumber(),
                    change.operation(),
                    change.account(),
                    change.credentialId(),
                    attentionIfCutOff);
        }

        private void work(Invocation invocation, TaskListener listener, Authentication auth) {
            synchronized (this) {
                if (stopCause != null) { // stopped before it began: nothing was done
                    ended = true;
                    getContext().onFailure(stopCause);
                    return;
                }
                worker = Thread.currentThread();
            }
            Object result = null;
            Throwable thrown = null;
            Throwable failure = null;
            Throwable stopped;
            try (ACLContext ignored = ACL.as2(auth)) {
                result = step.perform(invocation);
            } catch (Throwable t) {
                thrown = t;
                failure = plain(t);
            } finally {
                synchronized (this) {
                    worker = null;
                    ended = true;
                    stopped = stopCause; // a stop from now on completes the step itself
                    Thread.interrupted(); // an interrupt meant for this step must not outlive it on a pooled thread
                }
            }
            ChangingStep change = changing;
            if (change != null && toldStarted) {
                Throwable failed = thrown;
                tell(each -> each.ended(change, failed));
            }
            finish(result, failure, stopped, listener);
        }

        /**
         * Tells the listeners that the step begins, once the access rules allowed it: a job that no rule covers, or one
         * that a store refuses, never gets as far, and leaves no record.
         */
        private void tellStartedOnce() {
            ChangingStep change = changing;
            if (change != null && !toldStarted) {
                toldStarted = true;
                tell(each -> each.started(change));
            }
        }

        /** Tells every {@link AnyscaleStepListener}; what one throws is logged, never the step's failure. */
        private void tell(Consumer<AnyscaleStepListener> event) {
            Listeners.tell(AnyscaleStepListener.class, event, functionName);
        }

        /** Completes the step as it ended, or, if it was stopped meanwhile, with the stop's cause after saying why. */
        private void finish(
                @CheckForNull Object result,
                @CheckForNull Throwable failure,
                @CheckForNull Throwable stopped,
                TaskListener listener) {
            if (stopped == null) {
                if (failure == null) {
                    getContext().onSuccess(result);
                } else {
                    getContext().onFailure(failure);
                }
                return;
            }
            if (failure != null) {
                listener.getLogger().println(functionName + " was stopped: " + failure.getMessage());
            } else {
                listener.getLogger().println(functionName + " was stopped, but its work had already completed.");
            }
            getContext().onFailure(stopped);
        }

        /** The failures whose messages are written for people become plain step failures, without a stack trace. */
        private static Throwable plain(Throwable failure) {
            if (failure instanceof AnyscaleException
                    || failure instanceof KeySinkException
                    || failure instanceof ProvisioningException
                    || failure instanceof AccountAccessDeniedException
                    || failure instanceof IllegalArgumentException) {
                String message = failure.getMessage() != null
                        ? failure.getMessage()
                        : failure.getClass().getSimpleName();
                return new AbortException(
                        couldNotConnect(failure) ? message + " " + Messages.AnyscaleStep_CheckHost() : message);
            }
            return failure;
        }

        /** Whether no connection to the host could be made: then the host setting is the first thing to check. */
        private static boolean couldNotConnect(Throwable failure) {
            for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
                if (t instanceof TransportException transport && transport.isConnectionFailure()) {
                    return true;
                }
            }
            return false;
        }

        /**
         * Interrupts the step's thread and leaves the step to end once the provisioning layer has compensated what it
         * had started; see the class comment. A step that has not begun yet ends at once; one that already ended is
         * simply failed with the cause.
         */
        @Override
        public void stop(@NonNull Throwable cause) throws Exception {
            Thread running;
            synchronized (this) {
                if (stopCause == null) {
                    stopCause = cause;
                }
                if (ended) {
                    getContext().onFailure(cause); // whichever completion comes first is the step's
                    return;
                }
                running = worker;
                if (running != null) {
                    running.interrupt(); // under the lock: the worker clears it before it moves on
                }
            }
            if (running == null) {
                return; // not begun: work() sees the cause and ends the step without doing anything
            }
            // Said at once: if something (timeout's own grace, a second abort) ends the build before the step has
            // finished, the log still names what may need attention.
            log(functionName + " is stopping: it first finishes or undoes what it has started in Anyscale."
                    + (attentionIfCutOff == null ? "" : " If it is cut off: " + attentionIfCutOff));
            long grace = (long) COMPENSATION_GRACE_CALLS * callTimeoutSeconds;
            Timer.get().schedule(this::endIfStillRunning, grace, TimeUnit.SECONDS);
        }

        private void endIfStillRunning() {
            Throwable cause;
            synchronized (this) {
                if (ended) {
                    return;
                }
                cause = stopCause;
            }
            LOGGER.warning(() -> functionName + " did not finish long after it was stopped; ending it anyway");
            log(functionName + " did not finish after it was stopped, and is ended anyway."
                    + (attentionIfCutOff == null ? "" : " " + attentionIfCutOff));
            getContext().onFailure(cause);
        }

        private void log(String line) {
            TaskListener log = listener;
            if (log != null) {
                log.getLogger().println(line);
            }
        }

        /**
         * The thread that ran the step did not survive the restart, and its work may have been cut off part-way: say
         * which account and credential may need attention, then fail the step.
         */
        @Override
        public void onResume() {
            String id = changeId;
            if (id != null) {
                tell(each -> each.cutOff(id));
            }
            String message = "Jenkins restarted while " + functionName + " was running, so it did not finish. "
                    + (attentionIfCutOff == null ? "It changed nothing: run it again." : attentionIfCutOff);
            try {
                getContext().get(TaskListener.class).getLogger().println(message);
            } catch (IOException | InterruptedException | RuntimeException e) {
                LOGGER.log(Level.WARNING, "Could not log to the build that " + functionName + " was cut off", e);
            }
            getContext().onFailure(new AbortException(message));
        }

        @NonNull
        @Override
        public synchronized String getStatus() {
            if (ended) {
                return "done";
            }
            if (worker == null) {
                return "not yet started";
            }
            return stopCause == null ? "calling Anyscale" : "stopped; finishing what it had started";
        }

        /**
         * Safe restart waits for a running step, also one that was stopped and is still compensating: a restart in the
         * middle of one could leave an account half-made or a key without a home.
         */
        @Override
        public synchronized boolean blocksRestart() {
            return worker != null;
        }
    }

    /**
     * A copy of a result map fit for a Pipeline script: plain, serializable, only strings, numbers, booleans and
     * lists of those (never a key).
     */
    static Map<String, Object> pipelineMap(Map<String, ?> source) {
        Map<String, Object> copy = new LinkedHashMap<>();
        for (Map.Entry<String, ?> e : source.entrySet()) {
            copy.put(e.getKey(), pipelineValue(e.getValue()));
        }
        return copy;
    }

    private static Object pipelineValue(@CheckForNull Object value) {
        if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean) {
            return value;
        }
        if (value instanceof Iterable<?> iterable) {
            List<Object> list = new ArrayList<>();
            for (Object o : iterable) {
                list.add(pipelineValue(o));
            }
            return list;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                copy.put(String.valueOf(e.getKey()), pipelineValue(e.getValue()));
            }
            return copy;
        }
        return value.toString();
    }

    public abstract static class AnyscaleStepDescriptor extends StepDescriptor {

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class);
        }

        /** The Snippet Generator's list of owner tokens, for those who may see them. */
        @POST
        @Restricted(NoExternalUse.class)
        public ListBoxModel doFillTokenCredentialsIdItems(
                @AncestorInPath @CheckForNull Item item, @QueryParameter String tokenCredentialsId) {
            return CredentialChoices.ownerTokens(item, tokenCredentialsId);
        }
    }
}
