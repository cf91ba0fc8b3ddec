package io.jenkins.plugins.anyscale.client;

/** Anyscale rejected the request as invalid (HTTP 400 or 422); {@link #detail()} says why. */
public class BadRequestException extends AnyscaleException {

    private static final long serialVersionUID = 1L;

    public BadRequestException(ErrorContext context) {
        super(context);
    }
}
