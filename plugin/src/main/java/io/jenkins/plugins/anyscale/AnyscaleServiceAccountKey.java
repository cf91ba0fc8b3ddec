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
import io.jenkins.plugins.anyscale.client.Printable;
import io.jenkins.plugins.anyscale.client.inventory.CredentialLocation;
import io.jenkins.plugins.anyscale.client.inventory.KeyHolder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import jenkins.security.HMACConfidentialKey;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

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

    /** When the key was minted (ISO-8601); {@code null} for keys stored before this was recorded. */
    @CheckForNull
    private String mintedAt;

    /**
     * What makes this credential one that this controller's key sink stored: a MAC, with a key kept in {@code
     * JENKINS_HOME/secrets}, of the ID, the account, the mint time and a digest of the key. Anyone who may create or
     * update credentials in a store can type in any account and mint time; only the sink can seal them. The key
     * lifecycle trusts sealed credentials only: it indexes, counts and rotates into those alone.
     */
    @CheckForNull
    private String seal;

    private static final HMACConfidentialKey SEAL = new HMACConfidentialKey(AnyscaleServiceAccountKey.class, "seal");

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

    /** When the key was minted, as ISO-8601 (for the form and configuration as code); {@code null} when unknown. */
    @CheckForNull
    public String getMintedAt() {
        return mintedAt;
    }

    /**
     * @throws IllegalArgumentException if not an ISO-8601 instant, such as {@code 2026-12-07T06:49:56Z}
     */
    @DataBoundSetter
    public void setMintedAt(@CheckForNull String mintedAt) {
        String value = Util.fixEmptyAndTrim(mintedAt);
        if (value != null) {
            try {
                value = Instant.parse(value).toString();
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(
                        "The mint time must be an ISO-8601 instant such as" + " 2026-12-07T06:49:56Z, not '" + value
                                + "'.",
                        e);
            }
        }
        this.mintedAt = value;
    }

    /** When the key was minted; {@code null} when unknown (keys stored before this was recorded). */
    @CheckForNull
    public Instant mintInstant() {
        return mintedAt == null ? null : Instant.parse(mintedAt);
    }

    /** The seal, for the credentials form (which must carry it through an update) and configuration as code. */
    @CheckForNull
    public String getSeal() {
        return seal;
    }

    /** A seal that does not match what the credential holds is kept, and simply does not verify. */
    @DataBoundSetter
    public void setSeal(@CheckForNull String seal) {
        this.seal = Util.fixEmptyAndTrim(seal);
    }

    /** Seals what the credential holds now: for the key sink, once the key and its mint time are set. */
    void seal() {
        this.seal = SEAL.mac(sealedText());
    }

    /**
     * Whether this controller's key sink stored the credential as it is: ID, account, mint time and key unchanged
     * since. A credential made or edited by hand, or brought from another controller, is not.
     */
    public boolean isSealed() {
        return seal != null && SEAL.checkMac(sealedText(), seal);
    }

    private String sealedText() {
        return String.join(
                "\n",
                "anyscale-key-v1",
                Util.fixNull(getId()),
                accountName,
                Util.fixNull(accountEmail),
                Util.fixNull(mintedAt),
                sha256(secret.getPlainText()));
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }

    /**
     * What the key lifecycle records of this credential at that location: the account and the mint time, never the
     * key. The mint time counts only on a sealed credential ({@link #isSealed()}); otherwise, or when it is not an
     * instant (a hand-edited file), it is unknown.
     */
    @NonNull
    public KeyHolder holderAt(@NonNull CredentialLocation location) {
        Instant minted;
        try {
            // Anyone who may update the credential can type in a mint time: only the sink's own counts.
            minted = isSealed() ? mintInstant() : null;
        } catch (DateTimeParseException e) {
            minted = null;
        }
        return new KeyHolder(location, accountName, accountEmail, minted);
    }

    /** How the account appears in the credentials list and in log lines. */
    @NonNull
    public String describeAccount() {
        // The name and email came from Anyscale when the key was stored: shown printable, as the client shows them.
        String name = "'" + Printable.of(accountName) + "'";
        return accountEmail == null ? name : name + " (" + Printable.of(accountEmail) + ")";
    }

    /**
     * The account's name, then the description or else the credential ID: short, and distinct between two keys of one
     * account. As the credentials plugin's own names do, the description (when there is one) comes last in
     * parentheses, which its lists leave out where they show it on its own.
     */
    public static class NameProvider extends CredentialsNameProvider<AnyscaleServiceAccountKey> {

        @NonNull
        @Override
        public String getName(@NonNull AnyscaleServiceAccountKey credentials) {
            String description = Util.fixEmptyAndTrim(credentials.getDescription());
            return Printable.of(credentials.getAccountName()) + " ("
                    + (description != null ? description : credentials.getId()) + ")";
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

        /** Core's key symbol: tells the kind apart from the generic credential icons in lists and dialogs. */
        @Override
        public String getIconClassName() {
            return "symbol-key";
        }

        /** The one line the "Add Credentials" dialog shows under the kind's name. */
        @Override
        public String getDescription() {
            return Messages.AnyscaleServiceAccountKey_Description();
        }
    }
}
