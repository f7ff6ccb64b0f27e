package org.parsimonylab.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Parsing of --grid: lists, linear, logarithmic and stepped ranges, and one-line errors. */
class GridAxisTest {
    @Test
    void listsKeepTheirTextAndOrder() {
        GridAxis a = GridAxis.parse("network.activation=relu, tanh,gelu");
        assertEquals("network.activation", a.path());
        assertEquals(List.of("relu", "tanh", "gelu"), a.values());
    }

    @Test
    void linearRangesOfIntegersStayIntegers() {
        assertEquals(
                List.of("10", "20", "30", "40"),
                GridAxis.parse("network.width=10:40:lin4").values());
        assertEquals(
                List.of("2", "4", "6"),
                GridAxis.parse("network.depth=2:7:step2").values());
        assertEquals(
                List.of("0.0", "0.25", "0.5"),
                GridAxis.parse("data.noise=0:0.5:lin3").values());
    }

    @Test
    void logRangesAreEvenlySpacedInLog10() {
        List<String> v = GridAxis.parse("training.learningRate=1e-3:1e-1:log5").values();
        assertEquals(5, v.size());
        double[] expected = {1e-3, Math.pow(10, -2.5), 1e-2, Math.pow(10, -1.5), 1e-1};
        for (int i = 0; i < 5; i++) {
            assertEquals(expected[i], Double.parseDouble(v.get(i)), 1e-12 * expected[i], v.get(i));
            assertTrue(v.get(i).length() <= 16, "short text: " + v.get(i));
        }
    }

    @Test
    void logRangesOfIntegersAreRoundedWhileDistinct() {
        assertEquals(
                List.of("10", "32", "100", "316", "1000"),
                GridAxis.parse("network.width=10:1000:log5").values());
        assertEquals(
                List.of("1.0", "1.41421356237", "2.0"),
                GridAxis.parse("training.learningRate=1:2:log3").values());
    }

    @Test
    void badSpecsNameTheOptionAndTheFault() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> GridAxis.parse("network.width"));
        assertTrue(e.getMessage().contains("--grid 'network.width' must have the form"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> GridAxis.parse("training.learningRate=0:1:log3"));
        assertTrue(e.getMessage().contains("a log range needs positive ends"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> GridAxis.parse("network.width=10,10"));
        assertTrue(e.getMessage().contains("listed twice"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> GridAxis.parse("network.width=1:x:lin3"));
        assertTrue(e.getMessage().contains("the end 'x' is not a finite number"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> GridAxis.parse("network.width=1:1e9:step1"));
        assertTrue(e.getMessage().contains("at most"), e.getMessage());
    }
}
