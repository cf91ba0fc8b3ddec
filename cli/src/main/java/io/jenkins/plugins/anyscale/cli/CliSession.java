package io.jenkins.plugins.anyscale.cli;

import io.jenkins.plugins.anyscale.client.AnyscaleClient;
import io.jenkins.plugins.anyscale.client.ServiceAccounts;
import io.jenkins.plugins.anyscale.client.provisioning.ServiceAccountProvisioner;

/** The client of one command run, built from its configuration once the command line is known to be valid. */
final class CliSession {

    private final AnyscaleClient client;

    private CliSession(AnyscaleClient client) {
        this.client = client;
    }

    /**
     * @throws ConfigurationException if the client refuses the host or the token (the message names where the token
     *     came from, never the token)
     */
    static CliSession open(CliConfiguration configuration) {
        try {
            return new CliSession(AnyscaleClient.builder()
                    .baseUrl(configuration.host())
                    .token(configuration.token())
                    .userAgent("anyscale-cli-java/" + CliVersion.CURRENT)
                    .build());
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(
                    e.getMessage() + " (the token was read from " + configuration.tokenSource() + ")");
        }
    }

    ServiceAccounts accounts() {
        return client.serviceAccounts();
    }

    /**
     * Unrestricted: whoever runs the command line holds the owner token and may manage every account it may.
     */
    ServiceAccountProvisioner provisioner() {
        return new ServiceAccountProvisioner(client);
    }
}
