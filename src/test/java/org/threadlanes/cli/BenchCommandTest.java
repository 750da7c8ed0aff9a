package org.threadlanes.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The timing bench and the timings {@code run} prints. The figures themselves depend on the machine, so these check
 * the table's shape and the exit codes; a fast unit keeps them short.
 */
class BenchCommandTest {
    private final StringWriter out = new StringWriter(), err = new StringWriter();

    private int run(String... args) {
        return Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    /** bench prints a row per promised figure with the expected value, the measured median, min and max. */
    @Test
    void benchPrintsARowPerPromisedFigure() {
        assertEquals(0, run("bench", "sequential-vs-pool", "loiter-map", "--unit-ms", "5", "--runs", "2"),
                err::toString);
        List<String> lines = out.toString().lines().toList();
        assertTrue(lines.get(0).startsWith("bench: 2 timing lessons at 5 ms per unit, 2 runs each"), lines.get(0));
        assertTrue(lines.get(1).matches("lesson\\s+figure\\s+expected\\s+median\\s+min\\s+max\\s+off\\s+within 10%"),
                lines.get(1));
        assertRow(lines, "sequential-vs-pool", "sequentialUnits", "4");
        assertRow(lines, "sequential-vs-pool", "poolUnits", "1");
        assertRow(lines, "loiter-map", "elapsed", "5");
        assertTrue(lines.get(lines.size() - 1).matches("\\d of 3 figures within 10% \\(median of 2 runs\\)"),
                lines.get(lines.size() - 1));
    }

    private static void assertRow(List<String> lines, String lesson, String figure, String expected) {
        String row = lines.stream().filter(l -> l.startsWith(lesson + " ") && l.contains(" " + figure + " "))
                .findFirst().orElseThrow(() -> new AssertionError("no row for " + lesson + " " + figure + ": " + lines));
        String[] f = row.trim().split("\\s+");
        assertEquals(expected, f[2], row);
        double median = Double.parseDouble(f[3]), min = Double.parseDouble(f[4]), max = Double.parseDouble(f[5]);
        assertTrue(min > 0 && min <= median && median <= max, row);
        assertTrue(f[6].endsWith("%") && (f[7].equals("yes") || f[7].equals("NO")), row);
    }

    /** A lesson without timings, an unknown lesson, or a bad run count exits 2 with one line. */
    @ParameterizedTest
    @ValueSource(strings = {"thread-lifecycle", "no-such-lesson", "--runs=0", "--runs=51", "--unit-ms=0"})
    void badBenchInputExitsTwoWithOneLine(String arg) {
        assertEquals(2, run("bench", arg));
        String msg = err.toString().strip();
        assertEquals(1, msg.lines().count(), msg);
        assertTrue(msg.startsWith("threadlanes: "), msg);
    }

    /** run prints the lesson's promised timings beside what it measured. */
    @Test
    void runPrintsTheTimingsItPromised() {
        assertEquals(0, run("run", "sequential-vs-pool", "--unit-ms", "5", "--no-warm-up"), err::toString);
        String text = out.toString();
        assertTrue(text.contains("timings (the course's figures; within 10% at 50 ms per unit):"), text);
        assertTrue(text.lines().anyMatch(l -> l.matches("\\s+sequentialUnits\\s+[0-9.]+ units, expected 4 \\([+-]\\d+%\\)")),
                text);
        assertTrue(text.lines().anyMatch(l -> l.matches("\\s+poolUnits\\s+[0-9.]+ units, expected 1 \\([+-]\\d+%\\)")),
                text);
    }

    /** A lesson that promises no timing prints none. */
    @Test
    void runOfALessonWithoutTimingsPrintsNone() {
        assertEquals(0, run("run", "thread-lifecycle", "--unit-ms", "5"), err::toString);
        assertTrue(!out.toString().contains("timings ("), out::toString);
    }
}
