package io.jenkins.plugins.anyscale;

import com.cloudbees.hudson.plugins.folder.AbstractFolder;
import com.cloudbees.hudson.plugins.folder.computed.ComputedFolder;
import com.cloudbees.plugins.credentials.Credentials;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.CredentialsStore;
import com.cloudbees.plugins.credentials.common.IdCredentials;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.domains.Domain;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Util;
import hudson.model.Item;
import hudson.model.ItemGroup;
import hudson.model.Job;
import hudson.model.Run;
import hudson.security.Permission;
import hudson.util.Secret;
import io.jenkins.plugins.anyscale.client.ApiKey;
import io.jenkins.plugins.anyscale.client.ServiceAccount;
import io.jenkins.plugins.anyscale.client.inventory.CredentialLocation;
import io.jenkins.plugins.anyscale.client.inventory.KeyHolder;
import io.jenkins.plugins.anyscale.client.provisioning.KeyOwner;
import io.jenkins.plugins.anyscale.client.provisioning.KeySink;
import io.jenkins.plugins.anyscale.client.provisioning.KeySinkException;
import io.jenkins.plugins.anyscale.client.provisioning.KeyTarget;
import io.jenkins.plugins.anyscale.client.provisioning.KeyTargetRefusedException;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import jenkins.model.Jenkins;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;
import org.springframework.security.core.Authentication;

/**
 * The provisioning layer's key sink, backed by Jenkins credential stores.
 *
 * <p>Store policy: a build writes to the credentials store of the nearest folder that contains its job; a job
 * that is in no folder writes to the Jenkins root store, and only when the global configuration allows it. No other
 * store can be named by a step. A multibranch project's (or any computed folder's) store is refused: every branch
 * and pull request of it can read what is stored there. Within that store, a key is created, or replaces (same ID, one
 * {@code updateCredentials} call) a credential that is an {@link AnyscaleServiceAccountKey} of the same service
 * account. Anything else at that ID, or the same ID visible to the job from another store, is refused in
 * {@link #checkAccepts}, which the provisioner calls before anything is sent to Anyscale.
 *
 * <p>Builds usually run as SYSTEM, so the stores' own permission checks pass for any pipeline author: this policy is
 * the real protection. When a build runs as a user (Authorize Project), that user must also have
 * Credentials/View, Create and Update on the store, and Delete where a delete step removes the stored keys; both
 * are checked before anything is sent to Anyscale.
 *
 * <p>An administrator's action on the key lifecycle page writes to the one store it names instead ({@link #into}),
 * under the same rules of what may be replaced. Every key stored or removed is reported to the {@link
 * KeyStoreListener}s.
 */
@Restricted(NoExternalUse.class)
public final class JenkinsKeySink implements KeySink {

    /** Serializes check-then-write on the stores of this controller, so that two builds cannot interleave. */
    private static final Object LOCK = new Object();

    /** The build whose keys this sink stores; {@code null} for a sink {@linkplain #into into a given store}. */
    @CheckForNull
    private final Run<?, ?> run;

    /** The store of a sink that writes where it is told; {@code null} for a build's sink, which follows the policy. */
    @CheckForNull
    private final Destination given;

    @CheckForNull
    private final String description;

    private final boolean allowRootStore;

    private final Clock clock;

    /** The mint time of the last key this sink stored, for the step's result. */
    @CheckForNull
    private volatile Instant lastMintedAt;

    JenkinsKeySink(@NonNull Run<?, ?> run, @CheckForNull String description, boolean allowRootStore) {
        this(run, description, allowRootStore, Clock.systemUTC());
    }

    JenkinsKeySink(
            @NonNull Run<?, ?> run, @CheckForNull String description, boolean allowRootStore, @NonNull Clock clock) {
        this(run, null, description, allowRootStore, clock);
    }

    private JenkinsKeySink(
            @CheckForNull Run<?, ?> run,
            @CheckForNull Destination given,
            @CheckForNull String description,
            boolean allowRootStore,
            @NonNull Clock clock) {
        this.run = run;
        this.given = given;
        this.description = Util.fixEmptyAndTrim(description);
        this.allowRootStore = allowRootStore;
        this.clock = clock;
    }

    /**
     * A sink that stores keys in that store and nowhere else, for an administrator's action: what may be replaced
     * there is decided as for a build (only a key of this plugin's type, of the same account), as the current user.
     */
    @NonNull
    public static JenkinsKeySink into(@NonNull Destination destination) {
        return new JenkinsKeySink(null, destination, null, false, Clock.systemUTC());
    }

    /** When the key this sink stored last was minted; {@code null} if it stored none. */
    @CheckForNull
    Instant lastMintedAt() {
        return lastMintedAt;
    }

    /**
     * The store this sink writes to, and how to name it in messages.
     *
     * @param folder the full name of the folder whose store it is; {@code null} for the Jenkins root store
     */
    @Restricted(NoExternalUse.class)
    public record Destination(
            @NonNull CredentialsStore store, @CheckForNull String folder) {

        /** {@code folder 'team-a'} or {@code the Jenkins root credentials store}. */
        @NonNull
        public String label() {
            return folder == null ? "the Jenkins root credentials store" : "folder '" + folder + "'";
        }

        /** Where a credential with that ID in this store is. */
        @NonNull
        public CredentialLocation location(@NonNull String credentialId) {
            return folder == null
                    ? CredentialLocation.inRootStore(credentialId)
                    : CredentialLocation.inFolder(folder, credentialId);
        }

        /**
         * The store of a location, under the store policy the steps obey: never a multibranch project's or an
         * organization folder's store, which all their branches and pull requests read; the root store only where the
         * global configuration allows it.
         *
         * @throws KeyTargetRefusedException when the policy refuses it, or it no longer exists (the folder was deleted
         *     or moved)
         */
        @NonNull
        public static Destination of(@NonNull CredentialLocation location, boolean allowRootStore) {
            if (location.isInRootStore() && !allowRootStore) {
                throw new KeyTargetRefusedException("The Anyscale global configuration does not allow storing keys in"
                        + " the Jenkins root credentials store, where every job can use them.");
            }
            if (!location.isInRootStore()
                    && Jenkins.get().getItemByFullName(location.folder()) instanceof ComputedFolder<?>) {
                throw new KeyTargetRefusedException(location.storeLabel() + " is a multibranch project or organization"
                        + " folder: every branch and pull request of it can read the credentials in its store, so"
                        + " this plugin never stores keys there.");
            }
            CredentialsStore store = CredentialStores.of(location);
            if (store == null) {
                throw new KeyTargetRefusedException(
                        "The credentials store of " + location.storeLabel() + " does not exist any more.");
            }
            return new Destination(store, location.folder());
        }
    }

    /** The job's nearest folder, or {@code null} when the job is in no folder. */
    @CheckForNull
    static AbstractFolder<?> nearestFolder(@NonNull Job<?, ?> job) {
        ItemGroup<?> group = job.getParent();
        while (group instanceof Item item) {
            if (group instanceof AbstractFolder<?> folder) {
                return folder;
            }
            group = item.getParent();
        }
        return null;
    }

    /**
     * Where this sink's keys go: the store it was given, or this build's under the store policy.
     *
     * @throws KeyTargetRefusedException when the policy allows no store for this job
     */
    @NonNull
    Destination destination() {
        Run<?, ?> run = this.run;
        if (given != null || run == null) {
            return Objects.requireNonNull(given, "a sink has a build or a store");
        }
        Job<?, ?> job = run.getParent();
        AbstractFolder<?> folder = nearestFolder(job);
        if (folder instanceof ComputedFolder<?>) {
            throw new KeyTargetRefusedException("Job '" + job.getFullName() + "' belongs to '" + folder.getFullName()
                    + "', a multibranch project or organization folder: every branch and pull request of it can read"
                    + " the credentials in its store, so this plugin never stores keys there. Provision keys from a"
                    + " Pipeline job in an ordinary folder; the branches can use them with withAnyscale from there.");
        }
        if (folder != null) {
            CredentialsStore store = CredentialStores.ofFolder(folder);
            if (store == null) {
                throw new KeyTargetRefusedException("The credentials store of folder '" + folder.getFullName()
                        + "' is not available (the folder credentials provider is disabled).");
            }
            return new Destination(store, folder.getFullName());
        }
        if (!allowRootStore) {
            throw new KeyTargetRefusedException("Job '" + job.getFullName() + "' is in no folder, and the Anyscale"
                    + " global configuration does not allow storing keys in the Jenkins root credentials store."
                    + " Move the job into a folder (its keys then go to that folder's store), or ask an administrator"
                    + " to allow the root store in Manage Jenkins \u203a System \u203a Anyscale.");
        }
        CredentialsStore root = CredentialStores.root();
        if (root == null) {
            throw new KeyTargetRefusedException("The Jenkins root credentials store is not available.");
        }
        return new Destination(root, null);
    }

    /**
     * What the target credential holds now in this sink's store: a key of this plugin's type, as metadata, or {@code
     * null} when there is none (nothing at that ID, or a credential of another type, which {@link #checkAccepts}
     * refuses).
     *
     * @throws KeyTargetRefusedException when the policy allows no store for this job
     */
    @CheckForNull
    KeyHolder heldAt(@NonNull KeyTarget target) {
        synchronized (LOCK) {
            Destination d = destination();
            Existing existing = find(d.store(), target.id());
            return existing != null && existing.credentials() instanceof AnyscaleServiceAccountKey key
                    ? key.holderAt(d.location(target.id()))
                    : null;
        }
    }

    private record Existing(@NonNull Domain domain, @NonNull Credentials credentials) {}

    @CheckForNull
    private static Existing find(@NonNull CredentialsStore store, @NonNull String id) {
        for (Domain domain : store.getDomains()) {
            for (Credentials c : store.getCredentials(domain)) {
                if (c instanceof IdCredentials ic && id.equals(ic.getId())) {
                    return new Existing(domain, c);
                }
            }
        }
        return null;
    }

    private static void requirePermissions(@NonNull Destination d, Permission... permissions) {
        Authentication auth = Jenkins.getAuthentication2();
        for (Permission p : permissions) {
            if (!d.store().hasPermission2(auth, p)) {
                throw new KeyTargetRefusedException("This build runs as '" + auth.getName() + "', who lacks the "
                        + p.group.title + "/" + p.name + " permission on " + d.label() + ".");
            }
        }
    }

    /**
     * Refuses a credential at the target that is not ours or that belongs to another account. What is said about it
     * is what the build's job could learn anyway: nothing about a System-scoped credential of the root store, which
     * no job can see (the owner token among them).
     */
    private static void requireOursAndSameAccount(
            @NonNull Existing existing, @NonNull KeyTarget target, @NonNull KeyOwner owner, @NonNull String where) {
        if (existing.credentials() instanceof StandardCredentials standard
                && standard.getScope() == CredentialsScope.SYSTEM) {
            throw new KeyTargetRefusedException("Credential ID '" + target.id() + "' is already in use in " + where
                    + ". Choose another credential ID.");
        }
        if (!(existing.credentials() instanceof AnyscaleServiceAccountKey key)) {
            throw new KeyTargetRefusedException(
                    "Credential '" + target.id() + "' in " + where
                            + " exists and is not an Anyscale service account key ("
                            + existing.credentials().getDescriptor().getDisplayName()
                            + "); it was not created by this plugin and will not be overwritten. Choose another credential ID.");
        }
        if (!owner.isSameAccount(key.getAccountName(), key.getAccountEmail())) {
            throw new KeyTargetRefusedException("Credential '" + target.id() + "' in " + where
                    + " holds the key of another Anyscale service account, " + key.describeAccount()
                    + "; it will not be overwritten. Choose another credential ID.");
        }
    }

    @Override
    public void checkAccepts(KeyTarget target, KeyOwner owner) {
        synchronized (LOCK) {
            Destination d = destination();
            requirePermissions(d, CredentialsProvider.VIEW, CredentialsProvider.CREATE, CredentialsProvider.UPDATE);
            Existing existing = find(d.store(), target.id());
            if (given != null) {
                requireSealedKey(existing, target, owner, d);
                return;
            }
            if (existing != null) {
                requireOursAndSameAccount(existing, target, owner, d.label());
                return;
            }
            // A new credential: its ID must not already mean something else to this build, from another store.
            if (resolvesElsewhere(target.id())) {
                throw new KeyTargetRefusedException("Credential ID '" + target.id() + "' already means another"
                        + " credential to this build (in another store, or a credentials parameter of that name); a key"
                        + " stored in " + d.label() + " under the same ID would be ambiguous. Choose another"
                        + " credential ID.");
            }
        }
    }

    /**
     * An administrator's action replaces a key only in a credential that this sink stored, unchanged since (sealed),
     * of the same account: whoever may create credentials in a store can make one that claims any account, and must not
     * receive that account's next key.
     */
    private static void requireSealedKey(
            @CheckForNull Existing existing,
            @NonNull KeyTarget target,
            @NonNull KeyOwner owner,
            @NonNull Destination d) {
        if (existing == null) {
            throw new KeyTargetRefusedException("Credential '" + target.id() + "' in " + d.label()
                    + " does not exist any more; the key is stored only where it was.");
        }
        requireOursAndSameAccount(existing, target, owner, d.label());
        if (!((AnyscaleServiceAccountKey) existing.credentials()).isSealed()) {
            throw new KeyTargetRefusedException("Credential '" + target.id() + "' in " + d.label()
                    + " was not stored by the Anyscale steps of this Jenkins, or was changed by hand since: its account"
                    + " and mint time cannot be trusted, so no key is stored in it from here. Rotate the key from a job"
                    + " that may manage the account (anyscaleRotateApiKeys).");
        }
    }

    /**
     * Whether {@code withCredentials}, {@code withAnyscale} or a step's token would already resolve this ID for this
     * build: asked exactly as they ask it, {@link CredentialsProvider#findCredentialById(String, Class, Run)} (the user
     * the build runs as, then SYSTEM if that user has Credentials/UseItem; a credentials parameter of that name, from
     * the build's parameters or an {@code input} step, first). Called only when the destination store has nothing at
     * that ID, so whatever it finds is elsewhere. The answer tells the build nothing it could not look up itself.
     */
    private boolean resolvesElsewhere(@NonNull String id) {
        return run != null && CredentialsProvider.findCredentialById(id, IdCredentials.class, run) != null;
    }

    @Override
    public void store(KeyTarget target, ApiKey key) {
        ServiceAccount account = key.serviceAccount();
        KeyOwner owner = KeyOwner.of(account);
        synchronized (LOCK) {
            Destination d = destination();
            try {
                Existing existing = find(d.store(), target.id());
                AnyscaleServiceAccountKey stored;
                if (existing != null) {
                    requireOursAndSameAccount(existing, target, owner, d.label());
                    AnyscaleServiceAccountKey old = (AnyscaleServiceAccountKey) existing.credentials();
                    CredentialsScope oldScope = old.getScope();
                    CredentialsScope scope = oldScope == null ? CredentialsScope.GLOBAL : oldScope;
                    String desc = description != null ? description : Util.fixEmptyAndTrim(old.getDescription());
                    stored = newKey(scope, target, desc, key, account);
                    if (!d.store().updateCredentials(existing.domain(), existing.credentials(), stored)) {
                        throw new KeySinkException("Could not replace credential '" + target.id() + "' in " + d.label()
                                + ": it changed while the key was being stored.");
                    }
                } else {
                    stored = newKey(CredentialsScope.GLOBAL, target, description, key, account);
                    if (!d.store().addCredentials(Domain.global(), stored)) {
                        throw new KeySinkException("Could not add credential '" + target.id() + "' to " + d.label()
                                + ": the store refused it (the ID exists or the global domain is missing).");
                    }
                }
                if (run != null) {
                    CredentialsProvider.track(run, stored);
                }
                lastMintedAt = stored.mintInstant();
                fireStored(stored.holderAt(d.location(target.id())));
            } catch (KeySinkException e) {
                throw e;
            } catch (IOException | RuntimeException e) {
                // Never include the exception's own text blindly: a store failure carries no secret, but keep it short.
                throw new KeySinkException(
                        "Could not store the API key in credential '" + target.id() + "' in " + d.label() + ": "
                                + e.getClass().getSimpleName()
                                + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")"),
                        e);
            }
        }
    }

    /** A credential for a key minted just now: the sink stores a key the moment it exists. */
    @NonNull
    private AnyscaleServiceAccountKey newKey(
            @NonNull CredentialsScope scope,
            @NonNull KeyTarget target,
            @CheckForNull String description,
            @NonNull ApiKey key,
            @NonNull ServiceAccount account) {
        AnyscaleServiceAccountKey stored = new AnyscaleServiceAccountKey(
                scope, target.id(), description, Secret.fromString(key.secret()), account.name(), account.email());
        stored.setMintedAt(clock.instant().truncatedTo(ChronoUnit.SECONDS).toString());
        stored.seal();
        return stored;
    }

    @Override
    public void checkRemovesKeys() {
        synchronized (LOCK) {
            requirePermissions(destination(), CredentialsProvider.VIEW, CredentialsProvider.DELETE);
        }
    }

    @Override
    public List<String> removeKeysOf(ServiceAccount account) {
        KeyOwner owner = KeyOwner.of(account);
        List<String> removed = new ArrayList<>();
        synchronized (LOCK) {
            Destination d = destination();
            requirePermissions(d, CredentialsProvider.VIEW, CredentialsProvider.DELETE);
            try {
                for (Domain domain : d.store().getDomains()) {
                    for (Credentials c : d.store().getCredentials(domain)) {
                        if (c instanceof AnyscaleServiceAccountKey key
                                && owner.isSameAccount(key.getAccountName(), key.getAccountEmail())
                                && d.store().removeCredentials(domain, key)) {
                            removed.add(describeId(key.getId(), d));
                            fireRemoved(d.location(key.getId()));
                        }
                    }
                }
            } catch (IOException | RuntimeException e) {
                throw new KeySinkException(
                        "Could not remove the stored keys of service account '" + account.name() + "' from "
                                + d.label() + (removed.isEmpty() ? "" : " (removed so far: " + removed + ")") + ": "
                                + e.getClass().getSimpleName()
                                + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")"),
                        e);
            }
        }
        return removed;
    }

    /**
     * The store and the credential ID: builds that write the same ID in the same store are serialized by the
     * provisioner, whichever accounts they are about. A refused destination still gets a key of its own (the
     * operation then stops at {@link #checkAccepts}).
     */
    @Override
    public String lockKey(KeyTarget target) {
        String store;
        try {
            store = destination().label();
        } catch (KeyTargetRefusedException e) {
            store = "no store for "
                    + (run == null ? "this action" : run.getParent().getFullName());
        }
        return JenkinsKeySink.class.getName() + "\n" + store + "\n" + target.id();
    }

    @Override
    public String describe(KeyTarget target) {
        try {
            return describeId(target.id(), destination());
        } catch (KeyTargetRefusedException e) {
            return "credential '" + target.id() + "'";
        }
    }

    private static String describeId(String id, Destination d) {
        return "credential '" + id + "' in " + d.label();
    }

    private static void fireStored(@NonNull KeyHolder holder) {
        Listeners.tell(KeyStoreListener.class, listener -> listener.stored(holder), holder.toString());
    }

    private static void fireRemoved(@NonNull CredentialLocation location) {
        Listeners.tell(KeyStoreListener.class, listener -> listener.removed(location), "the removal of " + location);
    }
}
