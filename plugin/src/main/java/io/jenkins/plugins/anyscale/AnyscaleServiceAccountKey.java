package io.jenkins.plugins.anyscale;

import com.cloudbees.plugins.credentials.CredentialsNameProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.NameWith;
import com.cloudbees.plugins.credentials.impl.BaseStandardCredentials;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.Util;
import hudson.util.Secret;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.kohsuke.stapler.DataBoundConstructor;

/**
 * The API key of an Anyscale service account, stored by the steps of this plugin. It is a {@link StringCredentials},
 * so {@code withCredentials([string(credentialsId: …, variable: …)])}, Declarative {@code credentials()} and
 * {@code withAnyscale} all work with it, and it records which service account the key belongs to: the steps
 * replace a stored key only when it is of this type and belongs to the same account.
 */
@NameWith(AnyscaleServiceAccountKey.NameProvider.class)
public final class AnyscaleServiceAccountKey extends BaseStandardCredentials implements StringCredentials {

    private static final long serialVersionUID = 1L;

    @NonNull
    private final Secret secret;

    @NonNull
    private final String accountName;

    @CheckForNull
    private final String accountEmail;

    @DataBoundConstructor
    public AnyscaleServiceAccountKey(
            @CheckForNull CredentialsScope scope,
            @CheckForNull String id,
            @CheckForNull String description,
            @NonNull Secret secret,
            @NonNull String accountName,
            @CheckForNull String accountEmail) {
        super(scope, id, description);
        this.secret = secret;
        this.accountName = Util.fixNull(accountName).trim();
        this.accountEmail = Util.fixEmptyAndTrim(accountEmail);
    }

    @NonNull
    @Override
    public Secret getSecret() {
        return secret;
    }

    /** The name of the Anyscale service account this key belongs to. */
    @NonNull
    public String getAccountName() {
        return accountName;
    }

    /** The email of the Anyscale service account this key belongs to, when known. */
    @CheckForNull
    public String getAccountEmail() {
        return accountEmail;
    }

    /** How the account appears in the credentials list and in log lines. */
    @NonNull
    public String describeAccount() {
        return accountEmail == null ? "'" + accountName + "'" : "'" + accountName + "' (" + accountEmail + ")";
    }

    /** Shows the account in the credential's list entry, next to its description or ID. */
    public static class NameProvider extends CredentialsNameProvider<AnyscaleServiceAccountKey> {

        @NonNull
        @Override
        public String getName(@NonNull AnyscaleServiceAccountKey credentials) {
            String description = Util.fixEmptyAndTrim(credentials.getDescription());
            String label = description != null ? description : credentials.getId();
            return label + " (Anyscale service account " + credentials.describeAccount() + ")";
        }
    }

    @Extension
    @Symbol("anyscaleServiceAccountKey")
    public static class DescriptorImpl extends BaseStandardCredentialsDescriptor {

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.AnyscaleServiceAccountKey_DisplayName();
        }
    }
}
