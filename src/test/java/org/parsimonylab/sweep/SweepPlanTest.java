package org.parsimonylab.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The plan: cartesian order, trial seed offsets, preset variants as points, checks, and plan.json round trip. */
class SweepPlanTest {
    private static final Path E1 = Path.of("presets/e1-law-of-parsimony.json");

    @TempDir
    Path tmp;

    @Test
    void productOfAxesWithTrialsInnermost() throws IOException {
        SweepPlan plan = SweepPlan.build(
                E1,
                List.of("training.steps=7"),
                List.of(GridAxis.parse("network.depth=2,3"), GridAxis.parse("network.width=20,30,40")),
                2,
                false,
                0,
                "ejml");
        assertEquals(12, plan.points().size());
        SweepPoint p = plan.points().get(7); // depth 3, width 20, trial 1
        assertEquals("r0007", p.id());
        assertEquals(1, p.trial());
        assertEquals(
                List.of("training.steps=7", "network.depth=3", "network.width=20", "network.init.seedOffset=1"),
                p.overrides());
        assertEquals(
                List.of(
                        "run",
                        E1.toAbsolutePath().normalize().toString(),
                        "--out",
                        tmp.resolve("r").toAbsolutePath().toString(),
                        "--backend",
                        "ejml",
                        "--set",
                        "training.steps=7",
                        "--set",
                        "network.depth=3",
                        "--set",
                        "network.width=20",
                        "--set",
                        "network.init.seedOffset=1"),
                plan.runArguments(p, tmp.resolve("r")));
    }

    @Test
    void planJsonRoundTrips() throws IOException {
        SweepPlan plan = SweepPlan.build(
                E1, List.of(), List.of(GridAxis.parse("training.learningRate=0.5:1:lin2")), 3, false, 5, "auto");
        SweepFolder folder = new SweepFolder(tmp.resolve("s"));
        folder.writePlan(plan);
        SweepPlan back = folder.plan();
        assertTrue(back.sameRuns(plan));
        assertEquals(plan, back);
    }

    @Test
    void presetVariantsBecomePointsOfTheirOwn() throws IOException {
        SweepPlan plan = SweepPlan.build(
                Path.of("presets/e5-compressed-vs-narrow.json"), List.of(), List.of(), 0, true, 0, "auto");
        assertTrue(plan.points().size() >= 2);
        for (SweepPoint p : plan.points()) {
            assertTrue(
                    p.overrides().get(0).startsWith("variants=[{\"name\":\"" + p.variant() + "\""),
                    p.overrides().toString());
        }
    }

    @Test
    void trialsThatChangeNothingAreRefused() {
        // E4's variants set network.init.seedOffset themselves, so a base seed offset would not change them.
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> SweepPlan.build(
                        Path.of("presets/e4-depth-width.json"), List.of(), List.of(), 2, false, 0, "auto"));
        assertTrue(e.getMessage().contains("would train the same networks"), e.getMessage());
    }

    @Test
    void badOverridesNameThePresetAndField() {
        Exception e = assertThrows(
                org.parsimonylab.preset.PresetException.class,
                () -> SweepPlan.build(E1, List.of(), List.of(GridAxis.parse("network.widht=3,4")), 0, false, 0, "x"));
        assertTrue(e.getMessage().contains("unknown key 'network.widht'"), e.getMessage());
    }

    @Test
    void changedPresetIsNoticed() throws IOException {
        Path preset = tmp.resolve("p.json");
        Files.copy(E1, preset);
        SweepPlan plan = SweepPlan.build(preset, List.of(), List.of(), 2, false, 0, "auto");
        plan.checkPresetUnchanged();
        Files.writeString(preset, Files.readString(preset).replace("\"seed\": 0", "\"seed\": 1"));
        Exception e = assertThrows(IllegalArgumentException.class, plan::checkPresetUnchanged);
        assertTrue(e.getMessage().contains("changed since the sweep was planned"), e.getMessage());
    }
}
