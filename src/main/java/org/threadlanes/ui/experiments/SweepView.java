package org.threadlanes.ui.experiments;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import javax.imageio.ImageIO;

import javafx.beans.property.ObjectProperty;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.WeakChangeListener;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.SnapshotParameters;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Line;
import javafx.stage.FileChooser;
import javafx.util.StringConverter;

import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignF;
import org.kordamp.ikonli.materialdesign2.MaterialDesignI;
import org.kordamp.ikonli.materialdesign2.MaterialDesignP;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;

import org.threadlanes.scenario.Scenario;

/**
 * The sweep screen: choose a lesson, the workers and the core counts, Run (with a progress bar and Cancel), and see
 * two charts against workers, total time and throughput, with one line per core count and the ideal curve dashed
 * in the same colour. Exports the table as CSV and the charts as PNG. Binds only to a {@link SweepViewModel}.
 *
 * <pre>{@code
 * SweepView view = new SweepView(new SweepViewModel());
 * tab.setContent(view);
 * ...
 * view.getModel().dispose();   // when the screen closes: cancels a sweep in progress
 * }</pre>
 */
public final class SweepView extends BorderPane {
    private final SweepViewModel model;
    private final NumberAxis timeX = axis("Workers"), tputX = axis("Workers");
    private final LineChart<Number, Number> timeChart;
    private final LineChart<Number, Number> throughputChart;
    private final HBox legend = new HBox();
    private final VBox chartArea;
    private final Label note = new Label();
    /** Kept in a field: a bidirectional binding holds its ends only weakly. */
    private final ObjectProperty<Integer> unitMsObject;
    private final ChangeListener<Number> onChartChange = (o, a, b) -> restyle();
    private final ChangeListener<List<Integer>> onWorkers = (o, a, b) -> fitAxes(b);

    /** A view bound to {@code model}; it starts nothing by itself. */
    public SweepView(SweepViewModel model) {
        this.model = model;
        getStyleClass().add(Styles.SWEEP_VIEW);
        getStylesheets().add(Styles.STYLESHEET);

        ComboBox<Scenario> lesson = new ComboBox<>(model.lessons());
        lesson.setId("sweep-lesson");
        lesson.valueProperty().bindBidirectional(model.scenarioProperty());
        lesson.setConverter(new StringConverter<>() {
            @Override public String toString(Scenario s) { return s == null ? "" : s.id(); }
            @Override public Scenario fromString(String id) { return null; }
        });
        lesson.setTooltip(new Tooltip("The lesson to run for every combination"));

        TextField workers = new TextField();
        workers.setId("sweep-workers");
        workers.setPrefColumnCount(7);
        workers.textProperty().bindBidirectional(model.workersProperty());
        workers.setTooltip(new Tooltip("Pool sizes: a range such as 1..16, a list such as 1,2,4, or both"));

        TextField cores = new TextField();
        cores.setId("sweep-cores");
        cores.setPrefColumnCount(6);
        cores.textProperty().bindBidirectional(model.coresProperty());
        cores.setTooltip(new Tooltip("Modelled CPU core counts, one line each: 1,2,4"));

        Spinner<Integer> unit = new Spinner<>(new SpinnerValueFactory.IntegerSpinnerValueFactory(1, 1000));
        unit.setId("sweep-unit");
        unit.setEditable(true);
        unit.setPrefWidth(90);
        unitMsObject = model.unitMsProperty().asObject();
        unit.getValueFactory().valueProperty().bindBidirectional(unitMsObject);
        unit.setTooltip(new Tooltip("Milliseconds per lesson unit for every run"));

        Button run = new Button("Run", new FontIcon(MaterialDesignP.PLAY));
        run.setId("sweep-run");
        run.getStyleClass().add(atlantafx.base.theme.Styles.ACCENT);
        run.setDefaultButton(true);
        run.disableProperty().bind(model.runningProperty());
        run.setOnAction(e -> model.start());

        Button cancel = new Button("Cancel", new FontIcon(MaterialDesignS.STOP));
        cancel.setId("sweep-cancel");
        cancel.getStyleClass().add(atlantafx.base.theme.Styles.DANGER);
        cancel.disableProperty().bind(model.runningProperty().not());
        cancel.setOnAction(e -> model.cancel());

        ProgressBar progress = new ProgressBar();
        progress.setId("sweep-progress");
        progress.setPrefWidth(160);
        progress.progressProperty().bind(model.progressProperty());

        HBox form = new HBox(label("Lesson", lesson), lesson, label("Workers", workers), workers,
                label("Cores", cores), cores, label("Unit (ms)", unit), unit, run, cancel, progress);
        form.getStyleClass().add("sweep-form");
        setTop(form);

        timeChart = chart(timeTitle(model.scenarioProperty().get()), "time (units)", model.timeData(), timeX);
        // A lesson that times a baseline as well (sequential-vs-pool) plots its pooled part: say which time it is.
        model.scenarioProperty().addListener((o, was, now) -> timeChart.setTitle(timeTitle(now)));
        throughputChart = chart("Throughput", "tasks per unit", model.throughputData(), tputX);
        HBox charts = new HBox(8, timeChart, throughputChart);
        HBox.setHgrow(timeChart, Priority.ALWAYS);
        HBox.setHgrow(throughputChart, Priority.ALWAYS);
        VBox.setVgrow(charts, Priority.ALWAYS);
        legend.getStyleClass().add(Styles.LEGEND);
        chartArea = new VBox(4, charts, legend);
        chartArea.setPadding(new Insets(4));
        chartArea.getStyleClass().add("sweep-charts");
        setCenter(chartArea);

        Label status = new Label();
        status.setId("sweep-status");
        status.getStyleClass().add(Styles.STATUS);
        status.textProperty().bind(model.statusProperty());
        status.setMaxWidth(Double.MAX_VALUE);
        status.setMinWidth(0);
        HBox.setHgrow(status, Priority.ALWAYS);
        Label error = new Label();
        error.setId("sweep-error");
        error.getStyleClass().add(Styles.ERROR);
        error.textProperty().bind(model.errorProperty());
        note.setId("sweep-note");
        note.getStyleClass().add(Styles.STATUS);
        Button csv = new Button("CSV…", new FontIcon(MaterialDesignF.FILE_DELIMITED_OUTLINE));
        csv.setId("sweep-export-csv");
        csv.setOnAction(e -> chooseAndExport("CSV", "*.csv", "sweep.csv", this::exportCsv));
        Button png = new Button("PNG…", new FontIcon(MaterialDesignI.IMAGE_OUTLINE));
        png.setId("sweep-export-png");
        png.setOnAction(e -> chooseAndExport("PNG image", "*.png", "sweep.png", this::exportPng));
        csv.disableProperty().bind(model.runningProperty().or(javafx.beans.binding.Bindings.isEmpty(model.points())));
        png.disableProperty().bind(csv.disableProperty());
        Region gap = new Region();
        Label export = new Label("Export");
        // A long status wraps to a second line; the export controls never give way to it.
        status.setWrapText(true);
        for (Control c : List.of(export, csv, png)) c.setMinWidth(Region.USE_PREF_SIZE);
        HBox footer = new HBox(status, error, note, gap, export, csv, png);
        footer.getStyleClass().add("sweep-footer");
        setBottom(footer);

        model.chartVersionProperty().addListener(new WeakChangeListener<>(onChartChange));
        model.sweptWorkersProperty().addListener(new WeakChangeListener<>(onWorkers));
        fitAxes(model.sweptWorkersProperty().get());
        restyle();
    }

    /** The model this view shows. */
    public SweepViewModel getModel() {
        return model;
    }

    /** Total time against workers. */
    public LineChart<Number, Number> timeChart() {
        return timeChart;
    }

    /** Throughput against workers. */
    public LineChart<Number, Number> throughputChart() {
        return throughputChart;
    }

    /** The charts with their legend: what {@link #exportPng} draws. */
    public Node chartArea() {
        return chartArea;
    }

    /** Writes the charts and legend as a PNG picture (FX thread). */
    public void exportPng(Path file) throws IOException {
        WritableImage image = chartArea.snapshot(new SnapshotParameters(), null);
        if (!ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", file.toFile())) {
            throw new IOException("no PNG writer available");
        }
    }

    /** Writes the table as CSV. */
    public void exportCsv(Path file) throws IOException {
        model.exportCsv(file);
    }

    // ------------------------------------------------------------------ building

    private static NumberAxis axis(String label) {
        NumberAxis x = new NumberAxis();
        x.setLabel(label);
        x.setAutoRanging(false);
        x.setMinorTickVisible(false);
        x.setTickLabelFormatter(new StringConverter<>() {
            @Override public String toString(Number n) { return String.format(Locale.ROOT, "%.0f", n.doubleValue()); }
            @Override public Number fromString(String s) { return Double.valueOf(s); }
        });
        return x;
    }

    private static LineChart<Number, Number> chart(String title, String yLabel,
                                                   javafx.collections.ObservableList<XYChart.Series<Number, Number>> data,
                                                   NumberAxis x) {
        NumberAxis y = new NumberAxis();
        y.setLabel(yLabel);
        y.setForceZeroInRange(true);
        LineChart<Number, Number> chart = new LineChart<>(x, y, data);
        chart.setTitle(title);
        // Points arrive one by one; animating each relayout only makes the lines wobble.
        chart.setAnimated(false);
        chart.setLegendVisible(false);
        chart.setCreateSymbols(true);
        chart.setMinSize(200, 160);
        return chart;
    }

    private static Label label(String text, Node target) {
        Label l = new Label(text);
        l.setLabelFor(target);
        return l;
    }

    /** Whole workers on the horizontal axis, with a margin so the end markers are not clipped. */
    private void fitAxes(List<Integer> workers) {
        int lo = workers.isEmpty() ? 1 : workers.get(0), hi = workers.isEmpty() ? 8 : workers.get(workers.size() - 1);
        double tick = Math.max(1, Math.ceil((hi - lo + 2) / 16.0));
        for (NumberAxis x : List.of(timeX, tputX)) {
            x.setLowerBound(Math.max(0, lo - 1));
            x.setUpperBound(hi + 1);
            x.setTickUnit(tick);
        }
    }

    /** Gives each series and marker its colour, shape and ideal classes; rebuilds the legend. */
    private void restyle() {
        for (LineChart<Number, Number> chart : List.of(timeChart, throughputChart)) {
            for (XYChart.Series<Number, Number> s : chart.getData()) {
                int i = model.coreIndex(s);
                if (i < 0) continue;
                boolean ideal = model.isIdeal(s);
                String[] classes = {Styles.series(i), ideal ? Styles.IDEAL : Styles.MEASURED};
                if (s.getNode() != null) addClasses(s.getNode(), classes);
                for (XYChart.Data<Number, Number> d : s.getData()) {
                    Node n = d.getNode();
                    if (n == null || n.getStyleClass().contains(classes[1])) continue;
                    addClasses(n, classes);
                    if (!ideal) {
                        n.getStyleClass().add(Styles.shape(i));
                        Tooltip.install(n, new Tooltip(String.format(Locale.ROOT, "%s, %d workers: %.2f",
                                s.getName(), d.getXValue().intValue(), d.getYValue().doubleValue())));
                    }
                }
            }
        }
        rebuildLegend();
    }

    private static void addClasses(Node n, String... classes) {
        for (String c : classes) if (!n.getStyleClass().contains(c)) n.getStyleClass().add(c);
    }

    private void rebuildLegend() {
        List<Integer> cores = model.coreCounts();
        legend.getChildren().clear();
        for (int i = 0; i < cores.size(); i++) {
            Line line = new Line(0, 0, 24, 0);
            line.getStyleClass().addAll(Styles.LEGEND_LINE, Styles.series(i));
            Region marker = new Region();
            marker.getStyleClass().addAll("chart-line-symbol", Styles.series(i), Styles.shape(i));
            // A marker is sized by its padding; keep the row from stretching it.
            marker.setMaxSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);
            int c = cores.get(i);
            HBox item = new HBox(line, marker, new Label(c + (c == 1 ? " core" : " cores")));
            item.getStyleClass().add("legend-item");
            legend.getChildren().add(item);
        }
        if (!cores.isEmpty()) {
            Line dashed = new Line(0, 0, 24, 0);
            dashed.getStyleClass().addAll(Styles.LEGEND_LINE, Styles.IDEAL);
            Label text = new Label("ideal (Little's law with a CPU ceiling)");
            text.setTooltip(new Tooltip("max(ceil(tasks / workers) × (cpu + wait), tasks × cpu / cores + wait),"
                    + " drawn dashed in each core count's colour"));
            HBox item = new HBox(dashed, text);
            item.getStyleClass().add("legend-item");
            legend.getChildren().add(item);
        }
    }

    private interface Export {
        void to(Path file) throws IOException;
    }

    private void chooseAndExport(String what, String pattern, String name, Export export) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export the sweep as " + what);
        chooser.setInitialFileName(name);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(what, pattern));
        File file = chooser.showSaveDialog(getScene() == null ? null : getScene().getWindow());
        if (file == null) return;
        try {
            export.to(file.toPath());
            note.setText("Saved " + file.getName());
        } catch (IOException | RuntimeException e) {
            note.setText("Could not save " + file.getName() + ": " + e.getMessage());
        }
    }

    private static String timeTitle(Scenario lesson) {
        return lesson != null && lesson.sweepFigure().isPresent() ? "Time of the pooled part" : "Total time";
    }
}
