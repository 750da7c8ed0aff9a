package org.threadlanes.ui.lanes;

import javafx.scene.image.PixelWriter;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;
import javafx.scene.paint.ImagePattern;
import javafx.scene.paint.Paint;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;

import org.threadlanes.trace.ThreadState;

/**
 * The lanes' look derived from the control's CSS: the fonts (as {@link TextMeter}s) and the hatching patterns of
 * BLOCKED and READY, built from the theme's looked-up pattern colours. Colours themselves are read from the control
 * ({@link LanesView#tone}, {@link LanesView#fill}, ...) where they are used, so they come only from theme variables.
 * Rebuilt by the skin when a style property changes.
 *
 * <p>Touched on the FX thread only (or, for benchmarks, on one thread while the control is not showing).
 */
final class LanesPalette {
    private static final int BLOCKED_PERIOD = 10, READY_PERIOD = 12;
    private static final ThreadState[] STATES = ThreadState.values();

    /** Segment text, state names, lane names, small text (axis, lane roles). */
    TextMeter segmentMeter, stateMeter, laneMeter, smallMeter;
    private final Paint[] patterns = new Paint[STATES.length];
    private final WritableImage[] stripeImages = new WritableImage[STATES.length];
    private final Paint[] stickyPatterns = new Paint[STATES.length];
    private double stickyPatternPhase = Double.NaN;

    /** Resolves fonts and patterns from the control's current style. */
    void rebuild(LanesView c) {
        String family = Font.getDefault().getFamily();
        double size = c.fontSize();
        segmentMeter = new TextMeter(Font.font(family, FontWeight.NORMAL, size));
        stateMeter = new TextMeter(Font.font(family, FontWeight.BOLD, size * 0.82));
        smallMeter = new TextMeter(Font.font(family, FontWeight.NORMAL, Math.max(9, size * 0.85)));
        double laneFont = Math.min(c.laneFontSize(), Math.max(8, c.getLaneHeight() * 0.6));
        laneMeter = new TextMeter(Font.font(family, FontWeight.BOLD, laneFont));
        stripeImages[ThreadState.BLOCKED.ordinal()] = stripes(c.pattern(ThreadState.BLOCKED), BLOCKED_PERIOD, 3, true);
        stripeImages[ThreadState.READY.ordinal()] = stripes(c.pattern(ThreadState.READY), READY_PERIOD, 2, false);
        for (ThreadState s : new ThreadState[] {ThreadState.BLOCKED, ThreadState.READY}) {
            WritableImage img = stripeImages[s.ordinal()];
            patterns[s.ordinal()] = new ImagePattern(img, 0, 0, img.getWidth(), img.getHeight(), false);
        }
        stickyPatternPhase = Double.NaN;
    }

    /** The hatching per state (by ordinal; null for plain states), anchored at the canvas's x = 0. */
    Paint[] patterns() {
        return patterns;
    }

    /**
     * The hatching for a canvas whose x = 0 is absolute pixel {@code offPx} (the sticky labels at the window's left
     * edge): in phase with the tiles' stripes.
     */
    Paint[] patternsFrom(double offPx) {
        double phase = Math.floorMod((long) offPx, (long) BLOCKED_PERIOD * READY_PERIOD);
        if (phase == stickyPatternPhase) return stickyPatterns;
        stickyPatternPhase = phase;
        for (ThreadState s : new ThreadState[] {ThreadState.BLOCKED, ThreadState.READY}) {
            WritableImage img = stripeImages[s.ordinal()];
            double period = img.getWidth();
            stickyPatterns[s.ordinal()] = new ImagePattern(img, -(phase % period), 0, period, period, false);
        }
        return stickyPatterns;
    }

    /**
     * A tile of diagonal stripes on a transparent ground, as a pattern anchored to the canvas so that stripes run on
     * across segment borders.
     */
    private static WritableImage stripes(Color color, int period, int thickness, boolean rising) {
        WritableImage tile = new WritableImage(period, period);
        PixelWriter px = tile.getPixelWriter();
        for (int y = 0; y < period; y++) {
            for (int x = 0; x < period; x++) {
                int d = Math.floorMod(rising ? x + y : x - y, period);
                if (d < thickness) px.setColor(x, y, color);
                else px.setColor(x, y, Color.TRANSPARENT);
            }
        }
        return tile;
    }
}
