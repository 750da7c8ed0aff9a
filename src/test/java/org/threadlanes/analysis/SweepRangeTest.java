package org.threadlanes.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Parsing the value lists of a sweep: ranges, lists, and one clear message for each kind of mistake. */
class SweepRangeTest {

    /** A range, a list and a mix all give the distinct values in ascending order. */
    @Test
    void rangesAndListsGiveSortedDistinctValues() {
        assertEquals(List.of(1, 2, 3, 4), SweepRange.parse("1..4", "--workers", 1, 256));
        assertEquals(List.of(1, 2, 4), SweepRange.parse("4, 1,2", "--cores", 1, 64));
        assertEquals(List.of(1, 2, 3, 8, 16), SweepRange.parse("1..3,8,16,2", "--workers", 1, 256));
        assertEquals(List.of(5), SweepRange.parse(" 5 ", "--workers", 1, 256));
    }

    /** Each bad value gives a one-line message that names the option and the problem. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "0..3      | --workers must be 1..256, not 0",
            "5..2      | runs backwards; write 2..5",
            "1..x      | 'x' is not a whole number",
            "''        | --workers is empty",
            "1..100000 | --workers must be 1..256, not 100000",
            "1,,2      | has an empty part",
            "1..       | missing end",
            "-3        | must be 1..256, not -3"})
    void badValuesGiveOneClearLine(String text, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SweepRange.parse(text, "--workers", 1, 256));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
    }

    /** A range wider than a sweep may have is refused even when its ends are in bounds. */
    @Test
    void tooManyValuesAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SweepRange.parse("1..300", "--workers", 1, 1000));
        assertTrue(e.getMessage().contains("too large"), e.getMessage());
    }

    /** Formatting gives back a compact form that parses to the same values. */
    @Test
    void formatRoundTrips() {
        List<Integer> values = List.of(1, 2, 3, 4, 6, 8, 9);
        assertEquals("1..4,6,8,9", SweepRange.format(values));
        assertEquals(values, SweepRange.parse(SweepRange.format(values), "--workers", 1, 256));
    }
}
