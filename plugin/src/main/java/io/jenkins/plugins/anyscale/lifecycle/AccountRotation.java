package io.jenkins.plugins.anyscale.lifecycle;

import com.cloudbees.hudson.plugins.folder.AbstractFolder;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.model.Item;
import hudson.model.Job;
import io.jenkins.plugins.anyscale.AnyscaleClients;
import io.jenkins.plugins.anyscale.AnyscaleSettings;
import io.jenkins.plugins.anyscale.ChangingStep;
import io.jenkins.plugins.anyscale.JenkinsKeySink;
import io.jenkins.plugins.anyscale.client.AnyscaleClient;
import io.jenkins.plugins.anyscale.client.AnyscaleException;
import io.jenkins.plugins.anyscale.client.ServiceAccount;
import io.jenkins.plugins.anyscale.client.ServiceAccountRef;
import io.jenkins.plugins.anyscale.client.inventory.CheckedHolder;
import io.jenkins.plugins.anyscale.client.inventory.CredentialLocation;
import io.jenkins.plugins.anyscale.client.inventory.KeyHolder;
import io.jenkins.plugins.anyscale.client.provisioning.AccessRules;
import io.jenkins.plugins.anyscale.client.provisioning.AccountAccess;
import io.jenkins.plugins.anyscale.client.provisioning.KeySinkException;
import io.jenkins.plugins.anyscale.client.provisioning.KeyTarget;
import io.jenkins.plugins.anyscale.client.provisioning.ProvisioningException;
import io.jenkins.plugins.anyscale.client.provisioning.ProvisioningOutcome.Operation;
import io.jenkins.plugins.anyscale.client.provisioning.ServiceAccountProvisioner;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import jenkins.model.Jenkins;

/**
 * The inventory page's "rotate": revokes every key of an account and stores the new one in the one credential that
 * holds its keys, through the same provisioning layer as {@code anyscaleRotateApiKeys} (the new key is stored before
 * anything else happens, and a failure after the revoke says the account has no working key). An administrator holds
 * the owner's power already, so the access rules do not decide whether to rotate; they decide where the key may go.
 * Refused, before anything changes:
 *
 * <ul>
 *   <li>when no credential or several hold the account's keys: rotating into one would leave the others with a revoked
 *       key;
 *   <li>when that credential is not the one the administrator confirmed (the page was stale);
 *   <li>when the credential was not stored by this plugin's key sink, or was changed by hand since (it is not sealed):
 *       whoever may create credentials in a store can make one that claims any account;
 *   <li>when its store is one the steps would not write (a multibranch project's, the root store unless allowed), or
 *       no access rule lets any job whose keys go to that store manage the account: the key goes back only where a
 *       job could have put it.
 * </ul>
 *
 * <p>While it runs it is recorded like a running step, so that a controller stopped in the middle of it leaves an
 * entry in what needs attention.
 */
final class AccountRotation {

    private AccountRotation() {}

    /**
     * @param folder the folder of the credential the administrator confirmed, empty for the root store
     * @param credentialId the credential the administrator confirmed
     */
    @NonNull
    static Notice rotate(@NonNull String accountName, @NonNull String folder, @NonNull String credentialId) {
        ServiceAccountRef ref;
        CredentialLocation confirmed;
        try {
            ref = ServiceAccountRef.byName(accountName);
            confirmed = folder.isEmpty()
                    ? CredentialLocation.inRootStore(credentialId)
                    : CredentialLocation.inFolder(folder, credentialId);
        } catch (IllegalArgumentException e) {
            return Notice.refused(e.getMessage());
        }
        AnyscaleSettings settings = AnyscaleSettings.current();
        try {
            AnyscaleClient client = AnyscaleClients.forOwner(settings);
            ServiceAccount account = client.serviceAccounts().find(ref);
            List<CredentialLocation> holders = holdersOf(account);
            if (holders.isEmpty()) {
                return Notice.refused(Messages.AccountRotation_NoCredential(account.name()));
            }
            if (holders.size() > 1) {
                return Notice.refused(Messages.AccountRotation_SeveralCredentials(account.name(), describe(holders)));
            }
            CredentialLocation into = holders.get(0);
            if (!into.equals(confirmed)) {
                return Notice.refused(Messages.AccountRotation_NotWhatWasConfirmed(account.name(), confirmed, into));
            }
            if (!aJobMayPutItsKeysThere(settings, account.name(), into)) {
                return Notice.refused(Messages.AccountRotation_NoRuleForThatStore(account.name(), into.storeLabel()));
            }
            JenkinsKeySink sink = JenkinsKeySink.into(JenkinsKeySink.Destination.of(into, settings.allowRootStore()));
            ServiceAccountProvisioner provisioner = new ServiceAccountProvisioner(
                    client, ServiceAccountProvisioner.DEFAULT_RECOVERY, AccountAccess.UNRESTRICTED);
            ChangingStep running = new ChangingStep(
                    UUID.randomUUID().toString(),
                    Instant.now(),
                    null,
                    0,
                    Operation.ROTATE_API_KEYS,
                    account.name(),
                    into.credentialId(),
                    Messages.AccountRotation_IfCutOff(account.name(), into));
            AttentionLog log = AttentionLog.get();
            log.started(running);
            Throwable failure = null;
            try {
                return Notice.done(provisioner
                        .rotateApiKeys(ref, new KeyTarget(into.credentialId()), sink)
                        .summary());
            } catch (RuntimeException e) {
                failure = e;
                throw e;
            } finally {
                log.ended(running, failure); // a failure that left something becomes an entry there
            }
        } catch (AbortException | AnyscaleException | KeySinkException | ProvisioningException e) {
            return Notice.refused(e.getMessage());
        } catch (IllegalArgumentException e) {
            return Notice.refused(e.getMessage());
        }
    }

    /**
     * Whether some access rule lets a job whose keys go to that store manage the account: for a folder, a job directly
     * in it (the steps write to a job's nearest folder); for the root store, a job in no folder.
     */
    private static boolean aJobMayPutItsKeysThere(
            AnyscaleSettings settings, String accountName, CredentialLocation location) {
        AccessRules rules = settings.accessRules();
        Collection<? extends Item> items;
        if (location.isInRootStore()) {
            items = Jenkins.get().getItems();
        } else {
            AbstractFolder<?> folder = Jenkins.get().getItemByFullName(location.folder(), AbstractFolder.class);
            if (folder == null) {
                return false;
            }
            items = folder.getItems();
        }
        for (Item item : items) {
            if (item instanceof Job<?, ?> job && rules.allows(job.getFullName(), accountName)) {
                return true;
            }
        }
        return false;
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
