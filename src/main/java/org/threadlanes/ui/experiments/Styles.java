package org.threadlanes.ui.experiments;

/** Style class names of the experiments views, as in {@code experiments.css}. */
public final class Styles {
    /** The stylesheet of the experiments views. */
    public static final String STYLESHEET = Styles.class.getResource("experiments.css").toExternalForm();

    public static final String SWEEP_VIEW = "sweep-view";
    public static final String METRICS_PANEL = "metrics-panel";
    public static final String METRIC_TITLE = "metric-title";
    public static final String METRIC_VALUE = "metric-value";
    public static final String METRIC_UNIT = "metric-unit";
    public static final String SPARKLINE = "sparkline";
    public static final String SPARKLINE_LINE = "sparkline-line";
    public static final String SPARKLINE_DOT = "sparkline-dot";
    /** A chart series drawn for the ideal curve (dashed, no symbols). */
    public static final String IDEAL = "tl-ideal";
    /** A chart series of measured points. */
    public static final String MEASURED = "tl-measured";
    public static final String LEGEND = "sweep-legend";
    public static final String LEGEND_LINE = "sweep-legend-line";
    public static final String STATUS = "sweep-status";
    public static final String ERROR = "sweep-error";
    /** Series colours and marker shapes come in this many variants, by core-count index. */
    public static final int VARIANTS = 8;
    public static final int SHAPES = 4;

    private Styles() {
    }

    /** The colour class of the series for the {@code index}-th core count. */
    public static String series(int index) {
        return "tl-series-" + Math.floorMod(index, VARIANTS);
    }

    /** The marker-shape class of the series for the {@code index}-th core count (colour is never the only cue). */
    public static String shape(int index) {
        return "tl-shape-" + Math.floorMod(index, SHAPES);
    }
}
