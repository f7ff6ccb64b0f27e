package org.parsimonylab.sweep;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How to start the project's command line in a child JVM: {@code java -cp CLASSPATH [options] org.parsimonylab.cli.Main
 * ...}, all paths absolute so that a Slurm task on another node (same shared file system) runs the same jar. The
 * classpath is the running JVM's {@code java.class.path}: the jar for {@code java -jar parsimony-lab.jar}, the project's
 * runtime classpath in tests and under Maven.
 *
 * @param java absolute path of the java executable
 * @param classpath absolute classpath entries joined by the platform separator
 * @param jvmOptions extra JVM options, e.g. {@code -Xmx4g}
 */
public record JavaCommand(String java, String classpath, List<String> jvmOptions) {
    /** The command-line entry point. */
    public static final String MAIN = "org.parsimonylab.cli.Main";

    public JavaCommand {
        jvmOptions = List.copyOf(jvmOptions);
        if (classpath.isBlank()) {
            throw new IllegalArgumentException("the classpath of the child JVM is empty");
        }
    }

    /**
     * The running JVM's java executable ({@code java.home/bin/java}; a packaged app whose runtime has no bin/ falls
     * back to {@code java} on PATH) and classpath (entries made absolute), with {@code jvmOptions}.
     */
    public static JavaCommand current(List<String> jvmOptions) {
        Path home = Path.of(System.getProperty("java.home"), "bin");
        String java = "java";
        for (String name : List.of("java", "java.exe")) {
            if (Files.isExecutable(home.resolve(name))) {
                java = home.resolve(name).toString();
                break;
            }
        }
        List<String> entries = new ArrayList<>();
        for (String e : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
            if (!e.isBlank()) {
                entries.add(Path.of(e).toAbsolutePath().normalize().toString());
            }
        }
        return new JavaCommand(java, String.join(File.pathSeparator, entries), jvmOptions);
    }

    /**
     * The full command: java, the JVM options ({@code -XX:ActiveProcessorCount=cores} first, so the child sizes its
     * thread pools to its share of the machine), the classpath, {@link #MAIN} and {@code args}.
     */
    public List<String> command(int cores, List<String> args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(java);
        cmd.add("-XX:ActiveProcessorCount=" + cores);
        cmd.addAll(jvmOptions);
        cmd.add("-cp");
        cmd.add(classpath);
        cmd.add(MAIN);
        cmd.addAll(args);
        return cmd;
    }
}
