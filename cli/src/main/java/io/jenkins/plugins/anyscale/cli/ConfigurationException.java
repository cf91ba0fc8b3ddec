package io.jenkins.plugins.anyscale.cli;

/**
 * The host or the token is missing or wrong: a usage error, raised before anything is sent. The message says what to
 * fix and never contains the token.
 */
final class ConfigurationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    ConfigurationException(String message) {
        super(message);
    }
}
