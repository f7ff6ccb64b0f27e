package org.parsimonylab.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.parsimonylab.engine.linalg.EjmlLinAlg;
import org.parsimonylab.metrics.StepSnapshot;
import org.parsimonylab.preset.Preset;
import org.parsimonylab.preset.PresetLoader;
import org.parsimonylab.session.RunCapture;
import org.parsimonylab.session.SessionSnapshot;
import org.parsimonylab.session.TrainingSession;

/**
 * Live at any cadence, on a simulated clock that moves a fixed time per training round (read once per round), so
 * the counts do not depend on the machine: E6 (metrics.every 200) trained at a simulated 10 steps/s shows every
 * step, 10 live snapshots per simulated second, while its record keeps the preset's cadence; a fast run keeps
 * hundreds of loss points on screen from the loss trails.
 */
class LiveCadenceTest {
    private static final Path PRESETS = Path.of("presets");

    private static List<SessionSnapshot> train(String file, List<String> sets, long nanosPerRound, List<RunCapture> out)
            throws Exception {
        Preset preset = PresetLoader.load(PRESETS.resolve(file), sets);
        AtomicLong clock = new AtomicLong();
        List<SessionSnapshot> shown = new CopyOnWriteArrayList<>();
        CompletableFuture<RunCapture> ended = new CompletableFuture<>();
        try (TrainingSession session = new TrainingSession(
                Runnable::run, shown::addAll, EjmlLinAlg::new, () -> clock.addAndGet(nanosPerRound))) {
            session.onRunEnded(ended::complete);
            session.start(preset.toExperiment(), PRESETS, true);
            out.add(ended.get(120, TimeUnit.SECONDS));
        }
        return shown;
    }

    @Test
    void e6AtTenStepsPerSecondShowsTenLiveSnapshotsPerSecondAndRecordsItsCadence() throws Exception {
        List<RunCapture> captured = new ArrayList<>();
        List<SessionSnapshot> shown =
                train("e6-equivalent-trajectory.json", List.of("training.steps=400"), 100_000_000L, captured);
        for (String variant : List.of("wide", "compressed")) {
            TreeSet<Long> steps = new TreeSet<>();
            for (SessionSnapshot s : shown) {
                if (s.variant().equals(variant)) {
                    steps.add(s.step());
                }
            }
            for (int second = 0; second < 40; second++) {
                int n = steps.subSet(second * 10L + 1, true, second * 10L + 10, true)
                        .size();
                assertEquals(10, n, variant + ": live snapshots in simulated second " + second);
            }
            assertEquals(
                    List.of(0L, 200L, 400L),
                    captured.get(0).recorded().get(variant).stream()
                            .map(StepSnapshot::step)
                            .toList(),
                    "the record keeps the preset's cadence (every 200 steps and the end)");
        }
        assertTrue(shown.stream().anyMatch(SessionSnapshot::partial)
                || shown.stream().noneMatch(s -> s.partial()));
    }

    @Test
    void aFastRunKeepsHundredsOfLossPointsOnScreen() throws Exception {
        // up to 3000 steps at a simulated 10,000 steps/s: about ten published rounds, each with a trail.
        List<RunCapture> captured = new ArrayList<>();
        List<SessionSnapshot> shown =
                train("e8-progressive-separation.json", List.of("training.steps=3000"), 100_000L, captured);
        long rounds = shown.stream().map(SessionSnapshot::step).distinct().count();
        assertTrue(rounds < 30, "few rounds were shown: " + rounds);
        RunViewModel model = new RunViewModel();
        model.accept(shown);
        String variant = shown.get(0).variant();
        int points = model.figures().loss.points(variant);
        assertTrue(points >= 500, "loss points on screen: " + points);
        List<StepSnapshot> record = captured.get(0).recorded().get(variant);
        long last = record.get(record.size() - 1).step();
        assertTrue(last > 1000, "trained well beyond the 512 points of one trail: " + last);
        assertEquals(last, model.stepProperty().get());
    }
}
