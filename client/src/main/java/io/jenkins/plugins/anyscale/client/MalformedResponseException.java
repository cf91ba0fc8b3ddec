package io.jenkins.plugins.anyscale.client;

/** A response arrived but is not what the contract says (not JSON, missing fields). */
public class MalformedResponseException extends AnyscaleException {

    private static final long serialVersionUID = 1L;

    public MalformedResponseException(ErrorContext context) {
        super(context);
    }
}
