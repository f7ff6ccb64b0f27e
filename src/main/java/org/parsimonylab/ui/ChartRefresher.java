package org.parsimonylab.ui;

import java.util.List;
import java.util.function.Supplier;
import javafx.animation.AnimationTimer;
import org.parsimonylab.chart.Figure;

/**
 * Redraws charts at most once per frame each, and only what is on screen (ecosystem.md §2.3). Redraws are staggered:
 * on each pulse, dirty visible figures are flushed round-robin until {@link #FRAME_BUDGET_NANOS} is spent (at least
 * one), so a frame never pays for every chart at once and the pulse stays near 60 Hz; the others follow on the next
 * pulses.
 */
public final class ChartRefresher extends AnimationTimer {
    /** Time per pulse spent redrawing charts, leaving the rest of the 16.7 ms frame to layout and rendering. */
    public static final long FRAME_BUDGET_NANOS = 6_000_000;

    private final Supplier<List<Figure>> visible;
    private int next;
    private long redraws;

    /** A refresher of the figures {@code visible} names at each frame. */
    public ChartRefresher(Supplier<List<Figure>> visible) {
        this.visible = visible;
    }

    @Override
    public void handle(long now) {
        List<Figure> figures = visible.get();
        int n = figures.size();
        long start = System.nanoTime();
        for (int k = 0; k < n; k++) {
            Figure f = figures.get((next + k) % n);
            if (f.isDirty()) {
                f.flush();
                redraws++;
                if (System.nanoTime() - start > FRAME_BUDGET_NANOS) {
                    next = (next + k + 1) % n;
                    return;
                }
            }
        }
    }

    /** Charts redrawn by the pulses so far (what --measure-pulse reports per second). */
    public long redraws() {
        return redraws;
    }

    /** Flushes every visible dirty figure now (tests and screenshots call this instead of waiting for pulses). */
    public void flushVisible() {
        for (Figure f : visible.get()) {
            if (f.isDirty()) {
                f.flush();
            }
        }
    }
}
