package org.parsimonylab.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.parsimonylab.chart.FigureTheme;
import org.parsimonylab.chart.NamedFigure;
import org.parsimonylab.export.ChartCsv;
import org.parsimonylab.export.FigureFormat;
import org.parsimonylab.export.FigureOptions;
import org.parsimonylab.export.FigureSize;
import org.parsimonylab.export.MetricsCsv;
import org.parsimonylab.export.Npy;
import org.parsimonylab.preset.PresetLoader;
import org.parsimonylab.session.SessionStatus;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Export from the app, headless: the chart menus and the File menu exist, a chart and all charts export, "Save run"
 * writes a run folder of the finished run and "Open run" shows it again without training. Waits have a safety
 * timeout; nothing asserts on time.
 */
@Tag("ui")
@ExtendWith(ApplicationExtension.class)
class SaveOpenExportTest {
    private App app;

    @TempDir
    Path tmp;

    @Start
    void start(Stage stage) {
        app = new App();
        app.start(stage, List.of("--set=training.steps=30"));
    }

    @AfterEach
    void stop() {
        WaitForAsyncUtils.asyncFx(() -> app.stop());
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static void waitUntil(FxRobot robot, Callable<Boolean> condition) throws TimeoutException {
        FxWait.until(robot, condition);
    }

    private static <T> T onFx(FxRobot robot, Callable<T> task) {
        AtomicReference<T> out = new AtomicReference<>();
        robot.interact(() -> {
            try {
                out.set(task.call());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        return out.get();
    }

    private static double lastX(List<List<String>> rows) {
        return rows.isEmpty()
                ? Double.NaN
                : Double.parseDouble(rows.get(rows.size() - 1).get(2));
    }

    @Test
    void menusExportSaveAndOpen(FxRobot robot) throws Exception {
        RunViewModel run = app.runModel();
        waitUntil(robot, () -> run.statusProperty().get() == SessionStatus.FINISHED);
        assertEquals(30, run.stepProperty().get());
        // The status can arrive a frame before the charts drain the last snapshots. Which intermediate steps reach
        // the chart depends on the session's wall-clock publishing cap (30 rounds/s, monitoring at most a third of
        // the time), so under load the line is thinned: wait for its final step, not for a count.
        waitUntil(robot, () -> lastX(ChartCsv.rows(run.exports().csv(run.figures().loss))) == 30.0);

        MenuBar bar = robot.lookup("#menuBar").queryAs(MenuBar.class);
        Menu file = bar.getMenus().get(0);
        assertEquals(
                List.of(
                        "Save settings as preset…",
                        "Open preset…",
                        "Save run…",
                        "Open run…",
                        "Open checkpoints…",
                        "Open run as ghost…",
                        "Open sweep…",
                        "Run sweep…",
                        "Export all figures…",
                        "Quit"),
                file.getItems().stream()
                        .map(MenuItem::getText)
                        .filter(t -> t != null)
                        .toList());
        for (ChartPane pane : app.view().charts().panes()) {
            assertEquals(
                    List.of("Export figure…", "Export animation…", "Copy data as CSV"),
                    pane.viewer().getContextMenu().getItems().stream()
                            .map(MenuItem::getText)
                            .toList(),
                    pane.getId());
        }

        // One chart, as the context menu writes it.
        FigureOptions options = new FigureOptions(FigureSize.SLIDE, 2, FigureTheme.SLIDE, false);
        Path png = tmp.resolve("loss.png");
        onFx(robot, () -> run.exports().export(run.figures().loss, FigureFormat.PNG, options, png))
                .get(60, TimeUnit.SECONDS);
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(1920, image.getWidth());
        assertEquals(1080, image.getHeight());
        String csv = onFx(robot, () -> run.exports().csv(run.figures().loss));
        List<List<String>> linePoints = ChartCsv.rows(csv);
        int points = onFx(robot, () -> run.figures().loss.dataset().getItemCount(0));
        assertEquals(points, linePoints.size(), "one CSV row per point of the loss line");
        assertEquals(0.0, Double.parseDouble(linePoints.get(0).get(2)), "the line starts at step 0");
        assertEquals(30.0, lastX(linePoints), "and ends at step 30");
        String presetLine =
                csv.lines().filter(l -> l.startsWith("# preset: ")).findFirst().orElseThrow();
        assertEquals(
                30,
                PresetLoader.parse(presetLine.substring(10), "csv", List.of())
                        .training()
                        .steps());

        // Every chart with data, as "Export all figures" writes them.
        List<NamedFigure> named = onFx(robot, () -> run.figures().named());
        Path all = tmp.resolve("all");
        List<Path> files = onFx(robot, () -> run.exports()
                        .exportAll(named, EnumSet.of(FigureFormat.PDF, FigureFormat.CSV), options, all))
                .get(60, TimeUnit.SECONDS);
        assertEquals(2 * named.size(), files.size());
        Set<String> keys = named.stream().map(NamedFigure::key).collect(Collectors.toSet());
        assertTrue(keys.containsAll(Set.of("loss", "spectrum-W1", "sv-W1", "waterfall-W1")), keys.toString());
        assertTrue(Files.exists(all.resolve("e1-law-of-parsimony-sv-W1.pdf")));

        // Save run: the run folder of the finished run.
        Path saved = tmp.resolve("saved");
        onFx(robot, () -> app.controller().saveRun(saved)).get(60, TimeUnit.SECONDS);
        for (String f : List.of(
                "preset.json",
                "metrics.csv",
                "README.txt",
                "data/X.npy",
                "data/Y.npy",
                "weights/main/step-00000000/W1.npy",
                "weights/main/step-00000030/W3.npy")) {
            assertTrue(Files.exists(saved.resolve(f)), f);
        }
        assertEquals(
                30,
                PresetLoader.load(saved.resolve("preset.json"), List.of())
                        .training()
                        .steps());
        List<MetricsCsv.Row> rows = MetricsCsv.read(saved.resolve("metrics.csv"));
        long lossRows = rows.stream().filter(r -> r.metric().equals("loss")).count();
        // The record is run's, not what the wall-clock cap let through to the charts: E1 records every step.
        assertEquals(31, lossRows, "steps 0..30 at metrics.every = 1");
        assertTrue(rows.stream().anyMatch(r -> r.step() == 30 && r.metric().equals("loss")));
        double[] w0 =
                Npy.read(saved.resolve("weights/main/step-00000000/W1.npy")).data();
        double[] w30 =
                Npy.read(saved.resolve("weights/main/step-00000030/W1.npy")).data();
        assertTrue(!java.util.Arrays.equals(w0, w30), "weights moved between step 0 and 30");

        // Open run: the saved run's charts, no training.
        onFx(robot, () -> {
            app.controller().openRun(saved);
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertNotNull(run.showingRecordedProperty().get());
        assertEquals((int) lossRows, run.figures().loss.dataset().getItemCount(0));
        assertEquals(30, run.stepProperty().get());
        assertTrue(
                run.runNoteProperty().get().contains("saved run"),
                run.runNoteProperty().get());
        assertTrue(onFx(robot, () -> run.figures().spectrum.title()).contains("step 30"));

        // Reset leaves the saved run and trains the preset again from step 0.
        robot.interact(() -> app.controller().reset());
        assertNull(run.showingRecordedProperty().get());
        waitUntil(
                robot,
                () -> run.figures().loss.dataset().getSeriesCount() == 1
                        && run.figures().loss.dataset().getItemCount(0) >= 1
                        && run.figures().loss.dataset().getX(0, 0).doubleValue() == 0
                        && run.stepProperty().get() < 30);
    }
}
