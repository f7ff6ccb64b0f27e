package org.parsimonylab.ui;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import org.parsimonylab.chart.FigureSet;
import org.parsimonylab.chart.NamedFigure;
import org.parsimonylab.export.AnimationFormat;
import org.parsimonylab.export.FigureAnimator;
import org.parsimonylab.export.FigureOptions;
import org.parsimonylab.export.FigureSize;
import org.parsimonylab.export.FrameSink;
import org.parsimonylab.export.GifAnimationWriter;
import org.parsimonylab.export.Mp4AnimationWriter;
import org.parsimonylab.metrics.StepSnapshot;
import org.parsimonylab.session.RunHistory;

/**
 * "Export animation…" of a chart: its evolution over the shown run's record, drawn by the same {@link FigureAnimator}
 * as {@code figures --animate} (frames at evenly spaced recorded steps, axes fixed over the frames) into a GIF or MP4
 * file. The record is copied on the FX thread; frames are drawn and written on a background thread.
 */
public final class AnimationExport {
    /**
     * What to write.
     *
     * @param format GIF or MP4
     * @param frames number of frames (at least 2)
     * @param fps frames per second
     * @param width frame width in pixels
     * @param height frame height in pixels
     */
    public record Choice(AnimationFormat format, int frames, double fps, int width, int height) {
        /** The defaults of the dialog: GIF, 60 frames at 12 fps, 960×540. */
        public static final Choice DEFAULT = new Choice(AnimationFormat.GIF, 60, 12, 960, 540);

        public Choice {
            if (frames < 2 || frames > 2000) {
                throw new IllegalArgumentException("frames must be in [2, 2000] (got " + frames + ")");
            }
            if (!(fps >= 1 && fps <= 60)) {
                throw new IllegalArgumentException("fps must be in [1, 60] (got " + fps + ")");
            }
            if (width < 64 || height < 64 || width > 3840 || height > 2160) {
                throw new IllegalArgumentException(
                        "size must be between 64x64 and 3840x2160 pixels (got " + width + "x" + height + ")");
            }
        }
    }

    private final RunViewModel model;
    private final Executor io;

    /** Animations of {@code model}'s shown run, written by one daemon thread. */
    public AnimationExport(RunViewModel model) {
        this(model, Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "parsimony-animate");
            t.setDaemon(true);
            return t;
        }));
    }

    /** Animations written by {@code io} (tests pass {@code Runnable::run}). */
    public AnimationExport(RunViewModel model, Executor io) {
        this.model = model;
        this.io = io;
    }

    /**
     * Writes chart {@code key} (a chart's export key: {@code loss}, {@code spectrum-W2}, {@code twin-distance}, …) over
     * the shown run to {@code file} (FX thread: copies the record now). Completes with the number of frames.
     */
    public CompletableFuture<Integer> export(String key, Choice choice, Path file) {
        RunHistory record = FigureAnimator.cut(model.shownHistory(), Long.MAX_VALUE);
        int layer = model.layerProperty().get();
        int blockRank = model.blockRank();
        FigureOptions base = model.exports().optionsProperty().get();
        return CompletableFuture.supplyAsync(
                () -> {
                    try {
                        return write(record, key, layer, blockRank, choice, base, file);
                    } catch (IOException | RuntimeException e) {
                        throw new CompletionException(e);
                    }
                },
                io);
    }

    /** Draws and writes the animation (any thread); returns the number of frames. */
    static int write(RunHistory record, String key, int layer, int blockRank, Choice c, FigureOptions base, Path file)
            throws IOException {
        if (FigureAnimator.steps(record).size() < 2) {
            throw new IllegalArgumentException("nothing to animate yet: the run has recorded "
                    + FigureAnimator.steps(record).size() + " step(s); let it train longer");
        }
        FigureOptions options =
                new FigureOptions(new FigureSize("animation", c.width(), c.height()), 1, base.theme(), false);
        int frames;
        try (FrameSink sink = c.format() == AnimationFormat.GIF
                ? new GifAnimationWriter(file, c.fps())
                : new Mp4AnimationWriter(file, c.fps())) {
            frames = FigureAnimator.animate(
                    record, key, cut -> figures(cut, layer, blockRank), c.frames(), options, List.of(sink));
        }
        if (frames == 0) {
            throw new IllegalArgumentException("no chart '" + key + "' in the recorded run");
        }
        return frames;
    }

    /** The charts of {@code history} at layer {@code layer}, under the app's export keys. */
    static List<NamedFigure> figures(RunHistory history, int layer, int blockRank) {
        FigureSet set = new FigureSet();
        set.setBlockRank(blockRank);
        set.showRecorded(history);
        set.setLayer(layer);
        set.flushAll();
        List<NamedFigure> kindFigures = KindFigures.of(history, layer);
        List<String> kindKeys = kindFigures.stream().map(NamedFigure::key).toList();
        List<NamedFigure> out = new ArrayList<>();
        for (NamedFigure f : set.named()) {
            if (!kindKeys.contains(f.key())) {
                out.add(f);
            }
        }
        out.addAll(kindFigures);
        return out;
    }

    /** The newest recorded step of the shown run (for the dialog). */
    public long lastStep() {
        RunHistory h = model.shownHistory();
        StepSnapshot last = h.variants().isEmpty() ? null : h.last(h.variants().get(0));
        return last == null ? 0 : last.step();
    }
}
