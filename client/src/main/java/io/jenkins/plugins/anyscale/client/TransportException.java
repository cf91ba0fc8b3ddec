package io.jenkins.plugins.anyscale.client;

/** No usable response: connection refused or dropped, timeout, TLS failure. A write may or may not have been applied. */
public class TransportException extends AnyscaleException {

    private static final long serialVersionUID = 1L;

    public TransportException(ErrorContext context) {
        super(context);
    }

    /**
     * Whether no connection to the host could be made at all (refused, no route, unknown host): then the request was
     * never sent, so nothing changed in Anyscale, and the configured host (or the network, or a proxy, on the way to
     * it) is what to check. The message then reads {@code ... failed: could not connect to <origin> (<why>).}
     */
    public boolean isConnectionFailure() {
        return ConnectionFailure.is(getCause());
    }
}
