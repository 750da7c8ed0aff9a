package org.threadlanes.trace;

/**
 * What an {@link Event} records. {@link #STATE} moves a thread's lane; the others are task milestones, recorded
 * against the thread that caused them (the submitter for {@link #SUBMITTED}, the worker for the rest).
 */
public enum EventKind {
    /** A thread changed state. */
    STATE,
    /** A task was accepted and queued (or handed straight to a new worker). */
    SUBMITTED,
    /** A worker started a task; the worker's state becomes {@link ThreadState#RUNNING}. */
    STARTED,
    /** A task ended; {@link Event#outcome()} says how. */
    FINISHED,
    /** A task was refused by the pool. */
    REJECTED;

    private static final EventKind[] VALUES = values();

    static EventKind ofOrdinal(int ordinal) {
        return VALUES[ordinal];
    }

    /** Whether events of this kind are task milestones. */
    public boolean isTask() {
        return this != STATE;
    }
}
