package org.parsimonylab.cli;

import java.io.PrintWriter;
import org.parsimonylab.preset.PresetException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The command line of DESIGN.md §5: {@code run}, {@code figures}, {@code bench}. User errors print one line on stderr naming the
 * file and field, with exit code 2; failures of the machine (I/O) exit with 1; no stack traces for either.
 */
@Command(
        name = "parsimony-lab",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Train deep linear networks and MLPs and watch them learn inside tiny subspaces.",
        subcommands = {
            RunCommand.class,
            FiguresCommand.class,
            BenchCommand.class,
            AnalyzeCommand.class,
            SweepCommand.class,
            WorkerCommand.class,
            CommandLine.HelpCommand.class
        })
public final class Main implements Runnable {
    /** Exit code for bad input: a preset, an option, a path. */
    public static final int EXIT_USER_ERROR = 2;

    /** Exit code for a failure while running or writing. */
    public static final int EXIT_FAILURE = 1;

    /** Exit code of a run whose loss diverged: the folder is written with the metrics and weights up to the last good step. */
    public static final int EXIT_DIVERGED = 3;

    /** Exit code after SIGINT or SIGTERM (128 + 2, as a shell reports Ctrl-C); nothing is left behind. */
    public static final int EXIT_INTERRUPTED = 130;

    /** netlib logs a warning for every BLAS it cannot load (e.g. VectorBLAS without the incubator module); the
     * backend in use is reported by the commands instead. Held here so the level setting is not collected. */
    private static final java.util.logging.Logger NETLIB_LOG = java.util.logging.Logger.getLogger("dev.ludovic.netlib");

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Entry point of the jar. */
    public static void main(String[] args) {
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line with the given streams and returns the exit code (used by tests). */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        NETLIB_LOG.setLevel(java.util.logging.Level.SEVERE);
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (ex instanceof org.parsimonylab.export.RunFolderExistsException) {
                err.println("error: " + oneLine(ex.getMessage()));
                return EXIT_USER_ERROR;
            }
            if (ex instanceof PresetException || ex instanceof IllegalArgumentException) {
                err.println("error: " + oneLine(ex.getMessage()));
                return EXIT_USER_ERROR;
            }
            if (ex instanceof java.io.IOException || ex instanceof java.io.UncheckedIOException) {
                err.println("error: " + oneLine(ex.getMessage()));
                return EXIT_FAILURE;
            }
            if (ex instanceof org.parsimonylab.engine.linalg.NonFiniteException) {
                err.println("error: " + oneLine(ex.getMessage())
                        + "; the run diverged: try a smaller training.learningRate or network.init.scale");
                return EXIT_DIVERGED;
            }
            err.println("error: unexpected " + ex.getClass().getSimpleName() + ": " + oneLine(ex.getMessage()));
            return EXIT_FAILURE;
        });
        cl.setParameterExceptionHandler((ex, args1) -> {
            err.println("error: " + oneLine(ex.getMessage()));
            err.println("usage: " + oneLine(ex.getCommandLine().getCommandSpec().qualifiedName())
                    + " --help for the options");
            return EXIT_USER_ERROR;
        });
        try {
            return cl.execute(args);
        } catch (OutOfMemoryError e) {
            err.println("error: " + outOfMemory(e));
            return EXIT_FAILURE;
        } catch (StackOverflowError e) {
            err.println("error: the input is nested too deeply for the stack (StackOverflowError); simplify it");
            return EXIT_FAILURE;
        } catch (Error e) {
            // e.g. a native BLAS that fails to link: the cause in one line, never a trace
            err.println("error: internal " + e.getClass().getSimpleName() + ": " + oneLine(e.getMessage())
                    + " (try --backend ejml)");
            return EXIT_FAILURE;
        }
    }

    /** The one line for an OutOfMemoryError: what did not fit and the remedies. */
    static String outOfMemory(OutOfMemoryError e) {
        return "out of memory (" + oneLine(e.getMessage()) + "; Java may use "
                + RunEstimate.bytes(Runtime.getRuntime().maxMemory())
                + "): use a smaller network.width, data.dim or number of samples, fewer steps for figures, or give"
                + " Java more memory with -Xmx (e.g. java -Xmx8g -jar ...)";
    }

    static String oneLine(String message) {
        return message == null
                ? "(no message)"
                : PresetException.shorten(
                        message.replaceAll("\\s*[\\r\\n]+\\s*", " ").trim());
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The version from the jar manifest (or "dev" when run from classes). */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"Parsimony Lab " + appVersion()};
        }
    }

    /** The application version. */
    public static String appVersion() {
        String v = Main.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
