package io.jenkins.plugins.anyscale.lifecycle;

import com.cloudbees.plugins.credentials.Credentials;
import com.cloudbees.plugins.credentials.CredentialsStore;
import com.cloudbees.plugins.credentials.common.IdCredentials;
import com.cloudbees.plugins.credentials.domains.Domain;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.security.ACL;
import hudson.security.ACLContext;
import io.jenkins.plugins.anyscale.AnyscaleServiceAccountKey;
import io.jenkins.plugins.anyscale.CredentialStores;
import io.jenkins.plugins.anyscale.client.inventory.CheckedHolder;
import io.jenkins.plugins.anyscale.client.inventory.CredentialLocation;
import io.jenkins.plugins.anyscale.client.inventory.KeyHolder;
import io.jenkins.plugins.anyscale.client.inventory.StoreLookup;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks what the {@link KeyIndex} recorded against what the stores hold now, so that a credential deleted, moved or
 * overwritten by hand shows as such. Each store is read once, as SYSTEM (the page is for administrators, and a store
 * shows nothing to a user without Credentials/View), and only the stores the index names: never every folder.
 */
final class StoreChecks {

    /** The credentials of each store read so far, by folder full name ({@code null}: the root store), then by ID. */
    private final Map<String, Map<String, Credentials>> stores = new HashMap<>();

    private final boolean withLastUse;

    private StoreChecks(boolean withLastUse) {
        this.withLastUse = withLastUse;
    }

    /**
     * Each holder as its store shows it now.
     *
     * @param withLastUse whether to add the last build that used each key found (reads the credentials' fingerprints)
     */
    @NonNull
    static List<CheckedHolder> check(@NonNull Collection<KeyHolder> holders, boolean withLastUse) {
        StoreChecks checks = new StoreChecks(withLastUse);
        List<CheckedHolder> checked = new ArrayList<>(holders.size());
        try (ACLContext ignored = ACL.as2(ACL.SYSTEM2)) {
            for (KeyHolder holder : holders) {
                checked.add(CheckedHolder.check(holder, checks.lookup(holder.location())));
            }
        }
        return checked;
    }

    /** The credential with that ID in the store now, or {@code null}; read as the current user. */
    @CheckForNull
    static Credentials credentialIn(@NonNull CredentialsStore store, @NonNull String credentialId) {
        return byId(store).get(credentialId);
    }

    private StoreLookup lookup(CredentialLocation location) {
        Credentials credential = stores.computeIfAbsent(location.folder(), folder -> {
                    CredentialsStore store = CredentialStores.of(location);
                    return store == null ? Map.of() : byId(store);
                })
                .get(location.credentialId());
        if (credential == null) {
            return StoreLookup.nothing();
        }
        if (!(credential instanceof AnyscaleServiceAccountKey key) || !key.isSealed()) {
            // Another type, or a key credential made or edited by hand: what it claims cannot be trusted.
            return StoreLookup.otherCredential();
        }
        KeyHolder now = key.holderAt(location);
        return StoreLookup.key(withLastUse ? LastUse.of(now, key) : now);
    }

    /** The store's credentials by ID, the first of each ID across its domains. */
    private static Map<String, Credentials> byId(CredentialsStore store) {
        Map<String, Credentials> byId = new HashMap<>();
        for (Domain domain : store.getDomains()) {
            for (Credentials c : store.getCredentials(domain)) {
                if (c instanceof IdCredentials ic) {
                    byId.putIfAbsent(ic.getId(), c);
                }
            }
        }
        return byId;
    }
}
