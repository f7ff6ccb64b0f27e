package org.parsimonylab.engine.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.NormOps_DDRM;
import org.junit.jupiter.api.Test;
import org.parsimonylab.engine.data.DataGenerator;
import org.parsimonylab.engine.data.DataKind;
import org.parsimonylab.engine.data.DataSpec;
import org.parsimonylab.engine.data.Dataset;
import org.parsimonylab.engine.data.TargetKind;
import org.parsimonylab.engine.data.TargetSpectrum;
import org.parsimonylab.engine.linalg.LinAlg;
import org.parsimonylab.engine.linalg.LinAlgs;
import org.parsimonylab.engine.net.Activation;
import org.parsimonylab.engine.net.CompressionKind;
import org.parsimonylab.engine.net.CompressionSpec;
import org.parsimonylab.engine.net.InitKind;
import org.parsimonylab.engine.net.InitSpec;
import org.parsimonylab.engine.net.NetworkKind;
import org.parsimonylab.engine.net.NetworkSpec;

/**
 * Target T7 of docs/science.md §5 (exact compression, γ = 0) on E6-like data reduced from d=1000, r=10 to d=50, r=3 (ε =
 * 1e-3, L = 3, half-mean η = 50, i.e. η_eff = 0.02): the compressed twin's loss equals the wide network's to 1e-8
 * relative at every step until the wide loss falls below 1e-10, the fast k×k reduction equals the explicit L+2-factor
 * network, and ‖W_wide − W_comp‖_F/‖Φ‖_F stays constant.
 */
class CompressedTwinTest {
    private static final int D = 50;
    private static final int R = 3;

    private static NetworkSpec net(CompressionKind kind) {
        return new NetworkSpec(
                NetworkKind.LINEAR,
                3,
                D,
                Activation.IDENTITY,
                false,
                new InitSpec(InitKind.ORTHOGONAL, 1e-3),
                true,
                new CompressionSpec(kind, R));
    }

    private static TrainingSpec training(double gamma) {
        return new TrainingSpec(
                OptimizerKind.GD, 50.0, 0.9, LossKind.HALF_MEAN, gamma, 20_000, 1e-10, 1, 0, GradientForm.AUTO);
    }

    @Test
    void t7CompressedTwinLossEqualsWideLossE6ReducedD50() {
        LinAlg la = LinAlgs.create();
        DataSpec spec = new DataSpec(
                DataKind.FACTORIZATION,
                D,
                D,
                R,
                D,
                5,
                10,
                0.2,
                true,
                1.0,
                TargetSpectrum.TRUNCATED_GAUSSIAN,
                TargetKind.LOW_RANK_MAP);
        Dataset data = DataGenerator.generate(spec, 0, la);
        Model wide = ModelFactory.build(net(CompressionKind.NONE), training(1.0), data, 0, la);
        Model twin = ModelFactory.build(net(CompressionKind.PARSIMONY), training(0.0), data, 0, la);
        Model explicit = ModelFactory.parsimony(net(CompressionKind.PARSIMONY), training(0.0), data, 0, la, false);
        ReducedTwinModel reduced = assertInstanceOf(ReducedTwinModel.class, twin, "γ = 0 takes the k×k form");
        assertEquals(2 * R, reduced.parameters()[0].numRows);
        assertEquals(5, explicit.parameters().length, "L+2 factors");
        Trainer a = new Trainer(wide, training(1.0));
        Trainer b = new Trainer(twin, training(0.0));
        Trainer c = new Trainer(explicit, training(0.0));
        double phiNorm = NormOps_DDRM.normF(data.phi());
        DMatrixRMaj wEnd = new DMatrixRMaj(D, D);
        DMatrixRMaj cEnd = new DMatrixRMaj(D, D);
        double firstGap = Double.NaN;
        double maxGapChange = 0;
        double maxRel = 0;
        double maxRelExplicit = 0;
        double firstLoss = Double.NaN;
        double lossWide = Double.NaN;
        long t = 0;
        for (; t < 20_000; t++) {
            lossWide = a.evaluate();
            double lossTwin = b.evaluate();
            double lossExplicit = c.evaluate();
            if (t == 0) {
                firstLoss = lossWide;
            }
            maxRel = Math.max(maxRel, Math.abs(lossWide - lossTwin) / lossWide);
            maxRelExplicit = Math.max(maxRelExplicit, Math.abs(lossExplicit - lossTwin) / lossTwin);
            if (t % 500 == 0) {
                product(wide.parameters(), wEnd);
                reduced.endToEnd(cEnd);
                CommonOps_DDRM.subtractEquals(wEnd, cEnd);
                double gap = NormOps_DDRM.normF(wEnd) / phiNorm;
                if (t == 0) {
                    firstGap = gap;
                }
                maxGapChange = Math.max(maxGapChange, Math.abs(gap - firstGap) / firstGap);
            }
            if (lossWide < 1e-10) {
                break;
            }
            a.update();
            b.update();
            c.update();
        }
        assertTrue(lossWide < 1e-10 && firstLoss > 1e-2, "the run converged: " + firstLoss + " -> " + lossWide);
        assertTrue(t > 1000, "a real trajectory with a plateau, not an instant fit (" + t + " steps)");
        assertTrue(maxRel <= 1e-8, "wide vs compressed loss, max relative difference " + maxRel);
        assertTrue(maxRelExplicit <= 1e-8, "explicit vs reduced loss, max relative difference " + maxRelExplicit);
        // ε^L·‖O_{L:1}(I − V11V11ᵀ)‖_F/‖Φ‖_F ≈ 1e-9·√(d−2r)/‖Φ‖_F: tiny and constant (docs/science.md §1.5, T7).
        assertTrue(firstGap > 1e-12 && firstGap < 1e-8, "gap " + firstGap);
        assertTrue(maxGapChange <= 1e-6, "relative change of the gap " + maxGapChange);
    }

    private static void product(DMatrixRMaj[] w, DMatrixRMaj out) {
        DMatrixRMaj acc = w[0].copy();
        for (int l = 1; l < w.length; l++) {
            DMatrixRMaj next = new DMatrixRMaj(w[l].numRows, acc.numCols);
            CommonOps_DDRM.mult(w[l], acc, next);
            acc = next;
        }
        out.setTo(acc);
    }
}
