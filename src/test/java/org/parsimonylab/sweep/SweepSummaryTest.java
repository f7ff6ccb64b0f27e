package org.parsimonylab.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parsimonylab.export.MetricsCsv;
import org.parsimonylab.preset.PresetLoader;
import org.parsimonylab.preset.PresetWriter;

/** The summary's outcome columns from a run folder: last step, steps to tolerance, final metrics, times, status. */
class SweepSummaryTest {
    @TempDir
    Path tmp;

    @Test
    void outcomesComeFromTheRunFolder() throws IOException {
        Path preset = Path.of("presets/e1-law-of-parsimony.json");
        SweepPlan plan = SweepPlan.build(
                preset,
                List.of("training.lossTolerance=1e-3"),
                List.of(GridAxis.parse("network.depth=2,3")),
                0,
                false,
                0,
                "auto");
        SweepFolder folder = new SweepFolder(tmp.resolve("s"));
        folder.writePlan(plan);
        // r0000: done, reached the tolerance at step 40 (loss 5e-4 < 1e-3); r0001: failed.
        SweepPoint done = plan.points().get(0);
        Path run = folder.runFolder(done);
        Files.createDirectories(run);
        Files.writeString(run.resolve("preset.json"), PresetWriter.toJson(PresetLoader.load(preset, done.overrides())));
        String h = MetricsCsv.HEADER + "\n";
        Files.writeString(
                run.resolve("metrics.csv"),
                h + "0,main,loss,,,0.5\n0,main,recovery-error,,,0.25\n0,main,sv,1,0,3.0\n"
                        + "40,main,loss,,,5.0E-4\n40,main,sv,1,0,1.5\n");
        Files.writeString(run.resolve("timings.csv"), h + "0,main,wall-seconds,,,0.0\n40,main,wall-seconds,,,1.25\n");
        new RunStatus(RunStatus.State.DONE, 0, 3.5, Files.size(run.resolve("metrics.csv")), "vm", "", "", "")
                .write(folder.statusFile(done));
        new RunStatus(RunStatus.State.FAILED, 2, 0.5, -1, "vm", "", "", "error: x")
                .write(folder.statusFile(plan.points().get(1)));

        SweepSummary s = SweepSummary.build(folder, plan);
        assertEquals(
                List.of(
                        "run",
                        "trial",
                        "variant",
                        "network.depth",
                        "status",
                        "steps",
                        "steps-to-tolerance",
                        "wall-seconds",
                        "run-seconds",
                        "loss",
                        "recovery-error",
                        "folder"),
                s.columns());
        Map<String, String> r0 = s.rows().get(0);
        assertEquals("main", r0.get("variant"));
        assertEquals("2", r0.get("network.depth"));
        assertEquals("done", r0.get("status"));
        assertEquals("40", r0.get("steps"));
        assertEquals("40", r0.get("steps-to-tolerance"));
        assertEquals("5.0E-4", r0.get("loss"));
        assertEquals("0.25", r0.get("recovery-error"), "the last value a metric has, even if not at the last step");
        assertEquals("1.25", r0.get("wall-seconds"));
        assertEquals("3.5", r0.get("run-seconds"));
        Map<String, String> r1 = s.rows().get(1);
        assertEquals("failed", r1.get("status"));
        assertEquals("", r1.get("loss"));

        // Round trip through the file; a truncated metrics.csv makes the run incomplete.
        s.write(folder.summaryFile());
        assertEquals(s, SweepSummary.read(folder.summaryFile()));
        Files.writeString(run.resolve("metrics.csv"), h);
        assertEquals(
                "incomplete", SweepSummary.build(folder, plan).rows().get(0).get("status"));
    }
}
