package org.parsimonylab.checkpoints;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.ejml.data.DMatrixRMaj;
import org.parsimonylab.cli.Main;
import org.parsimonylab.export.Npy;

/**
 * The repo's own deep linear network (presets/e1-law-of-parsimony.json: 3 layers of 30×30) trained by {@code run} for
 * a few steps with a checkpoint at every step, as a run folder; its weights are what the format tests rewrite as
 * safetensors, .npz and .npy.
 */
final class TrainedWeights {
    private TrainedWeights() {}

    /** One step's weights W1…W3. */
    record Step(long step, List<DMatrixRMaj> weights) {}

    /** Runs e1 for {@code steps} steps into {@code runDir} (checkpoint every step) and returns the exit code's output. */
    static Path run(Path runDir, int steps) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(
                new String[] {
                    "run",
                    "presets/e1-law-of-parsimony.json",
                    "--out",
                    runDir.toString(),
                    "--set",
                    "training.steps=" + steps,
                    "--checkpoint-every",
                    "1"
                },
                new PrintWriter(out, true),
                new PrintWriter(err, true));
        if (code != 0) {
            throw new IllegalStateException("run failed: " + err);
        }
        return runDir.resolve("weights").resolve("main");
    }

    /** The steps of a run's weights folder, ascending. */
    static List<Step> read(Path weights) throws IOException {
        List<Step> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(weights)) {
            for (Path dir : s.sorted().toList()) {
                List<DMatrixRMaj> w = new ArrayList<>();
                for (int l = 1; Files.exists(dir.resolve("W" + l + ".npy")); l++) {
                    w.add(Npy.read(dir.resolve("W" + l + ".npy")).toMatrix());
                }
                out.add(new Step(StepNames.fromName(dir.getFileName().toString()), w));
            }
        }
        return out;
    }
}
