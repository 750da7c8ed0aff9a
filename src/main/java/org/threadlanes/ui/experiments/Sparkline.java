package org.threadlanes.ui.experiments;

import javafx.scene.layout.Region;
import javafx.scene.shape.Circle;
import javafx.scene.shape.Polyline;

/**
 * A small line of a metric's recent values, scaled to its own box, with a dot on the latest value. The vertical
 * scale starts at 0 (or the smallest value, if negative) so that a flat line at a low value reads as low.
 *
 * <p>Style classes: {@code sparkline} (the region), {@code sparkline-line} and {@code sparkline-dot}.
 */
public final class Sparkline extends Region {
    private static final double PAD = 3;

    private final Polyline line = new Polyline();
    private final Circle dot = new Circle(2.5);
    private double[] values = new double[0];

    /** An empty sparkline. */
    public Sparkline() {
        getStyleClass().add(Styles.SPARKLINE);
        line.getStyleClass().add(Styles.SPARKLINE_LINE);
        dot.getStyleClass().add(Styles.SPARKLINE_DOT);
        line.setManaged(false);
        dot.setManaged(false);
        getChildren().addAll(line, dot);
        setMinSize(40, 16);
        setPrefSize(140, 26);
    }

    /** Shows these values, oldest first; the array is copied. */
    public void setValues(double[] values) {
        this.values = values.clone();
        requestLayout();
    }

    /** The values shown, oldest first. */
    public double[] getValues() {
        return values.clone();
    }

    /** The number of points drawn (for tests). */
    public int pointCount() {
        return line.getPoints().size() / 2;
    }

    @Override
    protected void layoutChildren() {
        double w = getWidth() - 2 * PAD, h = getHeight() - 2 * PAD;
        line.getPoints().clear();
        int n = values.length;
        dot.setVisible(n > 0);
        if (n == 0 || w <= 0 || h <= 0) return;
        double lo = 0, hi = 0;
        for (double v : values) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        double span = hi - lo > 1e-12 ? hi - lo : 1;
        Double[] pts = new Double[2 * n];
        for (int i = 0; i < n; i++) {
            pts[2 * i] = PAD + (n == 1 ? w : w * i / (n - 1));
            pts[2 * i + 1] = PAD + h - h * (values[i] - lo) / span;
        }
        line.getPoints().setAll(pts);
        dot.setCenterX(pts[2 * n - 2]);
        dot.setCenterY(pts[2 * n - 1]);
    }
}
