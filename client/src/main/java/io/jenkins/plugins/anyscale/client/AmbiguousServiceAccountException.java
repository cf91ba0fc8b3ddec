package io.jenkins.plugins.anyscale.client;

/** More than one service account matches the name or email exactly. */
public class AmbiguousServiceAccountException extends AnyscaleException {

    private static final long serialVersionUID = 1L;

    public AmbiguousServiceAccountException(ErrorContext context) {
        super(context);
    }
}
