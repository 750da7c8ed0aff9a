package org.threadlanes.ui.experiments;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

import javafx.beans.value.ChangeListener;
import javafx.geometry.HPos;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import org.threadlanes.analysis.Metrics;

/**
 * A run's live metrics: one row per {@link Metrics.Kind} with its name, its value and a sparkline of its recent
 * values. Binds only to a {@link MetricsViewModel}.
 */
public final class MetricsPanel extends GridPane {
    private final MetricsViewModel model;
    private final Map<Metrics.Kind, Sparkline> sparklines = new EnumMap<>(Metrics.Kind.class);
    private final Map<Metrics.Kind, Label> values = new EnumMap<>(Metrics.Kind.class);
    private final ChangeListener<Number> onChange = (o, a, b) -> refresh();

    /** A panel bound to {@code model}; it follows whatever run the model is fed. */
    public MetricsPanel(MetricsViewModel model) {
        this.model = model;
        getStyleClass().add(Styles.METRICS_PANEL);
        getStylesheets().add(Styles.STYLESHEET);
        ColumnConstraints name = new ColumnConstraints();
        ColumnConstraints value = new ColumnConstraints();
        value.setHalignment(HPos.RIGHT);
        value.setMinWidth(72);
        ColumnConstraints spark = new ColumnConstraints();
        spark.setHgrow(Priority.ALWAYS);
        getColumnConstraints().addAll(name, value, spark);
        int row = 0;
        for (Metrics.Kind k : Metrics.Kind.values()) {
            Label title = new Label(k.title());
            title.getStyleClass().add(Styles.METRIC_TITLE);
            title.setTooltip(new Tooltip(describe(k)));
            // The unit under the name: "18.03" means nothing to a student until it says "units".
            Label unit = new Label(k.unit());
            unit.setId("metric-unit-" + k.name().toLowerCase(Locale.ROOT));
            unit.getStyleClass().add(Styles.METRIC_UNIT);
            VBox named = new VBox(title, unit);
            Label v = new Label();
            v.getStyleClass().add(Styles.METRIC_VALUE);
            v.textProperty().bind(model.textProperty(k));
            v.setTooltip(new Tooltip(k.unit()));
            Sparkline s = new Sparkline();
            sparklines.put(k, s);
            values.put(k, v);
            addRow(row++, named, v, s);
        }
        // The model outlives no panel in practice, but a weak listener keeps a discarded panel collectable anyway.
        model.versionProperty().addListener(new javafx.beans.value.WeakChangeListener<>(onChange));
        refresh();
    }

    /** The model this panel shows. */
    public MetricsViewModel getModel() {
        return model;
    }

    /** The sparkline of one metric (for tests). */
    public Sparkline sparkline(Metrics.Kind kind) {
        return sparklines.get(kind);
    }

    /** The value label of one metric (for tests). */
    public Label valueLabel(Metrics.Kind kind) {
        return values.get(kind);
    }

    private void refresh() {
        for (Metrics.Kind k : Metrics.Kind.values()) sparklines.get(k).setValues(model.series(k));
    }

    private static String describe(Metrics.Kind k) {
        return switch (k) {
            case THROUGHPUT -> "Tasks finished per unit, over the last 2 units.";
            case UTILIZATION -> "Share of the modelled cores busy running a thread, over the last 2 units.";
            case QUEUE_LENGTH -> "Tasks submitted and not yet started.";
            case QUEUED_TIME -> "Submitted to started: waiting for a worker, then for a core.";
            case SERVICE_TIME -> "Started to finished, minus waiting for a core: computing and I/O.";
            case SPEEDUP -> "Sum of service times over elapsed time: how many tasks were served at once, on average.";
        };
    }
}
