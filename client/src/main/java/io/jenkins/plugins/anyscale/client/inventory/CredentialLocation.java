package io.jenkins.plugins.anyscale.client.inventory;

import java.util.Comparator;
import java.util.Objects;

/**
 * Where a credential lives: the credentials store of a folder, or the Jenkins root store, and its ID in that store.
 * Persisted by the plugin as part of a {@link KeyHolderIndex}.
 */
public final class CredentialLocation implements Comparable<CredentialLocation> {

    private static final Comparator<CredentialLocation> ORDER = Comparator.comparing(
                    CredentialLocation::folder, Comparator.nullsFirst(Comparator.<String>naturalOrder()))
            .thenComparing(CredentialLocation::credentialId);

    /** The folder's full name ({@code team-a/deploy}); {@code null} for the Jenkins root store. */
    private final String folder;

    private final String credentialId;

    private CredentialLocation(String folder, String credentialId) {
        if (credentialId == null || credentialId.isBlank()) {
            throw new IllegalArgumentException("A credential ID is required.");
        }
        if (folder != null && (folder.isBlank() || folder.startsWith("/") || folder.endsWith("/"))) {
            throw new IllegalArgumentException("'" + folder + "' is not a folder's full name (such as 'team-a' or"
                    + " 'team-a/deploy'); for the Jenkins root credentials store, give no folder.");
        }
        this.folder = folder;
        this.credentialId = credentialId;
    }

    /** A credential in the store of the folder with this full name, e.g. {@code team-a/deploy}. */
    public static CredentialLocation inFolder(String folderFullName, String credentialId) {
        return new CredentialLocation(Objects.requireNonNull(folderFullName, "folderFullName"), credentialId);
    }

    /** A credential in the Jenkins root (system) store. */
    public static CredentialLocation inRootStore(String credentialId) {
        return new CredentialLocation(null, credentialId);
    }

    /** The folder's full name, or {@code null} for the Jenkins root store. */
    public String folder() {
        return folder;
    }

    public String credentialId() {
        return credentialId;
    }

    public boolean isInRootStore() {
        return folder == null;
    }

    /** The store, as the key sink names it in messages: {@code folder 'team-a'}. */
    public String storeLabel() {
        return folder == null ? "the Jenkins root credentials store" : "folder '" + folder + "'";
    }

    /** Whether this is in the store of that folder or of a folder inside it. */
    public boolean isWithin(String folderFullName) {
        return folder != null && (folder.equals(folderFullName) || folder.startsWith(folderFullName + "/"));
    }

    /**
     * The same credential after the folder {@code from} (this one's or an ancestor) was renamed or moved to {@code
     * to}; this location itself when it is not within {@code from}.
     */
    public CredentialLocation afterFolderMoved(String from, String to) {
        if (!isWithin(from)) {
            return this;
        }
        return inFolder(to + folder.substring(from.length()), credentialId);
    }

    /** Root store first, then by folder and ID. */
    @Override
    public int compareTo(CredentialLocation other) {
        return ORDER.compare(this, other);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CredentialLocation other
                && Objects.equals(folder, other.folder)
                && credentialId.equals(other.credentialId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(folder, credentialId);
    }

    /** {@code credential 'ci-key' in folder 'team-a'}. */
    @Override
    public String toString() {
        return "credential '" + credentialId + "' in " + storeLabel();
    }
}
