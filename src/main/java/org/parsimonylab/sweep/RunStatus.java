package org.parsimonylab.sweep;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.parsimonylab.export.AtomicFiles;

/**
 * The state of one run of a sweep, kept in {@code status/<id>.txt} as {@code key=value} lines and replaced atomically,
 * so that local workers, Slurm tasks on other nodes and {@code sweep status} agree through the shared folder.
 *
 * @param state what the run is doing
 * @param exitCode the exit code of {@code run}, or -1 while running / when unknown
 * @param seconds wall time of the {@code run} process, or NaN while running
 * @param metricsBytes size of the run's metrics.csv when done (a later, different size means the folder was touched)
 * @param host the machine that ran it
 * @param startedAt ISO-8601 start time
 * @param slurmJob the Slurm job and array task ({@code 1234_7}), or "" when run locally
 * @param message one line: the run's last error line when failed
 */
public record RunStatus(
        State state,
        int exitCode,
        double seconds,
        long metricsBytes,
        String host,
        String startedAt,
        String slurmJob,
        String message) {

    /** What a run is doing, as far as its status file tells. */
    public enum State {
        /** No status file: never started (or its status was removed). */
        PENDING,
        /** Started and not finished (or its process died without a word: see {@code sweep status}). */
        RUNNING,
        /** Finished with exit code 0 and a metrics.csv. */
        DONE,
        /** Finished with a non-zero exit code or without metrics.csv. */
        FAILED,
        /** Stopped by Ctrl-C, a kill or the Slurm time limit; redone by the next run of the sweep. */
        INTERRUPTED;

        /** Lower-case name used in files and tables. */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** The status of a run that never started. */
    public static final RunStatus PENDING = new RunStatus(State.PENDING, -1, Double.NaN, -1, "", "", "", "");

    public RunStatus {
        message = message == null ? "" : message.replaceAll("[\\r\\n]+", " ").strip();
    }

    /** Writes this status to {@code file} atomically. */
    public void write(Path file) throws IOException {
        StringBuilder sb = new StringBuilder();
        sb.append("state=").append(state.label()).append('\n');
        sb.append("exitCode=").append(exitCode).append('\n');
        sb.append("seconds=").append(seconds).append('\n');
        sb.append("metricsBytes=").append(metricsBytes).append('\n');
        sb.append("host=").append(host).append('\n');
        sb.append("startedAt=").append(startedAt).append('\n');
        sb.append("slurmJob=").append(slurmJob).append('\n');
        sb.append("message=").append(message).append('\n');
        AtomicFiles.directory(file.toAbsolutePath().getParent());
        AtomicFiles.write(file, sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Reads a status file; a missing file is {@link #PENDING}, an unreadable one an IOException naming it. */
    public static RunStatus read(Path file) throws IOException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return PENDING;
        }
        Map<String, String> kv = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                kv.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        try {
            return new RunStatus(
                    State.valueOf(kv.getOrDefault("state", "").toUpperCase(java.util.Locale.ROOT)),
                    Integer.parseInt(kv.getOrDefault("exitCode", "-1")),
                    Double.parseDouble(kv.getOrDefault("seconds", "NaN")),
                    Long.parseLong(kv.getOrDefault("metricsBytes", "-1")),
                    kv.getOrDefault("host", ""),
                    kv.getOrDefault("startedAt", ""),
                    kv.getOrDefault("slurmJob", ""),
                    kv.getOrDefault("message", ""));
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": malformed run status (" + e.getMessage() + ")", e);
        }
    }
}
