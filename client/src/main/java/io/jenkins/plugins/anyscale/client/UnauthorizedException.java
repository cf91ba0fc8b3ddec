package io.jenkins.plugins.anyscale.client;

/** The API token is missing, invalid, expired or revoked (HTTP 401). */
public class UnauthorizedException extends AnyscaleException {

    private static final long serialVersionUID = 1L;

    public UnauthorizedException(ErrorContext context) {
        super(context);
    }
}
