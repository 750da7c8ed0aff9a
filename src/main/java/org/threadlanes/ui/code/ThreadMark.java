package org.threadlanes.ui.code;

import java.util.Locale;

import org.threadlanes.trace.BlockReason;
import org.threadlanes.trace.ThreadState;
import org.threadlanes.trace.ThreadRef;

/**
 * A live thread and where it stands: what the code panel draws as a name chip in a line's gutter and in its roster.
 *
 * @param thread     the thread
 * @param colorIndex its index of first appearance ({@link ThreadColors})
 * @param state      its current state, or {@code null} if only task events were seen so far
 * @param reason     why it is blocked, or {@code null}
 * @param detail     the resource or task it is busy with ("condition ready"), or {@code null}
 * @param line       the Python listing line it stands on (1-based), or 0 if unknown
 * @param sinceNs    when it arrived on this line (run time, ns)
 */
public record ThreadMark(ThreadRef thread, int colorIndex, ThreadState state, BlockReason reason, String detail,
                         int line, long sinceNs) {

    /** The style class of the thread's colour ({@link ThreadColors#styleClass(int)}). */
    public String colorClass() {
        return ThreadColors.styleClass(colorIndex);
    }

    /** The state in words: "running", "blocked: condition ready", "ready". */
    public String describeState() {
        return describe(state, reason, detail);
    }

    static String describe(ThreadState state, BlockReason reason, String detail) {
        if (state == null) return "";
        String s = state.name().toLowerCase(Locale.ROOT);
        if (state == ThreadState.BLOCKED) {
            String why = detail != null && !detail.isBlank() ? detail
                    : reason != null ? reason.name().toLowerCase(Locale.ROOT) : null;
            if (why != null) s += ": " + why;
        }
        return s;
    }
}
