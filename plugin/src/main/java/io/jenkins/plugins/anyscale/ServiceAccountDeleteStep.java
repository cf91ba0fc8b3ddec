package io.jenkins.plugins.anyscale;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import io.jenkins.plugins.anyscale.client.ServiceAccountRef;
import io.jenkins.plugins.anyscale.client.provisioning.ProvisioningOutcome.Operation;
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
    Object perform(Invocation invocation) throws Exception {
        ServiceAccountRef ref = ref();
        JenkinsKeySink sink = invocation.keySink(null);
        return invocation.report(invocation.provisioner().delete(ref, sink, removeCredentials), sink);
    }

    @Override
    Change change() {
        return Change.of(Operation.DELETE, accountGiven(), null);
    }

    @Override
    String attentionIfCutOff() {
        return "The " + describeAccount() + " may or may not be deleted"
                + (removeCredentials ? ", and its stored keys may or may not be removed" : "")
                + ": run the delete again to finish it.";
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
