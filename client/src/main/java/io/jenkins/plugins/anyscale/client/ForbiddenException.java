package io.jenkins.plugins.anyscale.client;

/** The token is valid but may not do this (HTTP 403): only organization owners manage service accounts. */
public class ForbiddenException extends AnyscaleException {

    private static final long serialVersionUID = 1L;

    public ForbiddenException(ErrorContext context) {
        super(context);
    }
}
