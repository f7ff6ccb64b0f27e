package org.parsimonylab.ui;

import java.util.List;
import java.util.function.Supplier;
import javafx.animation.AnimationTimer;
import org.parsimonylab.chart.Figure;

/**
 * Redraws charts at most once per frame each, and only what is on screen (ecosystem.md §2.3). Redraws are spread over
 * the pulses: each pulse flushes the next {@link #perPulse(int)} dirty visible figures, round-robin, so every visible
 * chart can still redraw {@value #MIN_REFRESH_HZ} times a second at 60 pulses a second while no frame pays for more
 * charts than that. Measured on this project's 2-core machine under Xvfb (docs/ui.md "Frame pacing"), one chart per
 * pulse keeps the frames closer to 60 Hz than flushing until a time budget is spent: a frame that draws two or three
 * charts is the late one.
 */
public final class ChartRefresher extends AnimationTimer {
    /** The refresh rate every visible chart gets at least (issue "A live instrument", item 1). */
    public static final int MIN_REFRESH_HZ = 10;

    /** The pulse rate the spreading assumes (JavaFX's default). */
    static final int PULSES_PER_SECOND = 60;

    private final Supplier<List<Figure>> visible;
    private int next;
    private long redraws;

    /** A refresher of the figures {@code visible} names at each frame. */
    public ChartRefresher(Supplier<List<Figure>> visible) {
        this.visible = visible;
    }

    /**
     * Charts one pulse may redraw when {@code visible} are on screen: ⌈visible · 10 / 60⌉, at least one (one for up
     * to six charts, two for up to twelve, …).
     */
    static int perPulse(int visible) {
        return Math.max(1, (visible * MIN_REFRESH_HZ + PULSES_PER_SECOND - 1) / PULSES_PER_SECOND);
    }

    @Override
    public void handle(long now) {
        List<Figure> figures = visible.get();
        int n = figures.size();
        int budget = perPulse(n);
        for (int k = 0; k < n && budget > 0; k++) {
            Figure f = figures.get((next + k) % n);
            if (f.isDirty()) {
                f.flush();
                redraws++;
                budget--;
                if (budget == 0) {
                    next = (next + k + 1) % n;
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
