package io.jenkins.plugins.anyscale;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.Util;
import hudson.model.Run;
import io.jenkins.plugins.anyscale.client.AnyscaleClient;
import io.jenkins.plugins.anyscale.client.Hosts;
import io.jenkins.plugins.okhttp.api.JenkinsOkHttpClient;
import java.net.Proxy;
import java.time.Duration;
import okhttp3.OkHttpClient;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/**
 * Builds {@link AnyscaleClient}s on one shared OkHttp client (one connection pool and dispatcher for the whole
 * controller), with Jenkins' proxy settings applied through okhttp-api. The host is always the one of the global
 * configuration (or, for Test Connection, of the configuration form): no step argument can redirect the token.
 */
@Restricted(NoExternalUse.class)
public final class AnyscaleClients {

    private static final String USER_AGENT = "anyscale-service-accounts-jenkins-plugin";

    /** Created on first use, so that merely loading this class does not start OkHttp's threads. */
    private static volatile OkHttpClient base;

    private AnyscaleClients() {}

    private static OkHttpClient base() {
        OkHttpClient b = base;
        if (b == null) {
            synchronized (AnyscaleClients.class) {
                b = base;
                if (b == null) {
                    b = new OkHttpClient();
                    base = b;
                }
            }
        }
        return b;
    }

    @NonNull
    static AnyscaleClient newClient(
            @NonNull String host, @NonNull String token, int connectSeconds, int readSeconds, int callSeconds) {
        OkHttpClient.Builder http = JenkinsOkHttpClient.newClientBuilder(base());
        if (Hosts.isLoopbackOrigin(host)) {
            // Plain http is accepted for loopback only; Jenkins' proxy would carry the token off the machine.
            http.proxy(Proxy.NO_PROXY);
        }
        return AnyscaleClient.builder()
                .baseUrl(host)
                .token(token)
                .httpClient(http.build())
                .connectTimeout(Duration.ofSeconds(connectSeconds))
                .readTimeout(Duration.ofSeconds(readSeconds))
                .callTimeout(Duration.ofSeconds(callSeconds))
                .userAgent(USER_AGENT)
                .build();
    }

    /**
     * The client a step of this build uses: the configured host, and the token of the step's
     * {@code tokenCredentialsId} (a Secret text this build can use, resolved in its context) or else the global owner
     * token (System scope, resolved in the Jenkins root context as SYSTEM, so that no job can bind it itself). Either
     * use is recorded on the build.
     *
     * @throws AbortException if no token is configured, or the credential cannot be found, is empty, or (for the
     *     global one) does not have System scope
     */
    @NonNull
    static AnyscaleClient forRun(
            @NonNull Run<?, ?> run, @CheckForNull String stepTokenCredentialsId, @NonNull AnyscaleSettings settings)
            throws AbortException {
        StringCredentials credentials = tokenFor(run, Util.fixEmptyAndTrim(stepTokenCredentialsId), settings);
        CredentialsProvider.track(run, credentials);
        return newClient(settings, credentials);
    }

    /**
     * The client of the configured host with the global owner token, for what administrators do outside a build (the
     * key lifecycle page); no build is involved, so nothing is tracked.
     *
     * @throws AbortException saying what to fix if no owner token is configured or it cannot be used
     */
    @NonNull
    public static AnyscaleClient forOwner(@NonNull AnyscaleSettings settings) throws AbortException {
        return newClient(
                settings,
                ownerToken(
                        settings,
                        "No Anyscale owner token is configured: an administrator chooses it in Manage Jenkins"
                                + " \u203a System \u203a Anyscale."));
    }

    @NonNull
    private static AnyscaleClient newClient(@NonNull AnyscaleSettings settings, @NonNull StringCredentials token) {
        return newClient(
                settings.host(),
                token.getSecret().getPlainText(),
                settings.connectTimeoutSeconds(),
                settings.readTimeoutSeconds(),
                settings.callTimeoutSeconds());
    }

    @NonNull
    private static StringCredentials tokenFor(
            @NonNull Run<?, ?> run, @CheckForNull String stepTokenCredentialsId, @NonNull AnyscaleSettings settings)
            throws AbortException {
        if (stepTokenCredentialsId == null) {
            return ownerToken(
                    settings,
                    "No Anyscale API token is configured: an administrator chooses the owner token in Manage Jenkins"
                            + " \u203a System \u203a Anyscale, or pass tokenCredentialsId to the step.");
        }
        StringCredentials credentials =
                CredentialsProvider.findCredentialById(stepTokenCredentialsId, StringCredentials.class, run);
        if (credentials == null) {
            throw new AbortException("No Secret text credential with ID '" + stepTokenCredentialsId
                    + "' is available to this build for the Anyscale API token.");
        }
        if (credentials.getSecret().getPlainText().isBlank()) {
            throw new AbortException("The Anyscale API token credential '" + stepTokenCredentialsId + "' is empty.");
        }
        return credentials;
    }

    /**
     * The global owner token of the settings (System scope, resolved in the Jenkins root context as SYSTEM).
     *
     * @param noneConfigured what to say when the settings name none
     */
    @NonNull
    private static StringCredentials ownerToken(@NonNull AnyscaleSettings settings, @NonNull String noneConfigured)
            throws AbortException {
        String id = settings.ownerTokenId();
        if (id == null) {
            throw new AbortException(noneConfigured);
        }
        try {
            return OwnerToken.resolve(id);
        } catch (OwnerToken.UnusableTokenException e) {
            throw new AbortException(e.getMessage());
        }
    }
}
