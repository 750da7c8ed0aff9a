package org.threadlanes.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The headless sweep: the table, the CSV, and exit 2 with one line for bad ranges. */
class SweepCommandTest {
    private final StringWriter out = new StringWriter(), err = new StringWriter();

    private int run(String... args) {
        return Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    /** A sweep prints a row per run and the knee, and writes a CSV with a header and a row per run. */
    @Test
    void sweepPrintsTheTableAndWritesTheCsv(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("out.csv");
        assertEquals(0, run("sweep", "workload", "--workers", "1..3", "--cores", "1,2", "--unit-ms", "2",
                "--tasks", "4", "--csv", csv.toString()), err::toString);
        String text = out.toString();
        assertTrue(text.contains("workers 1..3 x cores 1,2"), text);
        assertEquals(6, text.lines().filter(l -> l.trim().endsWith("OK")).count(), text);
        assertTrue(text.contains("knee, 1 core: measured at"), text);
        assertTrue(text.contains("knee, 2 cores: measured at"), text);

        List<String> lines = Files.readAllLines(csv);
        assertTrue(lines.get(0).startsWith("workers,cores,units,throughput"), lines.get(0));
        assertEquals(1 + 6, lines.size());
        int columns = lines.get(0).split(",").length;
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            assertEquals(columns, f.length, line);
            assertTrue(Double.parseDouble(f[2]) > 0, "units");
            assertEquals(4, Integer.parseInt(f[4]), "tasks");
        }
    }

    /** A sweep of sequential-vs-pool says it plots the lesson's pooled part, not the whole run. */
    @Test
    void sweepOfALessonWithABaselineSaysWhichTimeItPlots() {
        assertEquals(0, run("sweep", "sequential-vs-pool", "--workers", "2,4", "--cores", "2", "--unit-ms", "20"),
                err::toString);
        String text = out.toString();
        assertTrue(text.contains("units: the lesson's own timing of the pooled part (its result's \"poolUnits\")"),
                text);
        // The pooled part of 4 one-unit tasks takes at least ceil(4 / workers) units, far below the whole run's 4 +.
        for (String line : text.lines().filter(l -> l.trim().endsWith("OK")).toList()) {
            String[] f = line.trim().split("\\s+");
            double units = Double.parseDouble(f[2]);
            int workers = Integer.parseInt(f[1]);
            assertTrue(units >= (4 + workers - 1) / workers * 0.99 && units < 4, line);
        }
    }

    /** Bad ranges exit 2 with one line and no stack trace. */
    @ParameterizedTest
    @ValueSource(strings = {"0..3", "5..2", "1..x", "", "1..100000", "1,,2", " "})
    void badRangesExitTwoWithOneLine(String workers) {
        assertEquals(2, run("sweep", "workload", "--workers", workers, "--cores", "1"));
        String msg = err.toString().strip();
        assertEquals(1, msg.lines().count(), msg);
        assertTrue(msg.startsWith("threadlanes: --workers"), msg);
    }

    /** Bad core lists, unknown lessons and misplaced workload options exit 2 too. */
    @Test
    void otherBadInputExitsTwo() {
        assertEquals(2, run("sweep", "workload", "--cores", "1..65"));
        assertTrue(err.toString().contains("--cores must be 1..64"), err::toString);
        assertEquals(2, run("sweep", "workloda"));
        assertTrue(err.toString().contains("did you mean 'workload'"), err::toString);
        assertEquals(2, run("sweep", "loiter-map", "--tasks", "3"));
        assertEquals(2, run("sweep", "workload", "--tasks", "0"));
        assertEquals(2, run("sweep", "workload", "--unit-ms", "0"));
        assertEquals(2, run("sweep", "workload", "--workers", "1..256", "--cores", "1..8"));
        assertTrue(err.toString().contains("at most"), err::toString);
        assertTrue(err.toString().lines().noneMatch(l -> l.contains("\tat ")), "no stack trace");
    }
}
