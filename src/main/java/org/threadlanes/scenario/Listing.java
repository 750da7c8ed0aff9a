package org.threadlanes.scenario;

import java.util.List;

/**
 * How a lesson reads as code: Python-style, as the course writes it, and the Java equivalent. Probes name lines of
 * the Python listing ({@code probe.at(n)}, 1-based), which the code panel highlights.
 *
 * @param python the listing in the course's Python style, one entry per line
 * @param java   the same lesson in Java, one entry per line (may be empty)
 */
public record Listing(List<String> python, List<String> java) {
    public Listing {
        python = List.copyOf(python);
        java = List.copyOf(java);
    }

    /** A listing from text blocks. */
    public static Listing of(String python, String java) {
        return new Listing(python.stripTrailing().lines().toList(), java.stripTrailing().lines().toList());
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
        int seen = 0;
        for (int i = 0; i < python.size(); i++) {
            if (python.get(i).contains(marker) && ++seen == occurrence) return i + 1;
        }
        throw new IllegalArgumentException("listing has no line #" + occurrence + " containing '" + marker + "'");
    }
}
