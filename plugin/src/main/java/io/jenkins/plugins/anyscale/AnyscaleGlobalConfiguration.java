package io.jenkins.plugins.anyscale;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.BulkChange;
import hudson.Extension;
import hudson.ExtensionList;
import hudson.Util;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.anyscale.client.AnyscaleClient;
import io.jenkins.plugins.anyscale.client.AnyscaleException;
import io.jenkins.plugins.anyscale.client.Hosts;
import io.jenkins.plugins.anyscale.client.UserInfo;
import io.jenkins.plugins.anyscale.client.inventory.KeyAgePolicy;
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
public class AnyscaleGlobalConfiguration extends GlobalConfiguration implements AnyscaleSettings.Source {

    public static final String DEFAULT_HOST = "https://console.anyscale.com";
    public static final int DEFAULT_CONNECT_TIMEOUT_SECONDS = 10;
    public static final int DEFAULT_READ_TIMEOUT_SECONDS = 30;
    public static final int DEFAULT_CALL_TIMEOUT_SECONDS = 60;

    private String host = DEFAULT_HOST;

    @CheckForNull
    private String tokenCredentialsId;

    private List<AnyscaleAccessRule> accessRules = new ArrayList<>();

    private int connectTimeoutSeconds = DEFAULT_CONNECT_TIMEOUT_SECONDS;
    private int readTimeoutSeconds = DEFAULT_READ_TIMEOUT_SECONDS;
    private int callTimeoutSeconds = DEFAULT_CALL_TIMEOUT_SECONDS;

    /** Whether steps of jobs that are in no folder may write keys to the Jenkins root credentials store. */
    private boolean allowRootStore;

    /** The rotation policy: keys older than this many days need attention; 0 for none. */
    private int maxKeyAgeDays;

    /** The fields above as one value, replaced as a whole whenever they change; what steps read. */
    private transient volatile AnyscaleSettings settings;

    public AnyscaleGlobalConfiguration() {
        load();
    }

    /** Configurations saved before access rules existed have none: no job may manage accounts until some are added. */
    @Override
    public synchronized void load() {
        super.load();
        if (accessRules == null) {
            accessRules = new ArrayList<>();
        }
        publish();
    }

    @NonNull
    @Override
    public AnyscaleSettings settings() {
        AnyscaleSettings current = settings;
        return current != null ? current : publish();
    }

    /** A setter changed a field: the settings in force change with the save that follows. */
    private void changed() {
        save();
    }

    /**
     * Publishes the fields as the settings in force, and writes them. Configuration as code sets the fields one by one
     * inside a {@link BulkChange} and saves once at its end: nothing is published until then, so no step starts with
     * the new host and the old token, or a configuration that failed half-way.
     */
    @Override
    public synchronized void save() {
        if (BulkChange.contains(this)) {
            return;
        }
        publish();
        super.save();
    }

    private synchronized AnyscaleSettings publish() {
        AnyscaleSettings current = new AnyscaleSettings(
                host == null || host.isBlank() ? DEFAULT_HOST : host,
                tokenCredentialsId,
                accessRules,
                allowRootStore,
                connectTimeoutSeconds,
                readTimeoutSeconds,
                callTimeoutSeconds,
                maxKeyAgeDays);
        settings = current;
        return current;
    }

    @NonNull
    public static AnyscaleGlobalConfiguration get() {
        return ExtensionList.lookupSingleton(AnyscaleGlobalConfiguration.class);
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
        Jenkins.get().checkPermission(Jenkins.ADMINISTER); // also what the page requires: a second line of defence
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
            throw new FormException(ruleProblem(e), "accessRules");
        }
        int newMaxKeyAgeDays;
        try {
            newMaxKeyAgeDays = checkedMaxKeyAgeDays(json.optInt("maxKeyAgeDays", 0));
        } catch (IllegalArgumentException e) {
            throw new FormException(e.getMessage(), "maxKeyAgeDays");
        }
        String newTokenId = Util.fixEmptyAndTrim(json.optString("tokenCredentialsId", ""));
        if (newTokenId != null) {
            try {
                OwnerToken.resolve(newTokenId); // a Global-scoped owner token is never saved from the form
            } catch (OwnerToken.UnusableTokenException e) {
                throw new FormException(e.getMessage(), "tokenCredentialsId");
            }
        }
        // Everything is read and checked before anything changes, then assigned, published and saved once: a refused
        // form changes nothing, and no build sees a field reset to its default while the others are bound.
        synchronized (this) {
            host = newHost;
            tokenCredentialsId = newTokenId;
            accessRules = new ArrayList<>(newRules);
            connectTimeoutSeconds = positive(json, "connectTimeoutSeconds", DEFAULT_CONNECT_TIMEOUT_SECONDS);
            readTimeoutSeconds = positive(json, "readTimeoutSeconds", DEFAULT_READ_TIMEOUT_SECONDS);
            callTimeoutSeconds = positive(json, "callTimeoutSeconds", DEFAULT_CALL_TIMEOUT_SECONDS);
            allowRootStore = json.optBoolean("allowRootStore", false);
            maxKeyAgeDays = newMaxKeyAgeDays;
            changed();
        }
        return true;
    }

    /**
     * What is wrong with a submitted rule, in the rule's own words: Stapler wraps the exception the rule's constructor
     * threw in its own ("Failed to instantiate … from {…}"), which says nothing an administrator can act on.
     */
    static String ruleProblem(IllegalArgumentException e) {
        Throwable innermost = e;
        for (Throwable c = e.getCause(); c != null && c != innermost; c = c.getCause()) {
            if (c instanceof IllegalArgumentException) {
                innermost = c;
            }
        }
        return innermost.getMessage();
    }

    /** A positive whole number from the form, or the default when the field is empty, not a number, or not positive. */
    private static int positive(JSONObject json, String field, int defaultValue) {
        int value = json.optInt(field, defaultValue);
        return value > 0 ? value : defaultValue;
    }

    // ------------------------------------------------------------------ properties

    @NonNull
    public String getHost() {
        return settings().host();
    }

    /**
     * @throws IllegalArgumentException if the value is not an https origin (or http on loopback); configuration as
     *     code reports it
     */
    @DataBoundSetter
    public synchronized void setHost(@CheckForNull String host) {
        this.host = host == null || host.isBlank() ? DEFAULT_HOST : normalizeHost(host);
        changed();
    }

    /** The ID of the System-scoped Secret text in the root store that holds the organization owner's token. */
    @CheckForNull
    public String getTokenCredentialsId() {
        return settings().ownerTokenId();
    }

    @DataBoundSetter
    public synchronized void setTokenCredentialsId(@CheckForNull String tokenCredentialsId) {
        this.tokenCredentialsId = Util.fixEmptyAndTrim(tokenCredentialsId);
        changed();
    }

    @NonNull
    public List<AnyscaleAccessRule> getAccessRules() {
        return settings().rules();
    }

    @DataBoundSetter
    public synchronized void setAccessRules(@CheckForNull List<AnyscaleAccessRule> accessRules) {
        this.accessRules = accessRules == null ? new ArrayList<>() : new ArrayList<>(accessRules);
        changed();
    }

    public int getConnectTimeoutSeconds() {
        return settings().connectTimeoutSeconds();
    }

    @DataBoundSetter
    public synchronized void setConnectTimeoutSeconds(int connectTimeoutSeconds) {
        this.connectTimeoutSeconds =
                connectTimeoutSeconds > 0 ? connectTimeoutSeconds : DEFAULT_CONNECT_TIMEOUT_SECONDS;
        changed();
    }

    public int getReadTimeoutSeconds() {
        return settings().readTimeoutSeconds();
    }

    @DataBoundSetter
    public synchronized void setReadTimeoutSeconds(int readTimeoutSeconds) {
        this.readTimeoutSeconds = readTimeoutSeconds > 0 ? readTimeoutSeconds : DEFAULT_READ_TIMEOUT_SECONDS;
        changed();
    }

    public int getCallTimeoutSeconds() {
        return settings().callTimeoutSeconds();
    }

    @DataBoundSetter
    public synchronized void setCallTimeoutSeconds(int callTimeoutSeconds) {
        this.callTimeoutSeconds = callTimeoutSeconds > 0 ? callTimeoutSeconds : DEFAULT_CALL_TIMEOUT_SECONDS;
        changed();
    }

    public boolean isAllowRootStore() {
        return settings().allowRootStore();
    }

    @DataBoundSetter
    public synchronized void setAllowRootStore(boolean allowRootStore) {
        this.allowRootStore = allowRootStore;
        changed();
    }

    /** The rotation policy: keys older than this many days need attention; 0 (the default) for none. */
    public int getMaxKeyAgeDays() {
        return settings().maxKeyAgeDays();
    }

    @DataBoundSetter
    public synchronized void setMaxKeyAgeDays(int maxKeyAgeDays) {
        this.maxKeyAgeDays = checkedMaxKeyAgeDays(maxKeyAgeDays);
        changed();
    }

    /**
     * @throws IllegalArgumentException if negative or over ten years, in the words of the client's {@link
     *     KeyAgePolicy}, which the page and the monitor apply; configuration as code and the form report it
     */
    static int checkedMaxKeyAgeDays(int days) {
        return KeyAgePolicy.maxKeyAgeDays(days).maxKeyAgeDays();
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
        return CredentialChoices.globalOwnerTokens(tokenCredentialsId);
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
     * Calls {@code GET /api/v2/userinfo/} with the host and owner token chosen in the form, saved or not, and says whom
     * the token belongs to and whether that user is an organization owner. Administrators only, and by POST: they may
     * send the owner token to any host they could save anyway. The token must be a System-scoped Secret text, as
     * when saving, and plain http is refused except on loopback.
     */
    @POST
    @Restricted(NoExternalUse.class)
    public FormValidation doTestConnection(@QueryParameter String host, @QueryParameter String tokenCredentialsId) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        String origin;
        try {
            String submitted = Util.fixEmptyAndTrim(host);
            origin = submitted == null ? DEFAULT_HOST : normalizeHost(submitted);
        } catch (IllegalArgumentException e) {
            return FormValidation.error(e.getMessage());
        }
        String id = Util.fixEmptyAndTrim(tokenCredentialsId);
        if (id == null) {
            return FormValidation.error(Messages.AnyscaleGlobalConfiguration_NoTokenChosen());
        }
        String token;
        try {
            token = OwnerToken.resolve(id).getSecret().getPlainText();
        } catch (OwnerToken.UnusableTokenException e) {
            return FormValidation.error(e.getMessage());
        }
        AnyscaleSettings saved = settings();
        UserInfo user;
        try {
            AnyscaleClient client = AnyscaleClients.newClient(
                    origin,
                    token,
                    saved.connectTimeoutSeconds(),
                    saved.readTimeoutSeconds(),
                    saved.callTimeoutSeconds());
            user = client.userInfo();
        } catch (AnyscaleException e) {
            return FormValidation.error(e.getMessage()); // names the action, and the origin where it matters
        }
        String who = user.describe();
        if (!user.isOrganizationOwner()) {
            return FormValidation.warning(Messages.AnyscaleGlobalConfiguration_NotAnOwner(origin, who));
        }
        return FormValidation.ok(Messages.AnyscaleGlobalConfiguration_Connected(origin, who));
    }
}
