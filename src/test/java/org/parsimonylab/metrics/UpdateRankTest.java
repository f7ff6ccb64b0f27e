package org.parsimonylab.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class UpdateRankTest {
    @Test
    void effectiveRankOfEqualValuesIsTheirCount() {
        assertEquals(4.0, UpdateRank.effectiveRank(new double[] {2, 2, 2, 2, 0, 0}), 1e-14);
        assertEquals(1.0, UpdateRank.effectiveRank(new double[] {5, 0, 0}), 0.0);
        assertEquals(0.0, UpdateRank.effectiveRank(new double[] {0, 0}), 0.0);
    }

    @Test
    void effectiveRankGoldenValue() {
        // p = (3/4, 1/4): H = −(¾ ln ¾ + ¼ ln ¼) = 0.5623351446188083, exp(H) = 1.7547654...
        double h = -(0.75 * Math.log(0.75) + 0.25 * Math.log(0.25));
        assertEquals(0.5623351446188083, h, 1e-15);
        assertEquals(Math.exp(h), UpdateRank.effectiveRank(new double[] {3, 1}), 1e-15);
        // scale invariance
        assertEquals(
                UpdateRank.effectiveRank(new double[] {3, 1}),
                UpdateRank.effectiveRank(new double[] {3e-7, 1e-7}),
                1e-14);
    }

    @Test
    void stableRankIsFrobeniusOverSpectralSquared() {
        assertEquals((9 + 4 + 1) / 9.0, UpdateRank.stableRank(new double[] {3, 2, 1}), 1e-15);
        assertEquals(3.0, UpdateRank.stableRank(new double[] {1, 1, 1}), 0.0);
        assertEquals(0.0, UpdateRank.stableRank(new double[] {0, 0}), 0.0);
    }

    @Test
    void rankHoldingAShareOfTheEnergy() {
        // energies 16, 9, 4, 1 of 30: 16/30 = 0.53, 25/30 = 0.83, 29/30 = 0.97
        double[] sv = {4, 3, 2, 1};
        assertEquals(1, UpdateRank.rankHolding(sv, 0.5));
        assertEquals(3, UpdateRank.rankHolding(sv, 0.9));
        assertEquals(4, UpdateRank.rankHolding(sv, 1.0));
        assertEquals(0, UpdateRank.rankHolding(new double[] {0, 0}, 0.9));
        assertThrows(IllegalArgumentException.class, () -> UpdateRank.rankHolding(sv, 0));
    }
}
