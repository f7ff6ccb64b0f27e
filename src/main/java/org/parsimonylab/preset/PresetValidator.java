package org.parsimonylab.preset;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.parsimonylab.engine.data.DataGenerator;
import org.parsimonylab.engine.data.DataKind;
import org.parsimonylab.engine.data.DataSpec;
import org.parsimonylab.engine.net.CompressionKind;
import org.parsimonylab.engine.net.CompressionSpec;
import org.parsimonylab.engine.net.FactorMethod;
import org.parsimonylab.engine.net.NetworkKind;
import org.parsimonylab.engine.net.NetworkSpec;
import org.parsimonylab.engine.train.Trainer;
import org.parsimonylab.engine.train.TrainingSpec;
import org.parsimonylab.metrics.MetricsSpec;
import org.parsimonylab.metrics.SvdKind;

/**
 * Checks that need several sections of a resolved preset, for every variant, before anything trains: metrics.blockRank
 * against the layer shapes, metrics.referenceStep against training.steps, compression.rank against the width and the
 * data, batchSize against the samples, the observed entries of completion, and whether network.init.scale makes the
 * forward pass overflow or underflow. {@link #check} throws the first error as an {@link IllegalArgumentException}
 * whose message starts with the dotted field; {@link #warnings} lists what is legitimate but surprising.
 */
public final class PresetValidator {
    /** log10 of the smallest normal double (2.2e-308): a product below it has lost its precision or is zero. */
    private static final double LOG10_MIN_NORMAL = Math.log10(Double.MIN_NORMAL);

    /**
     * log10 of the largest initial end-to-end scale: ½‖W_{L:1}X‖² then stays below {@link Trainer#DIVERGED_LOSS}, so
     * step 0 is not already diverged.
     */
    private static final double LOG10_MAX_PRODUCT = Math.log10(Trainer.DIVERGED_LOSS) / 2;

    private PresetValidator() {}

    /** Throws the first error of {@code preset} (message: dotted field, what is allowed, the value). */
    public static void check(Preset preset) {
        List<String> errors = new ArrayList<>();
        collect(preset, errors, new ArrayList<>());
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException(errors.get(0));
        }
    }

    /** The one-line warnings of a valid {@code preset}: values that run but probably do not mean what was meant. */
    public static List<String> warnings(Preset preset) {
        List<String> warnings = new ArrayList<>();
        collect(preset, new ArrayList<>(), warnings);
        return List.copyOf(new java.util.LinkedHashSet<>(warnings));
    }

    private static void collect(Preset p, List<String> errors, List<String> warnings) {
        DataSpec data = p.data();
        checkData(data, errors, warnings);
        org.parsimonylab.session.ExperimentSpec experiment = p.toExperiment();
        for (int i = 0; i < experiment.variants().size(); i++) {
            Scope s = new Scope(p, i, experiment);
            NetworkSpec n = s.network();
            TrainingSpec t = s.training();
            MetricsSpec m = s.metrics();
            int dIn = inputDim(data);
            int dOut = outputDim(data);
            checkInit(s, n, t, errors, warnings);
            checkCompression(s, n, dIn, dOut, errors);
            checkMetrics(s, n, t, m, dIn, dOut, errors);
            checkBatch(s, n, t, data, warnings);
        }
    }

    // ---- data ---------------------------------------------------------------------------------------------------

    private static void checkData(DataSpec d, List<String> errors, List<String> warnings) {
        if (d.kind() == DataKind.COMPLETION) {
            long entries = (long) d.outputDim() * d.dim();
            long observed = (long) (d.observedFraction() * entries);
            if (observed < 1) {
                errors.add(String.format(
                        Locale.ROOT,
                        "data.observedFraction observes int(p·%d·%d) = 0 entries; at least one must be observed"
                                + " (p >= %s) (got %s)",
                        d.outputDim(),
                        d.dim(),
                        num(1.0 / entries),
                        num(d.observedFraction())));
            } else {
                long freedom = (long) d.rank() * (d.outputDim() + d.dim() - d.rank());
                if (observed < freedom) {
                    warnings.add("data.observedFraction " + num(d.observedFraction()) + " observes " + observed
                            + " entries, fewer than the " + freedom
                            + " degrees of freedom of a rank-" + d.rank() + " matrix: the completion is not unique");
                }
            }
        }
    }

    // ---- network.init.scale -----------------------------------------------------------------------------------

    /**
     * The forward pass multiplies L weights of size about scale each (orthogonal: singular values = scale; Gaussian
     * and uniform are norm-matched to it), and the gradient of layer l is the product of the other L−1 times the
     * residual. When that product is below the smallest normal double, every gradient is zero or denormal noise and
     * the loss never moves: an error. When only the full product underflows (the output is 0 at init but gradients
     * are not), a warning. A product above 1e50 makes ½‖W_{L:1}X‖² exceed the divergence threshold at step 0: an
     * error naming the largest scale that can work.
     */
    private static void checkInit(Scope s, NetworkSpec n, TrainingSpec t, List<String> errors, List<String> warnings) {
        int depth = n.depth();
        double total = 0;
        double minLog = Double.POSITIVE_INFINITY;
        for (int l = 0; l < depth; l++) {
            double lg = log10(n.init().scaleOf(l, depth));
            total += lg;
            minLog = Math.min(minLog, lg);
        }
        String field = s.field("network.init.scale");
        String plain = s.plainField("network.init.scale");
        double scale = n.init().scale();
        if (total > LOG10_MAX_PRODUCT) {
            errors.add(String.format(
                    Locale.ROOT,
                    "%s makes the initial end-to-end map about 1e%.0f (scale^depth, depth %d): the loss is above"
                            + " the divergence threshold %s at step 0; use a scale below 1e%.0f (got %s)",
                    field,
                    total,
                    depth,
                    num(Trainer.DIVERGED_LOSS),
                    Math.floor(LOG10_MAX_PRODUCT / depth),
                    num(scale)));
            return;
        }
        if (depth == 1) {
            return; // the gradient R·Xᵀ of a single layer does not depend on the scale
        }
        double others = total - minLog;
        if (others < LOG10_MIN_NORMAL) {
            errors.add(String.format(
                    Locale.ROOT,
                    "%s underflows the forward pass: every layer's gradient carries the product of the other %d"
                            + " weights, about 1e%.0f, below the smallest double 2.2e-308, so training never moves"
                            + " (use a scale above 1e%.0f) (got %s)",
                    field,
                    depth - 1,
                    others,
                    Math.ceil(LOG10_MIN_NORMAL / (depth - 1)),
                    num(scale)));
        } else if (total < LOG10_MIN_NORMAL) {
            warnings.add(String.format(
                    Locale.ROOT,
                    "%s %s: the initial network output (about 1e%.0f) underflows to 0; only the gradients, not the"
                            + " output, carry the scale at step 0",
                    plain,
                    num(scale),
                    total));
        }
        if (t.learningRate() * Math.pow(10, Math.max(others, -300)) == 0) {
            warnings.add(plain + " " + num(scale) + " with training.learningRate " + num(t.learningRate())
                    + ": the first update is below the smallest double");
        }
    }

    // ---- network.compression.rank ------------------------------------------------------------------------------

    private static void checkCompression(Scope s, NetworkSpec n, int dIn, int dOut, List<String> errors) {
        CompressionSpec c = n.compression();
        if (c.kind() == CompressionKind.NONE) {
            return;
        }
        String field = s.field("network.compression.rank");
        int rank = c.rank();
        int width = n.width();
        switch (c.kind()) {
            case LOWRANK, LOWRANK_RANDOM -> {
                int max = Math.min(width, dIn);
                if (rank > max) {
                    errors.add(field + " must be at most " + max + " = min(network.width " + width + ", input dim "
                            + dimText(dIn) + ") for a low-rank MLP (got " + rank + ")");
                }
            }
            case PARSIMONY -> {
                if (c.factor() == FactorMethod.V1 && dIn != Integer.MAX_VALUE && width != dIn) {
                    errors.add(s.field("network.compression.factor") + " v1 (compute_factor) needs a square W1:"
                            + " network.width must equal the input dimension " + dIn + "; use factor v3 (got width "
                            + width + ")");
                    return;
                }
                int max = Math.min(width, dIn);
                if (2L * rank > max) {
                    errors.add(field + " must be at most " + max / 2 + ": the compressed width 2·rank must fit in"
                            + " min(network.width " + width + ", input dim " + dimText(dIn) + ") (got " + rank + ")");
                }
            }
            case SPECTRAL -> {
                int max = Math.min(Math.min(dIn, dOut), width);
                if (2L * rank > max) {
                    errors.add(field + " must be at most " + max / 2 + ": the spectral compression takes the top"
                            + " 2·rank singular vectors of the " + dimText(dOut) + "x" + dimText(dIn)
                            + " target, in a network of width " + width + " (got " + rank + ")");
                }
            }
            case NARROW -> {
                if (2L * rank > width) {
                    errors.add(field + " must be at most " + width / 2 + ": the narrow network's width 2·rank must"
                            + " not exceed network.width " + width + " (got " + rank + ")");
                }
            }
            default -> {}
        }
    }

    // ---- metrics -----------------------------------------------------------------------------------------------

    private static void checkMetrics(
            Scope s, NetworkSpec n, TrainingSpec t, MetricsSpec m, int dIn, int dOut, List<String> errors) {
        boolean wideLinear = n.kind() == NetworkKind.LINEAR && n.compression().kind() == CompressionKind.NONE;
        if (!wideLinear) {
            return; // the subspace probes (angles, update energy) are only measured on wide deep linear networks
        }
        boolean angles = m.svd() == SvdKind.FULL;
        if (angles && t.steps() > 0 && m.referenceStep() > t.steps()) {
            errors.add(s.field("metrics.referenceStep") + " must be at most training.steps = " + t.steps()
                    + ": the angles compare every step with the singular vectors at the reference step (got "
                    + m.referenceStep() + ")");
        }
        int r = m.blockRank();
        if (r < 1) {
            return;
        }
        int largest = 0;
        for (int l = 0; l < n.depth(); l++) {
            int[] shape = n.layerShape(l, dIn, dOut);
            int k = Math.min(shape[0], shape[1]);
            largest = Math.max(largest, k);
        }
        if (angles && 2L * r >= largest) {
            // svd = full asks for the angle series; with 2r >= min(rows, cols) no layer has a middle block.
            errors.add(s.field("metrics.blockRank") + " must be at most " + Math.max(0, (largest - 1) / 2)
                    + " for svd full (2·blockRank < min(rows, cols) = " + largest + " of the largest layer);"
                    + " larger values drop every angle metric (got " + r + ")");
        }
    }

    private static void checkBatch(Scope s, NetworkSpec n, TrainingSpec t, DataSpec data, List<String> warnings) {
        int samples = data.sampleCount();
        if (t.batchSize() > 0 && samples > 0 && t.batchSize() > samples && n.kind() == NetworkKind.MLP) {
            warnings.add(s.plainField("training.batchSize") + " " + t.batchSize() + " is more than the " + samples
                    + " training samples: every step is full batch");
        }
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    /** Input dimension of the data, or {@link Integer#MAX_VALUE} when only the files can tell (csv, idx). */
    static int inputDim(DataSpec d) {
        return switch (d.kind()) {
            case DIGITS -> DataGenerator.DIGITS_FEATURES;
            case CSV, IDX -> Integer.MAX_VALUE;
            default -> d.dim();
        };
    }

    /** Output dimension (rows of Y), or {@link Integer#MAX_VALUE} when only the file can tell (csv). */
    static int outputDim(DataSpec d) {
        int rows = d.targetRows();
        return rows < 0 ? Integer.MAX_VALUE : rows;
    }

    private static String dimText(int d) {
        return d == Integer.MAX_VALUE ? "(from the file)" : Integer.toString(d);
    }

    private static double log10(double v) {
        return v > 0 ? Math.log10(v) : Double.NEGATIVE_INFINITY;
    }

    /** A number as a user would write it: 1e-300, 0.5, 100. */
    static String num(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        String s = Double.toString(v);
        return s.replace("E", "e").replace(".0e", "e");
    }

    /** Variant {@code index} of a preset: its sections and the dotted path of a field where it is set. */
    private static final class Scope {
        private final Preset preset;
        private final int index;
        private final JsonNode overrides;
        private final org.parsimonylab.session.VariantSpec spec;

        Scope(Preset preset, int index, org.parsimonylab.session.ExperimentSpec experiment) {
            this.preset = preset;
            this.index = index;
            this.spec = experiment.variants().get(index);
            this.overrides = preset.variants().isEmpty()
                    ? null
                    : preset.variants().get(index).overrides();
        }

        NetworkSpec network() {
            return spec.network();
        }

        TrainingSpec training() {
            return spec.training();
        }

        MetricsSpec metrics() {
            return spec.metrics();
        }

        /**
         * {@code variants.i.<path>} when variant i sets the field itself; else the base path, with the variant's name
         * when the preset has several.
         */
        String field(String path) {
            String plain = plainField(path);
            return plain.equals(path) && overrides != null
                    ? path + " (variant '" + preset.variants().get(index).name() + "')"
                    : plain;
        }

        /** {@code variants.i.<path>} when variant i sets the field itself, else {@code path}. */
        String plainField(String path) {
            if (overrides == null) {
                return path;
            }
            JsonNode node = overrides;
            for (String seg : path.split("\\.")) {
                node = node == null ? null : node.get(seg);
            }
            if (node != null) {
                return "variants." + index + "." + path;
            }
            return path;
        }
    }
}
