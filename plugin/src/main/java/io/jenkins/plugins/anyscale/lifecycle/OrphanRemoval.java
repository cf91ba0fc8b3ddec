package io.jenkins.plugins.anyscale.lifecycle;

import com.cloudbees.plugins.credentials.Credentials;
import com.cloudbees.plugins.credentials.CredentialsStore;
import com.cloudbees.plugins.credentials.domains.Domain;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import io.jenkins.plugins.anyscale.AnyscaleClients;
import io.jenkins.plugins.anyscale.AnyscaleServiceAccountKey;
import io.jenkins.plugins.anyscale.AnyscaleSettings;
import io.jenkins.plugins.anyscale.CredentialStores;
import io.jenkins.plugins.anyscale.client.AnyscaleException;
import io.jenkins.plugins.anyscale.client.ServiceAccount;
import io.jenkins.plugins.anyscale.client.ServiceAccountRef;
import io.jenkins.plugins.anyscale.client.inventory.CredentialLocation;
import io.jenkins.plugins.anyscale.client.inventory.KeyHolder;
import java.io.IOException;
import java.util.Optional;

/**
 * The inventory page's "delete credential": removes an Anyscale service-account key credential whose account no longer
 * exists. Only a credential of this plugin's type, and only after asking Anyscale again that its account is gone (by
 * the key sink's rule: its email, or its name when it records no email), so that a page shown before the account was
 * created again cannot delete a working key.
 */
final class OrphanRemoval {

    private OrphanRemoval() {}

    /**
     * @param folder the folder's full name; empty or {@code null} for the Jenkins root store
     */
    @NonNull
    static Notice delete(@CheckForNull String folder, @CheckForNull String credentialId) {
        CredentialLocation location;
        try {
            location = folder == null || folder.isBlank()
                    ? CredentialLocation.inRootStore(credentialId)
                    : CredentialLocation.inFolder(folder, credentialId);
        } catch (IllegalArgumentException e) {
            return Notice.refused(e.getMessage());
        }
        CredentialsStore store = CredentialStores.of(location);
        Credentials credential = store == null ? null : StoreChecks.credentialIn(store, location.credentialId());
        if (store == null || credential == null) {
            return Notice.refused(Messages.OrphanRemoval_NotFound(location));
        }
        if (!(credential instanceof AnyscaleServiceAccountKey key)) {
            return Notice.refused(Messages.OrphanRemoval_NotAKey(location));
        }
        KeyHolder holder = key.holderAt(location);
        try {
            Optional<ServiceAccount> account = AnyscaleClients.forOwner(AnyscaleSettings.current())
                    .serviceAccounts()
                    .findIfExists(
                            holder.accountEmail() != null
                                    ? ServiceAccountRef.byEmail(holder.accountEmail())
                                    : ServiceAccountRef.byName(key.getAccountName()));
            if (account.isPresent() && holder.holdsKeyOf(account.get())) {
                return Notice.refused(Messages.OrphanRemoval_AccountExists(location, holder.describeAccount()));
            }
            if (!removeFrom(store, key)) {
                return Notice.refused(Messages.OrphanRemoval_NotRemoved(location));
            }
        } catch (AbortException | AnyscaleException | IllegalArgumentException e) {
            return Notice.refused(e.getMessage());
        } catch (IOException e) {
            return Notice.refused(Messages.OrphanRemoval_Failed(location, e.getMessage()));
        }
        KeyIndex.get().removed(location);
        return Notice.done(Messages.OrphanRemoval_Deleted(location, holder.describeAccount()));
    }

    private static boolean removeFrom(CredentialsStore store, AnyscaleServiceAccountKey key) throws IOException {
        for (Domain domain : store.getDomains()) {
            if (store.getCredentials(domain).contains(key)) {
                return store.removeCredentials(domain, key);
            }
        }
        return false;
    }
}
