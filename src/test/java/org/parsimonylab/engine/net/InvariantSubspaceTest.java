package org.parsimonylab.engine.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.parsimonylab.engine.data.DataGenerator;
import org.parsimonylab.engine.data.DataKind;
import org.parsimonylab.engine.data.DataSpec;
import org.parsimonylab.engine.data.Dataset;
import org.parsimonylab.engine.data.TargetKind;
import org.parsimonylab.engine.data.TargetSpectrum;
import org.parsimonylab.engine.linalg.EjmlLinAlg;
import org.parsimonylab.engine.linalg.LinAlg;
import org.parsimonylab.engine.linalg.Orthogonal;
import org.parsimonylab.engine.linalg.PrincipalAngles;
import org.parsimonylab.engine.linalg.Rng;
import org.parsimonylab.engine.linalg.Svd;
import org.parsimonylab.engine.train.GradientForm;
import org.parsimonylab.engine.train.LossKind;
import org.parsimonylab.engine.train.ModelFactory;
import org.parsimonylab.engine.train.OptimizerKind;
import org.parsimonylab.engine.train.TrainingSpec;

/** Target T8 of docs/science.md §5: compute_factor v1 ≡ v3 on whitened data, and both contain V_Φ (docs/science.md §1.5). */
class InvariantSubspaceTest {
    private final LinAlg la = new EjmlLinAlg();

    @ParameterizedTest(name = "d={0} r={1} eps={2} {3}")
    @CsvSource({
        "30, 3, 1.0, factorization", // E1 (d=30, r=3, ε=1)
        "40, 4, 1e-3, factorization", // E6-like small init, reduced from d=1000
        "30, 3, 1e-2, regression" // whitened X (d=30, N=60)
    })
    void t8FactorV1EqualsV3OnWhitenedData(int d, int r, double eps, String kind) {
        DataSpec spec = new DataSpec(
                kind.equals("regression") ? DataKind.REGRESSION : DataKind.FACTORIZATION,
                d,
                d,
                r,
                2 * d,
                5,
                10,
                0.2,
                true,
                1.0,
                TargetSpectrum.TRUNCATED_GAUSSIAN,
                TargetKind.LOW_RANK_MAP);
        Dataset data = DataGenerator.generate(spec, 7, la);
        NetworkSpec net = new NetworkSpec(
                NetworkKind.LINEAR,
                3,
                d,
                Activation.IDENTITY,
                false,
                new InitSpec(InitKind.ORTHOGONAL, eps),
                true,
                new CompressionSpec(CompressionKind.PARSIMONY, r));
        TrainingSpec training =
                new TrainingSpec(OptimizerKind.GD, 1.0, 0.9, LossKind.HALF_MEAN, 0.0, 10, 0.0, 1, 0, GradientForm.AUTO);
        ModelFactory.ParsimonyFactors f = ModelFactory.parsimonyFactors(net, training, data, 7, la);
        DMatrixRMaj v1 = InvariantSubspace.factorV1(f.firstGradient(), f.wideInit()[0], r, la);
        DMatrixRMaj v3 = InvariantSubspace.factorV3(f.firstGradient(), f.wideInit()[0], r, la);
        assertEquals(2 * r, v1.numCols);
        DMatrixRMaj gram = new DMatrixRMaj(2 * r, 2 * r);
        CommonOps_DDRM.multTransA(v1, v1, gram);
        assertTrue(maxDiffFromIdentity(gram) < 1e-12, "V11 has orthonormal columns");
        double angle = PrincipalAngles.largestRad(v1, v3, la);
        assertTrue(angle <= 1e-10, "v1 vs v3 largest angle " + angle);
        // V_Φ (of the effective target YXᵀ) lies inside span(V_{1,1}): the largest angle from it to the block is 0.
        Svd svd = new Svd();
        la.svd(ModelFactory.surrogate(data, la), LinAlg.SvdMode.THIN, svd);
        DMatrixRMaj vPhi = PrincipalAngles.columns(svd.v, PrincipalAngles.range(0, r));
        double phiAngle = PrincipalAngles.largestRad(v1, vPhi, la);
        assertTrue(phiAngle <= 1e-8, "V_Φ outside span(V11): " + phiAngle);
        // A random 2r-dim subspace is far from V_{1,1}, so the angle comparison can fail.
        DMatrixRMaj random = Orthogonal.haarColumns(d, 2 * r, Rng.stream(1, "x"));
        assertTrue(PrincipalAngles.largestRad(v1, random, la) > 0.3);
    }

    private static double maxDiffFromIdentity(DMatrixRMaj m) {
        double max = 0;
        for (int i = 0; i < m.numRows; i++) {
            for (int j = 0; j < m.numCols; j++) {
                max = Math.max(max, Math.abs(m.get(i, j) - (i == j ? 1 : 0)));
            }
        }
        return max;
    }
}
