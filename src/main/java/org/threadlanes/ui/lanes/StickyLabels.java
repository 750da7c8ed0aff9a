package org.threadlanes.ui.lanes;

import java.util.Arrays;
import java.util.Set;

import javafx.scene.Node;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;

import org.threadlanes.trace.ThreadRef;
import org.threadlanes.trace.ThreadState;
import org.threadlanes.ui.lanes.LanesView.Tone;
import org.threadlanes.ui.lanes.SegmentPainter.SegmentLabel;

/**
 * The labels that stick to the time area's left edge: where a segment began before the window, its label stands at
 * the edge, fitted to what is in view (the tiles place it at the segment's start, scrolled away). A canvas over the
 * tiles' left end, as wide as those labels reach, repaints those segments' first pixels each frame.
 *
 * <p>Touched on the FX thread only (or, for benchmarks, on one thread while the control is not showing).
 */
final class StickyLabels {
    private static final ThreadState[] STATES = ThreadState.values();

    private final LanesView control;
    private final LanesFrame f;
    private final LaneFades fades;
    private final LanesPalette palette;
    private final SegmentPainter painter;
    private final Canvas canvas = new Canvas();
    /** Per-frame scratch: how many pixels of each lane's row the canvas covers (0: none). */
    private double[] cover = new double[64];

    StickyLabels(LanesView control, LanesFrame frame, LaneFades fades, LanesPalette palette, SegmentPainter painter) {
        this.control = control;
        this.f = frame;
        this.fades = fades;
        this.palette = palette;
        this.painter = painter;
        canvas.setVisible(false);
    }

    /** The canvas. */
    Node node() {
        return canvas;
    }

    /** Makes room for {@code lanes} lanes. */
    void ensureCapacity(int lanes) {
        if (lanes > cover.length) cover = Arrays.copyOf(cover, Math.max(lanes, cover.length * 2));
    }

    /** Places the canvas after a change of geometry. */
    void layout() {
        canvas.relocate(f.timeX0, f.axisH);
        canvas.setHeight(f.viewportH);
    }

    /** Repaints the labels at the left edge for this frame (and hides the canvas when there are none). */
    void paint(TimelineModel model) {
        LanesView c = control;
        double pxPerNs = f.pxPerNs, offPx = f.offPx;
        double right = Math.round(f.timeX1) - f.timeX0;
        double leftNs = offPx / pxPerNs;
        Set<ThreadState> hidden = c.getHiddenStates();
        double needed = 0;
        int count = 0;
        for (int i = f.first; i <= f.last; i++) {
            cover[i] = 0;
            TimelineModel.Lane lane = model.lane(i);
            int n = lane.segmentCount();
            int si = lane.segmentAt((long) Math.floor(leftNs));
            if (si < 0) continue;
            long s = lane.startNs(si);
            double xaAbs = Math.round(s * pxPerNs);
            if (xaAbs >= offPx) continue;
            long e = si + 1 < n ? lane.startNs(si + 1) : Math.max(f.nowNs, s);
            double xbAbs = Math.round(e * pxPerNs);
            ThreadState state = STATES[lane.stateOrdinal(si)];
            if (xbAbs <= offPx || hidden.contains(state)) continue;
            double y = f.rowY(i), rh = f.rowY(i + 1) - y;
            double segH = LanesFrame.segmentHeight(y, rh);
            double visW = Math.min(xbAbs - offPx, right);
            SegmentLabel here = painter.label(state, lane.segmentReason(si), lane.segmentText(si), visW, segH);
            SegmentLabel atStart = painter.label(state, lane.segmentReason(si), lane.segmentText(si), xbAbs - xaAbs,
                    segH);
            double reach = here == null ? 0 : here.width() + 9;
            if (atStart != null) reach = Math.max(reach, xaAbs - offPx + atStart.width() + 9);
            // The start's border and hairline, which the one-canvas view drew at the edge.
            if (reach > 0 || (segH >= 10 && visW >= 6)) reach = Math.max(reach, 3);
            double laneCover = Math.min(visW, Math.ceil(reach));
            if (laneCover <= 0) continue;
            cover[i] = laneCover;
            needed = Math.max(needed, laneCover);
            count++;
        }
        GraphicsContext g = canvas.getGraphicsContext2D();
        if (count == 0) {
            if (canvas.isVisible()) {
                g.clearRect(0, 0, canvas.getWidth(), canvas.getHeight());
                canvas.setVisible(false);
            }
            return;
        }
        double width = Math.min(right, Math.ceil(needed / 64) * 64);
        if (width > canvas.getWidth() || width < canvas.getWidth() / 2) canvas.setWidth(width);
        canvas.setVisible(true);
        g.clearRect(0, 0, canvas.getWidth(), canvas.getHeight());
        var patterns = palette.patternsFrom(offPx);
        ThreadRef selected = c.getSelectedThread();
        for (int i = f.first; i <= f.last; i++) {
            double laneCover = cover[i];
            if (laneCover <= 0) continue;
            TimelineModel.Lane lane = model.lane(i);
            int n = lane.segmentCount();
            int si = lane.segmentAt((long) Math.floor(leftNs));
            long s = lane.startNs(si);
            long e = si + 1 < n ? lane.startNs(si + 1) : Math.max(f.nowNs, s);
            double visW = Math.min(Math.round(e * pxPerNs) - offPx, right);
            double y = f.rowY(i), rh = f.rowY(i + 1) - y;
            double top = LanesFrame.segmentTop(y, rh), segH = LanesFrame.segmentHeight(y, rh);
            g.save();
            g.beginPath();
            g.rect(0, top, laneCover, segH);
            g.clip();
            // The ground the tiles have under the segment, then the segment as the one-canvas view drew it.
            g.setFill(c.tone(Tone.BACKGROUND));
            g.fillRect(0, top, laneCover, segH);
            painter.drawGrid(g, offPx, offPx, offPx + laneCover, top, top + segH);
            g.setGlobalAlpha(fades.opacity(i));
            SegmentPainter.rowGround(g, c, i, selected != null && selected.id() == lane.thread().id(), 0, top,
                    laneCover, segH);
            painter.drawSegment(g, lane, si, STATES[lane.stateOrdinal(si)], 0, visW, top, segH, 0, laneCover,
                    patterns);
            g.restore();
        }
    }
}
