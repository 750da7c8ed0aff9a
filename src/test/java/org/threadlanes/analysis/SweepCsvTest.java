package org.threadlanes.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sweep CSV: a header row, then one well-formed row per point. */
class SweepCsvTest {

    /** Every row has the header's columns; numbers parse back to the points' values. */
    @Test
    void csvHasAHeaderAndOneWellFormedRowPerPoint(@TempDir Path dir) throws IOException {
        SweepResult result = new SweepResult(List.of(
                new SweepPoint(1, 1, 20, 80.5, 20, 20 / 80.5, SweepPoint.Status.OK),
                new SweepPoint(4, 2, 20, 21.25, 20, 20 / 21.25, SweepPoint.Status.OK),
                new SweepPoint(8, 2, 20, 3.5, 3, 3 / 3.5, SweepPoint.Status.TIMED_OUT)),
                new SweepProfile(20, 1, 3), SweepResult.Status.COMPLETED);
        Path file = dir.resolve("out.csv");
        SweepCsv.write(result, file);

        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertEquals(String.join(",", SweepCsv.COLUMNS), lines.get(0));
        assertTrue(lines.get(0).startsWith("workers,cores,units,throughput"), "the required columns come first");
        assertEquals(1 + 3, lines.size());
        for (String line : lines.subList(1, lines.size())) {
            assertEquals(SweepCsv.COLUMNS.size(), line.split(",", -1).length, line);
        }
        String[] row = lines.get(2).split(",", -1);
        assertEquals(4, Integer.parseInt(row[0]));
        assertEquals(2, Integer.parseInt(row[1]));
        assertEquals(21.25, Double.parseDouble(row[2]), 1e-3);
        assertEquals(20 / 21.25, Double.parseDouble(row[3]), 1e-4);
        assertEquals(20, Long.parseLong(row[4]));
        assertEquals(20.0, Double.parseDouble(row[5]), 1e-3, "ideal: 5 waves of 4 units beat 10 + 3");
        assertEquals("TIMED_OUT", lines.get(3).split(",")[8]);
    }

    /** Without tasks there is no ideal: its columns stay empty, and the row keeps its width. */
    @Test
    void idealColumnsStayEmptyWithoutTasks() {
        String csv = SweepCsv.toCsv(new SweepResult(List.of(new SweepPoint(2, 1, 5, 3, 0, 0, SweepPoint.Status.OK)),
                new SweepProfile(0, 0, 0), SweepResult.Status.COMPLETED));
        String row = csv.lines().skip(1).findFirst().orElseThrow();
        assertEquals("2,1,3.000,0.0000,0,,,5,OK", row);
    }
}
