package org.parsimonylab.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.parsimonylab.sweep.WarmWorker;
import picocli.CommandLine.Command;

/**
 * A warm sweep worker (docs/scale.md "Warm workers"): reads one request per line on stdin, a JSON object
 * {@code {"log": PATH, "args": ["run", ...]}}, runs that command line in this JVM exactly as {@code parsimony-lab ARGS}
 * would ({@link Main#execute}) with its output appended to {@code log}, and answers with the line
 * {@link WarmWorker#EXIT_PREFIX}{@code N} on stdout. It ends at the end of stdin.
 *
 * <p>Why: a sweep of short runs otherwise starts a JVM per run, and each JVM compiles the trainer's code again
 * (about 2 s of compiler CPU on a 14 s E4 run, `-XX:+CITime`) on whatever core is free, so two workers on two cores
 * got in each other's way. Nothing in a run depends on what ran before it in the same JVM (tested: a warm worker's run
 * folders are byte-identical to fresh {@code run} processes'), and a signal still ends the worker through the run's
 * own shutdown hook, which removes its partial folder.
 */
@Command(
        name = "sweep-worker",
        hidden = true,
        description =
                "Internal: run `run` command lines read from stdin, one per line (used by sweep's local workers).")
final class WorkerCommand implements Callable<Integer> {
    @Override
    public Integer call() throws IOException {
        ObjectMapper json = new ObjectMapper();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        PrintWriter answers = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode request = json.readTree(line);
            Path log = Path.of(request.path("log").asText());
            List<String> args = new ArrayList<>();
            request.path("args").forEach(a -> args.add(a.asText()));
            int exit;
            try (PrintWriter out = new PrintWriter(
                    Files.newBufferedWriter(
                            log, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND),
                    true)) {
                exit = Main.execute(args.toArray(String[]::new), out, out);
            }
            answers.println(WarmWorker.EXIT_PREFIX + exit);
        }
        return 0;
    }
}
