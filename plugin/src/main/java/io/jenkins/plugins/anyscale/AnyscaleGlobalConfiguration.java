package io.jenkins.plugins.anyscale;

import com.cloudbees.plugins.credentials.CredentialsScope;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.ExtensionList;
import hudson.Util;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.anyscale.client.AnyscaleClient;
import io.jenkins.plugins.anyscale.client.AnyscaleException;
import io.jenkins.plugins.anyscale.client.Hosts;
import io.jenkins.plugins.anyscale.client.UserInfo;
import io.jenkins.plugins.anyscale.client.provisioning.AccessRule;
import io.jenkins.plugins.anyscale.client.provisioning.AccessRules;
import java.util.ArrayList;
import java.util.List;
import jenkins.model.GlobalConfiguration;
import jenkins.model.Jenkins;
import net.sf.json.JSONObject;
import org.jenkinsci.Symbol;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.verb.POST;

/**
 * The Anyscale section of Manage Jenkins › System: which Anyscale host to call, which credential holds the
 * organization owner's API token, which jobs may manage which service accounts (access rules), where steps may store
 * the keys they receive, and the HTTP timeouts. Addressed as {@code unclassified: anyscale:} in configuration as code.
 * It holds no secret itself.
 *
 * <p>All of it needs Overall/Administer (the default of {@link #getRequiredGlobalConfigPagePermission()}): the host and
 * the token decide where the owner's token goes, the rules and the root-store switch who holds the owner's power.
 * Overall/Manage is for settings without security impact, and must not change these.
 */
@Extension
@Symbol("anyscale")
public class AnyscaleGlobalConfiguration extends GlobalConfiguration {

    public static final String DEFAULT_HOST = "https://console.anyscale.com";
    public static final int DEFAULT_CONNECT_TIMEOUT_SECONDS = 10;
    public static final int DEFAULT_READ_TIMEOUT_SECONDS = 30;
    public static final int DEFAULT_CALL_TIMEOUT_SECONDS = 60;

    /** Where refusals tell an administrator to add an access rule. */
    static final String WHERE_RULES_ARE_GRANTED = "Manage Jenkins \u203a System \u203a Anyscale \u203a Access rules";

    private String host = DEFAULT_HOST;

    @CheckForNull
    private String tokenCredentialsId;

    private List<AnyscaleAccessRule> accessRules = new ArrayList<>();

    private int connectTimeoutSeconds = DEFAULT_CONNECT_TIMEOUT_SECONDS;
    private int readTimeoutSeconds = DEFAULT_READ_TIMEOUT_SECONDS;
    private int callTimeoutSeconds = DEFAULT_CALL_TIMEOUT_SECONDS;

    /** Whether steps of jobs that are in no folder may write keys to the Jenkins root credentials store. */
    private boolean allowRootStore;

    public AnyscaleGlobalConfiguration() {
        load();
    }

    @NonNull
    public static AnyscaleGlobalConfiguration get() {
        return ExtensionList.lookupSingleton(AnyscaleGlobalConfiguration.class);
    }

    /** Configurations saved before access rules existed have none: no job may manage accounts until some are added. */
    protected Object readResolve() {
        if (accessRules == null) {
            accessRules = new ArrayList<>();
        }
        return this;
    }

    @NonNull
    @Override
    public String getDisplayName() {
        return Messages.AnyscaleGlobalConfiguration_DisplayName();
    }

    /**
     * Reads the submitted form as a whole: a value the form does not send (an emptied field, the last access rule
     * removed) goes back to its default instead of silently keeping the old one. The host, the rules and the owner
     * token (which must be a System-scoped Secret text) are checked before anything changes, and the whole form is
     * saved once.
     */
    @Override
    public boolean configure(StaplerRequest2 req, JSONObject json) throws FormException {
        String submittedHost = Util.fixEmptyAndTrim(json.optString("host", ""));
        String newHost;
        try {
            newHost = submittedHost == null ? DEFAULT_HOST : normalizeHost(submittedHost);
        } catch (IllegalArgumentException e) {
            throw new FormException(e.getMessage(), "host");
        }
        List<AnyscaleAccessRule> newRules;
        try {
            newRules = req.bindJSONToList(AnyscaleAccessRule.class, json.opt("accessRules"));
        } catch (IllegalArgumentException e) {
            throw new FormException(e.getMessage(), "accessRules");
        }
        String newTokenId = Util.fixEmptyAndTrim(json.optString("tokenCredentialsId", ""));
        if (newTokenId != null) {
            try {
                OwnerToken.resolve(newTokenId); // a Global-scoped owner token is never saved from the form
            } catch (OwnerToken.UnusableTokenException e) {
                throw new FormException(e.getMessage(), "tokenCredentialsId");
            }
        }
        // Everything is read and checked before anything changes, then assigned and saved once: a refused form changes
        // nothing, and no build sees a field reset to its default while the others are bound.
        host = newHost;
        tokenCredentialsId = newTokenId;
        accessRules = new ArrayList<>(newRules);
        connectTimeoutSeconds = positive(json, "connectTimeoutSeconds", DEFAULT_CONNECT_TIMEOUT_SECONDS);
        readTimeoutSeconds = positive(json, "readTimeoutSeconds", DEFAULT_READ_TIMEOUT_SECONDS);
        callTimeoutSeconds = positive(json, "callTimeoutSeconds", DEFAULT_CALL_TIMEOUT_SECONDS);
        allowRootStore = json.optBoolean("allowRootStore", false);
        save();
        return true;
    }

    /** A positive whole number from the form, or the default when the field is empty, not a number, or not positive. */
    private static int positive(JSONObject json, String field, int defaultValue) {
        int value = json.optInt(field, defaultValue);
        return value > 0 ? value : defaultValue;
    }

    // ------------------------------------------------------------------ properties

    @NonNull
    public String getHost() {
        return host == null || host.isBlank() ? DEFAULT_HOST : host;
    }

    /**
     * @throws IllegalArgumentException if the value is not an https origin (or http on loopback); configuration as
     *     code reports it
     */
    @DataBoundSetter
    public void setHost(@CheckForNull String host) {
        this.host = host == null || host.isBlank() ? DEFAULT_HOST : normalizeHost(host);
        save();
    }

    /** The ID of the System-scoped Secret text in the root store that holds the organization owner's token. */
    @CheckForNull
    public String getTokenCredentialsId() {
        return tokenCredentialsId;
    }

    @DataBoundSetter
    public void setTokenCredentialsId(@CheckForNull String tokenCredentialsId) {
        this.tokenCredentialsId = Util.fixEmptyAndTrim(tokenCredentialsId);
        save();
    }

    @NonNull
    public List<AnyscaleAccessRule> getAccessRules() {
        return List.copyOf(accessRules);
    }

    @DataBoundSetter
    public void setAccessRules(@CheckForNull List<AnyscaleAccessRule> accessRules) {
        this.accessRules = accessRules == null ? new ArrayList<>() : new ArrayList<>(accessRules);
        save();
    }

    /**
     * The access rules as the provisioning layer applies them.
     *
     * @throws IllegalArgumentException if a rule read from disk is not valid: then no job is granted anything
     */
    @NonNull
    AccessRules accessRules() {
        List<AccessRule> rules = new ArrayList<>(accessRules.size());
        for (AnyscaleAccessRule rule : accessRules) {
            rules.add(rule.toAccessRule());
        }
        return new AccessRules(rules, WHERE_RULES_ARE_GRANTED);
    }

    public int getConnectTimeoutSeconds() {
        return connectTimeoutSeconds;
    }

    @DataBoundSetter
    public void setConnectTimeoutSeconds(int connectTimeoutSeconds) {
        this.connectTimeoutSeconds =
                connectTimeoutSeconds > 0 ? connectTimeoutSeconds : DEFAULT_CONNECT_TIMEOUT_SECONDS;
        save();
    }

    public int getReadTimeoutSeconds() {
        return readTimeoutSeconds;
    }

    @DataBoundSetter
    public void setReadTimeoutSeconds(int readTimeoutSeconds) {
        this.readTimeoutSeconds = readTimeoutSeconds > 0 ? readTimeoutSeconds : DEFAULT_READ_TIMEOUT_SECONDS;
        save();
    }

    public int getCallTimeoutSeconds() {
        return callTimeoutSeconds;
    }

    @DataBoundSetter
    public void setCallTimeoutSeconds(int callTimeoutSeconds) {
        this.callTimeoutSeconds = callTimeoutSeconds > 0 ? callTimeoutSeconds : DEFAULT_CALL_TIMEOUT_SECONDS;
        save();
    }

    public boolean isAllowRootStore() {
        return allowRootStore;
    }

    @DataBoundSetter
    public void setAllowRootStore(boolean allowRootStore) {
        this.allowRootStore = allowRootStore;
        save();
    }

    // ------------------------------------------------------------------ host validation

    /**
     * Checks that the value is an https origin, or an http one on loopback (scheme, host, optional port; no user info,
     * path, query or fragment) and returns it without a trailing slash. The rule is the client's own, so what this
     * form accepts is exactly what the client will call.
     *
     * @throws IllegalArgumentException with a message fit for a form or a configuration-as-code error
     */
    @NonNull
    public static String normalizeHost(@NonNull String value) {
        return Hosts.normalize(value);
    }

    // ------------------------------------------------------------------ web methods

    @POST
    @Restricted(NoExternalUse.class)
    public FormValidation doCheckHost(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        if (value == null || value.isBlank()) {
            return FormValidation.ok(Messages.AnyscaleGlobalConfiguration_HostDefault(DEFAULT_HOST));
        }
        try {
            normalizeHost(value);
            return FormValidation.ok();
        } catch (IllegalArgumentException e) {
            return FormValidation.error(e.getMessage());
        }
    }

    /** The System-scoped Secret texts of the Jenkins root context: the only ones the owner token may be. */
    @POST
    @Restricted(NoExternalUse.class)
    public ListBoxModel doFillTokenCredentialsIdItems(@QueryParameter String tokenCredentialsId) {
        return AnyscaleStep.fillRootStringCredentials(tokenCredentialsId, CredentialsScope.SYSTEM);
    }

    @POST
    @Restricted(NoExternalUse.class)
    public FormValidation doCheckTokenCredentialsId(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        String id = Util.fixEmptyAndTrim(value);
        if (id == null) {
            return FormValidation.warning(Messages.AnyscaleGlobalConfiguration_NoGlobalToken());
        }
        try {
            OwnerToken.resolve(id);
            return FormValidation.ok();
        } catch (OwnerToken.UnusableTokenException e) {
            return FormValidation.error(e.getMessage());
        }
    }

    /**
     * Calls {@code GET /api/v2/userinfo/} with the <em>saved</em> configuration: its host and the token of its
     * credential. Nothing from the request is used, so this button can never send the token anywhere but the
     * configured host (the form's unsaved values are not tested: save first).
     */
    @POST
    @Restricted(NoExternalUse.class)
    public FormValidation doTestConnection() {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        String host = getHost();
        String id = tokenCredentialsId;
        if (id == null) {
            return FormValidation.error(Messages.AnyscaleGlobalConfiguration_NoTokenSaved());
        }
        String token;
        try {
            token = OwnerToken.resolve(id).getSecret().getPlainText();
        } catch (OwnerToken.UnusableTokenException e) {
            return FormValidation.error(e.getMessage());
        }
        UserInfo user;
        try {
            AnyscaleClient client = AnyscaleClients.newClient(
                    host, token, connectTimeoutSeconds, readTimeoutSeconds, callTimeoutSeconds);
            user = client.userInfo();
        } catch (AnyscaleException | IllegalArgumentException e) {
            return FormValidation.error(Messages.AnyscaleGlobalConfiguration_ConnectionFailed(host, e.getMessage()));
        }
        String who = user.name() + (user.email() == null ? "" : " (" + user.email() + ")");
        if (!user.isOrganizationOwner()) {
            return FormValidation.warning(Messages.AnyscaleGlobalConfiguration_NotAnOwner(host, who));
        }
        return FormValidation.ok(Messages.AnyscaleGlobalConfiguration_Connected(host, who));
    }
}
