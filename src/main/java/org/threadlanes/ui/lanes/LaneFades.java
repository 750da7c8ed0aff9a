package org.threadlanes.ui.lanes;

import java.util.Arrays;

import org.threadlanes.trace.ThreadState;

/**
 * The lanes' opacity over time: a lane that appears after the view first looks fades in, a concluded lane dims to
 * {@link LanesViewSkin#DIMMED_OPACITY}. Keeps, per lane (by model index), when it was first drawn and first seen
 * concluded, and the opacity and fade-in of the last frame.
 *
 * <p>Touched on the FX thread only (or, for benchmarks, on one thread while the control is not showing).
 */
final class LaneFades {
    private static final long FADE_IN_NS = 450_000_000L;
    private static final long DIM_NS = 700_000_000L;
    /** In {@link #appearedAt}: shown at once, no fade. */
    private static final long SHOWN = Long.MIN_VALUE;

    // Pulse time of first drawing (SHOWN, or 0 = not yet), and of first being seen concluded (0 = not yet).
    private long[] appearedAt = new long[64];
    private long[] concludedAt = new long[64];
    private double[] opacity = new double[64];
    private double[] fadeIn = new double[64];
    private int knownLanes;
    private boolean firstLook = true;
    private boolean animating;

    /** Forgets every lane: a new run; its lanes will fade in. */
    void reset() {
        knownLanes = 0;
        firstLook = false;
        Arrays.fill(appearedAt, 0);
        Arrays.fill(concludedAt, 0);
    }

    /** How many lanes are known (have an opacity). */
    int knownLanes() {
        return knownLanes;
    }

    /**
     * Makes room for {@code lanes} lanes; those new since the last call start fading in, or are simply shown if the
     * view has not drawn before.
     */
    void ensureCapacity(int lanes) {
        if (lanes > appearedAt.length) {
            int cap = Math.max(lanes, appearedAt.length * 2);
            appearedAt = Arrays.copyOf(appearedAt, cap);
            concludedAt = Arrays.copyOf(concludedAt, cap);
            opacity = Arrays.copyOf(opacity, cap);
            fadeIn = Arrays.copyOf(fadeIn, cap);
        }
        for (int i = knownLanes; i < lanes; i++) {
            // Lanes already there when the view first looks are simply shown; later ones fade in.
            appearedAt[i] = firstLook ? SHOWN : 0;
            concludedAt[i] = 0;
            opacity[i] = 1;
            fadeIn[i] = firstLook ? 1 : 0;
        }
        firstLook = false;
        knownLanes = Math.max(knownLanes, lanes);
    }

    /** Starts a frame: no lane is known to be still animating. */
    void beginFrame() {
        animating = false;
    }

    /** Whether a lane updated this frame is still fading in or dimming. */
    boolean animating() {
        return animating;
    }

    /** Updates and returns the opacity of lane {@code i} at pulse time {@code t}. */
    double update(int i, TimelineModel.Lane lane, long t) {
        if (appearedAt[i] == 0) appearedAt[i] = t;
        double in = appearedAt[i] == SHOWN ? 1 : clamp01((double) (t - appearedAt[i]) / FADE_IN_NS);
        double dim = 1;
        if (lane.currentState() == ThreadState.CONCLUDED) {
            if (concludedAt[i] == 0) concludedAt[i] = t;
            double k = clamp01((double) (t - concludedAt[i]) / DIM_NS);
            dim = 1 - (1 - LanesViewSkin.DIMMED_OPACITY) * ease(k);
            if (k < 1) animating = true;
        } else {
            concludedAt[i] = 0;
        }
        if (in < 1) animating = true;
        fadeIn[i] = ease(in);
        opacity[i] = fadeIn[i] * dim;
        return opacity[i];
    }

    /** Lane {@code i}'s opacity as of the last frame. */
    double opacity(int i) {
        return opacity[i];
    }

    /** Lane {@code i}'s fade-in (0 to 1, eased) as of the last frame. */
    double fadeIn(int i) {
        return fadeIn[i];
    }

    private static double ease(double k) {
        return 1 - (1 - k) * (1 - k);
    }

    private static double clamp01(double v) {
        return v < 0 ? 0 : Math.min(1, v);
    }
}
