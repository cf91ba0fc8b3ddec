package io.jenkins.plugins.anyscale;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import hudson.Extension;
import hudson.Util;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.anyscale.client.ServiceAccountRef;
import io.jenkins.plugins.anyscale.client.provisioning.KeyTarget;
import io.jenkins.plugins.anyscale.client.provisioning.ServiceAccountProvisioner;
import java.util.Map;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code anyscaleServiceAccountCreateApiKey name: 'ci-bot', credentialsId: 'ci-bot-key'}: mints one more API key
 * for an existing service account (older keys stay valid) and stores it as credential {@code credentialsId}.
 */
public class ServiceAccountCreateApiKeyStep extends AccountStep {

    private final String credentialsId;

    @CheckForNull
    private String description;

    @DataBoundConstructor
    public ServiceAccountCreateApiKeyStep(String credentialsId) {
        this.credentialsId = Util.fixNull(credentialsId).trim();
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
        private final transient ServiceAccountCreateApiKeyStep step;

        Execution(ServiceAccountCreateApiKeyStep step, StepContext context) {
            super(context, step.getTokenCredentialsId());
            this.step = step;
        }

        @Override
        protected Map<String, Object> execute(Run<?, ?> run, TaskListener listener) throws Exception {
            ServiceAccountRef ref = step.ref();
            KeyTarget target = new KeyTarget(step.credentialsId);
            JenkinsKeySink sink = keySink(run, step.description);
            return report(new ServiceAccountProvisioner(client(run)).createApiKey(ref, target, sink), listener);
        }
    }

    @Extension
    public static final class DescriptorImpl extends AnyscaleStepDescriptor {

        @Override
        public String getFunctionName() {
            return "anyscaleServiceAccountCreateApiKey";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.ServiceAccountCreateApiKeyStep_DisplayName();
        }
    }
}
