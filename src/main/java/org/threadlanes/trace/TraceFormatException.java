package org.threadlanes.trace;

import java.util.Objects;

/**
 * A trace file that cannot be read: not JSON, truncated, or not a valid ThreadLanes trace. The message names the
 * source, the line and column, the field path and the problem, in one line meant for a person, for example
 * {@code run.json: line 3, column 17: events[2].state: unknown state "RUNING" (expected one of CREATED, READY,
 * RUNNING, BLOCKED, CONCLUDED)}.
 */
public final class TraceFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final int line;
    private final int column;
    private final String path;
    private final String problem;

    /**
     * @param source  the file name (or other source name) as the user knows it
     * @param line    1-based line, or 0 when unknown
     * @param column  1-based column, or 0 when unknown
     * @param path    the field path such as {@code events[2].state}, or {@code ""} for the document as a whole
     * @param problem what is wrong, without the location
     */
    public TraceFormatException(String source, int line, int column, String path, String problem) {
        super(format(source, line, column, path, problem));
        this.source = Objects.requireNonNull(source);
        this.line = line;
        this.column = column;
        this.path = Objects.requireNonNull(path);
        this.problem = Objects.requireNonNull(problem);
    }

    private static String format(String source, int line, int column, String path, String problem) {
        StringBuilder sb = new StringBuilder(source);
        if (line > 0) {
            sb.append(": line ").append(line);
            if (column > 0) sb.append(", column ").append(column);
        }
        sb.append(": ");
        if (!path.isEmpty()) sb.append(path).append(": ");
        return sb.append(problem).toString();
    }

    /** The source name given to the reader. */
    public String source() {
        return source;
    }

    /** 1-based line of the problem, or 0 when unknown. */
    public int line() {
        return line;
    }

    /** 1-based column of the problem, or 0 when unknown. */
    public int column() {
        return column;
    }

    /** The field path, such as {@code events[2].state}; empty for the document as a whole. */
    public String path() {
        return path;
    }

    /** The problem alone, without source, location or path. */
    public String problem() {
        return problem;
    }
}
