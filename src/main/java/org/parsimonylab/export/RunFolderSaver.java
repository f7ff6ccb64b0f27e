package org.parsimonylab.export;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.parsimonylab.metrics.StepSnapshot;
import org.parsimonylab.session.ExperimentSpec;
import org.parsimonylab.session.RunCapture;
import org.parsimonylab.session.WeightCheckpoint;

/**
 * Writes the app's current run as a run folder (DESIGN.md §5, layout 1), the same files {@code run} writes: the
 * resolved preset (live changes in its learning-rate schedule), the data, exactly the recorded metrics of every
 * variant ({@code run}'s steps, so that metrics.csv equals {@code run}'s byte for byte), events.csv and the weights
 * the capture holds (step 0 and the step the run had reached). Atomic like every run folder: complete or absent.
 */
public final class RunFolderSaver {
    /** The events file of a run folder. */
    public static final String EVENTS = "events.csv";

    /** Its header line. */
    public static final String EVENTS_HEADER = "step,variant,field,value";

    private RunFolderSaver() {}

    /**
     * Writes {@code out} (a new or empty folder) from {@code capture}, with {@code presetJson} (the resolved preset of
     * {@code capture.experiment()}) as preset.json, and returns it.
     */
    public static Path save(Path out, String presetJson, String title, RunCapture capture, List<String> metricDocs)
            throws IOException {
        if (capture.data() == null) {
            throw new IOException("cannot save the run: it has no data (it failed before training)");
        }
        try (RunFolderWriter writer = RunFolderWriter.create(out)) {
            writer.writePreset(presetJson);
            writer.writeData(capture.data());
            writer.writeBatchOrder(capture.experiment(), capture.data(), 0);
            for (Map.Entry<String, List<StepSnapshot>> e : capture.recorded().entrySet()) {
                for (StepSnapshot s : e.getValue()) {
                    writer.appendMetrics(e.getKey(), s);
                }
            }
            for (var e : capture.checkpoints().entrySet()) {
                for (WeightCheckpoint c : e.getValue()) {
                    writer.writeWeights(e.getKey(), c.step(), c.weights());
                }
            }
            writeEvents(writer, capture.experiment());
            writer.writeReadme(title, metricDocs);
            return writer.commit();
        }
    }

    /**
     * Writes events.csv into {@code writer}'s folder: {@code step,variant,field,value}, one row per change of a
     * training field during the run (each entry of a variant's {@code training.learningRateSchedule}, live changes in
     * the app included), in variant then step order; only the header when there are none. {@code run} and "Save run"
     * both write it, so the two folders of one run agree.
     */
    public static void writeEvents(RunFolderWriter writer, ExperimentSpec experiment) throws IOException {
        StringBuilder sb = new StringBuilder(EVENTS_HEADER).append('\n');
        for (RunCapture.Event e : RunCapture.events(experiment)) {
            sb.append(e.step())
                    .append(',')
                    .append(MetricsCsv.field(e.variant()))
                    .append(',')
                    .append(MetricsCsv.field(e.field()))
                    .append(',')
                    .append(MetricsCsv.format(e.value()))
                    .append('\n');
        }
        Path file = writer.temporaryDirectory().resolve(EVENTS);
        try {
            Files.writeString(file, sb.toString(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw IoMessages.failure("write", file, e);
        }
    }
}
