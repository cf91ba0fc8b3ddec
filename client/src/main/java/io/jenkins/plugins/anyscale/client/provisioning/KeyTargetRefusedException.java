package io.jenkins.plugins.anyscale.client.provisioning;

/** A key sink will not take a key at this target (policy, permissions, a foreign credential in the way). */
public class KeyTargetRefusedException extends KeySinkException {

    private static final long serialVersionUID = 1L;

    public KeyTargetRefusedException(String message) {
        super(message);
    }

    public KeyTargetRefusedException(String message, Throwable cause) {
        super(message, cause);
    }
}
