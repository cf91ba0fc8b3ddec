package io.jenkins.plugins.anyscale.lifecycle;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import io.jenkins.plugins.anyscale.AnyscaleClients;
import io.jenkins.plugins.anyscale.AnyscaleSettings;
import io.jenkins.plugins.anyscale.JenkinsKeySink;
import io.jenkins.plugins.anyscale.client.AnyscaleClient;
import io.jenkins.plugins.anyscale.client.AnyscaleException;
import io.jenkins.plugins.anyscale.client.ServiceAccount;
import io.jenkins.plugins.anyscale.client.ServiceAccountRef;
import io.jenkins.plugins.anyscale.client.inventory.AttentionEntry;
import io.jenkins.plugins.anyscale.client.inventory.CheckedHolder;
import io.jenkins.plugins.anyscale.client.inventory.CredentialLocation;
import io.jenkins.plugins.anyscale.client.inventory.KeyHolder;
import io.jenkins.plugins.anyscale.client.provisioning.AccountAccess;
import io.jenkins.plugins.anyscale.client.provisioning.KeySinkException;
import io.jenkins.plugins.anyscale.client.provisioning.KeyTarget;
import io.jenkins.plugins.anyscale.client.provisioning.ProvisioningException;
import io.jenkins.plugins.anyscale.client.provisioning.ProvisioningOutcome;
import io.jenkins.plugins.anyscale.client.provisioning.ServiceAccountProvisioner;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The inventory page's "rotate": revokes every key of an account and stores the new one in the one credential that
 * holds its keys, through the same provisioning layer as {@code anyscaleRotateApiKeys} (the new key is stored before
 * anything else happens, and a failure after the revoke says the account has no working key). Refused, before anything
 * changes, when no credential or several hold the account's keys: rotating into one would leave the others with a
 * revoked key. An administrator holds the owner's power already, so the access rules, which are about jobs, do not
 * apply.
 */
final class AccountRotation {

    private AccountRotation() {}

    @NonNull
    static Notice rotate(@NonNull String accountName) {
        ServiceAccountRef ref;
        try {
            ref = ServiceAccountRef.byName(accountName);
        } catch (IllegalArgumentException e) {
            return Notice.refused(e.getMessage());
        }
        try {
            AnyscaleClient client = AnyscaleClients.forOwner(AnyscaleSettings.current());
            ServiceAccount account = client.serviceAccounts().find(ref);
            List<CredentialLocation> holders = holdersOf(account);
            if (holders.isEmpty()) {
                return Notice.refused(Messages.AccountRotation_NoCredential(account.name()));
            }
            if (holders.size() > 1) {
                return Notice.refused(Messages.AccountRotation_SeveralCredentials(account.name(), describe(holders)));
            }
            CredentialLocation into = holders.get(0);
            ServiceAccountProvisioner provisioner = new ServiceAccountProvisioner(
                    client, ServiceAccountProvisioner.DEFAULT_RECOVERY, AccountAccess.UNRESTRICTED);
            try {
                ProvisioningOutcome outcome = provisioner.rotateApiKeys(
                        ref,
                        new KeyTarget(into.credentialId()),
                        JenkinsKeySink.into(JenkinsKeySink.Destination.of(into)));
                return Notice.done(outcome.summary());
            } catch (ProvisioningException e) {
                AttentionEntry.afterFailure(e, into.credentialId(), Instant.now(), null, 0)
                        .ifPresent(AttentionLog.get()::add);
                return Notice.refused(e.getMessage());
            }
        } catch (AbortException | AnyscaleException | KeySinkException | IllegalArgumentException e) {
            return Notice.refused(e.getMessage());
        }
    }

    /** The credentials the index knows of that hold a key of the account and are in their stores now. */
    private static List<CredentialLocation> holdersOf(ServiceAccount account) {
        List<KeyHolder> candidates = new ArrayList<>();
        for (KeyHolder holder : KeyIndex.get().holders()) {
            if (holder.holdsKeyOf(account)) {
                candidates.add(holder);
            }
        }
        List<CredentialLocation> inStore = new ArrayList<>();
        for (CheckedHolder checked : StoreChecks.check(candidates, false)) {
            if (checked.isInStore()) {
                inStore.add(checked.holder().location());
            }
        }
        return inStore;
    }

    private static String describe(List<CredentialLocation> locations) {
        List<String> described = new ArrayList<>();
        for (CredentialLocation location : locations) {
            described.add(location.toString());
        }
        return String.join(", ", described);
    }
}
