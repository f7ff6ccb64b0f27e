package org.parsimonylab.sweep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.parsimonylab.sweep.SweepCli.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sweep submitted to a real one-node Slurm cluster that this test starts (reference/slurm.md) and stops: the job
 * array runs the same classpath on the same folder, a task whose run fails is listed with its log paths, and
 * --retry-failed resubmits only that one. Skipped, with the reason, where Slurm is not installed.
 */
class SweepSlurmTest {
    @TempDir
    static Path tmp;

    private static PrivateSlurmCluster cluster;

    @BeforeAll
    static void startCluster() throws IOException, InterruptedException {
        Optional<String> missing = PrivateSlurmCluster.missing();
        Assumptions.assumeTrue(missing.isEmpty(), () -> "no Slurm here: " + missing.orElse(""));
        // A short folder name: munge's socket path must fit in 108 bytes.
        cluster = PrivateSlurmCluster.start(Files.createTempDirectory("slurm"));
    }

    @AfterAll
    static void stopCluster() throws IOException {
        if (cluster != null) {
            cluster.close();
            SweepFolder.deleteTree(cluster.conf().getParent());
        }
    }

    @Test
    void jobArrayRunsThePlanAndRetriesOnlyTheFailedTask() throws IOException, InterruptedException {
        Path data = tmp.resolve("data");
        Files.createDirectories(data);
        StringBuilder csv = new StringBuilder("a,b,c,label\n");
        java.util.Random random = new java.util.Random(1);
        for (int i = 0; i < 30; i++) {
            int k = i % 3;
            csv.append(String.format(
                    java.util.Locale.ROOT,
                    "%.4f,%.4f,%.4f,%d%n",
                    k + 0.3 * random.nextGaussian(),
                    k + 0.3 * random.nextGaussian(),
                    k + 0.3 * random.nextGaussian(),
                    k));
        }
        Files.writeString(data.resolve("ok.csv"), csv);
        Path preset = data.resolve("p.json");
        Files.writeString(
                preset,
                """
                { "schemaVersion": 1, "name": "csv-sweep", "data": { "kind": "csv", "file": "ok.csv" },
                  "network": { "kind": "mlp", "depth": 2, "width": 8, "activation": "tanh" },
                  "training": { "steps": 5, "learningRate": 0.1 } }
                """);
        Path out = tmp.resolve("sweep");
        // later.csv is missing at first, so run r0001 fails; it is created before the retry.
        SweepCli.Result submitted = cli(
                "sweep",
                preset.toString(),
                "--out",
                out.toString(),
                "--grid",
                "data.file=ok.csv,later.csv",
                "--slurm",
                "--cpus-per-task",
                "1",
                "--time",
                "10:00",
                "--slurm-conf",
                cluster.conf().toString());
        assertEquals(0, submitted.code(), submitted.err());
        assertTrue(submitted.out().matches("(?s)submitted job \\d+: 2 runs of .*"), submitted.out());
        SweepFolder folder = new SweepFolder(out);
        SweepPlan plan = folder.plan();
        String script = Files.readString(folder.slurmFolder().resolve("array-0.sh"));
        assertTrue(script.contains("#SBATCH --array=0-1") && script.contains("#SBATCH --time=10:00"), script);
        assertTrue(script.contains("'" + JavaCommand.current(List.of()).classpath() + "'"), "absolute classpath");

        awaitSettled(folder, plan);
        SweepCli.Result status = cli("sweep", "status", out.toString());
        assertEquals(0, status.code(), status.err());
        assertTrue(status.out().contains("2 runs: 1 done"), status.out());
        assertTrue(status.out().contains("r0001 (data.file=later.csv trial=0) failed (exit 2)"), status.out());
        assertTrue(status.out().contains("later.csv: no such file"), status.out());
        assertTrue(status.out().contains("log: " + folder.logFile(plan.points().get(1))), status.out());
        assertTrue(status.out().contains("slurm: " + folder.slurmFolder().resolve("task-")), status.out());

        // The finished Slurm run is exactly a direct run.
        Path direct = tmp.resolve("direct");
        SweepCli.Result d = cli("run", preset.toString(), "--out", direct.toString(), "--set", "data.file=ok.csv");
        assertEquals(0, d.code(), d.err());
        assertArrayEquals(
                Files.readAllBytes(direct.resolve("metrics.csv")),
                Files.readAllBytes(folder.runFolder(plan.points().get(0)).resolve("metrics.csv")));

        Files.copy(data.resolve("ok.csv"), data.resolve("later.csv"));
        SweepCli.Result retried = cli("sweep", "status", out.toString(), "--retry-failed");
        assertEquals(0, retried.code(), retried.err());
        assertTrue(retried.out().contains("submitted job"), retried.out());
        List<SlurmSubmitter.Job> jobs = new SlurmSubmitter(folder).jobs();
        assertEquals(2, jobs.size());
        assertEquals(List.of(1), jobs.get(1).indices(), "only the failed run is resubmitted");

        awaitSettled(folder, plan);
        SweepCli.Result collected = cli("sweep", "collect", out.toString());
        assertEquals(0, collected.code(), collected.err());
        SweepSummary summary = SweepSummary.read(folder.summaryFile());
        assertEquals(2, summary.doneRows().size(), summary.toCsv());
        assertEquals("later.csv", summary.rows().get(1).get("data.file"));
        assertTrue(cli("sweep", "status", out.toString()).out().contains("2 runs: 2 done"));
    }

    /** Waits (at most 3 minutes) until no run of the plan is pending or running. */
    private static void awaitSettled(SweepFolder folder, SweepPlan plan) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (System.nanoTime() < deadline) {
            boolean settled = true;
            for (SweepPoint p : plan.points()) {
                RunStatus.State s = folder.status(p).state();
                settled &= s != RunStatus.State.PENDING && s != RunStatus.State.RUNNING;
            }
            if (settled) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the Slurm tasks did not finish within 3 minutes; see " + folder.slurmFolder());
    }
}
