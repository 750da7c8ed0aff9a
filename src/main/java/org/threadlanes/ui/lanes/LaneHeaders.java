package org.threadlanes.ui.lanes;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.function.ToIntFunction;

import javafx.geometry.VPos;
import javafx.scene.Node;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.text.TextAlignment;

import org.threadlanes.trace.ThreadRef;
import org.threadlanes.trace.ThreadState;
import org.threadlanes.ui.lanes.LanesView.Tone;

/**
 * The lane headers left of the time area (identity dot, name, role and state, selection mark) and the right margin,
 * two canvases repainted row by row: only rows whose state, selection, identity colour, opacity or fade-in changed
 * (every row after a full repaint). Also measures how wide the headers must be for the lanes' names.
 *
 * <p>Touched on the FX thread only (or, for benchmarks, on one thread while the control is not showing).
 */
final class LaneHeaders {
    private final LanesView control;
    private final LanesFrame f;
    private final LaneFades fades;
    private final LanesPalette palette;
    private final Canvas header = new Canvas();
    private final Canvas pad = new Canvas();
    private double width = 160;
    /** Where a header's dot starts, its largest size, the gap after it, and the margin kept at the right. */
    private static final double LEFT = 14, DOT = 12, DOT_GAP = 7, RIGHT = 8;
    private int measuredFor = -1;
    // Per lane, what its header shows (header epoch, state, selection, identity colour, opacity, fade-in).
    private int[] headerEpoch = new int[64];
    private int[] headerSig = new int[64];
    private double[] headerOpacity = new double[64];
    private double[] headerFade = new double[64];

    LaneHeaders(LanesView control, LanesFrame frame, LaneFades fades, LanesPalette palette) {
        this.control = control;
        this.f = frame;
        this.fades = fades;
        this.palette = palette;
    }

    /** The headers' canvas. */
    Node headerNode() {
        return header;
    }

    /** The right margin's canvas. */
    Node marginNode() {
        return pad;
    }

    /** The headers' width as last measured. */
    double width() {
        return width;
    }

    /** Measures the headers again at the next {@link #measure}: the fonts or the run changed. */
    void remeasure() {
        measuredFor = -1;
    }

    /** Makes room for {@code lanes} lanes; rows from {@code known} on are new and will be painted. */
    void ensureCapacity(int lanes, int known) {
        if (lanes > headerEpoch.length) {
            int cap = Math.max(lanes, headerEpoch.length * 2);
            headerEpoch = Arrays.copyOf(headerEpoch, cap);
            headerSig = Arrays.copyOf(headerSig, cap);
            headerOpacity = Arrays.copyOf(headerOpacity, cap);
            headerFade = Arrays.copyOf(headerFade, cap);
        }
        for (int i = known; i < lanes; i++) headerEpoch[i] = 0;
    }

    /** Fits the headers' width to the widest lane name or role line (between 150 and 320 px), when lanes came. */
    void measure(TimelineModel model) {
        int n = model.laneCount();
        if (n == measuredFor) return;
        TextMeter laneMeter = palette.laneMeter, smallMeter = palette.smallMeter;
        double widest = laneMeter.width("main");
        for (int i = 0; i < n; i++) {
            ThreadRef t = model.lane(i).thread();
            widest = Math.max(widest, laneMeter.width(t.name()));
            widest = Math.max(widest, smallMeter.width(t.role() + " \u00b7 concluded"));
        }
        // The whole "worker · concluded" must fit beside the dot, or every lane of a pool ends in "conclu...".
        width = Math.ceil(Math.max(150, Math.min(320, widest + LEFT + DOT + DOT_GAP + RIGHT + 1)));
        measuredFor = n;
    }

    /** Sizes and places both canvases after a change of geometry ({@code w}: the surface's width). */
    void layout(double w) {
        double right = Math.round(f.timeX1);
        header.relocate(0, f.axisH);
        header.setWidth(width);
        header.setHeight(f.viewportH);
        pad.relocate(right, f.axisH);
        pad.setWidth(Math.max(0, w - right));
        pad.setHeight(f.viewportH);
    }

    /** Repaints the header and right-margin rows whose look changed (every row after a full invalidation). */
    void paint(TimelineModel model, boolean full) {
        LanesView c = control;
        GraphicsContext g = header.getGraphicsContext2D();
        GraphicsContext p = pad.getGraphicsContext2D();
        if (full) {
            g.clearRect(0, 0, header.getWidth(), header.getHeight());
            p.clearRect(0, 0, pad.getWidth(), pad.getHeight());
            g.setFill(c.tone(Tone.BACKGROUND));
            g.fillRect(0, 0, header.getWidth(), header.getHeight());
            p.setFill(c.tone(Tone.BACKGROUND));
            p.fillRect(0, 0, pad.getWidth(), pad.getHeight());
        }
        ThreadRef selected = c.getSelectedThread();
        ToIntFunction<ThreadRef> identity = c.getIdentity();
        for (int i = f.first; i <= f.last; i++) {
            TimelineModel.Lane lane = model.lane(i);
            boolean isSelected = selected != null && selected.id() == lane.thread().id();
            int colour = identity == null ? -1 : identity.applyAsInt(lane.thread());
            ThreadState state = stateAt(lane, f.nowNs);
            int sig = Objects.hash(state, isSelected, colour);
            double opacity = fades.opacity(i), fadeIn = fades.fadeIn(i);
            if (headerEpoch[i] == f.epoch && headerSig[i] == sig && headerOpacity[i] == opacity
                    && headerFade[i] == fadeIn) {
                continue;
            }
            headerEpoch[i] = f.epoch;
            headerSig[i] = sig;
            headerOpacity[i] = opacity;
            headerFade[i] = fadeIn;
            double y = f.rowY(i), rh = f.rowY(i + 1) - y;
            drawHeader(g, lane, state, y, rh, opacity, isSelected, colour, fadeIn);
            p.setGlobalAlpha(1);
            p.setFill(c.tone(Tone.BACKGROUND));
            p.fillRect(0, y, pad.getWidth(), rh);
            p.setGlobalAlpha(opacity);
            SegmentPainter.rowGround(p, c, i, isSelected, 0, y, pad.getWidth(), rh);
            p.setGlobalAlpha(1);
        }
    }

    /**
     * The lane's state at the frame's "now": its latest, unless the view shows a moment of the past (step back), when
     * the header must agree with the bars.
     */
    static ThreadState stateAt(TimelineModel.Lane lane, long nowNs) {
        int n = lane.segmentCount();
        if (n == 0 || lane.segmentStartNs(n - 1) <= nowNs) return lane.currentState();
        int i = lane.segmentAt(nowNs);
        return i < 0 ? null : lane.segmentState(i);
    }

    private void drawHeader(GraphicsContext g, TimelineModel.Lane lane, ThreadState state, double y, double laneH,
                            double alpha, boolean selected, int colour, double fadeIn) {
        LanesView c = control;
        TextMeter laneMeter = palette.laneMeter, smallMeter = palette.smallMeter;
        double hw = width;
        g.save();
        g.beginPath();
        g.rect(0, y, hw, laneH);
        g.clip();
        g.setGlobalAlpha(1);
        g.setFill(selected ? c.tone(Tone.SELECTION_BACKGROUND) : c.tone(Tone.HEADER_BACKGROUND));
        g.fillRect(0, y, hw, laneH);
        g.setFill(c.tone(Tone.GRID));
        g.fillRect(hw - 1, y, 1, laneH);
        if (selected) {
            g.setFill(c.tone(Tone.SELECTION));
            g.fillRect(0, y, 5, laneH);
        }
        g.setGlobalAlpha(alpha);
        // New lanes slide in from the left as they fade in.
        double slide = (1 - fadeIn) * -28;
        double x = LEFT + slide;
        boolean twoLines = laneH >= laneMeter.lineHeight() + smallMeter.lineHeight() + 4;
        g.setTextAlign(TextAlignment.LEFT);
        // The thread's identity colour as a dot before its name, as on its chips in the code panel.
        if (colour >= 0 && laneMeter.font().getSize() <= laneH) {
            double d = Math.min(DOT, laneMeter.lineHeight() * 0.55);
            double cy = twoLines ? y + laneH * 0.56 - laneMeter.lineHeight() / 2 : y + laneH / 2;
            g.setFill(c.identityColor(colour));
            g.fillOval(x, cy - d / 2, d, d);
            x += d + DOT_GAP;
        }
        if (laneMeter.font().getSize() <= laneH) {
            g.setFont(laneMeter.font());
            g.setFill(c.tone(Tone.TEXT));
            g.setTextBaseline(twoLines ? VPos.BOTTOM : VPos.CENTER);
            String name = laneMeter.fit(lane.thread().name(), hw - x - RIGHT, 1);
            if (name != null) g.fillText(name, x, twoLines ? y + laneH * 0.56 : y + laneH / 2);
        }
        if (twoLines) {
            String sub = lane.thread().role()
                    + (state == null ? "" : " \u00b7 " + state.name().toLowerCase(Locale.ROOT));
            sub = smallMeter.fit(sub, hw - x - RIGHT, 1);
            g.setFont(smallMeter.font());
            g.setFill(c.tone(Tone.TEXT_MUTED));
            g.setTextBaseline(VPos.TOP);
            if (sub != null) g.fillText(sub, x, y + laneH * 0.56);
        }
        g.restore();
    }
}
