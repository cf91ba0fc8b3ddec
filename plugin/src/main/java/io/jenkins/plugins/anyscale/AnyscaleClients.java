package io.jenkins.plugins.anyscale;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.Util;
import hudson.model.Run;
import io.jenkins.plugins.anyscale.client.AnyscaleClient;
import io.jenkins.plugins.okhttp.api.JenkinsOkHttpClient;
import java.time.Duration;
import okhttp3.OkHttpClient;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;

/**
 * Builds {@link AnyscaleClient}s on one shared OkHttp client (one connection pool and dispatcher for the whole
 * controller), with Jenkins' proxy settings applied through okhttp-api. The host is always the one of the global
 * configuration (or, for Test Connection, of the configuration form): no step argument can redirect the token.
 */
final class AnyscaleClients {

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
        OkHttpClient http = JenkinsOkHttpClient.newClientBuilder(base()).build();
        return AnyscaleClient.builder()
                .baseUrl(host)
                .token(token)
                .httpClient(http)
                .connectTimeout(Duration.ofSeconds(connectSeconds))
                .readTimeout(Duration.ofSeconds(readSeconds))
                .callTimeout(Duration.ofSeconds(callSeconds))
                .userAgent(USER_AGENT)
                .build();
    }

    /**
     * The client a step of this build uses: the configured host, and the token of the step's
     * {@code tokenCredentialsId} or else of the global configuration, resolved in the build's context and tracked.
     *
     * @throws AbortException if no token is configured or the credential cannot be found or is empty
     */
    @NonNull
    static AnyscaleClient forRun(@NonNull Run<?, ?> run, @CheckForNull String stepTokenCredentialsId)
            throws AbortException {
        AnyscaleGlobalConfiguration config = AnyscaleGlobalConfiguration.get();
        String id = Util.fixEmptyAndTrim(stepTokenCredentialsId);
        if (id == null) {
            id = Util.fixEmptyAndTrim(config.getTokenCredentialsId());
        }
        if (id == null) {
            throw new AbortException("No Anyscale API token is configured: choose a credential in Manage Jenkins"
                    + " \u203a System \u203a Anyscale, or pass tokenCredentialsId to the step.");
        }
        StringCredentials credentials = CredentialsProvider.findCredentialById(id, StringCredentials.class, run);
        if (credentials == null) {
            throw new AbortException("No Secret text credential with ID '" + id
                    + "' is available to this build for the Anyscale API token.");
        }
        CredentialsProvider.track(run, credentials);
        String token = credentials.getSecret().getPlainText();
        if (token.isBlank()) {
            throw new AbortException("The Anyscale API token credential '" + id + "' is empty.");
        }
        return newClient(
                config.getHost(),
                token,
                config.getConnectTimeoutSeconds(),
                config.getReadTimeoutSeconds(),
                config.getCallTimeoutSeconds());
    }
}
