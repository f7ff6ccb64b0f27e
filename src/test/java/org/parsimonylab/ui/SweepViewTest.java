package org.parsimonylab.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.jfree.data.xy.YIntervalSeriesCollection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.parsimonylab.chart.SweepHeatMapFigure;
import org.parsimonylab.chart.SweepLinesFigure;
import org.parsimonylab.export.MetricsCsv;
import org.parsimonylab.preset.PresetLoader;
import org.parsimonylab.preset.PresetWriter;
import org.parsimonylab.sweep.GridAxis;
import org.parsimonylab.sweep.RunStatus;
import org.parsimonylab.sweep.SweepFolder;
import org.parsimonylab.sweep.SweepPlan;
import org.parsimonylab.sweep.SweepPoint;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The sweep view on a sweep folder written here (plan, run statuses, run folders with metrics.csv): it shows the mean ±
 * std of the chosen column per swept value, the progress counts, and a run that finishes after it opened on a later
 * poll. Waits have a generous safety timeout; nothing asserts on time.
 */
@Tag("ui")
@ExtendWith(ApplicationExtension.class)
class SweepViewTest {
    private static final Path PRESET = Path.of("presets/e1-law-of-parsimony.json");

    @TempDir
    Path tmp;

    private Stage stage;
    private SweepView view;

    @Start
    void start(Stage stage) {
        this.stage = stage;
    }

    @AfterEach
    void stop() {
        if (view != null) {
            view.close();
        }
    }

    private SweepView open(FxRobot robot, Path dir) {
        robot.interact(() -> {
            view = new SweepView(dir);
            stage.setScene(new Scene(view, 1000, 700));
            stage.show();
        });
        return view;
    }

    /** Writes the finished run of {@code p}: metrics.csv ending with {@code loss} and recovery-error, status done. */
    private static void finish(SweepFolder folder, SweepPoint p, double loss, double recovery) throws IOException {
        Path run = folder.runFolder(p);
        Files.createDirectories(run);
        Files.writeString(run.resolve("preset.json"), PresetWriter.toJson(PresetLoader.load(PRESET, p.overrides())));
        Files.writeString(
                run.resolve("metrics.csv"),
                MetricsCsv.HEADER + "\n0,main,loss,,,1.0\n0,main,recovery-error,,,1.0\n20,main,loss,,," + loss
                        + "\n20,main,recovery-error,,," + recovery + "\n");
        new RunStatus(RunStatus.State.DONE, 0, 2.0, Files.size(run.resolve("metrics.csv")), "vm", "", "", "")
                .write(folder.statusFile(p));
    }

    private static void running(SweepFolder folder, SweepPoint p) throws IOException {
        new RunStatus(RunStatus.State.RUNNING, -1, Double.NaN, -1, "vm", "", "", "").write(folder.statusFile(p));
    }

    private static SweepLinesFigure lines(SweepView v) {
        return (SweepLinesFigure) v.panes().get(0).figure();
    }

    /** The mean drawn at the x value {@code x} of line {@code series}, NaN when not drawn. */
    private static double meanAt(SweepView v, int series, double x) {
        if (v.panes().isEmpty()) {
            return Double.NaN;
        }
        YIntervalSeriesCollection d = lines(v).dataset();
        if (series >= d.getSeriesCount()) {
            return Double.NaN;
        }
        for (int i = 0; i < d.getItemCount(series); i++) {
            if (d.getXValue(series, i) == x) {
                return d.getYValue(series, i);
            }
        }
        return Double.NaN;
    }

    @Test
    void showsMeansAndFillsInAsRunsFinish(FxRobot robot) throws IOException, TimeoutException {
        // depth 2, 3 × 2 trials: r0000, r0001 (depth 2), r0002, r0003 (depth 3).
        SweepPlan plan = SweepPlan.build(
                PRESET,
                List.of("training.lossTolerance=0"),
                List.of(GridAxis.parse("network.depth=2,3")),
                2,
                false,
                0,
                "auto");
        SweepFolder folder = new SweepFolder(tmp.resolve("sweep"));
        folder.writePlan(plan);
        List<SweepPoint> p = plan.points();
        finish(folder, p.get(0), 0.2, 0.5);
        finish(folder, p.get(1), 0.4, 0.7);
        finish(folder, p.get(2), 0.1, 0.9);
        running(folder, p.get(3));

        SweepView v = open(robot, folder.root());
        FxWait.until(robot, () -> !v.panes().isEmpty());
        robot.interact(() -> {
            assertEquals("loss", v.metricChoice().getValue(), "no tolerance reached: the loss is drawn");
            assertTrue(
                    v.metricChoice().getItems().contains("recovery-error"),
                    v.metricChoice().getItems().toString());
            assertEquals("network.depth", lines(v).x());
            assertEquals(0.3, meanAt(v, 0, 2), 1e-12, "mean over the two depth-2 trials");
            assertEquals(0.1, meanAt(v, 0, 3), 1e-12, "one depth-3 trial finished so far");
            YIntervalSeriesCollection d = lines(v).dataset();
            assertEquals(0.3 - Math.sqrt(0.02), d.getStartYValue(0, 0), 1e-12, "band: mean − sample std");
            String progress = v.progressLabel().getText();
            assertTrue(progress.startsWith("3 of 4 runs done · 1 running · 0 failed"), progress);
        });

        // The last run finishes after the view opened: the next poll draws it.
        finish(folder, p.get(3), 0.3, 1.1);
        FxWait.until(robot, () -> Math.abs(meanAt(v, 0, 3) - 0.2) < 1e-12);
        robot.interact(() -> {
            assertEquals(0.3, meanAt(v, 0, 2), 1e-12);
            assertTrue(
                    v.progressLabel().getText().startsWith("4 of 4 runs done"),
                    v.progressLabel().getText());
            assertTrue(
                    v.progressLabel().getText().contains("finished"),
                    v.progressLabel().getText());
            // Another column, chosen by hand: the recovery error's means.
            v.metricChoice().getSelectionModel().select("recovery-error");
        });
        FxWait.until(robot, () -> "recovery-error".equals(lines(v).metric()));
        robot.interact(() -> {
            assertEquals(0.6, meanAt(v, 0, 2), 1e-12);
            assertEquals(1.0, meanAt(v, 0, 3), 1e-12);
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void twoSweptFieldsGiveAHeatMapAndFailuresAreCounted(FxRobot robot) throws IOException, TimeoutException {
        SweepPlan plan = SweepPlan.build(
                PRESET,
                List.of("training.lossTolerance=0"),
                List.of(GridAxis.parse("network.depth=2,3"), GridAxis.parse("training.learningRate=0.5,1")),
                0,
                false,
                0,
                "auto");
        SweepFolder folder = new SweepFolder(tmp.resolve("grid"));
        folder.writePlan(plan);
        List<SweepPoint> p = plan.points();
        // Order: depth outermost: (2, 0.5), (2, 1), (3, 0.5), (3, 1).
        finish(folder, p.get(0), 0.25, 0);
        finish(folder, p.get(3), 0.75, 0);
        new RunStatus(RunStatus.State.FAILED, 1, 0.5, -1, "vm", "", "", "error: boom")
                .write(folder.statusFile(p.get(1)));

        SweepView v = open(robot, folder.root());
        FxWait.until(robot, () -> v.panes().size() == 3);
        robot.interact(() -> {
            assertTrue(v.panes().get(0).figure() instanceof SweepLinesFigure);
            assertTrue(v.panes().get(1).figure() instanceof SweepLinesFigure);
            SweepHeatMapFigure map = (SweepHeatMapFigure) v.panes().get(2).figure();
            assertEquals(0.25, map.grid().cells()[0][0].mean(), 1e-12, "depth 2 × lr 0.5");
            assertEquals(0.75, map.grid().cells()[1][1].mean(), 1e-12, "depth 3 × lr 1");
            assertFalse(Double.isFinite(map.grid().cells()[1][0].mean()), "the failed run has no value");
            String progress = v.progressLabel().getText();
            assertTrue(progress.startsWith("2 of 4 runs done · 0 running · 1 failed · 1 not started"), progress);
        });
    }

    @Test
    void runSweepStartsALocalSweepWhoseWindowFillsIn(FxRobot robot) throws Exception {
        Path root = tmp.resolve("run-sweep");
        SweepLauncher.Request request = SweepLauncher.parse("network.depth=2,3", "0", "1");
        SweepLauncher.Started[] started = new SweepLauncher.Started[1];
        robot.interact(() -> {
            try {
                started[0] = SweepLauncher.start(
                        stage, root, request, file -> Files.copy(PRESET, file, StandardCopyOption.REPLACE_EXISTING));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        try {
            // A safety limit, not a timed assertion: two tiny runs in child JVMs.
            assertTrue(started[0].process().waitFor(5, TimeUnit.MINUTES), "the sweep did not end");
            assertEquals(0, started[0].process().exitValue(), Files.readString(root.resolve("sweep.log")));
            SweepView shown = (SweepView) started[0].window().getScene().getRoot();
            FxWait.until(robot, () -> shown.progressLabel().getText().startsWith("2 of 2 runs done"));
            robot.interact(() -> {
                assertEquals("network.depth", lines(shown).x());
                assertEquals(2, lines(shown).dataset().getItemCount(0), "both depths drawn");
            });
            assertTrue(Files.isRegularFile(root.resolve("sweep").resolve("runs/r0001/metrics.csv")));
        } finally {
            robot.interact(() -> started[0].window().close());
        }
    }

    @Test
    void aFolderWithoutPlanOrSummaryIsRefusedWithItsName() throws IOException {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        String problem = SweepView.check(empty);
        assertTrue(problem.contains(empty.toString()) && problem.contains("plan.json"), problem);
    }
}
