package org.parsimonylab.sweep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.parsimonylab.sweep.SweepCli.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parsimonylab.export.MetricsCsv;

/**
 * A real local sweep of a shipped preset: 2 depths × 2 trials, each run the `run` command in a child JVM of this
 * test's classpath (as many at a time as the machine has cores); every run folder's metrics.csv is byte-identical to a direct `run` with the same --set list, the
 * summary has one row per run with the run's final loss, and re-running skips finished runs and redoes a deleted and
 * a partial one.
 */
class SweepLocalTest {
    @TempDir
    Path tmp;

    private static final String[] SWEEP = {
        "presets/e1-law-of-parsimony.json",
        "--steps",
        "3",
        "--grid",
        "network.depth=2,3",
        "--trials",
        "2",
        "--threads",
        "1"
    };

    private String[] sweepInto(Path out) {
        List<String> args = new ArrayList<>(List.of("sweep"));
        args.addAll(List.of(SWEEP));
        args.add("--out");
        args.add(out.toString());
        return args.toArray(String[]::new);
    }

    @Test
    void localSweepMatchesDirectRunsAndResumes() throws IOException {
        Path out = tmp.resolve("sweep");
        SweepCli.Result r = cli(sweepInto(out));
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("[4/4]"), r.err());
        SweepFolder folder = new SweepFolder(out);
        SweepPlan plan = folder.plan();
        assertEquals(4, plan.points().size());

        // Each point is exactly what `run` writes for its overrides.
        for (SweepPoint p : plan.points()) {
            Path direct = tmp.resolve("direct-" + p.id());
            List<String> args = new ArrayList<>(
                    List.of("run", "presets/e1-law-of-parsimony.json", "--out", direct.toString(), "--steps", "3"));
            for (String s : p.overrides()) {
                args.add("--set");
                args.add(s);
            }
            SweepCli.Result d = cli(args.toArray(String[]::new));
            assertEquals(0, d.code(), d.err());
            assertArrayEquals(
                    Files.readAllBytes(direct.resolve("metrics.csv")),
                    Files.readAllBytes(folder.runFolder(p).resolve("metrics.csv")),
                    p.id() + " " + p.overrides());
            assertArrayEquals(
                    Files.readAllBytes(direct.resolve("preset.json")),
                    Files.readAllBytes(folder.runFolder(p).resolve("preset.json")),
                    p.id());
        }
        // Trials differ (a fresh init each), the two depths differ.
        assertFalse(java.util.Arrays.equals(
                Files.readAllBytes(folder.runFolder(plan.points().get(0)).resolve("metrics.csv")),
                Files.readAllBytes(folder.runFolder(plan.points().get(1)).resolve("metrics.csv"))));

        // summary.csv: one row per run, with its values, trial, status, steps and final loss.
        SweepSummary summary = SweepSummary.read(folder.summaryFile());
        assertEquals(List.of("network.depth"), summary.axes());
        assertEquals(4, summary.rows().size());
        for (int i = 0; i < 4; i++) {
            Map<String, String> row = summary.rows().get(i);
            SweepPoint p = plan.points().get(i);
            assertEquals(p.id(), row.get("run"));
            assertEquals(Integer.toString(p.trial()), row.get("trial"));
            assertEquals(p.values().get("network.depth"), row.get("network.depth"));
            assertEquals("done", row.get("status"));
            assertEquals("3", row.get("steps"));
            assertEquals(lastLoss(folder.runFolder(p).resolve("metrics.csv")), SweepSummary.value(row, "loss"));
            assertTrue(SweepSummary.value(row, "run-seconds") > 0);
        }

        // Resume: r0000 finished (untouched), r0001 deleted, r0002 interrupted mid-way (status running, partial
        // folder beside it, no final folder).
        SweepPoint kept = plan.points().get(0);
        SweepPoint deleted = plan.points().get(1);
        SweepPoint partial = plan.points().get(2);
        Path keptMetrics = folder.runFolder(kept).resolve("metrics.csv");
        FileTime keptTime = FileTime.fromMillis(1_000_000_000_000L);
        Files.setLastModifiedTime(keptMetrics, keptTime);
        byte[] deletedBytes = Files.readAllBytes(folder.runFolder(deleted).resolve("metrics.csv"));
        byte[] partialBytes = Files.readAllBytes(folder.runFolder(partial).resolve("metrics.csv"));
        SweepFolder.deleteTree(folder.runFolder(deleted));
        SweepFolder.deleteTree(folder.runFolder(partial));
        Path leftover = out.resolve("runs").resolve("." + partial.id() + ".partial-1234");
        Files.createDirectories(leftover);
        Files.writeString(leftover.resolve("metrics.csv"), MetricsCsv.HEADER + "\n0,main,loss,,,1.0\n");
        new RunStatus(RunStatus.State.RUNNING, -1, Double.NaN, -1, "vm", "", "", "").write(folder.statusFile(partial));

        SweepCli.Result again = cli(sweepInto(out));
        assertEquals(0, again.code(), again.err());
        assertTrue(again.err().contains("4 runs, 2 finished before, 2 to run"), again.err());
        assertTrue(again.err().contains(deleted.id() + " done") && again.err().contains(partial.id() + " done"));
        assertFalse(again.err().contains(kept.id()), again.err());
        assertEquals(keptTime, Files.getLastModifiedTime(keptMetrics), "a finished run is not redone");
        assertArrayEquals(
                deletedBytes, Files.readAllBytes(folder.runFolder(deleted).resolve("metrics.csv")));
        assertArrayEquals(
                partialBytes, Files.readAllBytes(folder.runFolder(partial).resolve("metrics.csv")));
        assertFalse(Files.exists(leftover), "the partial folder of the interrupted attempt is removed");
        assertEquals(4, SweepSummary.read(folder.summaryFile()).doneRows().size());

        // Another sweep into the same folder is refused, naming the folder.
        List<String> other = new ArrayList<>(List.of(sweepInto(out)));
        other.set(other.indexOf("network.depth=2,3"), "network.depth=2,4");
        SweepCli.Result refused = cli(other.toArray(String[]::new));
        assertEquals(2, refused.code());
        assertTrue(refused.err().contains("holds another sweep"), refused.err());
    }

    private static double lastLoss(Path metrics) throws IOException {
        double loss = Double.NaN;
        long step = -1;
        for (MetricsCsv.Row row : MetricsCsv.read(metrics)) {
            if (row.metric().equals("loss") && row.step() >= step) {
                step = row.step();
                loss = row.value();
            }
        }
        return loss;
    }
}
