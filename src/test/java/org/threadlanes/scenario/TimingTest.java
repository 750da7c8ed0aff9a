package org.threadlanes.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

import org.junit.jupiter.api.Test;

/** How a promised timing is read from a run's result and judged. */
class TimingTest {
    /** A figure is a number in the result map, found through nested maps by a dotted name. */
    @Test
    void resultFiguresAreFoundByDottedNames() {
        Map<String, Object> result = Map.of("poolUnits", 1.04, "cpuBound", Map.of("units", 5.62, "speedup", 1));
        assertEquals(OptionalDouble.of(1.04), Timing.resultFigure(result, "poolUnits"));
        assertEquals(OptionalDouble.of(5.62), Timing.resultFigure(result, "cpuBound.units"));
        assertEquals(OptionalDouble.of(1), Timing.resultFigure(result, "cpuBound.speedup"));
    }

    /** A missing figure, a figure that is not a number, or no result at all gives nothing, never an exception. */
    @Test
    void missingOrNonNumericFiguresAreEmpty() {
        Map<String, Object> result = Map.of("name", "x", "cpuBound", Map.of("units", "fast"), "list", List.of(1));
        assertTrue(Timing.resultFigure(result, "poolUnits").isEmpty());
        assertTrue(Timing.resultFigure(result, "name").isEmpty());
        assertTrue(Timing.resultFigure(result, "cpuBound.units").isEmpty());
        assertTrue(Timing.resultFigure(result, "name.deeper").isEmpty());
        assertTrue(Timing.resultFigure(result, "list").isEmpty());
        assertTrue(Timing.resultFigure(null, "poolUnits").isEmpty());
        assertTrue(Timing.resultFigure(42, "poolUnits").isEmpty());
    }

    /** Within 10% holds on both sides and at the edge; beyond it does not. */
    @Test
    void aFigureHoldsWithinTenPercentEitherWay() {
        Timing t = new Timing("poolUnits", 2);
        assertTrue(t.holds(2));
        assertTrue(t.holds(2.2));
        assertTrue(t.holds(1.8));
        assertFalse(t.holds(2.21));
        assertFalse(t.holds(1.79));
        assertEquals(0.05, t.deviation(2.1), 1e-9);
        assertEquals(-0.25, t.deviation(1.5), 1e-9);
    }

    /** A timing promises a positive duration. */
    @Test
    void aTimingOfNoTimeIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Timing("elapsed", 0));
        assertThrows(IllegalArgumentException.class, () -> new Timing("elapsed", Double.NaN));
        assertThrows(NullPointerException.class, () -> new Timing(null, 1));
    }
}
