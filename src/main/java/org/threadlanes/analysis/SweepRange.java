package org.threadlanes.analysis;

import java.util.List;
import java.util.TreeSet;

/**
 * Parses the value lists of a sweep: {@code 1..16}, {@code 1,2,4}, or a mix such as {@code 1..4,8,16}.
 *
 * <p>Every problem gives one clear message, naming the option: an empty value, a part that is not a whole number,
 * a range that runs backwards, a value outside the allowed bounds, or more values than a sweep may have.
 */
public final class SweepRange {
    /** Most values one list may have. */
    public static final int MAX_VALUES = 256;

    private SweepRange() {
    }

    /**
     * The distinct values, ascending.
     *
     * @param text the list as typed
     * @param what the option's name for messages, such as {@code --workers}
     * @param min  smallest allowed value
     * @param max  largest allowed value
     * @throws IllegalArgumentException with a one-line message saying what is wrong
     */
    public static List<Integer> parse(String text, String what, int min, int max) {
        String example = " (for example 1..16 or 1,2,4)";
        if (text == null || text.isBlank()) throw new IllegalArgumentException(what + " is empty" + example);
        TreeSet<Integer> values = new TreeSet<>();
        for (String raw : text.split(",", -1)) {
            String part = raw.strip();
            if (part.isEmpty()) {
                throw new IllegalArgumentException(what + " has an empty part in '" + text.strip() + "'" + example);
            }
            int dots = part.indexOf("..");
            if (dots < 0) {
                values.add(bounded(number(part, what), what, min, max));
                continue;
            }
            int from = number(part.substring(0, dots).strip(), what);
            int to = number(part.substring(dots + 2).strip(), what);
            if (to < from) {
                throw new IllegalArgumentException(what + " range " + from + ".." + to + " runs backwards; write "
                        + to + ".." + from);
            }
            bounded(from, what, min, max);
            bounded(to, what, min, max);
            if ((long) to - from + 1 > MAX_VALUES) {
                throw new IllegalArgumentException(what + " range " + from + ".." + to + " is too large: at most "
                        + MAX_VALUES + " values");
            }
            for (int v = from; v <= to; v++) values.add(v);
        }
        if (values.size() > MAX_VALUES) {
            throw new IllegalArgumentException(what + " has " + values.size() + " values: at most " + MAX_VALUES);
        }
        return List.copyOf(values);
    }

    /** The values as typed back: {@code 1..8} for a run of consecutive values, commas otherwise. */
    public static String format(List<Integer> values) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < values.size(); ) {
            int j = i;
            while (j + 1 < values.size() && values.get(j + 1) == values.get(j) + 1) j++;
            if (sb.length() > 0) sb.append(',');
            sb.append(values.get(i));
            if (j - i >= 2) sb.append("..").append(values.get(j));
            else if (j > i) sb.append(',').append(values.get(j));
            i = j + 1;
        }
        return sb.toString();
    }

    private static int number(String s, String what) {
        if (s.isEmpty()) throw new IllegalArgumentException(what + " has a range with a missing end");
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + ": '" + s + "' is not a whole number");
        }
    }

    private static int bounded(int v, String what, int min, int max) {
        if (v < min || v > max) throw new IllegalArgumentException(what + " must be " + min + ".." + max + ", not " + v);
        return v;
    }
}
