package org.parsimonylab.ui;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.parsimonylab.preset.Preset;
import org.parsimonylab.preset.PresetLoader;

/**
 * A preset of the gallery: its file name and the loaded preset, with the paper figure it reproduces split out of the
 * description for display.
 *
 * @param fileName e.g. {@code e1-law-of-parsimony.json}
 * @param preset the loaded preset
 * @param baseDir the folder its relative data files resolve against (the preset file's folder), or null for a
 *     shipped preset (the working directory, then the shipped data on the class path)
 */
public record PresetEntry(String fileName, Preset preset, Path baseDir) {
    private static final Logger LOG = Logger.getLogger(PresetEntry.class.getName());

    /** The preset opened when the app starts. */
    public static final String DEFAULT_FILE = "e1-law-of-parsimony.json";

    /** An entry without a folder of its own (a shipped preset). */
    public PresetEntry(String fileName, Preset preset) {
        this(fileName, preset, null);
    }

    /** The title shown in the gallery. */
    public String title() {
        return preset.title().isBlank() ? preset.name() : preset.title();
    }

    /** The description without its "Reproduces …" sentences. */
    public String summary() {
        String d = preset.description();
        int at = d.indexOf("Reproduces");
        return at < 0 ? d : d.substring(0, at).strip();
    }

    /** The "Reproduces …" part of the description (the paper experiment and figure), or empty. */
    public String reproduces() {
        String d = preset.description();
        int at = d.indexOf("Reproduces");
        return at < 0 ? "" : d.substring(at).strip();
    }

    @Override
    public String toString() {
        return title();
    }

    /**
     * The shipped presets in the order of {@code presets/index.txt}: from the class path (the jar), else from the
     * {@code presets/} folder of the working directory, else just the built-in law-of-parsimony preset. A preset
     * that does not load is logged and left out, never fatal.
     */
    public static List<PresetEntry> shipped() {
        List<PresetEntry> out = new ArrayList<>();
        try {
            for (String name : PresetLoader.shipped()) {
                try {
                    out.add(new PresetEntry(name, PresetLoader.loadShipped(name, List.of())));
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "shipped preset " + name + " does not load: " + e.getMessage());
                }
            }
        } catch (RuntimeException e) {
            out.addAll(fromFolder(Path.of("presets")));
        }
        if (out.isEmpty()) {
            out.add(new PresetEntry(DEFAULT_FILE, lawOfParsimony()));
        }
        return List.copyOf(out);
    }

    private static List<PresetEntry> fromFolder(Path folder) {
        List<PresetEntry> out = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(folder.resolve("index.txt"), StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    try {
                        out.add(new PresetEntry(
                                line.strip(),
                                PresetLoader.load(folder.resolve(line.strip()), List.of()),
                                folder.toAbsolutePath()));
                    } catch (RuntimeException e) {
                        LOG.log(Level.WARNING, "preset " + line + " does not load: " + e.getMessage());
                    }
                }
            }
        } catch (IOException e) {
            LOG.log(Level.INFO, "no presets folder at " + folder.toAbsolutePath());
        }
        return out;
    }

    /**
     * E1 read by the preset loader, for when no preset file can be found: factorization d = 30, r = 3, linear L = 3 of
     * width 30 with ε = 1, GD with η = 1 on the ½-mean loss, metrics every step with full SVDs.
     */
    public static Preset lawOfParsimony() {
        return PresetLoader.parse(
                """
                {"schemaVersion": 1,
                 "name": "e1-law-of-parsimony",
                 "title": "Law of parsimony: gradient descent moves only 2r singular values",
                 "description": "A 3-layer deep linear network of width 30 factorizes a rank-3 30x30 matrix. Only the\
                 top 3 and bottom 3 singular values of each layer move; the middle 24 stay on one plateau. Reproduces\
                 experiment E1 (Yaras et al. 2023, thm_main.png).",
                 "metrics": {"every": 1, "referenceStep": 1, "blockRank": 3, "svd": "full"}}
                """,
                "built-in e1-law-of-parsimony",
                List.of());
    }

    /** Loads a preset named on the command line: a shipped file name or a path, with {@code --set} overrides. */
    public static PresetEntry load(String nameOrPath, List<String> overrides) {
        Path p = Path.of(nameOrPath);
        if (Files.isRegularFile(p)) {
            Path folder = p.toAbsolutePath().getParent();
            return new PresetEntry(p.getFileName().toString(), PresetLoader.load(p, overrides), folder);
        }
        return new PresetEntry(nameOrPath, PresetLoader.loadShipped(nameOrPath, overrides));
    }
}
