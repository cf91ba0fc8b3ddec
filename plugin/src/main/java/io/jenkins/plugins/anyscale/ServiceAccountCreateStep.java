package io.jenkins.plugins.anyscale;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import hudson.AbortException;
import hudson.Extension;
import hudson.Util;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.anyscale.client.provisioning.KeyTarget;
import io.jenkins.plugins.anyscale.client.provisioning.ServiceAccountProvisioner;
import java.util.Map;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code anyscaleServiceAccountCreate name: 'ci-bot', credentialsId: 'ci-bot-key'}: creates a service account,
 * mints its API key and stores it as credential {@code credentialsId}; returns the account's metadata.
 */
public class ServiceAccountCreateStep extends AnyscaleStep {

    private final String name;
    private final String credentialsId;

    @CheckForNull
    private String description;

    @DataBoundConstructor
    public ServiceAccountCreateStep(String name, String credentialsId) {
        this.name = Util.fixNull(name).trim();
        this.credentialsId = Util.fixNull(credentialsId).trim();
    }

    public String getName() {
        return name;
    }

    public String getCredentialsId() {
        return credentialsId;
    }

    @CheckForNull
    public String getDescription() {
        return description;
    }

    @DataBoundSetter
    public void setDescription(@CheckForNull String description) {
        this.description = Util.fixEmptyAndTrim(description);
    }

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(this, context);
    }

    private static final class Execution extends AnyscaleStep.AnyscaleExecution<Map<String, Object>> {

        private static final long serialVersionUID = 1L;

        @SuppressFBWarnings(value = "SE_TRANSIENT_FIELD_NOT_RESTORED", justification = "Only used when starting.")
        private final transient ServiceAccountCreateStep step;

        Execution(ServiceAccountCreateStep step, StepContext context) {
            super(context, step.getTokenCredentialsId());
            this.step = step;
        }

        @Override
        protected Map<String, Object> execute(Run<?, ?> run, TaskListener listener) throws Exception {
            if (step.name.isEmpty()) {
                throw new AbortException("anyscaleServiceAccountCreate needs the name of the service account.");
            }
            KeyTarget target = new KeyTarget(step.credentialsId);
            JenkinsKeySink sink = keySink(run, step.description);
            return report(new ServiceAccountProvisioner(client(run)).create(step.name, target, sink), listener);
        }
    }

    @Extension
    public static final class DescriptorImpl extends AnyscaleStepDescriptor {

        @Override
        public String getFunctionName() {
            return "anyscaleServiceAccountCreate";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.ServiceAccountCreateStep_DisplayName();
        }
    }
}
