package io.jenkins.plugins.anyscale;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.ExtensionList;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Tells every extension of a kind about something the plugin did. A listener only records (the key lifecycle's index
 * and attention log): what one throws is logged, never the failure of the step or the store that told it.
 */
final class Listeners {

    private static final Logger LOGGER = Logger.getLogger(Listeners.class.getName());

    private Listeners() {}

    /** @param what the event, for the log line of a listener that fails */
    static <L> void tell(@NonNull Class<L> kind, @NonNull Consumer<? super L> event, @NonNull String what) {
        for (L listener : ExtensionList.lookup(kind)) {
            try {
                event.accept(listener);
            } catch (RuntimeException e) {
                LOGGER.log(Level.WARNING, listener + " failed to record " + what, e);
            }
        }
    }
}
