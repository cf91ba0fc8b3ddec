package io.jenkins.plugins.anyscale.client.provisioning;

import java.util.Arrays;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/** Runs one provisioning operation on its own thread, as a Pipeline step does, and keeps how it ended. */
final class Worker extends Thread {

    private final Callable<ProvisioningOutcome> work;
    private volatile ProvisioningOutcome outcome;
    private volatile Throwable failure;
    private volatile boolean interruptedAfter;

    Worker(Callable<ProvisioningOutcome> work) {
        this.work = work;
        setDaemon(true);
    }

    static Worker start(Callable<ProvisioningOutcome> work) {
        Worker worker = new Worker(work);
        worker.start();
        return worker;
    }

    @Override
    public void run() {
        try {
            outcome = work.call();
        } catch (Throwable t) {
            failure = t;
        }
        interruptedAfter = Thread.currentThread().isInterrupted();
    }

    /** Waits for the end (at most 30 s); false if the operation hangs. */
    boolean finish() throws InterruptedException {
        join(TimeUnit.SECONDS.toMillis(30));
        return !isAlive();
    }

    ProvisioningOutcome outcome() {
        return outcome;
    }

    Throwable failure() {
        return failure;
    }

    /** Whether the interrupt flag was set when the operation returned or threw. */
    boolean interruptedAfter() {
        return interruptedAfter;
    }

    /** Until the thread is parked on one of the provisioner's locks, or has ended, for at most 10 s. */
    void awaitWaitingForALockOrDone() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (isAlive() && !parkedOnALock() && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
    }

    private boolean parkedOnALock() {
        return getState() == Thread.State.WAITING
                && Arrays.stream(getStackTrace())
                        .anyMatch(frame -> frame.getClassName().equals(KeyedLocks.class.getName()));
    }
}
