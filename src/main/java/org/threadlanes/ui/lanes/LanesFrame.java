package org.threadlanes.ui.lanes;

/**
 * The geometry and clock of the frame being drawn, shared by the skin's painters: where the time area and the lanes'
 * viewport are, the zoom in pixels per nanosecond, the scroll offsets, the lanes in view and "now". The skin sets it
 * at the start of each frame; the painters only read it.
 *
 * <p>Touched on the FX thread only (or, for benchmarks, on one thread while the control is not showing).
 */
final class LanesFrame {
    /** Space kept right of the time area, in pixels. */
    static final double RIGHT_PAD = 14;

    /** The time "now" as of this frame (the clock's reading). */
    long nowNs;
    /** Height of the axis strip above the lanes. */
    double axisH;
    /** Height of one lane's row. */
    double laneH;
    /** Left and right edges of the time area on the surface (left: the header's width). */
    double timeX0, timeX1;
    /** Height of the lanes' viewport (below the axis). */
    double viewportH;
    /** The zoom: pixels per nanosecond. */
    double pxPerNs;
    /** The vertical scroll offset in pixels. */
    double scroll;
    /** The view's left edge in absolute pixels ({@code round(viewStartNs * pxPerNs)}). */
    double offPx;
    /** The first and last lane (model index) in the vertical viewport. */
    int first, last;
    /** Bumped by every full repaint; a row painted in an older epoch is repainted whole. */
    int epoch = 1;

    /** The top of lane {@code i}'s row in tile coordinates (0 = the top of the lanes' viewport), whole pixels. */
    double rowY(int i) {
        return Math.round(i * laneH - scroll);
    }

    /** The top of the segments in a row starting at {@code y}, {@code rh} high (whole pixels). */
    static double segmentTop(double y, double rh) {
        double padY = Math.max(1, Math.round(rh * 0.12));
        return Math.round(y + padY);
    }

    /** The height of the segments in a row starting at {@code y}, {@code rh} high (whole pixels, at least 1). */
    static double segmentHeight(double y, double rh) {
        double padY = Math.max(1, Math.round(rh * 0.12));
        double top = Math.round(y + padY);
        return Math.max(1, Math.round(y + rh - padY) - top);
    }

    /** The x of time {@code t} on the surface, in whole pixels as the tiles draw it. */
    double screenX(double t) {
        return timeX0 + Math.round(t * pxPerNs) - offPx;
    }

    /** The control's unit length in nanoseconds, 1 s when unset or invalid. */
    static double nanosPerUnit(LanesView c) {
        double npu = c.getNanosPerUnit();
        return npu > 0 && Double.isFinite(npu) ? npu : 1e9;
    }

    /** The length of time in view, in nanoseconds. */
    static double windowNs(LanesView c) {
        double units = Math.max(LanesView.MIN_VISIBLE_UNITS,
                Math.min(LanesView.MAX_VISIBLE_UNITS, c.getVisibleUnits()));
        return units * nanosPerUnit(c);
    }

    static double clamp(double v, double lo, double hi) {
        return v < lo ? lo : Math.min(hi, v);
    }
}
