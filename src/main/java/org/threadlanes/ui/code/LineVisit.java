package org.threadlanes.ui.code;

import org.threadlanes.trace.BlockReason;
import org.threadlanes.trace.EventKind;
import org.threadlanes.trace.ThreadRef;
import org.threadlanes.trace.ThreadState;

/**
 * A thread seen on a listing line: one event that put it there or changed its state while there. The code panel
 * lists them when a line is clicked.
 *
 * @param seq        the event's sequence number
 * @param tNs        the event's run time (ns)
 * @param thread     the thread
 * @param colorIndex its index of first appearance ({@link ThreadColors})
 * @param kind       the event's kind (a state change or a task milestone)
 * @param state      the thread's state then ({@code null} if unknown)
 * @param reason     why it was blocked, or {@code null}
 * @param detail     the event's detail (the resource waited for, a task label), or {@code null}
 * @param waitingFor what the thread was blocked on then ("condition ready"), or {@code null}
 * @param line       the Python listing line (1-based)
 */
public record LineVisit(long seq, long tNs, ThreadRef thread, int colorIndex, EventKind kind, ThreadState state,
                        BlockReason reason, String detail, String waitingFor, int line) {

    /** The style class of the thread's colour. */
    public String colorClass() {
        return ThreadColors.styleClass(colorIndex);
    }

    /** What happened, in words: "blocked: condition ready", "started loiter(2)", "concluded". */
    public String describe() {
        String s = ThreadMark.describe(state, reason, waitingFor);
        if (kind != EventKind.STATE) {
            String milestone = kind.name().toLowerCase(java.util.Locale.ROOT);
            if (detail != null && !detail.isBlank()) milestone += " " + detail;
            return s.isEmpty() ? milestone : milestone + " (" + s + ")";
        }
        return s;
    }
}
