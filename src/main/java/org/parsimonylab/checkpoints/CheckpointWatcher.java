package org.parsimonylab.checkpoints;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Watches a folder that an external training job keeps writing checkpoints into, by polling, and yields each new
 * checkpoint once, in step order. A checkpoint is taken only when it is complete: its size (a folder: the names and
 * sizes of its files) is the same in two consecutive polls, and it opens (the safetensors header and every tensor's
 * data inside the file, the zip's central directory, every .npy header and its data). A half-written file is waited
 * for, never misread; one that stays incomplete for {@code giveUpPolls} polls is skipped with a warning, and so is a
 * checkpoint whose step is not after the last one yielded. Not thread-safe: one thread polls.
 */
public final class CheckpointWatcher {
    private final Path folder;
    private final int giveUpPolls;
    private final Consumer<String> warnings;
    private final Map<Path, String> signatures = new HashMap<>();
    private final Map<Path, Integer> failures = new HashMap<>();
    private final Set<Path> finished = new HashSet<>();
    private long lastStep = Long.MIN_VALUE;
    private Set<String> expected = Set.of();

    /**
     * A watcher of {@code folder}; {@code warnings} receives one line per skipped checkpoint.
     *
     * @param giveUpPolls polls a stable but unreadable checkpoint is waited for before it is skipped (≥ 1)
     */
    public CheckpointWatcher(Path folder, int giveUpPolls, Consumer<String> warnings) {
        if (giveUpPolls < 1) {
            throw new IllegalArgumentException("giveUpPolls must be >= 1 (got " + giveUpPolls + ")");
        }
        this.folder = folder;
        this.giveUpPolls = giveUpPolls;
        this.warnings = warnings;
    }

    /**
     * Tensors every later checkpoint must hold to count as complete (a folder of .npy files whose last file is not
     * there yet is waited for): set it to the selection once the first checkpoint is analysed.
     */
    public void expectTensors(Set<String> names) {
        expected = Set.copyOf(names);
    }

    /** The folder watched. */
    public Path folder() {
        return folder;
    }

    /** The series name of the folder (its file name). */
    public String seriesName() {
        return CheckpointSeries.seriesName(folder);
    }

    /**
     * One poll: the checkpoints that became complete since the previous poll, ascending by step (often empty).
     *
     * @throws IOException when the folder itself cannot be listed
     */
    public List<Checkpoint> poll() throws IOException {
        if (!Files.isDirectory(folder)) {
            throw new CheckpointException(folder + ": not a folder (cannot watch it)");
        }
        List<Checkpoint> ready = new ArrayList<>();
        for (Path p : CheckpointSeries.candidates(folder)) {
            if (finished.contains(p)) {
                continue;
            }
            String sig = signature(p);
            String before = signatures.put(p, sig);
            if (sig == null || !sig.equals(before)) {
                failures.remove(p);
                continue; // new or still growing: wait for a second poll with the same size
            }
            try {
                Checkpoint c = Checkpoint.open(p);
                for (String name : expected) {
                    if (c.tensor(name) == null) {
                        throw new CheckpointException(p + ": tensor '" + name + "' is missing");
                    }
                }
                ready.add(c);
                signatures.remove(p);
                failures.remove(p);
            } catch (CheckpointException e) {
                int n = failures.merge(p, 1, Integer::sum);
                if (n >= giveUpPolls) {
                    finished.add(p);
                    signatures.remove(p);
                    warnings.accept("skipped " + e.getMessage());
                }
            }
        }
        ready.sort(Comparator.comparingLong(Checkpoint::step));
        List<Checkpoint> out = new ArrayList<>();
        for (Checkpoint c : ready) {
            finished.add(c.path());
            if (c.step() <= lastStep) {
                warnings.accept("skipped " + c.path() + ": step " + c.step() + " arrived after step " + lastStep);
                continue;
            }
            lastStep = c.step();
            out.add(c);
        }
        return out;
    }

    /**
     * Polls every {@code pollMillis} until at least one new checkpoint is complete, and returns the new ones; returns
     * an empty list when {@code idleMillis} pass without one (≤ 0: never) or {@code stop} says so.
     */
    public List<Checkpoint> next(long pollMillis, long idleMillis, BooleanSupplier stop)
            throws IOException, InterruptedException {
        long deadline = idleMillis > 0 ? System.nanoTime() + idleMillis * 1_000_000L : Long.MAX_VALUE;
        while (true) {
            List<Checkpoint> found = poll();
            if (!found.isEmpty()) {
                return found;
            }
            if (stop.getAsBoolean() || System.nanoTime() >= deadline) {
                return List.of();
            }
            long sleep = Math.min(pollMillis, Math.max(1, (deadline - System.nanoTime()) / 1_000_000L));
            sleep(sleep, stop);
        }
    }

    private static void sleep(long millis, BooleanSupplier stop) throws InterruptedException {
        long end = System.nanoTime() + millis * 1_000_000L;
        while (System.nanoTime() < end && !stop.getAsBoolean()) {
            Thread.sleep(Math.min(50, Math.max(1, (end - System.nanoTime()) / 1_000_000L)));
        }
    }

    /** Size and modification time of a file; names, sizes and times of a folder's files; null if it vanished. */
    private static String signature(Path p) {
        try {
            if (Files.isDirectory(p)) {
                StringBuilder sb = new StringBuilder();
                try (Stream<Path> s = Files.list(p)) {
                    for (Path f : s.sorted().toList()) {
                        BasicFileAttributes a = Files.readAttributes(f, BasicFileAttributes.class);
                        sb.append(f.getFileName())
                                .append(':')
                                .append(a.size())
                                .append(':')
                                .append(a.lastModifiedTime().toMillis())
                                .append(';');
                    }
                }
                return sb.toString();
            }
            BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
            return a.size() + ":" + a.lastModifiedTime().toMillis();
        } catch (IOException e) {
            return null;
        }
    }
}
