package org.threadlanes.trace;

/** Why a {@link ThreadState#BLOCKED} thread waits. The event's detail names the resource. */
public enum BlockReason {
    /** A timed sleep. */
    SLEEP,
    /** Real I/O: a socket, a file, an HTTP request. */
    IO,
    /** Acquiring a lock; the event's peer is the owner thread, where known. */
    LOCK,
    /** Waiting on a condition variable until signalled. */
    CONDITION,
    /** {@code Future.get}; the event's peer is the task it waits for. */
    FUTURE,
    /** {@code put} on a full or {@code take} on an empty blocking queue. */
    QUEUE,
    /** Joining another thread; the event's peer is that thread. */
    JOIN,
    /** A pool worker waiting for its next task. */
    WORK;

    private static final BlockReason[] VALUES = values();

    static BlockReason ofOrdinal(int ordinal) {
        return VALUES[ordinal];
    }

    /** Whether {@link Event#peer()} names a thread (rather than a task) for this reason. */
    public boolean peerIsThread() {
        return this == LOCK || this == JOIN;
    }
}
