package io.jenkins.plugins.anyscale;

import com.cloudbees.hudson.plugins.folder.AbstractFolder;
import com.cloudbees.hudson.plugins.folder.Folder;
import com.cloudbees.hudson.plugins.folder.properties.FolderCredentialsProvider;
import com.cloudbees.plugins.credentials.Credentials;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.CredentialsStore;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import com.cloudbees.plugins.credentials.common.IdCredentials;
import com.cloudbees.plugins.credentials.domains.Domain;
import hudson.ExtensionList;
import hudson.util.Secret;
import io.jenkins.plugins.anyscale.emulator.AnyscaleEmulator;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;

/** Shared fixtures: the root token credential, folder stores, and lookups by ID. */
public final class TestSupport {

    public static final String OWNER_TOKEN_ID = "anyscale-owner-token";

    private TestSupport() {}

    /**
     * Points the global configuration at the emulator, stores its owner token in the root store with System scope, and
     * lets every job manage every account (one rule {@code **} / {@code *}); tests of the rules set their own.
     */
    public static void configure(AnyscaleEmulator emulator) throws IOException {
        addRootCredential(new StringCredentialsImpl(
                CredentialsScope.SYSTEM, OWNER_TOKEN_ID, "Anyscale owner", Secret.fromString(emulator.ownerToken())));
        AnyscaleGlobalConfiguration config = AnyscaleGlobalConfiguration.get();
        config.setHost(emulator.baseUrl());
        config.setTokenCredentialsId(OWNER_TOKEN_ID);
        allowOnly(rule("**", "*"));
    }

    public static AnyscaleAccessRule rule(String jobs, String accounts) {
        return new AnyscaleAccessRule(jobs, accounts);
    }

    /** Replaces the access rules of the global configuration. */
    public static void allowOnly(AnyscaleAccessRule... rules) {
        AnyscaleGlobalConfiguration.get().setAccessRules(List.of(rules));
    }

    public static void addRootCredential(Credentials credentials) throws IOException {
        SystemCredentialsProvider.getInstance().getCredentials().add(credentials);
        SystemCredentialsProvider.getInstance().save();
    }

    /** A sandboxed Pipeline job with this script, in the folder. */
    public static WorkflowJob pipeline(Folder folder, String name, String script) throws Exception {
        WorkflowJob p = folder.createProject(WorkflowJob.class, name);
        p.setDefinition(new CpsFlowDefinition(script, true));
        return p;
    }

    public static CredentialsStore folderStore(AbstractFolder<?> folder) {
        return ExtensionList.lookupSingleton(FolderCredentialsProvider.class).getStore(folder);
    }

    public static void addFolderCredential(AbstractFolder<?> folder, Credentials credentials) throws IOException {
        folderStore(folder).addCredentials(Domain.global(), credentials);
    }

    /** The credential with this ID in the folder's own store, or null. */
    public static Credentials inFolder(AbstractFolder<?> folder, String id) {
        return byId(folderStore(folder).getCredentials(Domain.global()), id);
    }

    /** The credential with this ID in the Jenkins root store, or null. */
    public static Credentials inRoot(String id) {
        return byId(SystemCredentialsProvider.getInstance().getCredentials(), id);
    }

    private static Credentials byId(Iterable<Credentials> credentials, String id) {
        for (Credentials c : credentials) {
            if (c instanceof IdCredentials ic && ic.getId().equals(id)) {
                return c;
            }
        }
        return null;
    }

    /**
     * A key credential as the key sink stores it (sealed), with a recognizable secret ({@code aph0_secret_<id>}) and the
     * given mint time (null: unknown).
     */
    public static AnyscaleServiceAccountKey key(String id, String accountName, String accountEmail, Instant mintedAt) {
        AnyscaleServiceAccountKey key = unsealedKey(id, accountName, accountEmail, mintedAt);
        key.seal();
        return key;
    }

    /**
     * A key credential as anyone who may create credentials can make one, through the credentials form or its XML:
     * claiming whatever account and mint time they type in, and not sealed.
     */
    public static AnyscaleServiceAccountKey unsealedKey(
            String id, String accountName, String accountEmail, Instant mintedAt) {
        AnyscaleServiceAccountKey key = new AnyscaleServiceAccountKey(
                CredentialsScope.GLOBAL, id, null, Secret.fromString(secretOf(id)), accountName, accountEmail);
        key.setMintedAt(mintedAt == null ? null : mintedAt.toString());
        return key;
    }

    /** The secret of {@link #key}. */
    public static String secretOf(String id) {
        return "aph0_secret_" + id;
    }

    /**
     * Replaces the credential with this ID in the folder's store by a copy whose key was minted at that time, sealed as
     * the key sink would have sealed it then.
     */
    public static void setMintedAt(AbstractFolder<?> folder, String id, Instant mintedAt) throws IOException {
        AnyscaleServiceAccountKey old = keyInFolder(folder, id);
        AnyscaleServiceAccountKey aged = new AnyscaleServiceAccountKey(
                old.getScope(), id, old.getDescription(), old.getSecret(), old.getAccountName(), old.getAccountEmail());
        aged.setMintedAt(mintedAt.toString());
        aged.seal(); // as if the key sink had stored it then
        folderStore(folder).updateCredentials(Domain.global(), old, aged);
    }

    /** The key stored by the steps at this ID in the folder's store. */
    public static AnyscaleServiceAccountKey keyInFolder(AbstractFolder<?> folder, String id) {
        Credentials c = inFolder(folder, id);
        if (!(c instanceof AnyscaleServiceAccountKey key)) {
            throw new AssertionError(
                    "expected an Anyscale key at '" + id + "' in folder " + folder.getFullName() + ", found " + c);
        }
        return key;
    }
}
