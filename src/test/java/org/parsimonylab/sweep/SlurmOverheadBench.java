package org.parsimonylab.sweep;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Not a test: measures the Slurm overhead per task (docs/scale.md). Starts a private one-node cluster (as
 * {@link SweepSlurmTest}), runs the same sweep of N trivial runs (E1 with 5 steps, independent trials) once locally
 * with W workers and once as a job array with 1 CPU per task, and prints both wall times (submit → last run done) and
 * (slurm − local) / N. Run by bench/slurm_overhead.sh.
 */
public final class SlurmOverheadBench {
    private SlurmOverheadBench() {}

    /** Arguments: [N runs, default 8] [W local workers, default 2]. */
    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        int workers = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        Path tmp = Files.createTempDirectory("slurm");
        String preset =
                Path.of("presets/e1-law-of-parsimony.json").toAbsolutePath().toString();
        try (PrivateSlurmCluster cluster = PrivateSlurmCluster.start(tmp)) {
            Path local = tmp.resolve("local");
            long t0 = System.nanoTime();
            SweepCli.Result l = SweepCli.cli(
                    "sweep",
                    preset,
                    "--out",
                    local.toString(),
                    "--trials",
                    Integer.toString(n),
                    "--steps",
                    "5",
                    "--workers",
                    Integer.toString(workers));
            double localSeconds = (System.nanoTime() - t0) / 1e9;
            if (l.code() != 0) {
                throw new IllegalStateException("local sweep failed: " + l.err());
            }
            Path slurm = tmp.resolve("slurm-sweep");
            long t1 = System.nanoTime();
            SweepCli.Result s = SweepCli.cli(
                    "sweep",
                    preset,
                    "--out",
                    slurm.toString(),
                    "--trials",
                    Integer.toString(n),
                    "--steps",
                    "5",
                    "--slurm",
                    "--cpus-per-task",
                    "1",
                    "--time",
                    "10:00",
                    "--slurm-conf",
                    cluster.conf().toString());
            if (s.code() != 0) {
                throw new IllegalStateException("Slurm sweep failed: " + s.err());
            }
            SweepFolder folder = new SweepFolder(slurm);
            SweepPlan plan = folder.plan();
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
            while (true) {
                int settled = 0;
                for (SweepPoint p : plan.points()) {
                    RunStatus.State st = folder.status(p).state();
                    settled += st != RunStatus.State.PENDING && st != RunStatus.State.RUNNING ? 1 : 0;
                }
                if (settled == plan.points().size()) {
                    break;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the Slurm tasks did not finish in 10 minutes: " + slurm);
                }
                Thread.sleep(100);
            }
            double slurmSeconds = (System.nanoTime() - t1) / 1e9;
            double runSeconds = 0;
            for (SweepPoint p : plan.points()) {
                runSeconds += folder.status(p).seconds();
            }
            System.out.printf(
                    Locale.ROOT,
                    "%d trivial runs: local (%d workers) %.1f s, Slurm (1 CPU per task, one node) %.1f s;"
                            + " mean run process %.2f s under Slurm; overhead per task (slurm - local) / N = %.2f s;"
                            + " load %s%n",
                    n,
                    workers,
                    localSeconds,
                    slurmSeconds,
                    runSeconds / n,
                    (slurmSeconds - localSeconds) / n,
                    Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } finally {
            try {
                SweepFolder.deleteTree(tmp);
            } catch (IOException ignored) {
                // best effort
            }
        }
    }
}
