package io.jenkins.plugins.anyscale.client;

/**
 * The calling thread was interrupted (a Jenkins Pipeline abort or {@code timeout}, a shutdown), so the client
 * stopped: no retry, no backoff wait. The thread's interrupt flag is set again when this is thrown.
 *
 * <p>Like a dropped connection, an interrupted write may or may not have reached Anyscale and been applied; only when
 * {@link #mayHaveReachedAnyscale()} is false is it certain that nothing was sent.
 */
public class InterruptedOperationException extends TransportException {

    private static final long serialVersionUID = 1L;

    private final boolean mayHaveReachedAnyscale;

    public InterruptedOperationException(ErrorContext context, boolean mayHaveReachedAnyscale) {
        super(context);
        this.mayHaveReachedAnyscale = mayHaveReachedAnyscale;
    }

    /** False only when the request was never sent: then nothing changed in Anyscale. */
    public boolean mayHaveReachedAnyscale() {
        return mayHaveReachedAnyscale;
    }
}
