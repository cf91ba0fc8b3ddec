package io.jenkins.plugins.anyscale;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.Util;
import io.jenkins.plugins.anyscale.client.ServiceAccountRef;
import io.jenkins.plugins.anyscale.client.provisioning.KeyTarget;
import io.jenkins.plugins.anyscale.client.provisioning.ProvisioningOutcome.Operation;
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
    Object perform(Invocation invocation) throws Exception {
        ServiceAccountRef ref = ref();
        KeyTarget target = new KeyTarget(credentialsId);
        JenkinsKeySink sink = invocation.keySink(null);
        return invocation.report(invocation.provisioner().rotateApiKeys(ref, target, sink), sink);
    }

    @Override
    Change change() {
        return Change.of(Operation.ROTATE_API_KEYS, accountGiven(), credentialsId);
    }

    @Override
    String attentionIfCutOff() {
        return "The keys of " + describeAccount() + " may be revoked without a new key stored in credential '"
                + credentialsId + "': rotate its API keys again (anyscaleRotateApiKeys) to recover.";
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
