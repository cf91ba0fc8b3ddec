package io.jenkins.plugins.anyscale;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.Util;
import io.jenkins.plugins.anyscale.client.ServiceAccountRef;
import io.jenkins.plugins.anyscale.client.inventory.KeyHolder;
import io.jenkins.plugins.anyscale.client.inventory.RotateIfOlderThan;
import io.jenkins.plugins.anyscale.client.inventory.RotationDecision;
import io.jenkins.plugins.anyscale.client.provisioning.KeyOwner;
import io.jenkins.plugins.anyscale.client.provisioning.KeyTarget;
import io.jenkins.plugins.anyscale.client.provisioning.ProvisioningOutcome.Operation;
import java.util.LinkedHashMap;
import java.util.Map;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code anyscaleRotateApiKeys name: 'ci-bot', credentialsId: 'ci-bot-key'}: revokes every API key of a service
 * account, mints a new one and stores it as credential {@code credentialsId}, replacing the old key in place. With
 * {@code olderThanDays: N}, only when the key in that credential is at least N days old, or of unknown age.
 */
public class RotateApiKeysStep extends AccountStep {

    private final String credentialsId;

    @CheckForNull
    private Integer olderThanDays;

    @DataBoundConstructor
    public RotateApiKeysStep(String credentialsId) {
        this.credentialsId = Util.fixNull(credentialsId).trim();
    }

    public String getCredentialsId() {
        return credentialsId;
    }

    @CheckForNull
    public Integer getOlderThanDays() {
        return olderThanDays;
    }

    /** Rotate only a key at least this many days old (or of unknown age); {@code null} to rotate whatever its age. */
    @DataBoundSetter
    public void setOlderThanDays(@CheckForNull Integer olderThanDays) {
        this.olderThanDays = olderThanDays;
    }

    @Override
    Object perform(Invocation invocation) throws Exception {
        RotateIfOlderThan byAge = olderThanDays == null ? null : new RotateIfOlderThan(olderThanDays);
        ServiceAccountRef ref = ref();
        KeyTarget target = new KeyTarget(credentialsId);
        JenkinsKeySink sink = invocation.keySink(null);
        if (byAge != null) {
            Map<String, Object> kept = keepIfYoungEnough(byAge, ref, target, sink, invocation);
            if (kept != null) {
                return kept;
            }
        }
        Map<String, Object> result = invocation.report(invocation.provisioner().rotateApiKeys(ref, target, sink), sink);
        result.put("rotated", true);
        return result;
    }

    /**
     * Decides by the age of the key the credential holds now, without sending anything to Anyscale, and returns the
     * step's result when the key is kept; {@code null} to rotate. Whatever the decision, the access rules and the
     * key sink's checks come first, as they would for a rotation: a job that may not rotate the account learns nothing
     * about its key.
     */
    @CheckForNull
    private Map<String, Object> keepIfYoungEnough(
            RotateIfOlderThan byAge,
            ServiceAccountRef ref,
            KeyTarget target,
            JenkinsKeySink sink,
            Invocation invocation) {
        if (ref.name() != null) {
            invocation.checkMayManage(ref.name());
        }
        KeyOwner owner = KeyOwner.of(ref);
        sink.checkAccepts(target, owner);
        KeyHolder stored = sink.heldAt(target);
        RotationDecision decision = byAge.decide(owner, credentialsId, stored, invocation.now());
        if (decision.rotate() || stored == null) {
            invocation.log(decision.reason());
            return null;
        }
        if (ref.name() == null) {
            if (stored.accountName() == null) {
                return null; // no name to check the rules against without asking Anyscale: rotating does that
            }
            // Given by email: the rules are checked against the name the credential records with that same email.
            invocation.checkMayManage(stored.accountName());
        }
        invocation.log(decision.reason());
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("name", stored.accountName());
        result.put("email", stored.accountEmail());
        result.put("credentialsId", credentialsId);
        result.put("rotated", false);
        result.put("keyMintedAt", String.valueOf(stored.mintedAt()));
        return result;
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
