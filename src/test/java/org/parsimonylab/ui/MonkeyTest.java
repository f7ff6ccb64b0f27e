package org.parsimonylab.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYDataset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.parsimonylab.chart.FigureTheme;
import org.parsimonylab.export.FigureFormat;
import org.parsimonylab.export.FigureOptions;
import org.parsimonylab.export.FigureSize;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * 1000 seeded random UI actions while training (preset switches, typed values, play/pause/step/reset bursts, speed,
 * layer switches, legend toggles, smoothing, log x, scrubbing, tab switches, exports to a temp folder): no exception
 * on any thread, every action returns (no deadlock: each waits at most a minute), and after every action at most one
 * trainer thread is computing.
 */
@Tag("ui")
@ExtendWith(ApplicationExtension.class)
class MonkeyTest {
    private static final List<String> PRESETS = List.of(
            "e1-law-of-parsimony.json",
            "e3-momentum.json",
            "e6-equivalent-trajectory.json",
            "e8-progressive-separation.json");
    private static final String[][] VALUES = {
        {ControlsModel.WIDTH, "20", "40", "-1", "abc", "30"},
        {ControlsModel.DEPTH, "2", "3", "4", "0"},
        {ControlsModel.LEARNING_RATE, "1", "0.5", "1e9", "x", "0.1"},
        {ControlsModel.INIT_SCALE, "0.001", "0.1", "-2"},
        {ControlsModel.STEPS, "50", "200", "0", "100000"},
        {ControlsModel.SEED, "1", "2", "-5"},
    };

    private final List<Throwable> errors = Collections.synchronizedList(new ArrayList<>());
    private App app;

    @TempDir
    Path tmp;

    @Start
    void start(Stage stage) {
        app = new App();
        app.start(stage, List.of("--set=training.steps=200"));
        Thread.UncaughtExceptionHandler capture = (t, e) -> errors.add(e);
        Thread.setDefaultUncaughtExceptionHandler(capture);
        Thread.currentThread().setUncaughtExceptionHandler(capture);
    }

    @AfterEach
    void stop() {
        WaitForAsyncUtils.asyncFx(() -> app.stop());
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static int computingTrainers() {
        int n = 0;
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.isAlive() && t.getName().startsWith("parsimony-trainer-")) {
                n++;
            }
        }
        return n;
    }

    @Test
    void aThousandRandomActionsBreakNothing(FxRobot robot) throws Exception {
        Random random = new Random(20_261_128L);
        List<PresetEntry> presets = PresetEntry.shipped().stream()
                .filter(p -> PRESETS.contains(p.fileName()))
                .toList();
        assertEquals(PRESETS.size(), presets.size());
        List<CompletableFuture<Path>> exports = new ArrayList<>();
        int maxTrainers = 0;
        for (int i = 0; i < 1000; i++) {
            int action = random.nextInt(18);
            int pick = random.nextInt(1000);
            int index = i;
            robot.interact(() -> act(action, pick, index, presets, exports));
            maxTrainers = Math.max(maxTrainers, computingTrainers());
            assertTrue(maxTrainers <= 1, "at most one trainer computing, after action " + i);
        }
        for (CompletableFuture<Path> f : exports) {
            f.get(60, TimeUnit.SECONDS);
        }
        for (CompletableFuture<?> f : animations) {
            try {
                f.get(60, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException e) {
                // Legitimate refusals only: a run with fewer than two recorded steps, or a chart it does not draw.
                String m = FigureExports.message(e);
                assertTrue(m.startsWith("nothing to animate yet") || m.startsWith("no chart"), m);
            }
        }
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(List.of(), errors, "exceptions on any thread");
        assertTrue(exports.size() > 0);
    }

    private final List<CompletableFuture<?>> animations = new ArrayList<>();
    private CompletableFuture<Path> saved;

    private void act(int action, int pick, int i, List<PresetEntry> presets, List<CompletableFuture<Path>> exports) {
        AppController c = app.controller();
        RunViewModel run = app.runModel();
        ChartsView charts = app.view().charts();
        switch (action) {
            case 0 -> c.open(presets.get(pick % presets.size()), pick % 2 == 0);
            case 1, 2 -> {
                String[] row = VALUES[pick % VALUES.length];
                c.controls().set(row[0], row[1 + pick % (row.length - 1)]);
            }
            case 3 -> {
                for (int k = 0; k <= pick % 4; k++) {
                    c.play();
                    c.pause();
                }
            }
            case 4 -> {
                for (int k = 0; k <= pick % 5; k++) {
                    c.step();
                }
            }
            case 5 -> {
                for (int k = 0; k <= pick % 3; k++) {
                    c.reset();
                }
                if (pick % 2 == 0) {
                    c.play();
                }
            }
            case 6 -> c.setSpeed(RunControlsView.SPEEDS[pick % RunControlsView.SPEEDS.length]);
            case 7 -> run.layerProperty()
                    .set(1 + pick % Math.max(1, run.layerCountProperty().get()));
            case 8 -> {
                ChartPane pane = charts.panes().get(pick % charts.panes().size());
                if (pane.figure().chart().getPlot() instanceof XYPlot plot) {
                    XYDataset ds = plot.getDataset(0);
                    if (ds != null && ds.getSeriesCount() > 0) {
                        pane.toggleSeries(ds.getSeriesKey(pick % ds.getSeriesCount()));
                    }
                }
            }
            case 9 -> {
                if (!charts.scrubber().isDisabled()) {
                    charts.scrubTo((long) (charts.scrubber().getMax() * (pick / 999.0)));
                }
            }
            case 10 -> charts.tabs()
                    .getSelectionModel()
                    .select(pick % charts.tabs().getTabs().size());
            case 11 -> {
                ChartPane loss = charts.panes().get(0);
                loss.setSmoothing(pick % 3 == 0 ? 0 : 0.9);
                loss.setLogX(pick % 2 == 0);
            }
            case 12 -> {
                if (pick % 10 == 0) {
                    FigureOptions options = new FigureOptions(FigureSize.SLIDE, 1, FigureTheme.SLIDE, false);
                    exports.add(run.exports()
                            .export(run.figures().loss, FigureFormat.PNG, options, tmp.resolve("loss-" + i + ".png")));
                }
            }
            case 13 -> run.wallTimeProperty().set(!run.wallTimeProperty().get());
            case 14 -> run.showMultiples(
                    pick % 3 == 0 ? null : LayerFigures.KINDS.get(pick % LayerFigures.KINDS.size()));
            case 15 -> {
                // Open a saved run folder (saved earlier in the test) as a ghost, or unpin.
                if (saved == null) {
                    saved = c.saveRun(tmp.resolve("saved-" + i));
                } else if (saved.isDone() && !saved.isCompletedExceptionally()) {
                    if (pick % 3 == 0) {
                        run.pinnedProperty().set(null);
                    } else {
                        animations.add(c.openGhostAsync(saved.join()));
                    }
                } else if (saved.isCompletedExceptionally()) {
                    saved = null;
                }
            }
            case 16 -> {
                if (pick % 10 == 0) {
                    animations.add(new AnimationExport(run)
                            .export(
                                    pick % 20 == 0 ? "loss" : "spectrum-W1",
                                    new AnimationExport.Choice(
                                            org.parsimonylab.export.AnimationFormat.GIF, 3, 10, 128, 96),
                                    tmp.resolve("anim-" + i + ".gif")));
                }
            }
            default -> app.refresher().flushVisible();
        }
        if (!Platform.isFxApplicationThread()) {
            throw new IllegalStateException("not on the FX thread");
        }
    }
}
