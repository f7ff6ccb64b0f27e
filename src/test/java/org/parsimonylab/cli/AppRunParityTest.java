package org.parsimonylab.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.parsimonylab.engine.linalg.LinAlgs;
import org.parsimonylab.engine.train.LearningRateChange;
import org.parsimonylab.export.RunFolderSaver;
import org.parsimonylab.metrics.MetricCatalog;
import org.parsimonylab.preset.Preset;
import org.parsimonylab.preset.PresetLoader;
import org.parsimonylab.preset.PresetWriter;
import org.parsimonylab.session.RunCapture;
import org.parsimonylab.session.TrainingSession;

/**
 * One truth: the app's session, driven as the app drives it and saved by the app's save path, writes the same
 * metrics.csv as {@code run}, byte for byte, for every shipped preset (reduced to a few steps, large ones to d = 40), at full speed with the real clock and at a paced speed with a clock that makes every step a published
 * one (so live measurements run between all recorded steps); also with mini-batches, and with a live learning-rate
 * change that {@code run} of the saved folder repeats.
 */
class AppRunParityTest {
    private static final int STEPS = 16;
    private static final Path PRESETS = Path.of("presets");

    @TempDir
    Path tmp;

    static Stream<String> presets() throws IOException {
        try (Stream<Path> files = Files.list(PRESETS)) {
            return files
                    .map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".json"))
                    .sorted()
                    .toList()
                    .stream();
        }
    }

    /** The --set overrides that make {@code file} a few-step run with a cadence of 5. */
    static List<String> reduced(String file) {
        Preset full = PresetLoader.load(PRESETS.resolve(file), List.of());
        List<String> sets = new ArrayList<>(List.of("training.steps=" + STEPS, "metrics.every=5"));
        for (int i = 0; i < full.variants().size(); i++) {
            if (full.variants().get(i).overrides().path("training").has("steps")) {
                sets.add("variants." + i + ".training.steps=" + STEPS);
            }
        }
        if (full.data().kind() == org.parsimonylab.engine.data.DataKind.IDX) {
            // Fashion-MNIST presets: the same code paths on a few hundred images
            sets.addAll(List.of("data.samples=200", "data.testSamples=200"));
        }
        if (full.data().dim() > 200
                || full.data().dim() >= 100 && full.variants().size() > 10) {
            // d = 1000, or dozens of variants at d = 100: the same code paths at d = 40 keep the suite fast.
            sets.addAll(List.of("data.dim=40", "data.outputDim=40", "network.width=40"));
        }
        return sets;
    }

    private static String[] runArgs(Path preset, Path out, List<String> sets) {
        List<String> args = new ArrayList<>(List.of("run", preset.toString(), "--out", out.toString()));
        for (String s : sets) {
            args.add("--set");
            args.add(s);
        }
        return args.toArray(new String[0]);
    }

    private static Path cliRun(Path preset, Path out, List<String> sets) {
        StringWriter err = new StringWriter();
        int code = Main.execute(
                runArgs(preset, out, sets), new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
        assertEquals(0, code, () -> "run failed: " + err);
        return out;
    }

    /** A clock that advances one second at every reading: every round is due for publishing. */
    private static LongSupplier alwaysDue() {
        AtomicLong t = new AtomicLong();
        return () -> t.addAndGet(1_000_000_000L);
    }

    /** The app's path: a session as AppController drives it, played to the end, then "Save run". */
    private Path appRun(Preset preset, Path baseDir, Path out, double speed, LongSupplier clock) throws Exception {
        CompletableFuture<RunCapture> ended = new CompletableFuture<>();
        try (TrainingSession session = new TrainingSession(Runnable::run, batch -> {}, LinAlgs::create, clock)) {
            session.setSpeed(speed);
            session.onRunEnded(ended::complete);
            session.start(preset.toExperiment(), baseDir, true);
            ended.get(120, TimeUnit.SECONDS);
            // Save run asks the trainer for a capture between steps, as AppController.saveRun does.
            RunCapture capture = session.capture().get(60, TimeUnit.SECONDS);
            return save(preset, capture, out);
        }
    }

    private static Path save(Preset preset, RunCapture capture, Path out) throws IOException {
        Preset asTrained = PresetWriter.withLearningRateSchedules(preset, capture.experiment());
        return RunFolderSaver.save(out, PresetWriter.toJson(asTrained), preset.name(), capture, MetricCatalog.lines());
    }

    private static void assertSameFile(Path a, Path b, String name) throws IOException {
        byte[] x = Files.readAllBytes(a.resolve(name));
        byte[] y = Files.readAllBytes(b.resolve(name));
        assertArrayEquals(x, y, name + " of " + a + " and " + b + " differ");
    }

    @ParameterizedTest
    @MethodSource("presets")
    void theAppRecordsWhatRunRecordsAtAnySpeed(String file) throws Exception {
        List<String> sets = reduced(file);
        boolean idx = PresetLoader.load(PRESETS.resolve(file), sets).data().kind()
                == org.parsimonylab.engine.data.DataKind.IDX;
        org.junit.jupiter.api.Assumptions.assumeTrue(
                !idx
                        || Files.exists(Path.of(org.parsimonylab.engine.data.IdxFiles.DEBIAN_FASHION_MNIST)
                                .resolve("train-images-idx3-ubyte.gz")),
                file + " needs Fashion-MNIST (" + org.parsimonylab.engine.data.IdxFiles.INSTALL_HINT + ")");
        Path cli = cliRun(PRESETS.resolve(file), tmp.resolve("cli"), sets);
        Preset preset = PresetLoader.load(PRESETS.resolve(file), sets);
        Path fast = appRun(preset, PRESETS, tmp.resolve("app-fastest"), TrainingSession.FASTEST, System::nanoTime);
        assertSameFile(cli, fast, "metrics.csv");
        assertSameFile(cli, fast, "events.csv");
        assertSameFile(cli, fast, "preset.json");
        Path paced = appRun(preset, PRESETS, tmp.resolve("app-paced"), 4000, alwaysDue());
        assertSameFile(cli, paced, "metrics.csv");
        assertTrue(Files.readString(cli.resolve("metrics.csv")).lines().count() > 3, "rows were recorded");
    }

    @Test
    void aMiniBatchRunIsTheSameInTheAppAndInRun() throws Exception {
        String file = "p2-two-layer-invariant-subspace.json";
        List<String> sets = new ArrayList<>(reduced(file));
        sets.add("training.batchSize=8");
        Path cli = cliRun(PRESETS.resolve(file), tmp.resolve("cli"), sets);
        Preset preset = PresetLoader.load(PRESETS.resolve(file), sets);
        Path paced = appRun(preset, PRESETS, tmp.resolve("app-paced"), 4000, alwaysDue());
        assertSameFile(cli, paced, "metrics.csv");
        Path fast = appRun(preset, PRESETS, tmp.resolve("app-fastest"), TrainingSession.FASTEST, alwaysDue());
        assertSameFile(cli, fast, "metrics.csv");
    }

    @Test
    void aLiveLearningRateChangeIsRecordedAndRunOfTheSavedFolderRepeatsIt() throws Exception {
        for (String file : List.of("e1-law-of-parsimony.json", "e3-momentum.json")) {
            List<String> sets = reduced(file);
            Preset preset = PresetLoader.load(PRESETS.resolve(file), sets);
            int k = 7;
            double eta = preset.training().learningRate() * 0.984;
            Path saved;
            CompletableFuture<RunCapture> ended = new CompletableFuture<>();
            try (TrainingSession session =
                    new TrainingSession(Runnable::run, batch -> {}, LinAlgs::create, alwaysDue())) {
                session.onRunEnded(ended::complete);
                session.start(preset.toExperiment(), PRESETS, false);
                for (int i = 0; i < k; i++) {
                    session.step();
                }
                session.setLearningRate(eta);
                session.play();
                saved = save(preset, ended.get(60, TimeUnit.SECONDS), tmp.resolve(file + "-app"));
            }
            Preset again = PresetLoader.load(saved.resolve("preset.json"), List.of());
            assertEquals(
                    List.of(new LearningRateChange(k, eta)),
                    again.toExperiment().variants().get(0).training().learningRateSchedule(),
                    "the live change is in the saved preset");
            String events = Files.readString(saved.resolve("events.csv"));
            assertTrue(
                    events.contains("\n" + k + ","
                            + again.toExperiment().variants().get(0).name() + ",training.learningRate,"),
                    events);
            Path rerun = cliRun(saved.resolve("preset.json"), tmp.resolve(file + "-rerun"), List.of());
            assertSameFile(saved, rerun, "metrics.csv");
            assertSameFile(saved, rerun, "events.csv");
            // The change mattered: the original preset's run differs after step k.
            Path original = cliRun(PRESETS.resolve(file), tmp.resolve(file + "-original"), sets);
            assertNotEquals(
                    Files.readString(original.resolve("metrics.csv")), Files.readString(rerun.resolve("metrics.csv")));
        }
    }
}
