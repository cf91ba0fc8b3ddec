package io.jenkins.plugins.anyscale.cli;

/**
 * A failure at Anyscale, said in the command line's own words (exit code 1); the cause keeps Anyscale's error, whose
 * trace id the message gets.
 */
final class CommandFailedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    CommandFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
