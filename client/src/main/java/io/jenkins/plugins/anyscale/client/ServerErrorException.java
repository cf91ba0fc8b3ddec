package io.jenkins.plugins.anyscale.client;

/** Anyscale (or a gateway in front of it) failed (HTTP 5xx), or answered with an unexpected status. */
public class ServerErrorException extends AnyscaleException {

    private static final long serialVersionUID = 1L;

    public ServerErrorException(ErrorContext context) {
        super(context);
    }
}
