package org.threadlanes.trace;

import java.util.Objects;

/**
 * One immutable entry of a trace: a thread's state change or a task milestone.
 *
 * <p>Events are numbered by their {@link Recorder} with contiguous sequence numbers starting at 1. Within one
 * thread the numbering follows the order in which that thread published them.
 *
 * @param seq     global sequence number, contiguous with no gaps
 * @param tNs     monotonic time in nanoseconds since the run started
 * @param thread  the thread whose lane the event belongs to
 * @param kind    state change or task milestone
 * @param state   the thread's new state, or {@code null} when the event does not move the lane
 * @param reason  why the thread is blocked ({@code null} unless {@code state} is BLOCKED)
 * @param detail  the resource's name ("lock A"), a task label, or a failed task's message; may be {@code null}
 * @param task    the task id this event concerns, or 0
 * @param peer    for LOCK and JOIN the thread it waits for, for FUTURE the task it waits for; otherwise 0
 * @param outcome how a task ended ({@link EventKind#FINISHED} only), else {@code null}
 * @param line    the listing line the thread is at, or 0 when unknown
 */
public record Event(long seq, long tNs, ThreadRef thread, EventKind kind, ThreadState state, BlockReason reason,
                    String detail, long task, long peer, TaskOutcome outcome, int line) {

    /** The largest listing line an event can name. */
    public static final int MAX_LINE = 0xFFFF;

    public Event {
        Objects.requireNonNull(thread, "thread");
        Objects.requireNonNull(kind, "kind");
        if (kind == EventKind.STATE && state == null) {
            throw new IllegalArgumentException("a STATE event needs a state");
        }
        if (reason != null && state != ThreadState.BLOCKED) {
            throw new IllegalArgumentException("a reason belongs to BLOCKED only, not " + state);
        }
        if (outcome != null && kind != EventKind.FINISHED) {
            throw new IllegalArgumentException("an outcome belongs to FINISHED only, not " + kind);
        }
        if (line < 0 || line > MAX_LINE) {
            throw new IllegalArgumentException("line out of range: " + line);
        }
    }

    /** The thread's id, for quick lookups. */
    public long threadId() {
        return thread.id();
    }

    /** The thread that owns the awaited lock or is joined, or 0. */
    public long ownerThread() {
        return reason != null && reason.peerIsThread() ? peer : 0;
    }

    /** The task a {@link BlockReason#FUTURE} wait is for, or 0. */
    public long awaitedTask() {
        return reason == BlockReason.FUTURE ? peer : 0;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder().append('#').append(seq).append(' ').append(thread.name()).append(' ');
        sb.append(kind == EventKind.STATE ? "" : kind + " ");
        if (state != null) sb.append(state);
        if (reason != null) sb.append('(').append(reason).append(')');
        if (task != 0) sb.append(" task#").append(task);
        if (outcome != null) sb.append(' ').append(outcome);
        if (detail != null) sb.append(" \"").append(detail).append('"');
        return sb.toString();
    }
}
