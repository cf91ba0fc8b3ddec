package io.jenkins.plugins.anyscale.client;

/** The resource does not exist (HTTP 404). */
public class NotFoundException extends AnyscaleException {

    private static final long serialVersionUID = 1L;

    public NotFoundException(ErrorContext context) {
        super(context);
    }
}
