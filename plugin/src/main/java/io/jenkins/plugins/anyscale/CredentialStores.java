package io.jenkins.plugins.anyscale;

import com.cloudbees.hudson.plugins.folder.AbstractFolder;
import com.cloudbees.hudson.plugins.folder.properties.FolderCredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsStore;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.ExtensionList;
import io.jenkins.plugins.anyscale.client.inventory.CredentialLocation;
import jenkins.model.Jenkins;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/** The two kinds of credentials store the key sink writes: a folder's, and the Jenkins root store. */
@Restricted(NoExternalUse.class)
public final class CredentialStores {

    private CredentialStores() {}

    /** The folder's own store, or {@code null} when the folder credentials provider is disabled for it. */
    @CheckForNull
    public static CredentialsStore ofFolder(@NonNull AbstractFolder<?> folder) {
        FolderCredentialsProvider provider =
                ExtensionList.lookup(CredentialsProvider.class).get(FolderCredentialsProvider.class);
        return provider == null || !provider.isEnabled(folder) ? null : provider.getStore(folder);
    }

    /** The Jenkins root (system) store, or {@code null} when its provider is disabled. */
    @CheckForNull
    public static CredentialsStore root() {
        return ExtensionList.lookupSingleton(SystemCredentialsProvider.ProviderImpl.class)
                .getStore(Jenkins.get());
    }

    /**
     * The store a location names, or {@code null} when it no longer exists (the folder was deleted or renamed, or is
     * not a folder any more). Look it up as a user who may read every folder (SYSTEM), or a folder hidden from the
     * current user counts as missing.
     */
    @CheckForNull
    public static CredentialsStore of(@NonNull CredentialLocation location) {
        if (location.isInRootStore()) {
            return root();
        }
        AbstractFolder<?> folder = Jenkins.get().getItemByFullName(location.folder(), AbstractFolder.class);
        return folder == null ? null : ofFolder(folder);
    }
}
