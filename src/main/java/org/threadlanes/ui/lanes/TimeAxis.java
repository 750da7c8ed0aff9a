package org.threadlanes.ui.lanes;

import java.util.Locale;

import javafx.geometry.VPos;
import javafx.scene.Node;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.text.TextAlignment;

import org.threadlanes.ui.lanes.LanesView.Tone;

/**
 * The time axis above the lanes, one strip canvas repainted every frame: ticks and their labels in units, the unit's
 * length in the header cell, and the "now" badge.
 *
 * <p>Touched on the FX thread only (or, for benchmarks, on one thread while the control is not showing).
 */
final class TimeAxis {
    private static final double MIN_TICK_PX = 90;

    private final LanesView control;
    private final LanesFrame f;
    private final LanesPalette palette;
    private final Canvas axis = new Canvas();

    TimeAxis(LanesView control, LanesFrame frame, LanesPalette palette) {
        this.control = control;
        this.f = frame;
        this.palette = palette;
    }

    /** The axis canvas. */
    Node node() {
        return axis;
    }

    /** A "nice" step (1, 2 or 5 times a power of ten) in units so that ticks are at least MIN_TICK_PX apart. */
    static double tickStep(double pxPerUnit) {
        double minUnits = MIN_TICK_PX / Math.max(pxPerUnit, 1e-12);
        double pow = Math.pow(10, Math.floor(Math.log10(minUnits)));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * pow >= minUnits) return m * pow;
        }
        return 10 * pow;
    }

    /** Sizes the canvas after a change of geometry ({@code w}: the surface's width). */
    void layout(double w) {
        axis.relocate(0, 0);
        axis.setWidth(w);
        axis.setHeight(f.axisH);
    }

    /** Repaints the axis, {@code w} px wide, for this frame. */
    void paint(double w) {
        LanesView c = control;
        TextMeter smallMeter = palette.smallMeter;
        double axisH = f.axisH, timeX0 = f.timeX0, timeX1 = f.timeX1, offPx = f.offPx, headerWidth = f.timeX0;
        GraphicsContext g = axis.getGraphicsContext2D();
        long now = f.nowNs;
        g.clearRect(0, 0, w, axisH);
        g.setFill(c.tone(Tone.HEADER_BACKGROUND));
        g.fillRect(0, 0, w, axisH);
        g.setFill(c.tone(Tone.GRID));
        g.fillRect(0, axisH - 1, w, 1);
        g.fillRect(headerWidth - 1, 0, 1, axisH);
        double npu = LanesFrame.nanosPerUnit(c);
        double step = tickStep(f.pxPerNs * npu);
        int decimals = step >= 1 ? 0 : (int) Math.ceil(-Math.log10(step) - 1e-9);
        double pxPerStep = step * npu * f.pxPerNs;
        double[] badge = nowBadge(now);
        g.setFont(smallMeter.font());
        g.setTextBaseline(VPos.CENTER);
        g.setTextAlign(TextAlignment.CENTER);
        double labelY = axisH / 2 - 2;
        for (double k = Math.floor(offPx / pxPerStep) - 1; ; k++) {
            // As the grid lines in the tiles: the tick k * step in absolute pixels.
            double x = timeX0 + Math.round(k * pxPerStep) - offPx;
            double u = k * step;
            if (x > timeX1) break;
            if (x < timeX0) continue;
            g.setFill(c.tone(Tone.GRID));
            g.fillRect(x, axisH - 7, 1, 6);
            String label = String.format(Locale.ROOT, "%." + decimals + "f", u);
            double lw = smallMeter.width(label);
            // The first label may sit a little right of its tick rather than under the header.
            double lx = Math.max(x, timeX0 + 3 + lw / 2);
            boolean underBadge = badge != null && lx + lw / 2 + 4 > badge[0] && lx - lw / 2 - 4 < badge[0] + badge[2];
            if (lx - x < lw && !underBadge) {
                g.setFill(c.tone(Tone.TEXT));
                g.fillText(label, lx, labelY);
            }
        }
        // The header cell of the axis names the unit and its length.
        g.setTextAlign(TextAlignment.LEFT);
        g.setFill(c.tone(Tone.TEXT_MUTED));
        double ms = npu / 1e6;
        String scale = "1 unit = " + (ms == Math.rint(ms) ? Long.toString((long) ms)
                : String.format(Locale.ROOT, "%.2f", ms)) + " ms";
        String caption = smallMeter.fit("time in units", headerWidth - 20, 1);
        String scaleFit = smallMeter.fit(scale, headerWidth - 20, 1);
        double lh = smallMeter.lineHeight();
        if (caption != null && scaleFit != null && axisH >= 2 * lh + 2) {
            g.setTextBaseline(VPos.TOP);
            double top = (axisH - 2 * lh) / 2;
            g.fillText(caption, 12, top);
            g.fillText(scaleFit, 12, top + lh);
        } else if (caption != null) {
            g.fillText(caption, 12, labelY);
        }
        if (badge != null) drawNowBadge(g, now, badge);
    }

    /** Where the "now" badge goes in the axis, as {x, y, w, h}; null when now is out of view. */
    private double[] nowBadge(long now) {
        double x = f.screenX(now);
        if (x < f.timeX0 - 1 || x > f.timeX1 + 1) return null;
        String label = nowLabel(now);
        double lw = palette.smallMeter.width(label) + 14, lh = palette.smallMeter.lineHeight() + 4;
        double lx = Math.min(Math.max(x - lw / 2, f.timeX0), f.timeX1 + LanesFrame.RIGHT_PAD - lw);
        return new double[] {lx, (f.axisH - lh) / 2 - 2, lw, lh};
    }

    private String nowLabel(long now) {
        return String.format(Locale.ROOT, "now %.2f", now / LanesFrame.nanosPerUnit(control));
    }

    private void drawNowBadge(GraphicsContext g, long now, double[] b) {
        g.setFill(control.tone(Tone.NOW));
        g.fillRoundRect(b[0], b[1], b[2], b[3], 8, 8);
        g.setFill(control.tone(Tone.BACKGROUND));
        g.setFont(palette.smallMeter.font());
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.CENTER);
        g.fillText(nowLabel(now), b[0] + b[2] / 2, b[1] + b[3] / 2);
    }
}
