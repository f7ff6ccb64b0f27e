package org.parsimonylab.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.parsimonylab.engine.data.DataKind;
import org.parsimonylab.engine.data.DataSpec;
import org.parsimonylab.engine.data.TargetKind;
import org.parsimonylab.engine.data.TargetSpectrum;
import org.parsimonylab.engine.linalg.EjmlLinAlg;
import org.parsimonylab.engine.net.Activation;
import org.parsimonylab.engine.net.CompressionKind;
import org.parsimonylab.engine.net.CompressionSpec;
import org.parsimonylab.engine.net.InitKind;
import org.parsimonylab.engine.net.InitSpec;
import org.parsimonylab.engine.net.NetworkKind;
import org.parsimonylab.engine.net.NetworkSpec;
import org.parsimonylab.engine.train.GradientForm;
import org.parsimonylab.engine.train.LossKind;
import org.parsimonylab.engine.train.OptimizerKind;
import org.parsimonylab.engine.train.StopReason;
import org.parsimonylab.engine.train.TrainingSpec;
import org.parsimonylab.session.ExperimentRun;
import org.parsimonylab.session.ExperimentSpec;
import org.parsimonylab.session.RunListener;
import org.parsimonylab.session.VariantResult;
import org.parsimonylab.session.VariantSpec;

/**
 * Progressive separation in deep linear networks, targets T9–T13 of docs/science.md §5 (E8–E10: K = 5, n = 10, X a 50×50
 * Haar matrix, orthogonal init, GD on ½·mean with tolerance 1e-6 checked every 100 steps).
 */
class ProgressiveSeparationTest {

    /** D_0…D_{L−1} at the end of training, and the geometric fit's R². */
    static double[] separationAtEnd(int depth, double scale, double eta, double[] r2Out) {
        DataSpec data = new DataSpec(
                DataKind.CLASSIFICATION,
                50,
                5,
                0,
                300,
                5,
                10,
                0.2,
                true,
                1.0,
                TargetSpectrum.TRUNCATED_GAUSSIAN,
                TargetKind.LOW_RANK_MAP);
        NetworkSpec net = new NetworkSpec(
                NetworkKind.LINEAR,
                depth,
                50,
                Activation.IDENTITY,
                false,
                new InitSpec(InitKind.ORTHOGONAL, scale),
                true,
                new CompressionSpec(CompressionKind.NONE, 3));
        TrainingSpec training = new TrainingSpec(
                OptimizerKind.GD, eta, 0.9, LossKind.HALF_MEAN, 1.0, 200_000, 1e-6, 100, 0, GradientForm.AUTO);
        MetricsSpec metrics = new MetricsSpec(1_000_000, 1, 3, SvdKind.VALUES);
        ExperimentSpec spec = new ExperimentSpec(0, data, List.of(new VariantSpec("linear", net, training, metrics)));
        List<StepSnapshot> snaps = new ArrayList<>();
        List<VariantResult> results = new ExperimentRun(spec, new EjmlLinAlg())
                .run(
                        new RunListener() {
                            @Override
                            public void snapshot(String variant, StepSnapshot snapshot) {
                                snaps.add(snapshot);
                            }
                        },
                        0,
                        0);
        assertEquals(StopReason.TOLERANCE, results.get(0).reason());
        StepSnapshot last = snaps.get(snaps.size() - 1);
        double[] d = new double[depth];
        for (int l = 0; l < depth; l++) {
            d[l] = last.find("separation", l).orElseThrow().value();
        }
        r2Out[0] = last.find("separation-fit-r2", MetricSeries.NO_LAYER)
                .orElseThrow()
                .value();
        return d;
    }

    private static void assertClose(double[] expected, double[] actual, double tolEarly, double tolLate, int lateFrom) {
        for (int l = 0; l < expected.length; l++) {
            double tol = l >= lateFrom ? tolLate : tolEarly;
            double rel = Math.abs(actual[l] - expected[l]) / expected[l];
            assertTrue(
                    rel <= tol, "D_" + l + " = " + actual[l] + ", expected " + expected[l] + " ± " + tol * 100 + "%");
        }
    }

    @Test
    void t9SeparationOfOrthogonalInputsIsExactly11point25() {
        double[] r2 = new double[1];
        double[] d = separationAtEnd(2, 0.5, 1.0, r2);
        assertEquals(11.25, d[0], 1e-12);
    }

    @Test
    void t10T13LinearDepth8DecaysGeometrically() {
        double[] r2 = new double[1];
        double[] d = separationAtEnd(8, 0.5, 1.0, r2);
        assertClose(new double[] {11.25, 2.08, 0.385, 0.071, 0.0132, 2.45e-3, 4.6e-4, 8.7e-5}, d, 0.03, 0.15, 6);
        assertTrue(r2[0] > 0.995, "R² = " + r2[0]);
    }

    @Test
    void t11LinearDepth6() {
        double[] r2 = new double[1];
        double[] d = separationAtEnd(6, 0.5, 1.0, r2);
        assertClose(new double[] {11.25, 1.88, 0.314, 0.0527, 8.85e-3, 1.49e-3}, d, 0.03, 0.10, 5);
        assertTrue(r2[0] > 0.995, "R² = " + r2[0]);
    }

    @Test
    void t12Depth4InitScaleSetsTheDecayRate() {
        double[] r2 = new double[1];
        assertClose(new double[] {11.25, 1.52, 0.208, 0.029}, separationAtEnd(4, 0.5, 10.0, r2), 0.03, 0.03, 4);
        assertClose(new double[] {11.25, 0.385, 0.0132, 4.6e-4}, separationAtEnd(4, 0.25, 10.0, r2), 0.03, 0.03, 4);
        double[] small = separationAtEnd(4, 0.125, 10.0, r2);
        assertClose(new double[] {11.25, 0.096, 8.3e-4}, new double[] {small[0], small[1], small[2]}, 0.03, 0.03, 3);
        assertTrue(small[3] > 0.5e-5 && small[3] < 2e-5, "D_3 = " + small[3] + " within a factor 2 of 1e-5");
    }
}
