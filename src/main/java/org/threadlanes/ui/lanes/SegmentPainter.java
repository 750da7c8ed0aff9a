package org.threadlanes.ui.lanes;

import java.util.Locale;
import java.util.Set;

import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.paint.Paint;
import javafx.scene.text.TextAlignment;

import org.threadlanes.trace.BlockReason;
import org.threadlanes.trace.ThreadState;
import org.threadlanes.ui.lanes.LanesView.Tone;

/**
 * Draws lanes' segments (fill, hatching, borders, the hairline where a segment begins, the label fitted to its width),
 * the grid and the rows' ground for a stretch of absolute pixels into a {@link GraphicsContext}, in whole pixels
 * ({@code round(t * pxPerNs)}) so that pieces painted apart meet without seams.
 *
 * <p>Touched on the FX thread only (or, for benchmarks, on one thread while the control is not showing).
 */
final class SegmentPainter {
    private static final ThreadState[] STATES = ThreadState.values();

    private final LanesView control;
    private final LanesFrame f;
    private final LanesPalette palette;

    /** What a segment's label says: its state's name and/or its text, and their width together. */
    record SegmentLabel(String prefix, String text, double width) {
    }

    SegmentPainter(LanesView control, LanesFrame frame, LanesPalette palette) {
        this.control = control;
        this.f = frame;
        this.palette = palette;
    }

    /** The ground of lane {@code i}'s row: the selection's colour, or every other lane a little darker. */
    static void rowGround(GraphicsContext g, LanesView c, int i, boolean selected, double x, double y,
                          double w, double h) {
        if (selected) {
            g.setFill(c.tone(Tone.SELECTION_BACKGROUND));
            g.fillRect(x, y, w, h);
        } else if ((i & 1) == 1) {
            g.setFill(c.tone(Tone.LANE_ALT));
            g.fillRect(x, y, w, h);
        }
    }

    /**
     * Draws the segments of {@code lane} (row at {@code y}, {@code rh} high) that meet {@code [lx0, lx1)} on a canvas
     * whose x = 0 is absolute pixel {@code origin}.
     */
    void drawSegments(GraphicsContext g, TimelineModel.Lane lane, double y, double rh, double origin, double lx0,
                      double lx1) {
        LanesView c = control;
        double pxPerNs = f.pxPerNs;
        int n = lane.segmentCount();
        if (n == 0) return;
        // Whole pixels throughout: the software pipeline fills pixel-aligned rectangles much faster, and edges stay
        // crisp. Two segments that meet share one rounded edge.
        double top = LanesFrame.segmentTop(y, rh), segH = LanesFrame.segmentHeight(y, rh);
        double regionEndAbs = origin + lx1;
        int i = Math.max(0, lane.segmentAt((long) Math.floor((origin + lx0 - 1) / pxPerNs)));
        Set<ThreadState> hidden = c.getHiddenStates();
        boolean anyHidden = !hidden.isEmpty();
        while (i < n) {
            long s = lane.startNs(i);
            double xaAbs = Math.round(s * pxPerNs);
            if (xaAbs >= regionEndAbs) break;
            long e = i + 1 < n ? lane.startNs(i + 1) : Math.max(f.nowNs, s);
            double xa = xaAbs - origin, xb = Math.round(e * pxPerNs) - origin;
            ThreadState state = STATES[lane.stateOrdinal(i)];
            if (xb - xa < 1) {
                // Segments thinner than a pixel: one column for the lot, the rest skipped by binary search.
                if (!(anyHidden && hidden.contains(state))) {
                    g.setFill(c.fill(state));
                    g.fillRect(xa, top, 1, segH);
                }
                long nextPixelNs = (long) Math.ceil((xaAbs + 0.5) / pxPerNs);
                i = Math.max(i + 1, lane.segmentAt(nextPixelNs));
                continue;
            }
            if (!(anyHidden && hidden.contains(state))) {
                drawSegment(g, lane, i, state, xa, xb, top, segH, lx0, lx1, palette.patterns());
            }
            i++;
        }
    }

    /**
     * Draws segment {@code i} spanning {@code [xa, xb)} (its label placed and fitted for that width) where it meets
     * the region {@code [lx0, lx1)} being painted, hatched with {@code pats}.
     */
    void drawSegment(GraphicsContext g, TimelineModel.Lane lane, int i, ThreadState state, double xa, double xb,
                     double top, double h, double lx0, double lx1, Paint[] pats) {
        LanesView c = control;
        double w = xb - xa;
        // Only the part in the region: a long segment is not filled along its whole length for a strip of it.
        double fa = Math.max(xa, lx0 - 1), fb = Math.min(xb, lx1 + 1);
        if (fb > fa) {
            g.setFill(c.fill(state));
            g.fillRect(fa, top, fb - fa, h);
        }
        // Patterns and borders need room to be seen; in very thin lanes the colour (and the hover card) must do.
        boolean detailed = h >= 10 && w >= 3;
        if (detailed && fb > fa) {
            switch (state) {
                case BLOCKED -> {
                    g.setFill(pats[state.ordinal()]);
                    g.fillRect(fa, top, fb - fa, h);
                }
                case READY -> {
                    g.setFill(pats[state.ordinal()]);
                    g.fillRect(fa, top, fb - fa, h);
                    border(g, c.pattern(state), 2, xa, xb, fa, fb, top, h);
                }
                case CREATED -> border(g, c.pattern(state), 2, xa, xb, fa, fb, top, h);
                default -> { }
            }
            // A hairline where a segment begins, so that back-to-back tasks in one state stay apart.
            if (w >= 6 && xa >= fa) {
                g.setFill(c.tone(Tone.BACKGROUND));
                g.fillRect(xa, top, 1, h);
            }
        }
        SegmentLabel label = label(state, lane.segmentReason(i), lane.segmentText(i), w, h);
        // Skip the text when the region being painted does not reach it.
        if (label != null && xa + 3 < lx1 && xa + label.width() + 9 > lx0) drawLabel(g, state, label, xa, top, h);
    }

    /**
     * A border just inside the segment {@code [xa, xb)}, drawn where it meets {@code [fa, fb)}, as filled bars: in
     * the software pipeline a stroked path costs several times as much as filled rectangles.
     */
    private static void border(GraphicsContext g, Color color, double width, double xa, double xb, double fa,
                               double fb, double y, double h) {
        if (xb - xa < 2 * width + 1) return;
        g.setFill(color);
        g.fillRect(fa, y, fb - fa, width);
        g.fillRect(fa, y + h - width, fb - fa, width);
        if (xa >= fa) g.fillRect(xa, y + width, width, h - 2 * width);
        if (xb <= fb) g.fillRect(xb - width, y + width, width, h - 2 * width);
    }

    /**
     * The label of a segment {@code w} px wide and {@code h} high: its state's name and its text (reason and detail,
     * or a task's label), the text cut with an ellipsis or left out when room is short; null when nothing fits.
     */
    SegmentLabel label(ThreadState state, BlockReason reason, String segmentText, double w, double h) {
        TextMeter segmentMeter = palette.segmentMeter, stateMeter = palette.stateMeter;
        if (w < 26 || h < 12 || segmentMeter.font().getSize() > h) return null;
        String stateName = state.name();
        String body = bodyText(state, reason, segmentText);
        double room = w - 12;
        double gap = 8;
        String prefix = null, text = null;
        double prefixW = stateMeter.width(stateName);
        if (body != null && prefixW + gap + segmentMeter.width(body) <= room) {
            prefix = stateName;
            text = body;
        } else if (body != null && segmentMeter.width(body) <= room) {
            text = body;
        } else if (body != null && room >= 60) {
            text = segmentMeter.fit(body, room, 3);
        }
        if (text == null && prefixW <= room) {
            prefix = stateName;
        }
        if (prefix == null && text == null) return null;
        double textW = (prefix != null ? prefixW + (text != null ? gap : 0) : 0)
                + (text != null ? segmentMeter.width(text) : 0);
        return new SegmentLabel(prefix, text, textW);
    }

    private void drawLabel(GraphicsContext g, ThreadState state, SegmentLabel label, double x, double top,
                           double h) {
        LanesView c = control;
        TextMeter segmentMeter = palette.segmentMeter, stateMeter = palette.stateMeter;
        double cy = top + h / 2;
        if (state == ThreadState.BLOCKED || state == ThreadState.READY) {
            // A plain plate under the words, so that the hatching does not run through them.
            double plateH = Math.min(h - 6, segmentMeter.font().getSize() + 8);
            if (state == ThreadState.READY) {
                g.setFill(c.tone(Tone.BACKGROUND));
                g.fillRect(x + 3, cy - plateH / 2, label.width() + 6, plateH);
            }
            g.setFill(c.fill(state));
            g.fillRect(x + 3, cy - plateH / 2, label.width() + 6, plateH);
        }
        g.setTextBaseline(VPos.CENTER);
        g.setTextAlign(TextAlignment.LEFT);
        g.setFill(c.text(state));
        double tx = x + 6;
        if (label.prefix() != null) {
            g.setFont(stateMeter.font());
            g.fillText(label.prefix(), tx, cy);
            tx += stateMeter.width(label.prefix()) + 8;
        }
        if (label.text() != null) {
            g.setFont(segmentMeter.font());
            g.fillText(label.text(), tx, cy);
        }
    }

    /** What a segment says besides its state: the reason and detail of a wait, a task's label, a pending action. */
    static String bodyText(ThreadState state, BlockReason reason, String text) {
        if (state == ThreadState.BLOCKED && reason != null) {
            String word = reasonWord(reason);
            if (text == null || text.isBlank()) return word;
            // Most details already name their reason ("lock A held by ...", "sleep 2"); do not say it twice.
            return text.toLowerCase(Locale.ROOT).startsWith(word.toLowerCase(Locale.ROOT)) ? text : word + ": " + text;
        }
        return text == null || text.isBlank() ? null : text;
    }

    /** A reason as students read it. */
    static String reasonWord(BlockReason reason) {
        return switch (reason) {
            case SLEEP -> "sleep";
            case IO -> "I/O";
            case LOCK -> "lock";
            case CONDITION -> "condition";
            case FUTURE -> "future";
            case QUEUE -> "queue";
            case JOIN -> "join";
            case WORK -> "waiting for work";
        };
    }

    /**
     * Grid lines at the axis ticks within absolute pixels {@code [x0, x1)}, on a canvas whose x = 0 is
     * {@code origin}.
     */
    void drawGrid(GraphicsContext g, double origin, double x0, double x1, double y0, double y1) {
        LanesView c = control;
        double npu = LanesFrame.nanosPerUnit(c);
        double step = TimeAxis.tickStep(f.pxPerNs * npu);
        double pxPerStep = step * npu * f.pxPerNs;
        g.setFill(c.tone(Tone.GRID));
        for (double k = Math.floor(x0 / pxPerStep) - 1; ; k++) {
            double x = Math.round(k * pxPerStep);
            if (x >= x1) break;
            if (x >= x0 - 1) g.fillRect(x - origin, y0, 1, y1 - y0);
        }
    }
}
