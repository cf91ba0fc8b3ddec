package io.jenkins.plugins.anyscale.cli;

/**
 * The work of the command in progress, set by the command once it is about to change an account, and read by the
 * shutdown hook on another thread when Ctrl-C's grace runs out.
 */
final class CommandProgress {

    private volatile PendingWork pending;

    void begin(PendingWork work) {
        pending = work;
    }

    /** The work in progress, or {@code null} when nothing is being changed. */
    PendingWork pending() {
        return pending;
    }
}
