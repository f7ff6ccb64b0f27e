package org.parsimonylab.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.parsimonylab.engine.data.Dataset;
import org.parsimonylab.engine.linalg.EjmlLinAlg;
import org.parsimonylab.engine.train.LearningRateChange;
import org.parsimonylab.engine.train.ModelFactory;
import org.parsimonylab.engine.train.TrainingSpec;
import org.parsimonylab.metrics.MetricSeries;
import org.parsimonylab.metrics.StepSnapshot;
import org.parsimonylab.preset.Preset;
import org.parsimonylab.preset.PresetException;
import org.parsimonylab.preset.PresetLoader;
import org.parsimonylab.preset.PresetWriter;

/**
 * {@code training.learningRateSchedule}: loaded and checked like any field, written back by the preset writer,
 * applied by the trainer from its step on, and integrated by the ρ(t) overlay with the η in force at each update.
 */
class LearningRateScheduleTest {
    private static final String SCHEDULE =
            "training.learningRateSchedule=[{\"step\": 6, \"learningRate\": 0.5}, {\"step\": 11, \"learningRate\": 2}]";

    private static Preset e1(String... sets) {
        List<String> all = new ArrayList<>(List.of("training.steps=15", "metrics.every=1"));
        all.addAll(List.of(sets));
        return PresetLoader.load(Path.of("presets/e1-law-of-parsimony.json"), all);
    }

    private static List<StepSnapshot> run(Preset p) {
        List<StepSnapshot> out = new ArrayList<>();
        Dataset[] data = new Dataset[1];
        new ExperimentRun(p.toExperiment(), new EjmlLinAlg())
                .run(
                        new RunListener() {
                            @Override
                            public void data(Dataset d) {
                                data[0] = d;
                            }

                            @Override
                            public void snapshot(String variant, StepSnapshot snapshot) {
                                out.add(snapshot);
                            }
                        },
                        0,
                        0);
        return out;
    }

    private static double rho(StepSnapshot s) {
        for (MetricSeries m : s.series()) {
            if (m.name().equals("rho-predicted")) {
                return m.values()[0];
            }
        }
        throw new AssertionError("no rho-predicted at step " + s.step());
    }

    @Test
    void theScheduleLoadsRoundTripsAndReachesTheTrainingSpec() {
        Preset p = e1(SCHEDULE);
        TrainingSpec t = p.toExperiment().variants().get(0).training();
        assertEquals(
                List.of(new LearningRateChange(6, 0.5), new LearningRateChange(11, 2.0)), t.learningRateSchedule());
        assertEquals(1.0, t.learningRateAt(5));
        assertEquals(0.5, t.learningRateAt(6));
        assertEquals(0.5, t.learningRateAt(10));
        assertEquals(2.0, t.learningRateAt(11));
        assertEquals(p, PresetLoader.parse(PresetWriter.toJson(p), "written", List.of()));
        assertEquals(List.of(), e1().training().learningRateSchedule(), "empty by default");
    }

    @Test
    void badSchedulesAreRejectedNamingTheField() {
        PresetException notIncreasing = assertThrows(
                PresetException.class,
                () -> e1(
                        "training.learningRateSchedule=[{\"step\": 5, \"learningRate\": 1}, {\"step\": 5, \"learningRate\": 2}]"));
        assertTrue(
                notIncreasing.getMessage().contains("learningRateSchedule.1.step must be greater"),
                notIncreasing.getMessage());
        PresetException negative = assertThrows(
                PresetException.class, () -> e1("training.learningRateSchedule=[{\"step\": 5, \"learningRate\": -1}]"));
        assertTrue(negative.getMessage().contains("learningRate"), negative.getMessage());
        PresetException unknown = assertThrows(
                PresetException.class, () -> e1("training.learningRateSchedule=[{\"step\": 5, \"eta\": 1}]"));
        assertTrue(unknown.getMessage().contains("eta"), unknown.getMessage());
    }

    @Test
    void theTrainerAppliesTheScheduleFromItsStepOnAndRhoFollowsIt() {
        Preset plain = e1();
        Preset scheduled = e1(SCHEDULE);
        List<StepSnapshot> a = run(plain);
        List<StepSnapshot> b = run(scheduled);
        for (int t = 0; t <= 6; t++) {
            assertEquals(a.get(t).loss(), b.get(t).loss(), "W(" + t + ") comes from updates before step 6");
        }
        assertNotEquals(a.get(7).loss(), b.get(7).loss(), "update 6 uses η = 0.5");

        // ρ(t+1) = (1 − η(t)·c·ρ(t)^{2(L−1)})·ρ(t) with the η in force at update t (docs/science.md §1.5).
        TrainingSpec training = scheduled.toExperiment().variants().get(0).training();
        Dataset data = new ExperimentRun(scheduled.toExperiment(), new EjmlLinAlg()).data();
        double c = ModelFactory.lossScale(training.loss(), data);
        int depth = scheduled.network().depth();
        double rho = scheduled.network().init().scale();
        for (int t = 0; t <= 15; t++) {
            assertEquals(rho, rho(b.get(t)), 0.0, "rho-predicted at step " + t);
            rho = (1.0 - training.learningRateAt(t) * c * Math.pow(rho, 2 * (depth - 1))) * rho;
        }
        assertNotEquals(rho(a.get(15)), rho(b.get(15)));
    }
}
