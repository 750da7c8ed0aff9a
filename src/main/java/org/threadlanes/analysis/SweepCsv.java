package org.threadlanes.analysis;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Writes a sweep as CSV (RFC 4180: comma-separated, one header row, {@code \n} line ends, no quoting needed since
 * every field is a number or a word).
 *
 * <pre>
 * workers,cores,units,throughput,tasks,ideal_units,ideal_throughput,unit_ms,status
 * 1,1,80.412,0.2487,20,80.000,0.2500,20,OK
 * </pre>
 * {@code units} is the run's total time in lesson units and {@code throughput} its tasks per unit; the {@code ideal_}
 * columns come from the sweep's {@link SweepProfile} (empty when the lesson ran no tasks).
 */
public final class SweepCsv {
    /** The header row's columns, in order. */
    public static final List<String> COLUMNS = List.of("workers", "cores", "units", "throughput", "tasks",
            "ideal_units", "ideal_throughput", "unit_ms", "status");

    private SweepCsv() {
    }

    /** The CSV text of a sweep, header first. */
    public static String toCsv(SweepResult result) {
        StringBuilder sb = new StringBuilder(String.join(",", COLUMNS)).append('\n');
        SweepProfile profile = result.profile();
        for (SweepPoint p : result.points()) {
            boolean ideal = profile.tasks() > 0;
            sb.append(p.workers()).append(',')
                    .append(p.cores()).append(',')
                    .append(fmt("%.3f", p.units())).append(',')
                    .append(fmt("%.4f", p.throughput())).append(',')
                    .append(p.tasks()).append(',')
                    .append(ideal ? fmt("%.3f", profile.idealUnits(p.workers(), p.cores())) : "").append(',')
                    .append(ideal ? fmt("%.4f", profile.idealThroughput(p.workers(), p.cores())) : "").append(',')
                    .append(p.unitMs() == Math.rint(p.unitMs()) ? Long.toString((long) p.unitMs())
                            : fmt("%s", p.unitMs())).append(',')
                    .append(p.status()).append('\n');
        }
        return sb.toString();
    }

    /** Writes the CSV to {@code file} (UTF-8), replacing it. */
    public static void write(SweepResult result, Path file) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write(toCsv(result));
        }
    }

    private static String fmt(String format, Object v) {
        return String.format(Locale.ROOT, format, v);
    }
}
