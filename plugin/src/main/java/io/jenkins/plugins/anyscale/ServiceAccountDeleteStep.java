package io.jenkins.plugins.anyscale;

import edu.umd.cs.findbugs.annotations.NonNull;
import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import hudson.Extension;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.anyscale.client.ServiceAccountRef;
import io.jenkins.plugins.anyscale.client.provisioning.ServiceAccountProvisioner;
import java.util.Map;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code anyscaleServiceAccountDelete name: 'ci-bot', removeCredentials: true}: deletes a service account (its keys
 * stop working) and, if asked, removes the keys of that account that this plugin stored in the job's store.
 */
public class ServiceAccountDeleteStep extends AccountStep {

    private boolean removeCredentials;

    @DataBoundConstructor
    public ServiceAccountDeleteStep() {}

    public boolean isRemoveCredentials() {
        return removeCredentials;
    }

    @DataBoundSetter
    public void setRemoveCredentials(boolean removeCredentials) {
        this.removeCredentials = removeCredentials;
    }

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(this, context);
    }

    private static final class Execution extends AnyscaleStep.AnyscaleExecution<Map<String, Object>> {

        private static final long serialVersionUID = 1L;

        @SuppressFBWarnings(value = "SE_TRANSIENT_FIELD_NOT_RESTORED", justification = "Only used when starting.")
        private final transient ServiceAccountDeleteStep step;

        Execution(ServiceAccountDeleteStep step, StepContext context) {
            super(context, step.getTokenCredentialsId());
            this.step = step;
        }

        @Override
        protected Map<String, Object> execute(Run<?, ?> run, TaskListener listener) throws Exception {
            ServiceAccountRef ref = step.ref();
            JenkinsKeySink sink = keySink(run, null);
            return report(
                    new ServiceAccountProvisioner(client(run)).delete(ref, sink, step.removeCredentials), listener);
        }
    }

    @Extension
    public static final class DescriptorImpl extends AnyscaleStepDescriptor {

        @Override
        public String getFunctionName() {
            return "anyscaleServiceAccountDelete";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.ServiceAccountDeleteStep_DisplayName();
        }
    }
}
