package org.parsimonylab.engine.train;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;
import org.parsimonylab.engine.data.DataGenerator;
import org.parsimonylab.engine.data.DataSpec;
import org.parsimonylab.engine.data.Dataset;
import org.parsimonylab.engine.linalg.Orthogonal;
import org.parsimonylab.engine.linalg.Rng;

/** Central-difference gradient checks shared by the MLP tests. */
final class GradientCheck {
    private GradientCheck() {}

    /** A small classification data set: Gaussian X (d×n), labels i mod K, one-hot Y (or Gaussian Y). */
    static Dataset smallData(int d, int k, int n, boolean oneHot, long seed) {
        RandomGenerator rng = Rng.stream(seed, "test.data");
        DMatrixRMaj x = Orthogonal.gaussian(d, n, rng);
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % k;
        }
        DMatrixRMaj y = oneHot ? DataGenerator.oneHot(labels, k) : Orthogonal.gaussian(k, n, rng);
        return new Dataset(DataSpec.defaults(), x, d, y, null, labels, null);
    }

    /**
     * Asserts that the analytic gradient of every trained parameter (learning-rate scale ≠ 0) matches central
     * differences of {@code evaluate(false)}: ‖g − g_fd‖ / max(‖g‖, ‖g_fd‖) &lt; 1e-6 per parameter.
     */
    static void check(Model model, String what) {
        model.evaluate(true);
        DMatrixRMaj[] params = model.parameters();
        DMatrixRMaj[] grads = model.gradients();
        double[] scales = model.learningRateScales();
        double h = 1e-5;
        int checked = 0;
        for (int p = 0; p < params.length; p++) {
            if (scales[p] == 0.0) {
                continue;
            }
            double[] analytic = grads[p].data.clone();
            double diff = 0;
            double norm = 0;
            double normFd = 0;
            for (int i = 0; i < params[p].getNumElements(); i++) {
                double keep = params[p].data[i];
                params[p].data[i] = keep + h;
                double up = model.evaluate(false);
                params[p].data[i] = keep - h;
                double down = model.evaluate(false);
                params[p].data[i] = keep;
                double fd = (up - down) / (2 * h);
                diff += (fd - analytic[i]) * (fd - analytic[i]);
                norm += analytic[i] * analytic[i];
                normFd += fd * fd;
            }
            double rel = Math.sqrt(diff) / Math.max(Math.sqrt(Math.max(norm, normFd)), 1e-300);
            assertTrue(norm > 0, what + ": gradient of parameter " + p + " is zero, the check would be vacuous");
            assertTrue(rel < 1e-6, what + ": parameter " + p + " relative error " + rel);
            checked++;
        }
        assertTrue(checked > 0, what + ": nothing checked");
    }
}
