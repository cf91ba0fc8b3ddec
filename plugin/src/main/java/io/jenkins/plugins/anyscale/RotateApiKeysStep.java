package io.jenkins.plugins.anyscale;

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

/**
 * {@code anyscaleRotateApiKeys name: 'ci-bot', credentialsId: 'ci-bot-key'}: revokes every API key of a service
 * account, mints a new one and stores it as credential {@code credentialsId}, replacing the old key in place.
 */
public class RotateApiKeysStep extends AccountStep {

    private final String credentialsId;

    @DataBoundConstructor
    public RotateApiKeysStep(String credentialsId) {
        this.credentialsId = Util.fixNull(credentialsId).trim();
    }

    public String getCredentialsId() {
        return credentialsId;
    }

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(this, context);
    }

    private static final class Execution extends AnyscaleStep.AnyscaleExecution<Map<String, Object>> {

        private static final long serialVersionUID = 1L;

        @SuppressFBWarnings(value = "SE_TRANSIENT_FIELD_NOT_RESTORED", justification = "Only used when starting.")
        private final transient RotateApiKeysStep step;

        Execution(RotateApiKeysStep step, StepContext context) {
            super(context, step.getTokenCredentialsId());
            this.step = step;
        }

        @Override
        protected Map<String, Object> execute(Run<?, ?> run, TaskListener listener) throws Exception {
            ServiceAccountRef ref = step.ref();
            KeyTarget target = new KeyTarget(step.credentialsId);
            JenkinsKeySink sink = keySink(run, null);
            return report(new ServiceAccountProvisioner(client(run)).rotateApiKeys(ref, target, sink), listener);
        }
    }

    @Extension
    public static final class DescriptorImpl extends AnyscaleStepDescriptor {

        @Override
        public String getFunctionName() {
            return "anyscaleRotateApiKeys";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.RotateApiKeysStep_DisplayName();
        }
    }
}
