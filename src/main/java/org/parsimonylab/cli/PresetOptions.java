package org.parsimonylab.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.parsimonylab.engine.linalg.LinAlg;
import org.parsimonylab.engine.linalg.LinAlgs;
import org.parsimonylab.preset.Preset;
import org.parsimonylab.preset.PresetLoader;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The options every preset-driven command shares: the preset file, {@code --set} overrides and the backend. */
final class PresetOptions {
    @Parameters(index = "0", paramLabel = "PRESET", description = "preset JSON file")
    Path preset;

    @Option(names = "--set", paramLabel = "path=value", description = "override a preset field, e.g. data.dim=40")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--backend", paramLabel = "NAME", description = "linear algebra: auto (default), netlib or ejml")
    String backend = System.getProperty(LinAlgs.PROPERTY, "auto");

    /** The preset with the overrides applied. */
    Preset load() {
        return PresetLoader.load(preset, overrides);
    }

    /** Prints the validator's warnings for {@code preset}, one line each, as {@code warning: <file>: ...}. */
    void printWarnings(Preset p, java.io.PrintWriter err) {
        for (String w : org.parsimonylab.preset.PresetValidator.warnings(p)) {
            err.println("warning: " + preset + ": " + w);
        }
        err.flush();
    }

    /** The folder relative data files of the preset resolve against: the preset's own folder. */
    Path baseDir() {
        Path parent = preset.toAbsolutePath().getParent();
        return parent == null ? Path.of("") : parent;
    }

    /** A fresh backend for the running thread. */
    LinAlg linAlg() {
        return LinAlgs.create(backend);
    }
}
