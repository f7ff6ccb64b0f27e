package org.parsimonylab.sweep;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A one-node Slurm cluster of a test's own (reference/slurm.md): a private munged on a socket in the folder, slurmctld
 * and slurmd from a slurm.conf in the folder on free ports (so a cluster already running here is not disturbed), all
 * stopped by the PIDs in their pid files.
 */
final class PrivateSlurmCluster implements AutoCloseable {
    private final Path dir;
    private final Path conf;
    private final List<Path> pidFiles = new ArrayList<>();

    private PrivateSlurmCluster(Path dir) {
        this.dir = dir;
        this.conf = dir.resolve("slurm.conf");
    }

    /** Why a cluster cannot be started here, or empty when the programs are installed. */
    static Optional<String> missing() {
        for (String program : List.of("sbatch", "squeue", "sinfo", "slurmctld", "slurmd", "munged")) {
            if (find(program) == null) {
                return Optional.of(program + " is not installed (apt-get install slurm-wlm; .ci/run does)");
            }
        }
        return Optional.empty();
    }

    /** The program's path on PATH or in the sbin folders, or null. */
    static String find(String program) {
        List<String> dirs =
                new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)));
        dirs.addAll(List.of("/usr/sbin", "/sbin", "/usr/local/sbin", "/usr/bin", "/usr/local/bin"));
        for (String d : dirs) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, program))) {
                return Path.of(d, program).toString();
            }
        }
        return null;
    }

    /** Starts the cluster in {@code dir} and waits (up to 60 s) until its node is idle. */
    static PrivateSlurmCluster start(Path dir) throws IOException, InterruptedException {
        PrivateSlurmCluster c = new PrivateSlurmCluster(dir);
        try {
            c.boot();
        } catch (IOException | InterruptedException | RuntimeException e) {
            c.close();
            throw e;
        }
        return c;
    }

    private void boot() throws IOException, InterruptedException {
        Files.createDirectories(dir.resolve("spool"));
        Files.createDirectories(dir.resolve("state"));
        Path socket = dir.resolve("munge.socket");
        pidFiles.add(dir.resolve("munged.pid"));
        exec(List.of(
                find("munged"),
                "--force",
                "--socket=" + socket,
                "--pid-file=" + dir.resolve("munged.pid"),
                "--log-file=" + dir.resolve("munged.log"),
                "--seed-file=" + dir.resolve("munged.seed")));
        String conf = String.join(
                "\n",
                "ClusterName=sweeptest",
                "SlurmctldHost=localhost",
                "SlurmctldPort=" + freePort(),
                "SlurmdPort=" + freePort(),
                "AuthType=auth/munge",
                "AuthInfo=socket=" + socket,
                "ProctrackType=proctrack/linuxproc",
                "TaskPlugin=task/none",
                "SlurmUser=root",
                "SelectType=select/cons_tres",
                "SelectTypeParameters=CR_Core",
                "AccountingStorageType=accounting_storage/none",
                "JobCompType=jobcomp/none",
                "ReturnToService=2",
                "SlurmctldPidFile=" + dir.resolve("slurmctld.pid"),
                "SlurmdPidFile=" + dir.resolve("slurmd.pid"),
                "SlurmdSpoolDir=" + dir.resolve("spool"),
                "StateSaveLocation=" + dir.resolve("state"),
                "SlurmctldLogFile=" + dir.resolve("slurmctld.log"),
                "SlurmdLogFile=" + dir.resolve("slurmd.log"),
                "NodeName=localhost CPUs=2 RealMemory=20000 State=UNKNOWN",
                "PartitionName=main Nodes=localhost Default=YES MaxTime=INFINITE State=UP",
                "");
        Files.writeString(this.conf, conf, StandardCharsets.UTF_8);
        pidFiles.add(dir.resolve("slurmctld.pid"));
        exec(List.of(find("slurmctld"), "-f", this.conf.toString()));
        pidFiles.add(dir.resolve("slurmd.pid"));
        exec(List.of(find("slurmd"), "-f", this.conf.toString()));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            String state = run(List.of(find("sinfo"), "-h", "-o", "%t")).strip();
            if (state.equals("idle")) {
                return;
            }
            Thread.sleep(500);
        }
        throw new IOException("the private Slurm node did not become idle within 60 s; see " + dir);
    }

    /** The slurm.conf (for SLURM_CONF / --slurm-conf). */
    Path conf() {
        return conf;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private void exec(List<String> command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("SLURM_CONF", conf.toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        // The daemons fork and the parent exits at once.
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(command.get(0) + " failed: " + out.strip());
        }
    }

    private String run(List<String> command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("SLURM_CONF", conf.toString());
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(30, TimeUnit.SECONDS);
        return out;
    }

    /** Stops the daemons by the PIDs in their pid files, newest first, and waits for them to go. */
    @Override
    public void close() {
        for (int i = pidFiles.size() - 1; i >= 0; i--) {
            Path f = pidFiles.get(i);
            try {
                if (!Files.isRegularFile(f)) {
                    continue;
                }
                long pid = Long.parseLong(Files.readString(f).strip());
                Optional<ProcessHandle> h = ProcessHandle.of(pid);
                if (h.isPresent()) {
                    h.get().destroy();
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
                    while (h.get().isAlive() && System.nanoTime() < deadline) {
                        Thread.sleep(100);
                    }
                    if (h.get().isAlive()) {
                        h.get().destroyForcibly();
                    }
                }
            } catch (IOException | NumberFormatException e) {
                // nothing to stop
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
