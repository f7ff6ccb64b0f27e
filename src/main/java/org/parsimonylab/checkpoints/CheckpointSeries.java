package org.parsimonylab.checkpoints;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A folder of checkpoints of one training run, in step order: every {@code .safetensors} and {@code .npz} file and
 * every sub-folder holding {@code .npy} files (hidden names, starting with a dot, are skipped: writers' temporary
 * files). A folder that itself holds {@code .npy} files is a series of that one checkpoint. Only headers are read.
 *
 * @param name the series' name (the folder's name), written as {@code variant} in metrics.csv
 * @param folder the folder
 * @param checkpoints the checkpoints, ascending by step
 */
public record CheckpointSeries(String name, Path folder, List<Checkpoint> checkpoints) {
    public CheckpointSeries {
        checkpoints = List.copyOf(checkpoints);
    }

    /**
     * Scans {@code folder}.
     *
     * @throws CheckpointException when the folder is missing, holds no checkpoint, a file is malformed, or two
     *     checkpoints have the same step
     */
    public static CheckpointSeries scan(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            throw new CheckpointException(folder + ": not a folder of checkpoints (no such folder)");
        }
        List<Checkpoint> list = new ArrayList<>();
        if (Checkpoint.isCandidate(folder) && !hasCheckpointChildren(folder)) {
            list.add(Checkpoint.open(folder));
        } else {
            for (Path p : candidates(folder)) {
                list.add(Checkpoint.open(p));
            }
        }
        if (list.isEmpty()) {
            throw new CheckpointException(folder + ": no checkpoints found (expected .safetensors or .npz files, or"
                    + " folders of .npy files, named with their step)");
        }
        list.sort(Comparator.comparingLong(Checkpoint::step));
        Map<Long, Path> seen = new HashMap<>();
        for (Checkpoint c : list) {
            Path before = seen.put(c.step(), c.path());
            if (before != null) {
                throw new CheckpointException(c.path() + ": step " + c.step() + " again (also " + before + ")");
            }
        }
        return new CheckpointSeries(seriesName(folder), folder, list);
    }

    /**
     * Checks from the headers alone, before anything is analysed, that every checkpoint holds the tensors selected in
     * the first one with the same shapes, and that the reference step (≥ 0) is among the steps.
     *
     * @return the selection
     * @throws CheckpointException naming the file (and tensor) otherwise
     */
    public List<SelectedTensor> validate(TensorSelection selection, long referenceStep) throws CheckpointException {
        Checkpoint first = checkpoints.get(0);
        List<SelectedTensor> selected = selection.select(first);
        for (Checkpoint c : checkpoints.subList(1, checkpoints.size())) {
            TensorSelection.checkSame(c, selected, first.path());
        }
        if (referenceStep >= 0 && checkpoints.stream().noneMatch(c -> c.step() == referenceStep)) {
            throw new CheckpointException(folder + ": no checkpoint at the reference step " + referenceStep
                    + " (steps " + checkpoints.get(0).step() + " to "
                    + checkpoints.get(checkpoints.size() - 1).step()
                    + "); choose --reference among the checkpoints' steps");
        }
        return selected;
    }

    /** The checkpoint candidates directly inside {@code folder}, by name. */
    static List<Path> candidates(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(Checkpoint::isCandidate)
                    .sorted(Comparator.comparing(p -> p.getFileName().toString(), StepNames.NATURAL))
                    .toList();
        }
    }

    private static boolean hasCheckpointChildren(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.anyMatch(p -> !p.getFileName().toString().endsWith(".npy") && Checkpoint.isCandidate(p));
        }
    }

    /** The series name of a folder: its file name (the absolute path's last part). */
    static String seriesName(Path folder) {
        Path name = folder.toAbsolutePath().normalize().getFileName();
        return name == null ? "series" : name.toString();
    }
}
