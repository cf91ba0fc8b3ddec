package io.jenkins.plugins.anyscale.client;

/** No usable response: connection refused or dropped, timeout, TLS failure. A write may or may not have been applied. */
public class TransportException extends AnyscaleException {

    private static final long serialVersionUID = 1L;

    public TransportException(ErrorContext context) {
        super(context);
    }
}
