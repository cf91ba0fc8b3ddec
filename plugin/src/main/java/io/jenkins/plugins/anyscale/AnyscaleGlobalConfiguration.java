package io.jenkins.plugins.anyscale;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.ExtensionList;
import hudson.Util;
import hudson.security.ACL;
import hudson.security.Permission;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.anyscale.client.AnyscaleClient;
import io.jenkins.plugins.anyscale.client.AnyscaleException;
import io.jenkins.plugins.anyscale.client.Hosts;
import io.jenkins.plugins.anyscale.client.UserInfo;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import jenkins.model.GlobalConfiguration;
import jenkins.model.Jenkins;
import net.sf.json.JSONObject;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.verb.POST;

/**
 * The Anyscale section of Manage Jenkins › System: which Anyscale host to call, which credential holds the
 * organization owner's API token, the HTTP timeouts, and where steps may store the keys they receive.
 * Addressed as {@code unclassified: anyscale:} in configuration as code. It holds no secret itself.
 */
@Extension
@Symbol("anyscale")
public class AnyscaleGlobalConfiguration extends GlobalConfiguration {

    public static final String DEFAULT_HOST = "https://console.anyscale.com";
    public static final int DEFAULT_CONNECT_TIMEOUT_SECONDS = 10;
    public static final int DEFAULT_READ_TIMEOUT_SECONDS = 30;
    public static final int DEFAULT_CALL_TIMEOUT_SECONDS = 60;

    private String host = DEFAULT_HOST;

    @CheckForNull
    private String tokenCredentialsId;

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

    @NonNull
    @Override
    public String getDisplayName() {
        return Messages.AnyscaleGlobalConfiguration_DisplayName();
    }

    @NonNull
    @Override
    public Permission getRequiredGlobalConfigPagePermission() {
        return Jenkins.MANAGE;
    }

    /**
     * Binds the submitted form onto defaults, so that a value the form does not send (an emptied field) goes back to
     * its default instead of silently keeping the old one.
     */
    @Override
    public boolean configure(StaplerRequest2 req, JSONObject json) throws FormException {
        String submittedHost = json.optString("host", "");
        if (!submittedHost.isBlank()) {
            try {
                normalizeHost(submittedHost);
            } catch (IllegalArgumentException e) {
                throw new FormException(e.getMessage(), "host"); // before anything changes
            }
        }
        host = DEFAULT_HOST;
        tokenCredentialsId = null;
        connectTimeoutSeconds = DEFAULT_CONNECT_TIMEOUT_SECONDS;
        readTimeoutSeconds = DEFAULT_READ_TIMEOUT_SECONDS;
        callTimeoutSeconds = DEFAULT_CALL_TIMEOUT_SECONDS;
        allowRootStore = false;
        req.bindJSON(this, json);
        save();
        return true;
    }

    // ------------------------------------------------------------------ properties

    @NonNull
    public String getHost() {
        return host == null || host.isBlank() ? DEFAULT_HOST : host;
    }

    /**
     * @throws IllegalArgumentException if the value is not an http(s) origin; configuration as code reports it
     */
    @DataBoundSetter
    public void setHost(@CheckForNull String host) {
        this.host = host == null || host.isBlank() ? DEFAULT_HOST : normalizeHost(host);
        save();
    }

    @CheckForNull
    public String getTokenCredentialsId() {
        return tokenCredentialsId;
    }

    @DataBoundSetter
    public void setTokenCredentialsId(@CheckForNull String tokenCredentialsId) {
        this.tokenCredentialsId = Util.fixEmptyAndTrim(tokenCredentialsId);
        save();
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
     * Checks that the value is an http or https origin (scheme, host, optional port; no user info, path, query or
     * fragment) and returns it without a trailing slash. The rule is the client's own, so what this form accepts is
     * exactly what the client will call.
     *
     * @throws IllegalArgumentException with a message fit for a form or a configuration-as-code error
     */
    @NonNull
    public static String normalizeHost(@NonNull String value) {
        return Hosts.normalize(value);
    }

    private static boolean isLocal(String normalizedHost) {
        String h = URI.create(normalizedHost).getHost().toLowerCase(Locale.ROOT);
        return h.equals("localhost") || h.equals("127.0.0.1") || h.equals("[::1]") || h.equals("::1");
    }

    // ------------------------------------------------------------------ web methods

    @POST
    @Restricted(NoExternalUse.class)
    public FormValidation doCheckHost(@QueryParameter String value) {
        if (!Jenkins.get().hasPermission(Jenkins.MANAGE)) {
            return FormValidation.ok();
        }
        if (value == null || value.isBlank()) {
            return FormValidation.ok(Messages.AnyscaleGlobalConfiguration_HostDefault(DEFAULT_HOST));
        }
        try {
            String normalized = normalizeHost(value);
            if (normalized.regionMatches(true, 0, "http:", 0, 5) && !isLocal(normalized)) {
                return FormValidation.warning(Messages.AnyscaleGlobalConfiguration_PlainHttp());
            }
            return FormValidation.ok();
        } catch (IllegalArgumentException e) {
            return FormValidation.error(e.getMessage());
        }
    }

    @POST
    @Restricted(NoExternalUse.class)
    public ListBoxModel doFillTokenCredentialsIdItems(@QueryParameter String tokenCredentialsId) {
        // No item: those with Overall/Manage see the GLOBAL-scoped Secret texts (builds never see SYSTEM ones).
        return AnyscaleStep.fillStringCredentials(null, tokenCredentialsId);
    }

    /**
     * Calls {@code GET /api/v2/userinfo/} with the <em>saved</em> configuration: its host and the token of its
     * credential. Nothing from the request is used, so this button can never send the token anywhere but the
     * configured host (the form's unsaved values are not tested: save first).
     */
    @POST
    @Restricted(NoExternalUse.class)
    public FormValidation doTestConnection() {
        Jenkins.get().checkPermission(Jenkins.MANAGE);
        String host = getHost();
        String id = tokenCredentialsId;
        if (id == null) {
            return FormValidation.error(Messages.AnyscaleGlobalConfiguration_NoTokenSaved());
        }
        StringCredentials credentials = CredentialsProvider.findCredentialByIdInItemGroup(
                id, StringCredentials.class, Jenkins.get(), ACL.SYSTEM2, List.of());
        if (credentials == null) {
            return FormValidation.error(Messages.AnyscaleGlobalConfiguration_NoSuchToken(id));
        }
        String token = credentials.getSecret().getPlainText();
        if (token.isBlank()) {
            return FormValidation.error(Messages.AnyscaleGlobalConfiguration_EmptyToken(id));
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
        if (credentials.getScope() == CredentialsScope.SYSTEM) {
            return FormValidation.warning(Messages.AnyscaleGlobalConfiguration_SystemScopedToken(host, who, id));
        }
        return FormValidation.ok(Messages.AnyscaleGlobalConfiguration_Connected(host, who));
    }
}
