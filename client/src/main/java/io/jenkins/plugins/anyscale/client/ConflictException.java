package io.jenkins.plugins.anyscale.client;

/** The request conflicts with existing state, such as a service-account name that is taken. */
public class ConflictException extends AnyscaleException {

    private static final long serialVersionUID = 1L;

    public ConflictException(ErrorContext context) {
        super(context);
    }
}
