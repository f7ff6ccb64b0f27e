package org.parsimonylab.ui;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parsimonylab.cli.Main;
import org.parsimonylab.engine.linalg.LinAlgs;
import org.parsimonylab.preset.Preset;
import org.parsimonylab.preset.PresetLoader;

/**
 * {@code --record=DIR} through the controller, as the app wires it (the "FX thread" is a single-thread executor):
 * the run folder appears when the run ends and its metrics.csv is the one {@code run} writes for the same preset.
 */
class RecordOptionTest {
    @TempDir
    Path tmp;

    @Test
    void theCurrentRunIsRecordedWhenItEndsAsRunWouldWriteIt() throws Exception {
        List<String> sets = List.of("training.steps=20", "metrics.every=3");
        Path file = Path.of("presets/e1-law-of-parsimony.json");
        Preset preset = PresetLoader.load(file, sets);
        Path recorded = tmp.resolve("recorded");
        ExecutorService fx = Executors.newSingleThreadExecutor();
        AppController[] controller = new AppController[1];
        RunViewModel model = new RunViewModel();
        try {
            fx.submit(() -> {
                        controller[0] = new AppController(new ControlsModel(), model, fx, LinAlgs::create);
                        controller[0].recordTo(recorded);
                        controller[0].open(
                                new PresetEntry("e1-law-of-parsimony.json", preset, Path.of("presets")), true);
                    })
                    .get(60, TimeUnit.SECONDS);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (!Files.exists(recorded.resolve("metrics.csv")) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertTrue(Files.exists(recorded.resolve("metrics.csv")), "the run was recorded when it ended");
            // Open run reads the folder off the FX thread and shows it there.
            fx.submit(() -> controller[0].openRunAsync(recorded))
                    .get(60, TimeUnit.SECONDS)
                    .get(60, TimeUnit.SECONDS);
            assertEquals(
                    recorded.toString(),
                    fx.submit(() -> model.showingRecordedProperty().get()).get(60, TimeUnit.SECONDS));
            assertEquals(20L, fx.submit(() -> model.stepProperty().get()).get(60, TimeUnit.SECONDS));
        } finally {
            fx.submit(() -> controller[0].close()).get(60, TimeUnit.SECONDS);
            fx.shutdown();
        }
        Path cli = tmp.resolve("cli");
        StringWriter err = new StringWriter();
        int code = Main.execute(
                new String[] {
                    "run", file.toString(), "--out", cli.toString(), "--set", sets.get(0), "--set", sets.get(1)
                },
                new PrintWriter(new StringWriter(), true),
                new PrintWriter(err, true));
        assertEquals(0, code, err::toString);
        for (String name : List.of("metrics.csv", "events.csv")) {
            assertArrayEquals(Files.readAllBytes(cli.resolve(name)), Files.readAllBytes(recorded.resolve(name)), name);
        }
    }
}
