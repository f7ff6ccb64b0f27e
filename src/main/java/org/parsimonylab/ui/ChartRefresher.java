package org.parsimonylab.ui;

import java.util.List;
import java.util.function.Supplier;
import javafx.animation.AnimationTimer;
import org.parsimonylab.chart.Figure;

/**
 * Redraws charts at most once per frame: on each pulse every visible figure with held changes sends its one
 * notification (ecosystem.md §2.3: one redraw per chart per frame, only for what is on screen).
 */
public final class ChartRefresher extends AnimationTimer {
    private final Supplier<List<Figure>> visible;

    /** A refresher of the figures {@code visible} names at each frame. */
    public ChartRefresher(Supplier<List<Figure>> visible) {
        this.visible = visible;
    }

    @Override
    public void handle(long now) {
        flushVisible();
    }

    /** Flushes the visible dirty figures now (tests call this instead of waiting for a pulse). */
    public void flushVisible() {
        for (Figure f : visible.get()) {
            if (f.isDirty()) {
                f.flush();
            }
        }
    }
}
