package org.parsimonylab.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Ctrl-C and SIGTERM during a command: a shutdown hook that first stops the work ({@code stop}), then waits until the
 * command's own thread has cleaned up ({@link #done()}), so that nothing is deleted while it is still being written
 * and no half-finished folder survives. The command asks {@link #interrupted()} to stay silent and skip its commit.
 */
final class Interrupts implements AutoCloseable {
    /** How long the hook waits for the command to stop and clean up before it cleans up itself. */
    static final long WAIT_SECONDS = 20;

    private final AtomicBoolean interrupted = new AtomicBoolean();
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread hook;
    private volatile Runnable stop = () -> {};
    private volatile Runnable cleanup = () -> {};

    Interrupts() {
        hook = new Thread(this::onShutdown, "parsimony-lab-interrupt");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** What stops the work (cancels the run); called first by the hook. */
    void onStop(Runnable action) {
        stop = action;
    }

    /** What removes the partial output if the command could not do it in time; called last by the hook. */
    void onCleanup(Runnable action) {
        cleanup = action;
    }

    /** Whether the JVM is shutting down (a signal or System.exit elsewhere). */
    boolean interrupted() {
        return interrupted.get();
    }

    /** The command has finished and cleaned up: the hook may let the JVM go. */
    void done() {
        finished.countDown();
    }

    private void onShutdown() {
        interrupted.set(true);
        try {
            stop.run();
        } catch (RuntimeException e) {
            // stopping is best effort; the cleanup below still runs
        }
        try {
            finished.await(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            cleanup.run();
        } catch (RuntimeException e) {
            // the JVM is going down; nothing more can be done
        }
    }

    /** Removes the hook when the command ends normally (a no-op while the JVM is already shutting down). */
    @Override
    public void close() {
        done();
        if (!interrupted.get()) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // Shutdown began between the check and the call: the hook runs and finds everything done.
            }
        }
    }
}
