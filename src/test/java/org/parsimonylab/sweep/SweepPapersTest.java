package org.parsimonylab.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parsimonylab.chart.NamedFigure;
import org.parsimonylab.chart.SweepFigures;
import org.parsimonylab.chart.SweepLinesFigure;
import org.parsimonylab.engine.net.CompressionKind;
import org.parsimonylab.export.MetricsCsv;
import org.parsimonylab.preset.PresetLoader;
import org.parsimonylab.preset.PresetWriter;
import org.parsimonylab.session.VariantSpec;

/**
 * The papers' sweeps as {@code sweep} commands (docs/sweeps.md): E4 (width × depth × 5 trials) and E5 (r̂ × compressed
 * / narrow × 5 trials) plan the paper's runs, and their summaries give the paper's figures (one line per depth or
 * network kind); {@code figures DIR} on a sweep folder writes the same files as {@code sweep figures}.
 */
class SweepPapersTest {
    static final Path E4 = Path.of("presets/e4-depth-width.json");
    static final Path E5 = Path.of("presets/e5-compressed-vs-narrow.json");

    /** The --set of docs/sweeps.md's E4 command: one variant per depth, the depth-2 one with its learning rate. */
    static final String E4_VARIANTS = "variants=[{\"name\":\"depth-3\"},"
            + "{\"name\":\"depth-2\",\"network\":{\"depth\":2},\"training\":{\"learningRate\":100}}]";

    /** The --set of docs/sweeps.md's E5 command: the compressed and the narrow network of width 2 r̂. */
    static final String E5_VARIANTS = "variants=[{\"name\":\"compressed\",\"network\":{\"compression\":{\"kind\":"
            + "\"parsimony\"}},\"training\":{\"outerLearningRateScale\":0.01}},"
            + "{\"name\":\"narrow\",\"network\":{\"compression\":{\"kind\":\"narrow\"}}}]";

    @TempDir
    Path tmp;

    private static VariantSpec spec(Path preset, SweepPoint p) {
        List<VariantSpec> v =
                PresetLoader.load(preset, p.overrides()).toExperiment().variants();
        assertEquals(1, v.size(), "each point trains one network");
        return v.get(0);
    }

    /** The --set of docs/sweeps.md's E9 and E11 commands: the deep linear network and the ReLU MLP. */
    static final String LINEAR_RELU_VARIANTS =
            "variants=[{\"name\":\"linear\"},{\"name\":\"relu\",\"network\":{\"kind\":\"mlp\",\"activation\":\"relu\"}}]";

    @Test
    void e9To11PlanTheirSeparationGridsAsSweeps() throws IOException {
        // E9: depth x network kind, 3 trials.
        Path e9 = Path.of("presets/e9-separation-grid.json");
        SweepPlan grid = SweepPlan.build(
                e9, List.of(LINEAR_RELU_VARIANTS), List.of(GridAxis.parse("network.depth=6,8,10")), 3, true, 0, "auto");
        assertEquals(18, grid.points().size(), "3 depths × 2 kinds × 3 trials");
        java.util.Set<String> seen = new java.util.TreeSet<>();
        for (SweepPoint p : grid.points()) {
            VariantSpec v = spec(e9, p);
            assertEquals(
                    p.variant().equals("relu") ? "mlp" : "linear",
                    v.network().kind().label());
            if (p.variant().equals("relu")) {
                assertEquals("relu", v.network().activation().label());
            }
            assertEquals(0.5, v.network().init().scale());
            seen.add(p.variant() + "-L" + v.network().depth() + "-t"
                    + v.network().init().seedOffset());
        }
        assertEquals(18, seen.size(), "every (kind, depth, trial) once");
        // E10: the init scale.
        Path e10 = Path.of("presets/e10-separation-init-scale.json");
        SweepPlan scales = SweepPlan.build(
                e10,
                List.of("variants=[{\"name\":\"linear\"}]"),
                List.of(GridAxis.parse("network.init.scale=0.5,0.25,0.125")),
                3,
                true,
                0,
                "auto");
        assertEquals(9, scales.points().size());
        assertEquals(0.125, spec(e10, scales.points().get(8)).network().init().scale());
        // E11: the init kind x network kind.
        Path e11 = Path.of("presets/e11-separation-init-type.json");
        SweepPlan kinds = SweepPlan.build(
                e11,
                List.of(LINEAR_RELU_VARIANTS),
                List.of(GridAxis.parse("network.init.kind=orthogonal,gaussian,uniform")),
                3,
                true,
                0,
                "auto");
        assertEquals(18, kinds.points().size());
        java.util.Set<String> inits = new java.util.TreeSet<>();
        for (SweepPoint p : kinds.points()) {
            inits.add(spec(e11, p).network().init().kind().label());
        }
        assertEquals(java.util.Set.of("gaussian", "orthogonal", "uniform"), inits);
    }

    @Test
    void e4PlansThePapersHundredRuns() throws IOException {
        SweepPlan plan = SweepPlan.build(
                E4, List.of(E4_VARIANTS), List.of(GridAxis.parse("network.width=10:100:step10")), 5, true, 0, "auto");
        assertEquals(100, plan.points().size(), "10 widths × 2 depths × 5 trials");
        SweepPoint first = plan.points().get(0);
        assertEquals("depth-3", first.variant());
        VariantSpec d3 = spec(E4, first);
        assertEquals(3, d3.network().depth());
        assertEquals(10, d3.network().width());
        assertEquals(300.0, d3.training().learningRate());
        assertEquals(60000, d3.training().steps());
        SweepPoint last = plan.points().get(99);
        VariantSpec d2 = spec(E4, last);
        assertEquals("depth-2", last.variant());
        assertEquals(2, d2.network().depth());
        assertEquals(100, d2.network().width());
        assertEquals(100.0, d2.training().learningRate());
        assertEquals(4, d2.network().init().seedOffset());
    }

    @Test
    void e5PlansCompressedAndNarrowPerRankEstimate() throws IOException {
        SweepPlan plan = SweepPlan.build(
                E5,
                List.of(E5_VARIANTS),
                List.of(GridAxis.parse("network.compression.rank=5:20:step3")),
                5,
                true,
                0,
                "auto");
        assertEquals(60, plan.points().size(), "6 rank estimates × 2 kinds × 5 trials");
        VariantSpec c = spec(E5, plan.points().get(0));
        assertEquals(CompressionKind.PARSIMONY, c.network().compression().kind());
        assertEquals(5, c.network().compression().rank());
        assertEquals(0.01, c.training().outerLearningRateScale());
        VariantSpec n = spec(E5, plan.points().get(59));
        assertEquals(CompressionKind.NARROW, n.network().compression().kind());
        assertEquals(20, n.network().compression().rank());
        assertEquals(1.0, n.training().outerLearningRateScale());
        assertEquals(4, n.network().init().seedOffset());
    }

    /** Writes a finished run of {@code p} that stopped at {@code steps} with the given recovery error. */
    private static void finish(SweepFolder folder, SweepPoint p, long steps, double recovery) throws IOException {
        Path run = folder.runFolder(p);
        Files.createDirectories(run);
        Files.writeString(run.resolve("preset.json"), PresetWriter.toJson(PresetLoader.load(E4, p.overrides())));
        String variant = p.variant();
        Files.writeString(
                run.resolve("metrics.csv"),
                MetricsCsv.HEADER + "\n0," + variant + ",loss,,,1.0\n" + steps + "," + variant + ",loss,,,5e-11\n"
                        + steps + "," + variant + ",recovery-error,,," + recovery + "\n");
        new RunStatus(RunStatus.State.DONE, 0, 1.0, Files.size(run.resolve("metrics.csv")), "vm", "", "", "")
                .write(folder.statusFile(p));
    }

    /** A small E4 sweep (widths 10, 20; 2 trials) with hand-written outcomes. */
    private SweepFolder e4Folder() throws IOException {
        SweepPlan plan = SweepPlan.build(
                E4, List.of(E4_VARIANTS), List.of(GridAxis.parse("network.width=10,20")), 2, true, 0, "auto");
        SweepFolder folder = new SweepFolder(tmp.resolve("e4"));
        folder.writePlan(plan);
        // Order: width × variant × trial. depth-3 stops earlier when wider; depth-2 has the larger error.
        long[] steps = {41000, 42000, 60000, 60000, 30000, 31000, 60000, 60000};
        double[] error = {1e-9, 3e-9, 2e-4, 4e-4, 2e-9, 2e-9, 6e-4, 8e-4};
        for (int i = 0; i < 8; i++) {
            finish(folder, plan.points().get(i), steps[i], error[i]);
        }
        return folder;
    }

    @Test
    void e4SummaryGivesOneLinePerDepthOfErrorAndIterationsAgainstWidth() throws IOException {
        SweepFolder folder = e4Folder();
        SweepSummary s = SweepSummary.build(folder, folder.plan());
        assertEquals("41000", s.rows().get(0).get("steps-to-tolerance"), "loss 5e-11 < tolerance 1e-10");
        List<NamedFigure> error = SweepFigures.build(s, "recovery-error", "", "");
        assertEquals(1, error.size(), "one swept field: one figure, no heat map");
        SweepLinesFigure f = (SweepLinesFigure) error.get(0).figure();
        assertEquals(2, f.lines().size());
        assertEquals("variant=depth-3", f.lines().get(0).label());
        assertEquals("variant=depth-2", f.lines().get(1).label());
        assertEquals(2e-9, f.lines().get(0).cells().get(0).mean(), 1e-21);
        assertEquals(3e-4, f.lines().get(1).cells().get(0).mean(), 1e-16);
        assertEquals(7e-4, f.lines().get(1).cells().get(1).mean(), 1e-16);
        SweepLinesFigure it =
                (SweepLinesFigure) SweepFigures.build(s, "steps", "", "").get(0).figure();
        assertEquals(41500, it.lines().get(0).cells().get(0).mean(), 1e-9);
        assertEquals(30500, it.lines().get(0).cells().get(1).mean(), 1e-9);
        assertEquals(
                Math.sqrt(0.5 * 1000 * 1000 / 1),
                it.lines().get(0).cells().get(0).std(),
                1e-9);
    }

    @Test
    void figuresOnASweepFolderWritesTheSweepFigures() throws IOException {
        SweepFolder folder = e4Folder();
        Path byFigures = tmp.resolve("by-figures");
        SweepCli.Result r =
                SweepCli.cli("figures", folder.root().toString(), "--out", byFigures.toString(), "--format", "csv");
        assertEquals(0, r.code(), r.err());
        Path csv = byFigures.resolve("e4-depth-width-sweep-steps-to-tolerance-vs-width.csv");
        assertTrue(Files.isRegularFile(csv), r.out());
        Path bySweep = tmp.resolve("by-sweep");
        SweepCli.Result s = SweepCli.cli(
                "sweep",
                "figures",
                folder.root().toString(),
                "--out",
                bySweep.toString(),
                "--format",
                "csv",
                "--metric",
                "steps-to-tolerance,recovery-error");
        assertEquals(0, s.code(), s.err());
        assertEquals(Files.readString(csv), Files.readString(bySweep.resolve(csv.getFileName())));
        assertTrue(Files.isRegularFile(bySweep.resolve("e4-depth-width-sweep-recovery-error-vs-width.csv")), s.out());
        String text = Files.readString(csv);
        assertTrue(text.contains("41500"), text);
    }

    @Test
    void figuresOnAFolderThatIsNeitherNamesBoth() throws IOException {
        Path empty = Files.createDirectories(tmp.resolve("nothing"));
        SweepCli.Result r = SweepCli.cli(
                "figures", empty.toString(), "--out", tmp.resolve("o").toString());
        assertTrue(r.code() != 0, r.out());
        assertTrue(r.err().contains(empty.toString()) && r.err().contains("sweep folder"), r.err());
    }
}
