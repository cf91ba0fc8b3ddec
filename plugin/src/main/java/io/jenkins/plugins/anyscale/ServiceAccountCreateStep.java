package io.jenkins.plugins.anyscale;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.Extension;
import hudson.Util;
import io.jenkins.plugins.anyscale.client.provisioning.KeyTarget;
import io.jenkins.plugins.anyscale.client.provisioning.ProvisioningOutcome.Operation;
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
    Object perform(Invocation invocation) throws Exception {
        if (name.isEmpty()) {
            throw new AbortException("anyscaleServiceAccountCreate needs the name of the service account.");
        }
        KeyTarget target = new KeyTarget(credentialsId);
        JenkinsKeySink sink = invocation.keySink(description);
        return invocation.report(invocation.provisioner().create(name, target, sink), sink);
    }

    @Override
    Change change() {
        return Change.of(Operation.CREATE, name, credentialsId);
    }

    @Override
    String attentionIfCutOff() {
        return "Service account '" + name + "' may exist without a stored key: if it does, rotate its API keys into"
                + " credential '" + credentialsId + "' (anyscaleRotateApiKeys), or delete it.";
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
