package org.parsimonylab.sweep;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.parsimonylab.export.AtomicFiles;

/**
 * Runs a sweep on a Slurm cluster as job arrays: one array task per point, each running {@code sweep task DIR --index
 * I} of the same jar (absolute paths, so the nodes need the same shared file system), which runs the point's {@code
 * run} command exactly as a local worker does. Arrays hold at most {@link #CHUNK} tasks (Slurm's default MaxArraySize
 * is 1001), so large sweeps are several submissions whose task ids are offset. Submitted jobs are recorded in {@code
 * slurm/jobs.tsv}; {@link #queue} asks {@code squeue} which tasks are still pending or running.
 */
public final class SlurmSubmitter {
    /** Most tasks in one array. */
    public static final int CHUNK = 1000;

    /**
     * The sbatch options of a sweep.
     *
     * @param partition {@code --partition}, or "" for the cluster's default
     * @param time {@code --time} (e.g. 2:00:00), or "" for the partition's default
     * @param cpusPerTask {@code --cpus-per-task}; also the BLAS threads of each run
     * @param mem {@code --mem} (e.g. 4G), or "" for the default
     * @param slurmConf a slurm.conf for a private cluster (exported as SLURM_CONF to sbatch and squeue), or ""
     */
    public record Options(String partition, String time, int cpusPerTask, String mem, String slurmConf) {
        public Options {
            if (cpusPerTask < 1) {
                throw new IllegalArgumentException("--cpus-per-task must be >= 1 (got " + cpusPerTask + ")");
            }
            for (String[] kv : new String[][] {{"--partition", partition}, {"--time", time}, {"--mem", mem}}) {
                if (!kv[1].matches("[A-Za-z0-9_.:,+-]*")) {
                    throw new IllegalArgumentException(kv[0] + " '" + kv[1] + "' has characters Slurm does not take");
                }
            }
        }

        private String text() {
            return "partition=" + partition + "\ntime=" + time + "\ncpusPerTask=" + cpusPerTask + "\nmem=" + mem
                    + "\nslurmConf=" + slurmConf + "\n";
        }

        private static Options parse(String text) {
            Map<String, String> kv = new LinkedHashMap<>();
            for (String line : text.split("\n")) {
                int eq = line.indexOf('=');
                if (eq > 0) {
                    kv.put(line.substring(0, eq), line.substring(eq + 1));
                }
            }
            return new Options(
                    kv.getOrDefault("partition", ""),
                    kv.getOrDefault("time", ""),
                    Integer.parseInt(kv.getOrDefault("cpusPerTask", "1")),
                    kv.getOrDefault("mem", ""),
                    kv.getOrDefault("slurmConf", ""));
        }
    }

    /**
     * One submitted array.
     *
     * @param jobId Slurm's job id
     * @param offset plan index of array task 0
     * @param indices the plan indices it runs
     */
    public record Job(String jobId, int offset, List<Integer> indices) {}

    private final SweepFolder folder;

    /** A submitter for the sweep in {@code folder}. */
    public SlurmSubmitter(SweepFolder folder) {
        this.folder = folder;
    }

    /** Whether {@code sbatch} can be started here. */
    public static boolean available() {
        try {
            Process p = new ProcessBuilder("sbatch", "--version")
                    .redirectErrorStream(true)
                    .start();
            p.getInputStream().readAllBytes();
            return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The options recorded by the first submission (for status and retries), or null. */
    public Options savedOptions() throws IOException {
        Path f = folder.slurmFolder().resolve("options.txt");
        return Files.isRegularFile(f) ? Options.parse(Files.readString(f, StandardCharsets.UTF_8)) : null;
    }

    /**
     * Writes the job scripts for {@code indices} and submits them; returns the jobs (also appended to jobs.tsv).
     *
     * @throws IOException when sbatch is missing or refuses (its message included)
     */
    public List<Job> submit(SweepPlan plan, JavaCommand java, Options options, List<Integer> indices)
            throws IOException {
        Path dir = AtomicFiles.directory(folder.slurmFolder());
        AtomicFiles.write(dir.resolve("options.txt"), options.text().getBytes(StandardCharsets.UTF_8));
        TreeSet<Integer> sorted = new TreeSet<>(indices);
        List<Job> jobs = new ArrayList<>();
        while (!sorted.isEmpty()) {
            int offset = sorted.first() / CHUNK * CHUNK;
            List<Integer> chunk = new ArrayList<>(sorted.subSet(offset, offset + CHUNK));
            sorted.removeAll(chunk);
            Path script = dir.resolve("array-" + offset + ".sh");
            Files.writeString(script, script(plan, java, options, offset, chunk), StandardCharsets.UTF_8);
            String out = slurm(options, List.of("sbatch", "--parsable", script.toString()));
            String id = out.strip().split("[;\\s]")[0];
            if (!id.matches("\\d+")) {
                throw new IOException("sbatch did not return a job id (printed: " + out.strip() + ")");
            }
            Files.writeString(
                    dir.resolve("jobs.tsv"),
                    id + "\t" + offset + "\t" + arraySpec(chunk, offset) + "\t" + Instant.now() + "\n",
                    StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
            jobs.add(new Job(id, offset, chunk));
        }
        return jobs;
    }

    /** The job script of one array: sbatch directives, then the task's {@code java -cp ... sweep task} line. */
    String script(SweepPlan plan, JavaCommand java, Options o, int offset, List<Integer> indices) {
        Path root = folder.root();
        StringBuilder sb = new StringBuilder("#!/bin/bash\n");
        sb.append("#SBATCH --job-name=").append(jobName(plan.presetName())).append('\n');
        sb.append("#SBATCH --array=").append(arraySpec(indices, offset)).append('\n');
        sb.append("#SBATCH --cpus-per-task=").append(o.cpusPerTask()).append('\n');
        sb.append("#SBATCH --output=")
                .append(folder.slurmFolder().resolve("task-%A_%a.out"))
                .append('\n');
        if (!o.partition().isEmpty()) {
            sb.append("#SBATCH --partition=").append(o.partition()).append('\n');
        }
        if (!o.time().isEmpty()) {
            sb.append("#SBATCH --time=").append(o.time()).append('\n');
        }
        if (!o.mem().isEmpty()) {
            sb.append("#SBATCH --mem=").append(o.mem()).append('\n');
        }
        sb.append("# Parsimony Lab sweep ")
                .append(root)
                .append(": array task k runs plan index k + ")
                .append(offset)
                .append(" (its run command line is in logs/<id>.log).\n");
        List<String> cmd = new ArrayList<>();
        cmd.add(java.java());
        cmd.add("-cp");
        cmd.add(java.classpath());
        cmd.add(JavaCommand.MAIN);
        cmd.addAll(List.of("sweep", "task", root.toString(), "--threads", Integer.toString(o.cpusPerTask())));
        for (String jvm : java.jvmOptions()) {
            cmd.add("--jvm-option=" + jvm);
        }
        sb.append("exec");
        for (String c : cmd) {
            sb.append(' ').append(shellQuote(c));
        }
        sb.append(" --index \"$((SLURM_ARRAY_TASK_ID + ").append(offset).append("))\"\n");
        return sb.toString();
    }

    /** The jobs submitted for this sweep so far (from slurm/jobs.tsv). */
    public List<Job> jobs() throws IOException {
        Path f = folder.slurmFolder().resolve("jobs.tsv");
        List<Job> out = new ArrayList<>();
        if (!Files.isRegularFile(f)) {
            return out;
        }
        for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
            String[] c = line.split("\t");
            if (c.length >= 3) {
                int offset = Integer.parseInt(c[1]);
                out.add(new Job(c[0], offset, expand(c[2], offset)));
            }
        }
        return out;
    }

    /**
     * The Slurm state (PENDING, RUNNING, ...) of every plan index still in the queue, from {@code squeue}; null
     * when squeue cannot be asked.
     */
    public Map<Integer, String> queue(Options options) {
        try {
            List<Job> jobs = jobs();
            if (jobs.isEmpty()) {
                return Map.of();
            }
            Map<String, Integer> offsets = new LinkedHashMap<>();
            jobs.forEach(j -> offsets.put(j.jobId(), j.offset()));
            // All of this user's tasks, filtered here: `squeue -j` fails outright once one id has left the queue.
            String out =
                    slurm(options, List.of("squeue", "-h", "-r", "-u", System.getProperty("user.name"), "-o", "%i|%T"));
            Map<Integer, String> states = new LinkedHashMap<>();
            for (String line : out.split("\n")) {
                String[] c = line.strip().split("\\|");
                if (c.length == 2 && c[0].matches("\\d+_\\d+")) {
                    String[] ja = c[0].split("_");
                    Integer offset = offsets.get(ja[0]);
                    if (offset != null) {
                        states.put(offset + Integer.parseInt(ja[1]), c[1]);
                    }
                }
            }
            return states;
        } catch (IOException e) {
            // squeue forgets finished jobs quickly and fails for unknown ids: the status files are the record.
            return null;
        }
    }

    /** The Slurm output files of plan index {@code index} (one per submission that ran it). */
    public List<Path> taskOutputs(int index) throws IOException {
        List<Path> out = new ArrayList<>();
        for (Job j : jobs()) {
            if (j.indices().contains(index)) {
                Path p = folder.slurmFolder().resolve("task-" + j.jobId() + "_" + (index - j.offset()) + ".out");
                if (Files.exists(p)) {
                    out.add(p);
                }
            }
        }
        return out;
    }

    /** Runs a Slurm client with SLURM_CONF from the options; its stdout, or an IOException with its message. */
    static String slurm(Options options, List<String> command) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command);
        if (options != null && !options.slurmConf().isEmpty()) {
            pb.environment().put("SLURM_CONF", options.slurmConf());
        }
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new IOException(
                    command.get(0) + " cannot be started (is Slurm installed here?): " + e.getMessage(), e);
        }
        p.getOutputStream().close();
        byte[] err;
        byte[] out;
        try {
            java.util.concurrent.CompletableFuture<byte[]> errF =
                    java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                        try {
                            return p.getErrorStream().readAllBytes();
                        } catch (IOException e) {
                            return new byte[0];
                        }
                    });
            out = p.getInputStream().readAllBytes();
            err = errF.join();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(command.get(0) + " did not answer within 60 s");
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException(command.get(0) + " interrupted", e);
        }
        if (p.exitValue() != 0) {
            String msg = new String(err, StandardCharsets.UTF_8).strip().replaceAll("\\s*\\n\\s*", " ");
            throw new IOException(command.get(0) + " failed (exit " + p.exitValue() + "): " + msg);
        }
        return new String(out, StandardCharsets.UTF_8);
    }

    /** "0-3,5,7-9" for the indices minus {@code offset}. */
    static String arraySpec(List<Integer> indices, int offset) {
        List<Integer> s = new ArrayList<>(new TreeSet<>(indices));
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.size(); ) {
            int j = i;
            while (j + 1 < s.size() && s.get(j + 1) == s.get(j) + 1) {
                j++;
            }
            sb.append(sb.isEmpty() ? "" : ",").append(s.get(i) - offset);
            if (j > i) {
                sb.append('-').append(s.get(j) - offset);
            }
            i = j + 1;
        }
        return sb.toString();
    }

    static List<Integer> expand(String spec, int offset) {
        List<Integer> out = new ArrayList<>();
        for (String part : spec.split(",")) {
            String[] r = part.split("-");
            int a = Integer.parseInt(r[0]);
            int b = r.length > 1 ? Integer.parseInt(r[1]) : a;
            for (int k = a; k <= b; k++) {
                out.add(k + offset);
            }
        }
        return out;
    }

    private static String jobName(String preset) {
        String s = preset.replaceAll("[^A-Za-z0-9._-]+", "-");
        return "sweep-" + (s.isEmpty() ? "preset" : s);
    }

    private static String shellQuote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
