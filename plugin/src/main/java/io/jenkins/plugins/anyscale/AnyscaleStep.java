package io.jenkins.plugins.anyscale;

import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import hudson.AbortException;
import hudson.Util;
import hudson.model.Item;
import hudson.model.Queue;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.model.queue.Tasks;
import hudson.security.ACL;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.anyscale.client.AnyscaleClient;
import io.jenkins.plugins.anyscale.client.AnyscaleException;
import io.jenkins.plugins.anyscale.client.provisioning.KeySinkException;
import io.jenkins.plugins.anyscale.client.provisioning.ProvisioningException;
import io.jenkins.plugins.anyscale.client.provisioning.ProvisioningOutcome;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * What the five service-account steps share: the optional {@code tokenCredentialsId} (the credential whose token
 * makes the calls; the host always comes from the global configuration), one non-blocking execution that runs a
 * step's {@code perform} and turns the client's and the provisioning layer's errors into plain step failures, and
 * the Snippet Generator's list of token credentials.
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

    /** One run of a step: its build and log, and the Anyscale client and key sink it may use. */
    static final class Invocation {

        private final Run<?, ?> run;
        private final TaskListener listener;

        @CheckForNull
        private final String tokenCredentialsId;

        Invocation(Run<?, ?> run, TaskListener listener, @CheckForNull String tokenCredentialsId) {
            this.run = run;
            this.listener = listener;
            this.tokenCredentialsId = tokenCredentialsId;
        }

        /** The client of the configured host, with the step's token or else the global one. */
        AnyscaleClient client() throws AbortException {
            return AnyscaleClients.forRun(run, tokenCredentialsId);
        }

        /** Where this build's keys go, under the store policy of the global configuration. */
        JenkinsKeySink keySink(@CheckForNull String description) {
            return new JenkinsKeySink(
                    run, description, AnyscaleGlobalConfiguration.get().isAllowRootStore());
        }

        void log(String line) {
            listener.getLogger().println(line);
        }

        /** Logs the outcome's one line and returns its map, as every provisioning step does. */
        Map<String, Object> report(ProvisioningOutcome outcome) {
            log(outcome.summary());
            return pipelineMap(outcome.toPipelineMap());
        }
    }

    /**
     * Runs {@link #perform}. Anything the client or the provisioning layer reports fails the step with its message
     * only (their messages are user-ready and never contain a key), so the log shows no stack trace.
     */
    private static final class Execution extends SynchronousNonBlockingStepExecution<Object> {

        private static final long serialVersionUID = 1L;

        @SuppressFBWarnings(value = "SE_TRANSIENT_FIELD_NOT_RESTORED", justification = "Only used when starting.")
        private final transient AnyscaleStep step;

        Execution(AnyscaleStep step, StepContext context) {
            super(context);
            this.step = step;
        }

        @Override
        protected Object run() throws Exception {
            Invocation invocation = new Invocation(
                    getContext().get(Run.class), getContext().get(TaskListener.class), step.getTokenCredentialsId());
            try {
                return step.perform(invocation);
            } catch (AnyscaleException | KeySinkException | ProvisioningException | IllegalArgumentException e) {
                throw new AbortException(
                        e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName());
            }
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

        /** The Snippet Generator's list of token credentials, for those who may see them. */
        @POST
        @Restricted(NoExternalUse.class)
        public ListBoxModel doFillTokenCredentialsIdItems(
                @AncestorInPath @CheckForNull Item item, @QueryParameter String tokenCredentialsId) {
            return fillStringCredentials(item, tokenCredentialsId);
        }
    }

    /**
     * The Secret text credentials a user may pick for an item: everything the item can use for those who may
     * configure it (or use its credentials), only the current value for everybody else; with no item, only for
     * those with Overall/Manage.
     */
    static ListBoxModel fillStringCredentials(@CheckForNull Item item, @CheckForNull String currentValue) {
        StandardListBoxModel result = new StandardListBoxModel();
        String current = Util.fixNull(currentValue);
        if (item == null) {
            if (!Jenkins.get().hasPermission(Jenkins.MANAGE)) {
                return result.includeCurrentValue(current);
            }
            return result.includeEmptyValue()
                    .includeMatchingAs(
                            ACL.SYSTEM2,
                            Jenkins.get(),
                            StringCredentials.class,
                            List.of(),
                            CredentialsMatchers.withScope(CredentialsScope.GLOBAL))
                    .includeCurrentValue(current);
        }
        if (!item.hasPermission(Item.EXTENDED_READ) && !item.hasPermission(CredentialsProvider.USE_ITEM)) {
            return result.includeCurrentValue(current);
        }
        return result.includeEmptyValue()
                .includeMatchingAs(
                        item instanceof Queue.Task task ? Tasks.getAuthenticationOf2(task) : ACL.SYSTEM2,
                        item,
                        StringCredentials.class,
                        List.of(),
                        CredentialsMatchers.always())
                .includeCurrentValue(current);
    }
}
