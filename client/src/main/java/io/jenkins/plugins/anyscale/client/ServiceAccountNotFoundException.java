package io.jenkins.plugins.anyscale.client;

/** No service account matches the name or email exactly. */
public class ServiceAccountNotFoundException extends NotFoundException {

    private static final long serialVersionUID = 1L;

    public ServiceAccountNotFoundException(ErrorContext context) {
        super(context);
    }
}
