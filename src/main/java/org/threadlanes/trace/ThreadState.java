package org.threadlanes.trace;

/**
 * The five states of a thread's lane, in the course's sense (not {@link java.lang.Thread.State}).
 *
 * <pre>
 *   CREATED --start--> READY --gets a core--> RUNNING --finishes--> CONCLUDED
 *                        ^                      |   ^
 *                        |      (core taken)    |   |
 *                        +----------------------+   |
 *                        |                          v
 *                        +----wakes up------- BLOCKED (sleep, I/O, lock, condition, future, queue, join, work)
 * </pre>
 */
public enum ThreadState {
    /** Made, but not yet in the ready line. */
    CREATED,
    /** Runnable, waiting for a CPU core (or, in step mode, for the user to pick it). */
    READY,
    /** On a CPU core. */
    RUNNING,
    /** Waiting for something other than a CPU, and using none; the {@link BlockReason} says what. */
    BLOCKED,
    /** Finished, with its resources released. */
    CONCLUDED;

    private static final ThreadState[] VALUES = values();

    static ThreadState ofOrdinal(int ordinal) {
        return VALUES[ordinal];
    }
}
