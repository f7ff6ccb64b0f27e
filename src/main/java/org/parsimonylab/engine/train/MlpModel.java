package org.parsimonylab.engine.train;

import java.util.Arrays;
import java.util.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;
import org.parsimonylab.engine.data.Dataset;
import org.parsimonylab.engine.linalg.LinAlg;
import org.parsimonylab.engine.linalg.Rng;
import org.parsimonylab.engine.net.Activation;
import org.parsimonylab.engine.net.Initializer;
import org.parsimonylab.engine.net.NetworkKind;
import org.parsimonylab.engine.net.NetworkSpec;

/**
 * Loss and gradients of an MLP f(X) = W_L·φ(⋯φ(W_1·X + b_1 1ᵀ)⋯) + b_L 1ᵀ with φ after every layer except the last
 * (docs/science.md §3.2: the two-layer model W2·φ(W1X) is depth 2 without biases). W_l is out×in, X is d×N, the output K×N.
 *
 * <p>Back-propagation: with Z_l = W_l·A_{l−1} + b_l 1ᵀ, A_l = φ(Z_l), A_0 = X and G_l = ∂ℓ/∂Z_l,
 * G_{l−1} = (W_lᵀ·G_l) ∘ φ′(Z_{l−1}), ∂ℓ/∂W_l = G_l·A_{l−1}ᵀ and ∂ℓ/∂b_l = G_l·1.
 *
 * <p>Losses follow {@link DeepLinearModel}: ½·mean over all output entries, ½·sum, or the column-softmax
 * cross-entropy averaged over samples. With {@code batchSize} &gt; 0 (and below N), {@link #evaluate(boolean)
 * evaluate(true)} computes loss and gradient on the next mini-batch, normalised over the batch, and advances; the
 * samples are reshuffled at the start of every epoch from the stream {@code Rng.stream(seed, "batches")}, so runs are
 * deterministic. {@code evaluate(false)} then gives the loss on all N samples without advancing.
 *
 * <p>Parameters are [W_1 … W_L] followed by [b_1 … b_L] when biases are on (biases start at 0, so φ(0) = 0 keeps
 * the theory's setting). All workspaces are allocated in the constructor; {@link #evaluate} allocates nothing.
 */
public final class MlpModel implements Model, Predictor, LayerFeatures {
    private final LinAlg linAlg;
    private final Activation phi;
    private final LossKind loss;
    private final DMatrixRMaj[] w;
    private final DMatrixRMaj[] b; // null without biases
    private final DMatrixRMaj[] params;
    private final DMatrixRMaj[] grads;
    private final double[] lrScales;
    private final DMatrixRMaj xAll; // d x N
    private final DMatrixRMaj yAll; // K x N
    private final int samples;
    private final int capacity; // columns of the workspaces: N, or the batch size
    private final boolean batched;
    private final int[] order;
    private final RandomGenerator batchRng;
    private int cursor;
    private long epochs;
    private double[] xBySample; // X transposed (N x d, one sample per row) for the batch gather, or null
    private double[] yBySample; // Y transposed (N x K), or null
    private final DMatrixRMaj xb; // gathered batch inputs (d x B), null when full batch
    private final DMatrixRMaj yb; // gathered batch targets (K x B)
    private final DMatrixRMaj[] z; // z[l] = W_l a[l-1] + b_l (out_l x n), l = 1..L
    private final DMatrixRMaj[] a; // a[l] = φ(z[l]) for l < L, a[L] = z[L]
    private final DMatrixRMaj[] dphi; // φ'(z[l]), l = 1..L-1
    private final DMatrixRMaj[] gz; // ∂ℓ/∂z[l]
    private DMatrixRMaj[] predictWork = new DMatrixRMaj[0];

    /**
     * A model training {@code weights} (W_l = {@code weights[l-1]}, modified in place by the optimizer) and, when
     * {@code biases} is non-null, biases b_l = {@code biases[l-1]} (out_l×1) on {@code data}.
     *
     * @param outerScale γ on the learning rate of the first and last layer (docs/science.md §1.4; 1 for plain training)
     * @param trainLast false freezes W_L (and b_L), as the fixed W2 of docs/science.md §3.2
     * @param batchSize mini-batch size; 0 (or ≥ N) for full batch
     * @param seed seeds the per-epoch shuffle
     */
    public MlpModel(
            DMatrixRMaj[] weights,
            DMatrixRMaj[] biases,
            Activation activation,
            Dataset data,
            LossKind loss,
            double outerScale,
            boolean trainLast,
            int batchSize,
            long seed,
            LinAlg linAlg) {
        this.linAlg = linAlg;
        this.phi = activation;
        this.loss = loss;
        this.w = weights;
        this.b = biases;
        int depth = weights.length;
        if (data.mask() != null) {
            throw new IllegalArgumentException("an MLP cannot train on completion data (masked targets)");
        }
        this.xAll = data.inputMatrix();
        this.yAll = data.y();
        this.samples = yAll.numCols;
        if (weights[0].numCols != xAll.numRows || weights[depth - 1].numRows != yAll.numRows) {
            throw new IllegalArgumentException("network shape does not fit the data: W1 has " + weights[0].numCols
                    + " columns for inputs of dimension " + xAll.numRows + ", W_L has " + weights[depth - 1].numRows
                    + " rows for outputs of dimension " + yAll.numRows);
        }
        for (int l = 1; l < depth; l++) {
            if (weights[l].numCols != weights[l - 1].numRows) {
                throw new IllegalArgumentException("W" + (l + 1) + " has " + weights[l].numCols + " columns but W" + l
                        + " has " + weights[l - 1].numRows + " rows");
            }
        }
        this.batched = batchSize > 0 && batchSize < samples;
        this.capacity = batched ? batchSize : samples;
        this.order = new int[samples];
        for (int i = 0; i < samples; i++) {
            order[i] = i;
        }
        this.batchRng = Rng.stream(seed, BatchOrder.STREAM);
        this.xb = batched ? new DMatrixRMaj(xAll.numRows, capacity) : null;
        boolean bySample = batched && fitsInHeap((long) samples * (xAll.numRows + yAll.numRows));
        this.xBySample = bySample ? transpose(xAll) : null;
        this.yBySample = bySample ? transpose(yAll) : null;
        this.yb = batched ? new DMatrixRMaj(yAll.numRows, capacity) : null;
        this.z = new DMatrixRMaj[depth + 1];
        this.a = new DMatrixRMaj[depth + 1];
        this.dphi = new DMatrixRMaj[depth + 1];
        this.gz = new DMatrixRMaj[depth + 1];
        for (int l = 1; l <= depth; l++) {
            int rows = w[l - 1].numRows;
            z[l] = new DMatrixRMaj(rows, capacity);
            a[l] = l == depth ? z[l] : new DMatrixRMaj(rows, capacity);
            dphi[l] = l == depth ? null : new DMatrixRMaj(rows, capacity);
            gz[l] = new DMatrixRMaj(rows, capacity);
        }
        int count = b == null ? depth : 2 * depth;
        this.params = new DMatrixRMaj[count];
        this.grads = new DMatrixRMaj[count];
        this.lrScales = new double[count];
        for (int l = 0; l < depth; l++) {
            params[l] = w[l];
            grads[l] = new DMatrixRMaj(w[l].numRows, w[l].numCols);
            lrScales[l] = LayerRates.of(l, depth, outerScale, trainLast);
            if (b != null) {
                if (b[l].numRows != w[l].numRows || b[l].numCols != 1) {
                    throw new IllegalArgumentException("b" + (l + 1) + " must be " + w[l].numRows + "x1");
                }
                params[depth + l] = b[l];
                grads[depth + l] = new DMatrixRMaj(b[l].numRows, 1);
                lrScales[depth + l] = lrScales[l];
            }
        }
    }

    /**
     * The MLP of {@code network} (kind mlp, no compression) trained with {@code training} on {@code data}, its weights
     * initialised by {@link Initializer#weights} from {@code seed} (the same weights as every variant of that shape).
     */
    public static MlpModel create(NetworkSpec network, TrainingSpec training, Dataset data, long seed, LinAlg linAlg) {
        if (network.kind() != NetworkKind.MLP) {
            throw new IllegalArgumentException("network.kind must be mlp for an MLP model");
        }
        DMatrixRMaj[] weights = Initializer.weights(network, data.inputDim(), data.outputDim(), seed);
        return new MlpModel(
                weights,
                network.bias() ? zeroBiases(weights) : null,
                network.activation(),
                data,
                training.loss(),
                training.outerLearningRateScale(),
                network.trainLast(),
                training.batchSize(),
                seed,
                linAlg);
    }

    /** Zero biases b_l (out_l×1) for the given weights. */
    public static DMatrixRMaj[] zeroBiases(DMatrixRMaj[] weights) {
        DMatrixRMaj[] out = new DMatrixRMaj[weights.length];
        for (int l = 0; l < weights.length; l++) {
            out[l] = new DMatrixRMaj(weights[l].numRows, 1);
        }
        return out;
    }

    @Override
    public DMatrixRMaj[] parameters() {
        return params;
    }

    @Override
    public DMatrixRMaj[] gradients() {
        return grads;
    }

    @Override
    public double[] learningRateScales() {
        return lrScales;
    }

    /** The weights W_1…W_L (the model's own). */
    public DMatrixRMaj[] weights() {
        return w;
    }

    /** The biases b_1…b_L (the model's own), or null. */
    public DMatrixRMaj[] biases() {
        return b;
    }

    /** The activation φ. */
    public Activation activation() {
        return phi;
    }

    /** True when {@link #evaluate(boolean) evaluate(true)} works on mini-batches. */
    public boolean batched() {
        return batched;
    }

    /** Completed passes over the data in mini-batch mode (0 in full batch). */
    public long epochs() {
        return epochs;
    }

    @Override
    public DMatrixRMaj[] layerWeights() {
        return w;
    }

    /**
     * The features [X, φ(Z_1), …, φ(Z_{L−1})] on all training inputs at the current parameters (new matrices; the
     * measure M3 of docs/science.md §1.6 applied to an MLP).
     */
    @Override
    public DMatrixRMaj[] layerFeatures() {
        int depth = w.length;
        DMatrixRMaj[] out = new DMatrixRMaj[depth];
        out[0] = xAll;
        DMatrixRMaj in = xAll;
        for (int l = 1; l < depth; l++) {
            DMatrixRMaj h = new DMatrixRMaj(w[l - 1].numRows, samples);
            linAlg.gemm(false, false, 1.0, w[l - 1], in, 0.0, h);
            addBias(l, h, samples);
            phi.apply(h.data, h.data, null, h.getNumElements());
            out[l] = h;
            in = h;
        }
        return out;
    }

    @Override
    public double flopsPerStep() {
        double n = capacity;
        double flops = 0;
        for (int l = 0; l < w.length; l++) {
            double product = 2.0 * w[l].numRows * w[l].numCols * n;
            flops += 2 * product + (l > 0 ? product : 0);
        }
        return flops;
    }

    @Override
    public double evaluate(boolean withGradient) {
        if (!batched) {
            forward(xAll, samples, withGradient);
            double raw = outputLoss(yAll, samples, withGradient);
            if (withGradient) {
                backward();
            }
            return finish(raw, samples);
        }
        if (!withGradient) {
            double raw = 0;
            for (int start = 0; start < samples; start += capacity) {
                int n = Math.min(capacity, samples - start);
                gather(start, n, false);
                forward(xb, n, false);
                raw += outputLoss(yb, n, false);
            }
            return finish(raw, samples);
        }
        if (cursor == 0) {
            shuffle();
        }
        int n = Math.min(capacity, samples - cursor);
        gather(cursor, n, true);
        cursor += n;
        if (cursor >= samples) {
            cursor = 0;
            epochs++;
        }
        forward(xb, n, true);
        double raw = outputLoss(yb, n, true);
        backward();
        return finish(raw, n);
    }

    /**
     * The network output f(X) (K×n) for inputs {@code x} (d×n) at the current parameters, e.g. on a test set. Uses
     * workspaces of its own (kept for the next call of the same size), so training state is untouched.
     */
    @Override
    public DMatrixRMaj predict(DMatrixRMaj x) {
        int depth = w.length;
        int n = x.numCols;
        if (predictWork.length != depth + 1 || predictWork[1].numCols != n) {
            predictWork = new DMatrixRMaj[depth + 1];
            for (int l = 1; l <= depth; l++) {
                predictWork[l] = new DMatrixRMaj(w[l - 1].numRows, n);
            }
        }
        DMatrixRMaj in = x;
        for (int l = 1; l <= depth; l++) {
            DMatrixRMaj out = predictWork[l];
            linAlg.gemm(false, false, 1.0, w[l - 1], in, 0.0, out);
            addBias(l, out, n);
            if (l < depth) {
                phi.apply(out.data, out.data, null, out.numRows * n);
            }
            in = out;
        }
        return predictWork[depth].copy();
    }

    private void forward(DMatrixRMaj input, int n, boolean withGradient) {
        int depth = w.length;
        DMatrixRMaj in = input;
        for (int l = 1; l <= depth; l++) {
            int rows = w[l - 1].numRows;
            z[l].reshape(rows, n);
            linAlg.gemm(false, false, 1.0, w[l - 1], in, 0.0, z[l]);
            addBias(l, z[l], n);
            if (l < depth) {
                a[l].reshape(rows, n);
                double[] deriv = null;
                if (withGradient) {
                    dphi[l].reshape(rows, n);
                    deriv = dphi[l].data;
                }
                phi.apply(z[l].data, a[l].data, deriv, rows * n);
            }
            in = a[l];
        }
    }

    private void addBias(int l, DMatrixRMaj m, int n) {
        if (b == null) {
            return;
        }
        double[] bias = b[l - 1].data;
        for (int i = 0; i < m.numRows; i++) {
            double bi = bias[i];
            int base = i * n;
            for (int j = 0; j < n; j++) {
                m.data[base + j] += bi;
            }
        }
    }

    private void backward() {
        int depth = w.length;
        for (int l = depth; l >= 1; l--) {
            if (lrScales[l - 1] != 0.0) {
                DMatrixRMaj prev = l == 1 ? (batched ? xb : xAll) : a[l - 1];
                linAlg.gemm(false, true, 1.0, gz[l], prev, 0.0, grads[l - 1]);
                if (b != null) {
                    int n = gz[l].numCols;
                    double[] gb = grads[depth + l - 1].data;
                    for (int i = 0; i < gz[l].numRows; i++) {
                        double sum = 0;
                        int base = i * n;
                        for (int j = 0; j < n; j++) {
                            sum += gz[l].data[base + j];
                        }
                        gb[i] = sum;
                    }
                }
            }
            if (l > 1) {
                DMatrixRMaj g = gz[l - 1];
                g.reshape(w[l - 1].numCols, gz[l].numCols);
                linAlg.gemm(true, false, 1.0, w[l - 1], gz[l], 0.0, g);
                double[] d = dphi[l - 1].data;
                int size = g.getNumElements();
                for (int i = 0; i < size; i++) {
                    g.data[i] *= d[i];
                }
            }
        }
    }

    /**
     * The loss normalisation c for a batch of n samples ({@link LossKind#scale}; MLP data has no mask, so every entry
     * of the batch is observed and half-mean-observed equals half-mean).
     */
    private double scale(int n) {
        return loss.scale(yAll.numRows, n, (double) yAll.numRows * n);
    }

    private double finish(double raw, int n) {
        return loss == LossKind.CROSS_ENTROPY ? scale(n) * raw : 0.5 * scale(n) * raw;
    }

    /**
     * The unnormalised loss of the output a[L] (K×n) against {@code target}: Σr² or Σ −log softmax; with {@code
     * withGradient} writes ∂ℓ/∂output into gz[L].
     */
    private double outputLoss(DMatrixRMaj target, int n, boolean withGradient) {
        int depth = w.length;
        DMatrixRMaj out = a[depth];
        DMatrixRMaj g = gz[depth];
        g.reshape(out.numRows, n);
        double c = scale(n);
        if (loss != LossKind.CROSS_ENTROPY) {
            return OutputLoss.squaredSum(out.data, target.data, null, out.numRows * n, c, g.data);
        }
        return OutputLoss.crossEntropySum(out, target, n, c, g);
    }

    /** Copies n columns into the batch buffers: order[start..start+n) when shuffled, start..start+n otherwise. */
    private void gather(int start, int n, boolean shuffled) {
        xb.reshape(xAll.numRows, n);
        yb.reshape(yAll.numRows, n);
        if (xBySample != null) {
            copySamples(xBySample, xAll.numRows, xb.data, start, n, shuffled);
            copySamples(yBySample, yAll.numRows, yb.data, start, n, shuffled);
        } else {
            copyColumns(xAll, xb, start, n, shuffled);
            copyColumns(yAll, yb, start, n, shuffled);
        }
    }

    private void copyColumns(DMatrixRMaj src, DMatrixRMaj dst, int start, int n, boolean shuffled) {
        int cols = src.numCols;
        for (int i = 0; i < src.numRows; i++) {
            int sb = i * cols;
            int db = i * n;
            for (int j = 0; j < n; j++) {
                int col = shuffled ? order[start + j] : start + j;
                dst.data[db + j] = src.data[sb + col];
            }
        }
    }

    /**
     * The same copy as {@link #copyColumns} from the sample-major copy (N×rows): each sample's {@code rows} values
     * are contiguous, so a batch reads B·rows doubles from B runs instead of one cache line per entry of the
     * row-major X (d lines per sample); four samples at a time fill the destination rows in runs of four.
     */
    private void copySamples(double[] src, int rows, double[] dst, int start, int n, boolean shuffled) {
        int j = 0;
        for (; j + 4 <= n; j += 4) {
            int s0 = rows * (shuffled ? order[start + j] : start + j);
            int s1 = rows * (shuffled ? order[start + j + 1] : start + j + 1);
            int s2 = rows * (shuffled ? order[start + j + 2] : start + j + 2);
            int s3 = rows * (shuffled ? order[start + j + 3] : start + j + 3);
            for (int i = 0, d = j; i < rows; i++, d += n) {
                dst[d] = src[s0 + i];
                dst[d + 1] = src[s1 + i];
                dst[d + 2] = src[s2 + i];
                dst[d + 3] = src[s3 + i];
            }
        }
        for (; j < n; j++) {
            int s = rows * (shuffled ? order[start + j] : start + j);
            for (int i = 0, d = j; i < rows; i++, d += n) {
                dst[d] = src[s + i];
            }
        }
    }

    /** mᵀ as a flat row-major array (m.numCols × m.numRows), in 32×32 tiles so that reads and writes stay cached. */
    private static double[] transpose(DMatrixRMaj m) {
        int rows = m.numRows;
        int cols = m.numCols;
        double[] out = new double[rows * cols];
        for (int i0 = 0; i0 < rows; i0 += 32) {
            int i1 = Math.min(rows, i0 + 32);
            for (int j0 = 0; j0 < cols; j0 += 32) {
                int j1 = Math.min(cols, j0 + 32);
                for (int i = i0; i < i1; i++) {
                    int base = i * cols;
                    for (int j = j0; j < j1; j++) {
                        out[j * rows + i] = m.data[base + j];
                    }
                }
            }
        }
        return out;
    }

    /**
     * True when a copy of {@code doubles} doubles takes at most a quarter of the heap still free to grow into: the
     * sample-major copy only speeds the gather up (the batch is the same either way), so a large data set on a small
     * heap goes without it.
     */
    private static boolean fitsInHeap(long doubles) {
        Runtime rt = Runtime.getRuntime();
        long free = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
        return doubles <= Integer.MAX_VALUE - 8 && doubles * Double.BYTES <= free / 4;
    }

    /** Fisher–Yates shuffle of the sample order for the next epoch. */
    private void shuffle() {
        BatchOrder.shuffle(order, batchRng);
    }

    /** True when batches are gathered from the sample-major copy of the data (for tests). */
    boolean gathersBySample() {
        return xBySample != null;
    }

    /** Drops the sample-major copy, so batches are gathered column by column from X and Y (for tests). */
    void gatherByColumn() {
        xBySample = null;
        yBySample = null;
    }

    /** The current sample order of mini-batch mode (a copy; for tests and diagnostics). */
    int[] sampleOrder() {
        return Arrays.copyOf(order, order.length);
    }
}
