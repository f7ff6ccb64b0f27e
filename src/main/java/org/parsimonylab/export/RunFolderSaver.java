package org.parsimonylab.export;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.parsimonylab.metrics.StepSnapshot;
import org.parsimonylab.session.RunCapture;
import org.parsimonylab.session.RunHistory;
import org.parsimonylab.session.WeightCheckpoint;

/**
 * Writes the app's current run as a run folder (DESIGN.md §5, layout 1), the same files {@code run} writes: the
 * resolved preset, the data, the recorded metrics of every variant and the weights the capture holds (step 0 and the
 * step the run had reached). Atomic like every run folder: complete or absent.
 */
public final class RunFolderSaver {
    private RunFolderSaver() {}

    /** Writes {@code out} (a new or empty folder) and returns it. */
    public static Path save(
            Path out, String presetJson, String title, RunHistory history, RunCapture capture, List<String> metricDocs)
            throws IOException {
        if (capture.data() == null) {
            throw new IOException("cannot save the run: it has no data (it failed before training)");
        }
        try (RunFolderWriter writer = RunFolderWriter.create(out)) {
            writer.writePreset(presetJson);
            writer.writeData(capture.data());
            writer.writeBatchOrder(capture.experiment(), capture.data(), 0);
            for (String variant : history.variants()) {
                for (StepSnapshot s : history.snapshots(variant)) {
                    writer.appendMetrics(variant, s);
                }
            }
            for (var e : capture.checkpoints().entrySet()) {
                for (WeightCheckpoint c : e.getValue()) {
                    writer.writeWeights(e.getKey(), c.step(), c.weights());
                }
            }
            writer.writeReadme(title, metricDocs);
            return writer.commit();
        }
    }
}
