package org.threadlanes.scenario;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How a lesson reads as code: Python-style, as the course writes it, and the Java equivalent. Probes name lines of
 * the Python listing ({@code probe.at(n)}, 1-based), which the code panel highlights; {@link #javaLineOf(int)} finds
 * the Java line that does the same, so the Java tab can show the threads too.
 *
 * <pre>{@code
 * Listing.of(python, java)
 *         .javaAt("with first:", "first.lock();")       // first Python line with the one, first Java line with the other
 *         .javaAt("time.sleep(1)", "sleep(1000);");
 * }</pre>
 *
 * @param python    the listing in the course's Python style, one entry per line
 * @param java      the same lesson in Java, one entry per line (may be empty)
 * @param javaLines for each Python line (1-based) that has one, its Java line (1-based)
 */
public record Listing(List<String> python, List<String> java, Map<Integer, Integer> javaLines) {
    public Listing {
        python = List.copyOf(python);
        java = List.copyOf(java);
        javaLines = Map.copyOf(javaLines);
        for (Map.Entry<Integer, Integer> e : javaLines.entrySet()) {
            if (e.getKey() < 1 || e.getKey() > python.size() || e.getValue() < 1 || e.getValue() > java.size()) {
                throw new IllegalArgumentException("line pair " + e.getKey() + " -> " + e.getValue()
                        + " is outside the listings");
            }
        }
    }

    /** A listing with no Java lines paired yet. */
    public Listing(List<String> python, List<String> java) {
        this(python, java, Map.of());
    }

    /** A listing from text blocks. */
    public static Listing of(String python, String java) {
        return new Listing(python.stripTrailing().lines().toList(), java.stripTrailing().lines().toList());
    }

    /**
     * This listing with one more pair: the first Python line containing {@code pythonMarker} is done by the first
     * Java line containing {@code javaMarker}.
     *
     * @throws IllegalArgumentException if either listing has no such line
     */
    public Listing javaAt(String pythonMarker, String javaMarker) {
        return javaAt(pythonMarker, 1, javaMarker, 1);
    }

    /** As {@link #javaAt(String, String)}, for the given occurrences of each marker. */
    public Listing javaAt(String pythonMarker, int pythonOccurrence, String javaMarker, int javaOccurrence) {
        int p = lineOf(python, "Python", pythonMarker, pythonOccurrence);
        int j = lineOf(java, "Java", javaMarker, javaOccurrence);
        Map<Integer, Integer> pairs = new HashMap<>(javaLines);
        Integer before = pairs.put(p, j);
        if (before != null && before != j) {
            throw new IllegalArgumentException("Python line " + p + " is already paired with Java line " + before);
        }
        return new Listing(python, java, pairs);
    }

    /** The Java line (1-based) that does what Python line {@code pythonLine} does, or 0 if none is paired. */
    public int javaLineOf(int pythonLine) {
        return javaLines.getOrDefault(pythonLine, 0);
    }

    /** Whether {@code line} (1-based) is a line of the Python listing. */
    public boolean hasLine(int line) {
        return line >= 1 && line <= python.size();
    }

    /** The 1-based number of the first Python line containing {@code marker}. */
    public int lineOf(String marker) {
        return lineOf(marker, 1);
    }

    /** The 1-based number of the {@code occurrence}-th Python line containing {@code marker}. */
    public int lineOf(String marker, int occurrence) {
        return lineOf(python, "Python", marker, occurrence);
    }

    private static int lineOf(List<String> lines, String language, String marker, int occurrence) {
        int seen = 0;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(marker) && ++seen == occurrence) return i + 1;
        }
        throw new IllegalArgumentException(language + " listing has no line #" + occurrence + " containing '" + marker
                + "'");
    }
}
