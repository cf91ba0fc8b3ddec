package io.jenkins.plugins.anyscale.lifecycle;

import edu.umd.cs.findbugs.annotations.NonNull;
import java.io.Serializable;

/**
 * What an action of the inventory page did, shown once on the page after it: a success, or why nothing (or what) was
 * done. Kept in the administrator's HTTP session until shown; never holds a key.
 */
public record Notice(boolean ok, @NonNull String message) implements Serializable {

    private static final long serialVersionUID = 1L;

    static Notice done(@NonNull String message) {
        return new Notice(true, message);
    }

    static Notice refused(@NonNull String message) {
        return new Notice(false, message);
    }

    /** For Jelly. */
    public boolean isOk() {
        return ok;
    }

    /** For Jelly. */
    public String getMessage() {
        return message;
    }
}
