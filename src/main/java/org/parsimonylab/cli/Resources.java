package org.parsimonylab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/** Refusals before a run, from a {@link RunEstimate}: memory the JVM does not have, output the disk cannot hold. */
final class Resources {
    /** Output above this size gets a warning even when it fits. */
    static final double WARN_OUTPUT_BYTES = 1e9;

    private Resources() {}

    /** Refuses a run whose estimated peak memory exceeds what this JVM may use (-Xmx). */
    static void checkMemory(Path preset, RunEstimate estimate) {
        Runtime rt = Runtime.getRuntime();
        double available = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
        if (estimate.memoryBytes() > 0.9 * available) {
            throw new IllegalArgumentException(preset + ": " + estimate.biggest() + ": the run needs about "
                    + RunEstimate.bytes(estimate.memoryBytes()) + " of memory but Java may use "
                    + RunEstimate.bytes(rt.maxMemory()) + "; use a smaller " + estimate.biggest()
                    + " or give Java more memory (java -Xmx"
                    + Math.max(2, (long) Math.ceil(estimate.memoryBytes() * 1.5 / 1e9))
                    + "g -jar ...)");
        }
    }

    /**
     * Prints the estimated output size and refuses it when it exceeds the free space at {@code out} (unless {@code
     * allowLarge}); warns above {@link #WARN_OUTPUT_BYTES}.
     */
    static void checkOutput(Path out, RunEstimate e, boolean allowLarge, PrintWriter err) {
        double total = e.outputBytes();
        Path probe = out.toAbsolutePath();
        while (probe != null && !Files.exists(probe)) {
            probe = probe.getParent();
        }
        long free = -1;
        if (probe != null) {
            try {
                free = Files.getFileStore(probe).getUsableSpace();
            } catch (IOException | SecurityException ex) {
                free = -1; // unknown: no refusal on a guess
            }
        }
        err.println("estimated output (for the full step budget): " + RunEstimate.bytes(total) + " (metrics "
                + RunEstimate.bytes(e.metricsBytes())
                + ", weights " + RunEstimate.bytes(e.weightsBytes()) + ", data " + RunEstimate.bytes(e.dataBytes())
                + ")" + (free >= 0 ? ", " + RunEstimate.bytes(free) + " free" : ""));
        if (free >= 0 && total > free && !allowLarge) {
            throw new IllegalArgumentException(
                    "--out " + out + ": the run would write about " + RunEstimate.bytes(total)
                            + " but only " + RunEstimate.bytes(free) + " are free there; raise metrics.every or"
                            + " --checkpoint-every, lower --steps, or pass --allow-large-output");
        }
        if (total > WARN_OUTPUT_BYTES) {
            err.println("warning: the run folder will be large (about " + RunEstimate.bytes(total)
                    + "); raise metrics.every or --checkpoint-every to write less");
        }
        err.flush();
    }
}
