package io.jenkins.plugins.anyscale.cli;

import io.jenkins.plugins.anyscale.client.AnyscaleClient;
import io.jenkins.plugins.anyscale.client.Hosts;

/**
 * Where to send calls and with which token, read as Anyscale's own CLI reads them: the host from
 * {@code ANYSCALE_HOST} (default {@code https://console.anyscale.com}), the token from {@code ANYSCALE_CLI_TOKEN},
 * else from {@code ~/.anyscale/credentials.json}.
 */
final class CliConfiguration {

    static final String HOST_VARIABLE = "ANYSCALE_HOST";
    static final String TOKEN_VARIABLE = "ANYSCALE_CLI_TOKEN";

    private final String host;
    private final String token;
    private final String tokenSource;

    private CliConfiguration(String host, String token, String tokenSource) {
        this.host = host;
        this.token = token;
        this.tokenSource = tokenSource;
    }

    /**
     * Reads the host and the token, checking both before anything is sent.
     *
     * @throws ConfigurationException saying what to fix
     */
    static CliConfiguration read(CliEnvironment environment) {
        String host = host(environment.get(HOST_VARIABLE));
        String token = environment.get(TOKEN_VARIABLE);
        if (token != null) {
            if (token.isBlank()) {
                throw new ConfigurationException(TOKEN_VARIABLE + " is set but empty: set it to an Anyscale API key,"
                        + " or unset it to use " + CredentialsFile.location(environment.home()) + ".");
            }
            return new CliConfiguration(host, token, TOKEN_VARIABLE);
        }
        CredentialsFile file = new CredentialsFile(environment.home());
        return new CliConfiguration(host, file.readToken(), file.path().toString());
    }

    private static String host(String value) {
        if (value == null || value.isEmpty()) {
            return AnyscaleClient.DEFAULT_BASE_URL;
        }
        try {
            return Hosts.normalize(value);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(HOST_VARIABLE + " is not usable: " + e.getMessage());
        }
    }

    /** The origin calls go to, without a trailing slash. */
    String host() {
        return host;
    }

    /** The API token. Never print it. */
    String token() {
        return token;
    }

    /** Where the token came from ({@code ANYSCALE_CLI_TOKEN} or the credentials file's path), for messages. */
    String tokenSource() {
        return tokenSource;
    }

    @Override
    public String toString() {
        return "CliConfiguration[host=" + host + ", token from " + tokenSource + "]";
    }
}
