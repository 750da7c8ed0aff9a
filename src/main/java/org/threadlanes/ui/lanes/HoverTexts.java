package org.threadlanes.ui.lanes;

import java.util.Locale;

import org.threadlanes.trace.BlockReason;
import org.threadlanes.trace.ThreadRef;
import org.threadlanes.trace.ThreadState;

/** The texts of the hover card: what a lane header or a segment under the pointer is, in words and exact times. */
final class HoverTexts {
    private HoverTexts() {
    }

    /** The hover card of a lane's header: the thread, its state now, how many segments, and how to select it. */
    static String laneText(TimelineModel.Lane lane) {
        ThreadRef t = lane.thread();
        ThreadState s = lane.currentState();
        return t.name() + "  (" + t.role() + ")\n"
                + "now " + (s == null ? "unknown" : s.name()) + " \u00b7 " + lane.segmentCount() + " segments\n"
                + "click to select this lane";
    }

    /** The hover card of segment {@code i}: state, reason, text, exact times in units and ms, and its event. */
    static String segmentText(LanesView c, TimelineModel.Lane lane, int i, long now) {
        double npu = LanesFrame.nanosPerUnit(c);
        ThreadState state = lane.segmentState(i);
        BlockReason reason = lane.segmentReason(i);
        long start = lane.segmentStartNs(i);
        boolean open = i == lane.segmentCount() - 1 && state != ThreadState.CONCLUDED;
        long end = lane.segmentEndNs(i, now);
        StringBuilder sb = new StringBuilder();
        sb.append(lane.thread().name()).append("  (").append(lane.thread().role()).append(")\n");
        sb.append(state.name());
        if (reason != null) sb.append(" (").append(SegmentPainter.reasonWord(reason)).append(')');
        String text = lane.segmentText(i);
        if (text != null && !text.isBlank()) sb.append(" \u2014 ").append(text);
        sb.append('\n');
        sb.append("from ").append(time(start, npu));
        if (state == ThreadState.CONCLUDED) {
            sb.append('\n');
        } else {
            sb.append(open ? "  to now " : "  to ").append(time(end, npu)).append('\n');
            sb.append(open ? "so far " : "lasted ").append(time(end - start, npu)).append('\n');
        }
        sb.append("event #").append(lane.segmentSeq(i)).append(' ').append(lane.segmentKind(i));
        if (lane.segmentTask(i) != 0) sb.append(" \u00b7 task #").append(lane.segmentTask(i));
        if (lane.segmentLine(i) != 0) sb.append(" \u00b7 line ").append(lane.segmentLine(i));
        return sb.toString();
    }

    private static String time(long ns, double npu) {
        return String.format(Locale.ROOT, "%.3f u (%.1f ms)", ns / npu, ns / 1e6);
    }
}
