package org.parsimonylab.sweep;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.parsimonylab.export.AtomicFiles;
import org.parsimonylab.export.StagedFolder;

/**
 * The layout of a sweep folder: {@code plan.json}, {@code runs/<id>/} (each exactly the run folder {@code run} writes),
 * {@code logs/<id>.log} (the run's stdout and stderr), {@code status/<id>.txt} ({@link RunStatus}), {@code slurm/}
 * (job scripts, submitted job ids, Slurm's own task output) and {@code summary.csv}.
 */
public final class SweepFolder {
    /** The plan file name. */
    public static final String PLAN = "plan.json";

    /** The summary file name. */
    public static final String SUMMARY = "summary.csv";

    private final Path root;

    /** The sweep folder at {@code root} (made absolute). */
    public SweepFolder(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** The folder. */
    public Path root() {
        return root;
    }

    /** plan.json. */
    public Path planFile() {
        return root.resolve(PLAN);
    }

    /** summary.csv. */
    public Path summaryFile() {
        return root.resolve(SUMMARY);
    }

    /** The run folder of {@code p}. */
    public Path runFolder(SweepPoint p) {
        return root.resolve("runs").resolve(p.id());
    }

    /** The log of {@code p}'s run process. */
    public Path logFile(SweepPoint p) {
        return root.resolve("logs").resolve(p.id() + ".log");
    }

    /** The status file of {@code p}. */
    public Path statusFile(SweepPoint p) {
        return root.resolve("status").resolve(p.id() + ".txt");
    }

    /** The folder of Slurm scripts, job ids and Slurm task output. */
    public Path slurmFolder() {
        return root.resolve("slurm");
    }

    /** Whether the folder holds a plan. */
    public static boolean isSweepFolder(Path dir) {
        return Files.isRegularFile(dir.resolve(PLAN));
    }

    /** Reads the plan. */
    public SweepPlan plan() throws IOException {
        return SweepPlan.read(planFile());
    }

    /** Writes the plan (creating the folder). */
    public void writePlan(SweepPlan plan) throws IOException {
        AtomicFiles.directory(root);
        AtomicFiles.write(planFile(), plan.toJson().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** The status of {@code p}. */
    public RunStatus status(SweepPoint p) throws IOException {
        return RunStatus.read(statusFile(p));
    }

    /**
     * Whether {@code p} finished: its status says done and its metrics.csv is there with the size recorded then (a
     * deleted or truncated run folder is not finished).
     */
    public boolean isFinished(SweepPoint p) throws IOException {
        RunStatus s = status(p);
        if (s.state() != RunStatus.State.DONE) {
            return false;
        }
        Path metrics = runFolder(p).resolve("metrics.csv");
        return Files.isRegularFile(metrics) && Files.size(metrics) == s.metricsBytes();
    }

    /**
     * Clears what an earlier, unfinished attempt of {@code p} left: its run folder and the hidden partial folders
     * {@code run} writes beside it ({@code .<id>.partial-*}), so that {@code run} starts in an empty place.
     */
    public void clearAttempt(SweepPoint p) throws IOException {
        Path runs = AtomicFiles.directory(root.resolve("runs"));
        deleteTree(runFolder(p));
        try (DirectoryStream<Path> partials =
                Files.newDirectoryStream(runs, StagedFolder.partialPrefix(p.id()) + "*")) {
            for (Path partial : partials) {
                deleteTree(partial);
            }
        }
    }

    /** Deletes {@code dir} and everything in it, if it exists ({@link StagedFolder#deleteTree}). */
    static void deleteTree(Path dir) throws IOException {
        StagedFolder.deleteTree(dir);
    }
}
