package io.jenkins.plugins.anyscale.client.provisioning;

/** A key sink could not do what was asked. Its message must never contain a key. */
public class KeySinkException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public KeySinkException(String message) {
        super(message);
    }

    public KeySinkException(String message, Throwable cause) {
        super(message, cause);
    }
}
