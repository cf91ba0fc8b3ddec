package io.jenkins.plugins.anyscale;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.Util;
import io.jenkins.plugins.anyscale.client.ServiceAccountRef;
import io.jenkins.plugins.anyscale.client.provisioning.KeyTarget;
import io.jenkins.plugins.anyscale.client.provisioning.ProvisioningOutcome.Operation;
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
    Object perform(Invocation invocation) throws Exception {
        ServiceAccountRef ref = ref();
        KeyTarget target = new KeyTarget(credentialsId);
        JenkinsKeySink sink = invocation.keySink(description);
        return invocation.report(invocation.provisioner().createApiKey(ref, target, sink), sink);
    }

    @Override
    Change change() {
        return Change.of(Operation.CREATE_API_KEY, accountGiven(), credentialsId);
    }

    @Override
    String attentionIfCutOff() {
        return "A new API key of " + describeAccount() + " may exist that credential '" + credentialsId
                + "' does not hold; rotating the account's API keys (anyscaleRotateApiKeys) revokes it.";
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
