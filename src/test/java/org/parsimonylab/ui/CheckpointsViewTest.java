package org.parsimonylab.ui;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;
import org.jfree.data.xy.XYSeriesCollection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.parsimonylab.chart.SpectrumFigure;
import org.parsimonylab.checkpoints.AnalysisFolderWriter;
import org.parsimonylab.checkpoints.AnalysisOptions;
import org.parsimonylab.checkpoints.Checkpoint;
import org.parsimonylab.checkpoints.CheckpointFiles;
import org.parsimonylab.checkpoints.CheckpointMetrics;
import org.parsimonylab.checkpoints.CheckpointSeries;
import org.parsimonylab.checkpoints.SelectedTensor;
import org.parsimonylab.checkpoints.SeriesAnalyzer;
import org.parsimonylab.engine.linalg.LinAlgs;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The checkpoints window on series the test writes itself: the tensor selector lists the matrices and conv kernels
 * (and follows the include/exclude expressions), the spectrum at a scrubbed step is the SVD of that checkpoint's
 * matrix, a bad file is one line in the status, and watch mode follows a writer thread to the last step.
 */
@Tag("ui")
@ExtendWith(ApplicationExtension.class)
class CheckpointsViewTest {
    @TempDir
    Path tmp;

    private CheckpointsView view;

    @Start
    void start(Stage stage) {
        view = new CheckpointsView(new CheckpointsModel());
        stage.setScene(new Scene(view, 1280, 720));
        stage.show();
    }

    @AfterEach
    void stop(FxRobot robot) throws InterruptedException {
        robot.interact(view::close);
        assertTrue(view.model().awaitClosed(10_000), "the analysis thread stops when the window closes");
    }

    /** The values of tensor {@code name} at {@code step}: seeded Gaussians, different for every step. */
    private static double[] values(String name, long step, int n) {
        SplittableRandom rng = new SplittableRandom(step * 1000 + name.hashCode());
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = rng.nextGaussian();
        }
        return v;
    }

    /** A checkpoint as a small CNN would save it: conv kernel, its bias, a hidden matrix and the head. */
    private static Map<String, CheckpointFiles.Raw> checkpoint(long step) {
        return CheckpointFiles.of(
                Map.entry(
                        "conv.weight",
                        CheckpointFiles.tensor("F64", new long[] {4, 2, 3, 3}, values("conv.weight", step, 72))),
                Map.entry("conv.bias", CheckpointFiles.tensor("F64", new long[] {4}, values("conv.bias", step, 4))),
                Map.entry("fc.weight", CheckpointFiles.tensor("F64", new long[] {9, 7}, values("fc.weight", step, 63))),
                Map.entry(
                        "head.weight",
                        CheckpointFiles.tensor("F32", new long[] {3, 9}, values("head.weight", step, 27))));
    }

    private static void write(Path dir, long step) throws IOException {
        CheckpointFiles.writeSafetensors(
                dir.resolve("step-" + String.format("%06d", step) + ".safetensors"), checkpoint(step), null);
    }

    private List<String> names(FxRobot robot) {
        List<String> out = new ArrayList<>();
        robot.interact(() -> view.model().tensors().forEach(t -> out.add(t.name())));
        return out;
    }

    private List<Long> steps(FxRobot robot) {
        List<Long> out = new ArrayList<>();
        robot.interact(() -> out.addAll(view.model().steps()));
        return out;
    }

    /** The singular values the spectrum chart draws (top, middle and bottom blocks), by index. */
    private static double[] drawn(SpectrumFigure f) {
        XYSeriesCollection d = f.dataset();
        List<double[]> points = new ArrayList<>();
        for (int s = SpectrumFigure.TOP; s <= SpectrumFigure.BOTTOM; s++) {
            for (int i = 0; i < d.getItemCount(s); i++) {
                points.add(new double[] {d.getXValue(s, i), d.getYValue(s, i)});
            }
        }
        points.sort((a, b) -> Double.compare(a[0], b[0]));
        return points.stream().mapToDouble(p -> p[1]).toArray();
    }

    /** Singular values of a rows×cols row-major matrix by EJML directly, descending. */
    private static double[] svd(double[] data, int rows, int cols) {
        DMatrixRMaj a = new DMatrixRMaj(rows, cols, true, data);
        SingularValueDecomposition_F64<DMatrixRMaj> svd = DecompositionFactory_DDRM.svd(rows, cols, false, false, true);
        assertTrue(svd.decompose(a.copy()));
        double[] s = Arrays.copyOf(svd.getSingularValues(), Math.min(rows, cols));
        Arrays.sort(s);
        for (int i = 0; i < s.length / 2; i++) {
            double t = s[i];
            s[i] = s[s.length - 1 - i];
            s[s.length - 1 - i] = t;
        }
        return s;
    }

    @Test
    void theSelectorListsTheMatricesAndTheSpectrumAtTheScrubbedStepIsThatCheckpointsSvd(FxRobot robot)
            throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("cnn-run"));
        for (long step = 0; step <= 400; step += 100) {
            write(dir, step);
        }
        robot.interact(() -> view.open(List.of(dir), false));
        FxWait.until(robot, () -> view.model().steps().size() == 5);
        assertEquals(List.of(0L, 100L, 200L, 300L, 400L), steps(robot));
        List<String> names = names(robot);
        assertEquals(3, names.size(), "matrices and the conv kernel, not the bias: " + names);
        assertTrue(names.containsAll(List.of("conv.weight", "fc.weight", "head.weight")), names.toString());
        AtomicReference<SelectedTensor> conv = new AtomicReference<>();
        robot.interact(() -> view.model().tensors().stream()
                .filter(t -> t.name().equals("conv.weight"))
                .findFirst()
                .ifPresent(conv::set));
        assertEquals(4, conv.get().rows());
        assertEquals(18, conv.get().cols(), "the kernel is read as out × (in·kh·kw)");
        assertEquals("", robot.lookup("#checkpointError").queryLabeled().getText());
        assertTrue(
                robot.lookup("#checkpointStatus").queryLabeled().getText().startsWith("Analysed 5 checkpoints"),
                robot.lookup("#checkpointStatus").queryLabeled().getText());

        int fc = names.indexOf("fc.weight");
        robot.interact(() -> {
            view.tensorList().getSelectionModel().select(fc);
            view.scrubTo(200);
            view.flushCharts();
        });
        assertEquals(fc + 1, view.model().layerProperty().get());
        assertEquals(200, view.model().shownStepProperty().get());
        double[] expected = svd(values("fc.weight", 200, 63), 9, 7);
        double[] shown = drawn(view.model().spectrum);
        assertEquals(expected.length, shown.length);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], shown[i], 1e-12 * expected[0], "σ_" + i + " of fc.weight at step 200");
        }
        assertTrue(
                view.model().spectrum.title().contains("step 200"),
                view.model().spectrum.title());
        assertTrue(
                view.model().spectrum.title().contains("fc.weight"),
                view.model().spectrum.title());
        double[] other = svd(values("fc.weight", 400, 63), 9, 7);
        assertFalse(Math.abs(other[0] - shown[0]) < 1e-9, "step 400 differs, so the test can tell the steps apart");

        // The newest step again, then a selection without the conv kernel.
        robot.interact(() -> {
            view.scrubTo(-1);
            view.flushCharts();
        });
        assertEquals(other[0], drawn(view.model().spectrum)[0], 1e-12 * other[0]);
        robot.clickOn("#excludeTensors").write("conv");
        robot.interact(() -> robot.lookup("#applySelection").queryButton().fire());
        FxWait.until(
                robot,
                () -> view.model().steps().size() == 5 && view.model().tensors().size() == 2);
        assertEquals(
                List.of("fc.weight", "head.weight"),
                names(robot).stream().sorted().toList());
    }

    @Test
    void anAnalysisFolderWrittenByAnalyzeReadsBack(FxRobot robot) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("cnn-run"));
        for (long step = 0; step <= 20; step += 10) {
            write(dir, step);
        }
        CheckpointSeries series = CheckpointSeries.scan(dir);
        SeriesAnalyzer analyzer = new SeriesAnalyzer(series.name(), AnalysisOptions.defaults(), LinAlgs.create("ejml"));
        List<CheckpointMetrics> measured = new ArrayList<>();
        Path out;
        try (AnalysisFolderWriter w = AnalysisFolderWriter.create(tmp.resolve("analysis"))) {
            for (Checkpoint c : series.checkpoints()) {
                measured.add(analyzer.analyze(c));
                w.append(measured.get(measured.size() - 1));
            }
            w.selection(series.name(), analyzer.selection());
            out = w.commit();
        }
        Path folder = out;
        robot.interact(() -> view.open(List.of(folder), false));
        FxWait.until(robot, () -> view.model().steps().size() == 3);
        assertEquals(analyzer.selection().stream().map(SelectedTensor::name).toList(), names(robot));
        AtomicReference<SelectedTensor> first = new AtomicReference<>();
        robot.interact(() -> first.set(view.model().tensors().get(0)));
        assertEquals(analyzer.selection().get(0).cols(), first.get().cols(), "shapes come from selection.csv");
        int head = names(robot).indexOf("head.weight");
        robot.interact(() -> {
            view.tensorList().getSelectionModel().select(head);
            view.scrubTo(10);
            view.flushCharts();
        });
        assertArrayEquals(measured.get(1).find("head.weight", "sv").values(), drawn(view.model().spectrum), 0.0);
        assertEquals("", view.model().errorProperty().get());
    }

    @Test
    void aBadFileIsOneLineInTheStatusNotACrash(FxRobot robot) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("bad"));
        write(dir, 0);
        byte[] whole = CheckpointFiles.safetensors(checkpoint(1), null);
        Files.write(dir.resolve("step-000001.safetensors"), Arrays.copyOf(whole, whole.length - 40));
        robot.interact(() -> view.open(List.of(dir), false));
        FxWait.until(robot, () -> !view.model().errorProperty().get().isEmpty());
        String error = robot.lookup("#checkpointError").queryLabeled().getText();
        assertTrue(error.contains("step-000001.safetensors"), error);
        assertFalse(error.contains("\n"), error);
        robot.interact(() -> view.open(List.of(dir), false));
        robot.clickOn("#includeTensors").write("([");
        robot.interact(() -> robot.lookup("#applySelection").queryButton().fire());
        FxWait.until(robot, () -> view.model().errorProperty().get().contains("--tensors"));
        assertTrue(steps(robot).isEmpty());
    }

    @Test
    void watchModeFollowsAWriterThreadToTheLastStep(FxRobot robot) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("live-run"));
        write(dir, 0);
        robot.interact(() -> view.open(List.of(dir), true));
        AtomicReference<Throwable> failed = new AtomicReference<>();
        Thread writer = new Thread(
                () -> {
                    try {
                        for (long step = 10; step <= 70; step += 10) {
                            Path file = dir.resolve("step-" + String.format("%06d", step) + ".safetensors");
                            if (step % 20 == 0) {
                                // slowly, in two halves: the watcher must wait for the second one
                                try (OutputStream out = Files.newOutputStream(file)) {
                                    CheckpointFiles.writeSlowly(
                                            out, CheckpointFiles.safetensors(checkpoint(step), null), 400);
                                }
                            } else {
                                // as torch.save into a temporary name then a rename
                                Path temp = dir.resolve(".tmp-" + step);
                                CheckpointFiles.writeSafetensors(temp, checkpoint(step), null);
                                Files.move(temp, file);
                            }
                            Thread.sleep(150);
                        }
                    } catch (Throwable e) {
                        failed.set(e);
                    }
                },
                "checkpoint-writer");
        writer.start();
        writer.join(60_000);
        assertNull(failed.get());
        FxWait.until(robot, () -> view.model().steps().size() == 8);
        assertEquals(List.of(0L, 10L, 20L, 30L, 40L, 50L, 60L, 70L), steps(robot));
        assertEquals("", view.model().errorProperty().get(), "no half-written file was misread");
        robot.interact(view::flushCharts);
        int fc = names(robot).indexOf("fc.weight");
        robot.interact(() -> {
            view.tensorList().getSelectionModel().select(fc);
            view.flushCharts();
        });
        double[] expected = svd(values("fc.weight", 70, 63), 9, 7);
        assertEquals(expected[0], drawn(view.model().spectrum)[0], 1e-12 * expected[0], "the newest step is shown");
        assertTrue(view.model().watchingProperty().get());
        assertEquals(
                8, view.model().singularValues.dataset().getItemCount(0), "σ over time has a point per checkpoint");
    }
}
