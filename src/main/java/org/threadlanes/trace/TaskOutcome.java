package org.threadlanes.trace;

/** How a task ended. A failed task's exception message is the event's detail. */
public enum TaskOutcome {
    /** Returned normally. */
    OK,
    /** Threw; the detail holds the exception's message. */
    FAILED,
    /** Cancelled before or while running. */
    CANCELLED;

    private static final TaskOutcome[] VALUES = values();

    static TaskOutcome ofOrdinal(int ordinal) {
        return VALUES[ordinal];
    }
}
