package org.parsimonylab.ui;

import java.util.Arrays;
import java.util.Locale;
import javafx.animation.AnimationTimer;

/**
 * Measures the FX pulse interval (time between two animation frames): the UI responsiveness figure of issue #5
 * (target p95 ≤ 16.7 ms, one 60 Hz frame).
 */
public final class PulseMeter extends AnimationTimer {
    private long[] intervals = new long[4096];
    private int count;
    private long last = -1;

    @Override
    public void handle(long now) {
        if (last >= 0) {
            if (count == intervals.length) {
                intervals = Arrays.copyOf(intervals, count * 2);
            }
            intervals[count++] = now - last;
        }
        last = now;
    }

    private final java.util.Map<Long, Long> allocatedAtReset = new java.util.HashMap<>();
    private final java.util.Map<Long, Long> cpuAtReset = new java.util.HashMap<>();
    private long resetNanos = System.nanoTime();

    /** Forgets what was measured (e.g. after a warm-up). */
    public void reset() {
        count = 0;
        last = -1;
        resetNanos = System.nanoTime();
        allocatedAtReset.clear();
        cpuAtReset.clear();
        for (Thread t : watched()) {
            allocatedAtReset.put(t.getId(), allocated(t));
            cpuAtReset.put(t.getId(), cpu(t));
        }
    }

    /** The threads whose allocation and CPU are reported: the FX thread, the renderer and the trainer. */
    private static java.util.List<Thread> watched() {
        java.util.List<Thread> out = new java.util.ArrayList<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            String n = t.getName();
            if (n.equals("JavaFX Application Thread")
                    || n.startsWith("QuantumRenderer")
                    || n.startsWith("parsimony-trainer")) {
                out.add(t);
            }
        }
        return out;
    }

    private static long cpu(Thread t) {
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        return mx.isThreadCpuTimeSupported() ? mx.getThreadCpuTime(t.getId()) : -1;
    }

    private static String who(Thread t) {
        String n = t.getName();
        return n.startsWith("parsimony-trainer") ? "trainer" : n.startsWith("QuantumRenderer") ? "renderer" : "FX";
    }

    /**
     * CPU time per second of wall time since {@link #reset()}, in ms/s, of the FX thread, the renderer and the trainer
     * ("CPU FX 120 ms/s, renderer 200 ms/s, trainer 990 ms/s"): what each thread asks of the two cores, which, unlike
     * the pulse interval, hardly depends on what else the machine runs.
     */
    public String cpuSummary() {
        return perSecond("CPU ", cpuAtReset, PulseMeter::cpu, "%s %.0f ms/s");
    }

    /** Each watched thread's {@code counter} increase since {@link #reset()} per second, in millions, as "who rate". */
    private String perSecond(
            String prefix,
            java.util.Map<Long, Long> atReset,
            java.util.function.ToLongFunction<Thread> counter,
            String format) {
        double seconds = (System.nanoTime() - resetNanos) * 1e-9;
        StringBuilder sb = new StringBuilder();
        for (Thread t : watched()) {
            long now = counter.applyAsLong(t);
            Long then = atReset.get(t.getId());
            if (now < 0 || then == null || then < 0) {
                continue;
            }
            sb.append(sb.length() == 0 ? "" : ", ")
                    .append(String.format(Locale.ROOT, format, who(t), (now - then) / 1e6 / seconds));
        }
        return sb.length() == 0 ? prefix.strip() + " not measured" : prefix + sb;
    }

    private static long allocated(Thread t) {
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        if (mx instanceof com.sun.management.ThreadMXBean sun && sun.isThreadAllocatedMemorySupported()) {
            return sun.getThreadAllocatedBytes(t.getId());
        }
        return -1;
    }

    /**
     * Allocation rates since {@link #reset()}, MB/s, of the FX thread, the renderer and the trainer ("allocated: FX 3.1
     * MB/s, trainer 40 MB/s"): the garbage that makes GC pauses, counted by the JVM per thread.
     */
    public String allocationSummary() {
        return perSecond("allocated: ", allocatedAtReset, PulseMeter::allocated, "%s %.1f MB/s");
    }

    /** Number of intervals measured. */
    public int count() {
        return count;
    }

    /** The {@code q}-quantile (0..1) of the intervals in milliseconds (nearest rank). */
    public double quantileMillis(double q) {
        if (count == 0) {
            return Double.NaN;
        }
        long[] sorted = Arrays.copyOf(intervals, count);
        Arrays.sort(sorted);
        int i = (int) Math.min(count - 1, Math.max(0, Math.ceil(q * count) - 1));
        return sorted[i] / 1e6;
    }

    /** "n frames: p50 … p95 … max …" in milliseconds. */
    public String summary() {
        return String.format(
                Locale.ROOT,
                "%d pulses: p50 %.2f ms, p95 %.2f ms, p99 %.2f ms, max %.2f ms",
                count,
                quantileMillis(0.5),
                quantileMillis(0.95),
                quantileMillis(0.99),
                quantileMillis(1.0));
    }
}
