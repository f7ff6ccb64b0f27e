package org.parsimonylab.ui;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import javafx.animation.AnimationTimer;

/**
 * Runs tasks from any thread on the FX thread at the start of the next pulse, in the order they came: the session's
 * snapshot deliveries go through it instead of {@code Platform.runLater}. A runLater task runs between pulses, and
 * when it is still running at the pulse timer's tick the pulse starts late by its length; the batches of a run
 * trained at 10 steps/s made one frame in six late by a millisecond or two that way (docs/ui.md "Frame pacing").
 * Inside the pulse, the same work starts on time, and the charts it makes dirty are redrawn by the {@link
 * ChartRefresher} that runs after it in the same pulse (it is started after this timer).
 */
public final class PulseExecutor extends AnimationTimer implements Executor {
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();

    @Override
    public void execute(Runnable task) {
        tasks.add(task);
    }

    @Override
    public void handle(long now) {
        // Only what is queued now: a task that queues another leaves it for the next pulse.
        for (int n = tasks.size(); n > 0; n--) {
            Runnable task = tasks.poll();
            if (task == null) {
                return;
            }
            task.run();
        }
    }
}
