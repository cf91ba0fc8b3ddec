package io.jenkins.plugins.anyscale.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * On Ctrl-C or SIGTERM, lets the command finish before the JVM halts: stopped between creating an account and
 * delivering its key, it would leave an account with a key that nothing holds. If the grace runs out first, it says
 * what the command was doing, what may be left and what to run to check and recover, rather than halting silently.
 */
final class GracefulShutdown {

    private final Duration grace;
    private final CommandProgress progress;
    private final PrintWriter err;
    private final CountDownLatch finished = new CountDownLatch(1);

    GracefulShutdown(Duration grace, CommandProgress progress, PrintWriter err) {
        this.grace = grace;
        this.progress = progress;
        this.err = err;
    }

    /** Called by the command line's thread once the command is done, whatever its outcome. */
    void commandFinished() {
        finished.countDown();
    }

    /** The shutdown hook: waits for the command, at most the grace. */
    void awaitCommand() {
        if (finished.getCount() == 0) {
            return; // the command is done: an ordinary exit
        }
        err.println("anyscale: stopping once the command in progress is done (at most " + seconds()
                + "), so that no key is lost and no account is left half-made.");
        err.flush();
        boolean done;
        try {
            done = finished.await(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            done = false;
        }
        if (!done) {
            reportUnfinished();
        }
    }

    private void reportUnfinished() {
        err.println("anyscale: the command did not finish within " + seconds() + " and is stopped now.");
        PendingWork pending = progress.pending();
        if (pending == null) {
            err.println("It had not started to change anything.");
        } else {
            pending.explain().forEach(err::println);
        }
        err.flush();
    }

    private String seconds() {
        return grace.toSeconds() >= 1 ? grace.toSeconds() + " s" : grace.toMillis() + " ms";
    }
}
