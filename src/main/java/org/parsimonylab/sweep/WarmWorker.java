package org.parsimonylab.sweep;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One long-lived child JVM of a local sweep ({@code parsimony-lab sweep-worker}) that runs the worker's points one
 * after another, each exactly as a fresh {@code run} process would, so that the JVM starts and compiles the trainer
 * once per worker instead of once per run (docs/scale.md "Warm workers"). Requests go to its stdin as JSON lines;
 * it answers {@link #EXIT_PREFIX}{@code N} per run. A worker that dies (a crash, a signal) answers no more: the run
 * in progress gets the process's exit code and the executor starts a new worker for the next point.
 */
public final class WarmWorker implements RunLauncher.Child {
    /** The worker's answer to one request: this prefix, then the run's exit code. */
    public static final String EXIT_PREFIX = "parsimony-lab-worker exit ";

    /** The worker's hidden subcommand. */
    public static final String COMMAND = "sweep-worker";

    private static final int ENDED = Integer.MIN_VALUE;

    private final Process process;
    private final List<String> command;
    private final Path errorLog;
    private final BufferedWriter requests;
    private final BlockingQueue<Integer> exits = new LinkedBlockingQueue<>();
    private final ObjectMapper json = new ObjectMapper();

    private WarmWorker(Process process, List<String> command, Path errorLog) {
        this.process = process;
        this.command = command;
        this.errorLog = errorLog;
        this.requests = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
        Thread reader = new Thread(this::readAnswers, "sweep-worker-answers-" + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Starts a worker JVM with BLAS limited to {@code threads} threads; its own stderr (JVM warnings, a crash
     * report's first lines: never a run's output, which goes to the run's log) is appended to {@code errorLog}.
     */
    public static WarmWorker start(JavaCommand java, int threads, Path errorLog) throws IOException {
        List<String> command = java.command(threads, List.of(COMMAND));
        ProcessBuilder pb =
                new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.appendTo(errorLog.toFile()));
        RunLauncher.limitBlasThreads(pb.environment(), threads);
        return new WarmWorker(pb.start(), command, errorLog);
    }

    private void readAnswers() {
        try (BufferedReader answers =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = answers.readLine(); line != null; line = answers.readLine()) {
                if (line.startsWith(EXIT_PREFIX)) {
                    exits.add(Integer.parseInt(
                            line.substring(EXIT_PREFIX.length()).strip()));
                }
            }
        } catch (IOException | NumberFormatException e) {
            // the worker is gone or talks nonsense: the run in progress ends with the process's exit code
        }
        exits.add(ENDED);
    }

    /** Whether the worker JVM is still running (and so can take the next point). */
    public boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public String describe(List<String> runArgs) {
        return "warm worker pid " + process.pid() + " (" + String.join(" ", command.subList(0, 1)) + " ... " + COMMAND
                + "): " + String.join(" ", runArgs);
    }

    @Override
    public int run(List<String> runArgs, Path log) throws IOException, InterruptedException {
        try {
            requests.write(
                    json.writeValueAsString(Map.of("log", log.toAbsolutePath().toString(), "args", runArgs)));
            requests.newLine();
            requests.flush();
        } catch (IOException gone) {
            // the worker died before this request reached it
            return process.waitFor();
        }
        int exit = exits.take();
        return exit == ENDED ? process.waitFor() : exit;
    }

    @Override
    public void stop() {
        RunLauncher.stop(process);
    }

    /**
     * Ends the worker: closes its stdin (it exits after the run in progress), then stops it if it lingers; an empty
     * stderr log is removed.
     */
    public void close() {
        try {
            requests.close();
        } catch (IOException e) {
            // already gone
        }
        try {
            if (!process.waitFor(RunLauncher.STOP_GRACE_SECONDS, TimeUnit.SECONDS)) {
                stop();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try {
            if (java.nio.file.Files.isRegularFile(errorLog) && java.nio.file.Files.size(errorLog) == 0) {
                java.nio.file.Files.delete(errorLog);
            }
        } catch (IOException e) {
            // an empty log left behind is harmless
        }
    }
}
