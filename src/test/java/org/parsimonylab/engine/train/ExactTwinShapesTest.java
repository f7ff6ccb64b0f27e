package org.parsimonylab.engine.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.NormOps_DDRM;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.parsimonylab.engine.data.DataGenerator;
import org.parsimonylab.engine.data.Dataset;
import org.parsimonylab.engine.linalg.LinAlg;
import org.parsimonylab.engine.linalg.LinAlgs;
import org.parsimonylab.engine.net.InvariantSubspace;
import org.parsimonylab.preset.PresetLoader;
import org.parsimonylab.session.ExperimentSpec;
import org.parsimonylab.session.VariantSpec;

/**
 * The parsimony twin of docs/science.md §1.5 for init scales other than 1, for init.lastScale ≠ ε, and for shapes other
 * than width = d_in = d_out. Where the construction is exact the whole wide trajectory is predicted to rounding:
 * W_wide(t) = U_{L,1}·W̃_{L:1}(t)·V_{1,1}ᵀ + (∏ρ_l(t)/∏ε_l)·W_{L:1}(0)(I − V_{1,1}V_{1,1}ᵀ), with the twin's own
 * W̃(t) and ρ_l(0) = ε_l, ρ_l ← ρ_l − η_eff·ρ_l·∏_{j≠l}ρ_j² (the complement is a deep linear net fitting 0). That
 * is T7 made exact: T7 only asks the difference to stay ≈ constant, which holds because the complement hardly moves
 * at ε = 1e-3. Where the construction is not exact (wider or narrower layers than the data, a non-orthogonal init, a
 * frozen W_L) the model factory refuses with one line naming the field.
 */
class ExactTwinShapesTest {
    private final LinAlg la = LinAlgs.create();

    private static ExperimentSpec experiment(String... overrides) {
        String json =
                """
                {"schemaVersion": 1, "name": "twin", "seed": 3,
                 "data": {"kind": "factorization", "dim": 20, "outputDim": 20, "rank": 2},
                 "network": {"kind": "linear", "depth": 3, "width": 20,
                             "init": {"kind": "orthogonal", "scale": 0.3}},
                 "training": {"optimizer": "gd", "learningRate": 4.0, "loss": "half-mean", "steps": 10},
                 "variants": [{"name": "wide"},
                              {"name": "twin", "network": {"compression": {"kind": "parsimony", "rank": 2}},
                               "training": {"outerLearningRateScale": 0.0}},
                              {"name": "twin-gamma", "network": {"compression": {"kind": "parsimony", "rank": 2}},
                               "training": {"outerLearningRateScale": 0.01}}]}
                """;
        return PresetLoader.parse(json, "twin", List.of(overrides)).toExperiment();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "'init.scale 0.3 (complement moves: rho 0.3 -> smaller)', 0.3, 0.0, 4.0, 1500",
        "'init.scale 1e-3, lastScale 0.5', 1e-3, 0.5, 8.0, 1500",
        "'init.scale 0.5, lastScale 2', 0.5, 2.0, 1.0, 1500"
    })
    void theWideTrajectoryIsTheTwinPlusTheRhoComplementToRounding(
            String name, double eps, double lastScale, double eta, int steps) {
        ExperimentSpec e = experiment(
                "network.init.scale=" + eps,
                "network.init.lastScale=" + lastScale,
                "training.learningRate=" + eta,
                "training.steps=" + steps);
        Dataset data = DataGenerator.generate(e.data(), e.seed(), la);
        VariantSpec wideSpec = e.variants().get(0);
        VariantSpec twinSpec = e.variants().get(1);
        Model wide = ModelFactory.build(wideSpec.network(), wideSpec.training(), data, e.seed(), la);
        Model twin = ModelFactory.build(twinSpec.network(), twinSpec.training(), data, e.seed(), la);
        ReducedTwinModel reduced = assertInstanceOf(ReducedTwinModel.class, twin, "γ = 0 takes the exact k×k form");
        ModelFactory.ParsimonyFactors f =
                ModelFactory.parsimonyFactors(twinSpec.network(), twinSpec.training(), data, e.seed(), la);
        double last = lastScale > 0 ? lastScale : eps;
        assertEquals(eps, f.eps(), 1e-15 * eps, "ε from W1(0)");
        assertEquals(last, f.scales()[2], 1e-15 * last, "ε_L from W_L(0)");
        assertTrue(ModelFactory.isOrthonormal(f.ul1(), la), "U_{L,1} has orthonormal columns");

        // The complement direction (∏ε_l)^{-1}·W_{L:1}(0)(I − VVᵀ), fixed.
        DMatrixRMaj w0 = product(f.wideInit());
        DMatrixRMaj vvt = new DMatrixRMaj(20, 20);
        CommonOps_DDRM.multTransB(f.v11(), f.v11(), vvt);
        DMatrixRMaj projector = CommonOps_DDRM.identity(20);
        CommonOps_DDRM.subtractEquals(projector, vvt);
        DMatrixRMaj complement = new DMatrixRMaj(20, 20);
        CommonOps_DDRM.mult(w0, projector, complement);
        CommonOps_DDRM.scale(1.0 / (eps * eps * last), complement);

        double etaEff = eta * ModelFactory.lossScale(LossKind.HALF_MEAN, data);
        double[] rho = {eps, eps, last};
        double phiNorm = NormOps_DDRM.normF(data.phi());
        Trainer a = new Trainer(wide, wideSpec.training());
        Trainer b = new Trainer(twin, twinSpec.training());
        DMatrixRMaj twinEnd = new DMatrixRMaj(20, 20);
        double worst = 0;
        double worstLoss = 0;
        double firstLoss = Double.NaN;
        double lossWide = Double.NaN;
        for (int t = 0; t <= steps; t++) {
            lossWide = a.evaluate();
            double lossTwin = b.evaluate();
            firstLoss = t == 0 ? lossWide : firstLoss;
            reduced.endToEnd(twinEnd);
            double scale = rho[0] * rho[1] * rho[2];
            DMatrixRMaj predicted = twinEnd.copy();
            CommonOps_DDRM.addEquals(predicted, scale, complement);
            DMatrixRMaj diff = product(wide.parameters());
            CommonOps_DDRM.subtractEquals(diff, predicted);
            worst = Math.max(worst, NormOps_DDRM.normF(diff) / phiNorm);
            // ℓ_wide = ℓ_twin + ½c‖complement term‖² (Φ has no complement part).
            double complementLoss = 0.5
                    * ModelFactory.lossScale(LossKind.HALF_MEAN, data)
                    * Math.pow(scale * NormOps_DDRM.normF(complement), 2);
            worstLoss = Math.max(worstLoss, Math.abs(lossWide - lossTwin - complementLoss) / firstLoss);
            a.update();
            b.update();
            double[] next = new double[3];
            for (int l = 0; l < 3; l++) {
                double others = 1;
                for (int j = 0; j < 3; j++) {
                    others *= j == l ? 1 : rho[j] * rho[j];
                }
                next[l] = rho[l] - etaEff * rho[l] * others;
            }
            rho = next;
        }
        assertTrue(lossWide < 1e-3 * firstLoss, name + ": the run learns (" + firstLoss + " -> " + lossWide + ")");
        assertTrue(worst <= 1e-12, name + ": ‖W_wide − prediction‖_F/‖Φ‖_F = " + worst);
        assertTrue(worstLoss <= 1e-12, name + ": loss identity off by " + worstLoss + " of ℓ(0)");
    }

    @Test
    void dividingByEpsToTheLInsteadOfTheLayerScalesBreaksTheTwin() {
        // The control for the test above: the old construction (U = W_{L:1}(0)V/ε^L, W̃_L(0) = εI) with lastScale 0.5
        // gives a U that is not orthonormal, so the twin is no longer a reduction of the wide network.
        ExperimentSpec e = experiment("network.init.scale=0.001", "network.init.lastScale=0.5");
        Dataset data = DataGenerator.generate(e.data(), e.seed(), la);
        VariantSpec twinSpec = e.variants().get(1);
        ModelFactory.ParsimonyFactors f =
                ModelFactory.parsimonyFactors(twinSpec.network(), twinSpec.training(), data, e.seed(), la);
        DMatrixRMaj old = f.ul1().copy();
        CommonOps_DDRM.scale(0.5 / 0.001, old);
        assertFalse(ModelFactory.isOrthonormal(old, la));
        DMatrixRMaj gram = new DMatrixRMaj(4, 4);
        CommonOps_DDRM.multTransA(old, old, gram);
        assertEquals(250_000, gram.get(0, 0), 1e-6, "columns of norm lastScale/ε instead of 1");
    }

    @Test
    void theOldEpsOfAWiderFirstLayerWasOff() {
        // ‖W1‖_F/√width for a 30×20 orthogonal W1 of scale ε is ε·√(20/30); the fix divides by √min(30, 20).
        DMatrixRMaj w1 = org.parsimonylab.engine.net.Initializer.weight(
                org.parsimonylab.engine.net.InitKind.ORTHOGONAL,
                30,
                20,
                0.7,
                org.parsimonylab.engine.linalg.Rng.stream(1, "w"));
        assertEquals(0.7, InvariantSubspace.initScale(w1), 1e-15);
        assertEquals(0.7 * Math.sqrt(20.0 / 30.0), NormOps_DDRM.normF(w1) / Math.sqrt(30), 1e-15);
        DMatrixRMaj wide = CommonOps_DDRM.transpose(w1, null);
        assertEquals(0.7, InvariantSubspace.initScale(wide), 1e-15);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "'width 30 > d_in = d_out = 20', network.width=30, network.width",
        "'width 10 < d_in = d_out = 20', network.width=10, network.width",
        "'d_out 30 > width = d_in = 20', data.outputDim=30, network.width",
        "'gaussian init', network.init.kind=gaussian, network.init.kind",
        "'frozen last layer', network.trainLast=false, network.trainLast"
    })
    void aNetworkWithoutAnExactTwinIsRefusedInOneLine(String name, String override, String field) {
        // factor v3 takes any W1 shape, so that the preset loader (which refuses v1 on a non-square W1 before
        // training) lets the shape through and the engine's own guard is what is tested here
        ExperimentSpec e = experiment(override, V3_TWIN, V3_TWIN_GAMMA);
        Dataset data = DataGenerator.generate(e.data(), e.seed(), la);
        for (VariantSpec twinSpec : e.variants().subList(1, 3)) { // γ = 0 and γ = 0.01
            IllegalArgumentException x = assertThrows(
                    IllegalArgumentException.class,
                    () -> ModelFactory.build(twinSpec.network(), twinSpec.training(), data, e.seed(), la));
            assertTrue(x.getMessage().startsWith(field + " must"), name + ": " + x.getMessage());
            assertFalse(x.getMessage().contains("\n"), "one line");
        }
        // The wide network of the same shape still trains: only the twin is refused.
        VariantSpec wideSpec = e.variants().get(0);
        assertTrue(Double.isFinite(ModelFactory.build(wideSpec.network(), wideSpec.training(), data, e.seed(), la)
                .evaluate(false)));
    }

    @Test
    void aWiderNetworkReallyHasNoExactTwin() {
        // Why width 30 > d = 20 is refused and not merely approximated: the twin built by the paper's recipe anyway
        // (with the corrected ε) has a U_{L,1} that is not orthonormal, and Φ leaves its column space, so a frozen twin
        // (γ = 0) can never fit what the wide network fits.
        ExperimentSpec e = experiment("network.width=30", "network.init.scale=0.001", V3_TWIN, V3_TWIN_GAMMA);
        Dataset data = DataGenerator.generate(e.data(), e.seed(), la);
        VariantSpec wideSpec = e.variants().get(0);
        DMatrixRMaj[] w0 = org.parsimonylab.engine.net.Initializer.weights(wideSpec.network(), 20, 20, e.seed());
        DeepLinearModel m = new DeepLinearModel(w0, data, LossKind.HALF_MEAN, GradientForm.AUTO, 1.0, true, la);
        m.evaluate(true);
        DMatrixRMaj v11 = InvariantSubspace.factorV3(m.gradients()[0], w0[0], 2, la);
        DMatrixRMaj u = product(w0);
        DMatrixRMaj ul1 = new DMatrixRMaj(20, 4);
        CommonOps_DDRM.mult(u, v11, ul1);
        CommonOps_DDRM.scale(1e9, ul1);
        assertFalse(ModelFactory.isOrthonormal(ul1, la), "U_{L,1} of a 20×30 last layer");
        DMatrixRMaj basis = InvariantSubspace.orthonormalize(ul1, la);
        DMatrixRMaj inside = new DMatrixRMaj(4, 20);
        CommonOps_DDRM.multTransA(basis, data.phi(), inside);
        double outside = Math.sqrt(Math.max(
                        0, Math.pow(NormOps_DDRM.normF(data.phi()), 2) - Math.pow(NormOps_DDRM.normF(inside), 2)))
                / NormOps_DDRM.normF(data.phi());
        assertTrue(outside > 0.05, "share of Φ outside the twin's reach: " + outside);
    }

    private static final String V3_TWIN = "variants.1.network.compression.factor=v3";
    private static final String V3_TWIN_GAMMA = "variants.2.network.compression.factor=v3";

    private static DMatrixRMaj product(DMatrixRMaj[] w) {
        DMatrixRMaj acc = w[0].copy();
        for (int l = 1; l < w.length; l++) {
            DMatrixRMaj next = new DMatrixRMaj(w[l].numRows, acc.numCols);
            CommonOps_DDRM.mult(w[l], acc, next);
            acc = next;
        }
        return acc;
    }
}
