package org.threadlanes.ui.experiments;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.stream.Collectors;

import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.chart.XYChart;

import org.threadlanes.analysis.SweepCsv;
import org.threadlanes.analysis.SweepPoint;
import org.threadlanes.analysis.SweepProfile;
import org.threadlanes.analysis.SweepRange;
import org.threadlanes.analysis.SweepResult;
import org.threadlanes.scenario.Scenario;
import org.threadlanes.scenario.ScenarioRun;
import org.threadlanes.scenario.Scenarios;
import org.threadlanes.scenario.Settings;
import org.threadlanes.scenario.SweepEngine;
import org.threadlanes.ui.FxBridge;

/**
 * The sweep screen's state and commands, testable without a stage: the lesson, the workers and cores to sweep, the
 * progress, the measured points, and the chart data (for total time and for throughput: one measured series and one
 * ideal series per core count).
 *
 * <h2>Threads</h2>
 * Every property and list here belongs to the FX thread. {@link #start()} hands the sweep to a
 * {@link SweepEngine} thread, whose progress comes back only through the {@code fx} executor
 * ({@link FxBridge#post} in the app). News from an earlier sweep that arrives after a new one started is dropped.
 * {@link #cancel()} never blocks.
 */
public final class SweepViewModel {
    /** Default unit of a sweep from the app, in milliseconds: quick, and long enough that overheads stay small. */
    public static final int DEFAULT_UNIT_MS = 20;

    private final Executor fx;
    private final ObservableList<Scenario> lessons;
    private final ObjectProperty<Scenario> scenario = new SimpleObjectProperty<>(this, "scenario");
    private final StringProperty workers = new SimpleStringProperty(this, "workers", "1..8");
    private final StringProperty cores = new SimpleStringProperty(this, "cores", "1,2");
    private final IntegerProperty unitMs = new SimpleIntegerProperty(this, "unitMs", DEFAULT_UNIT_MS);

    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status",
            "Choose a lesson, the workers and the cores, then Run.");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private final ReadOnlyObjectWrapper<SweepResult> result = new ReadOnlyObjectWrapper<>(this, "result");
    private final ReadOnlyObjectWrapper<List<Integer>> sweptWorkers =
            new ReadOnlyObjectWrapper<>(this, "sweptWorkers", List.of());
    private final ReadOnlyLongWrapper chartVersion = new ReadOnlyLongWrapper(this, "chartVersion");

    private final ObservableList<SweepPoint> points = FXCollections.observableArrayList();
    private final ObservableList<XYChart.Series<Number, Number>> timeData = FXCollections.observableArrayList();
    private final ObservableList<XYChart.Series<Number, Number>> throughputData = FXCollections.observableArrayList();
    private final Map<XYChart.Series<Number, Number>, Integer> coreIndex = new IdentityHashMap<>();
    private final Set<XYChart.Series<Number, Number>> ideal = Collections.newSetFromMap(new IdentityHashMap<>());
    private SweepProfile.Collector profiles = new SweepProfile.Collector(1);
    private List<Integer> coreCounts = List.of();

    private SweepEngine.Sweep sweep;
    /** Numbers the sweeps, so that late news of an earlier one is recognised and dropped. */
    private long generation;
    private long startedNs;
    private CompletableFuture<SweepResult> lastCompletion = CompletableFuture.completedFuture(null);

    /** The app's model: every lesson with a workers setting, reporting through {@link FxBridge#post}. */
    public SweepViewModel() {
        this(Scenarios.all().stream().filter(s -> s.exposed().contains(Scenario.Setting.WORKERS)).toList(),
                FxBridge::post);
    }

    /**
     * @param lessons the lessons offered; {@code workload} is chosen first if present
     * @param fx      runs an action on the FX thread ({@link FxBridge#post} in the app)
     */
    public SweepViewModel(List<Scenario> lessons, Executor fx) {
        this.fx = Objects.requireNonNull(fx);
        this.lessons = FXCollections.unmodifiableObservableList(FXCollections.observableArrayList(lessons));
        scenario.set(lessons.stream().filter(s -> s.id().equals("workload")).findFirst()
                .orElse(lessons.isEmpty() ? null : lessons.get(0)));
    }

    // ------------------------------------------------------------------ inputs

    /** The lessons to choose from. */
    public ObservableList<Scenario> lessons() {
        return lessons;
    }

    public ObjectProperty<Scenario> scenarioProperty() {
        return scenario;
    }

    /** Pool sizes to sweep, as typed: {@code 1..16}, {@code 1,2,4}, or both. */
    public StringProperty workersProperty() {
        return workers;
    }

    /** Core counts to sweep, as typed. */
    public StringProperty coresProperty() {
        return cores;
    }

    /** Milliseconds per lesson unit for every run of the sweep. */
    public IntegerProperty unitMsProperty() {
        return unitMs;
    }

    // ------------------------------------------------------------------ state

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    /** Share of the points measured, 0..1. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    /** One line on what the sweep is doing or did. */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** Why the last Run was refused or the sweep failed; empty if all is well. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** The last sweep's result once it completed or was cancelled; {@code null} before. */
    public ReadOnlyObjectProperty<SweepResult> resultProperty() {
        return result.getReadOnlyProperty();
    }

    /** The workers values of the current sweep, ascending: the charts' horizontal axis. */
    public ReadOnlyObjectProperty<List<Integer>> sweptWorkersProperty() {
        return sweptWorkers.getReadOnlyProperty();
    }

    /** Bumped after every change of the chart data, once the lists are consistent. */
    public ReadOnlyLongProperty chartVersionProperty() {
        return chartVersion.getReadOnlyProperty();
    }

    /** The points measured so far, in the order they ran. */
    public ObservableList<SweepPoint> points() {
        return points;
    }

    /** Total time (units) against workers: a measured series per core count, then an ideal one per core count. */
    public ObservableList<XYChart.Series<Number, Number>> timeData() {
        return timeData;
    }

    /** Throughput (tasks per unit) against workers, series as in {@link #timeData()}. */
    public ObservableList<XYChart.Series<Number, Number>> throughputData() {
        return throughputData;
    }

    /** Whether a series of the chart data is an ideal curve (else it is measured). */
    public boolean isIdeal(XYChart.Series<Number, Number> series) {
        return ideal.contains(series);
    }

    /** The index, in the current sweep's core counts, of a series' core count; -1 for a foreign series. */
    public int coreIndex(XYChart.Series<Number, Number> series) {
        return coreIndex.getOrDefault(series, -1);
    }

    /** The core counts of the current sweep, ascending. */
    public List<Integer> coreCounts() {
        return coreCounts;
    }

    /** Completes when the latest sweep has ended and its result is shown (for the demo and tests). */
    public CompletableFuture<SweepResult> lastCompletion() {
        return lastCompletion;
    }

    // ------------------------------------------------------------------ commands

    /**
     * Starts a sweep of the chosen lesson if the inputs are valid; otherwise says why in {@link #errorProperty()}.
     *
     * @return whether a sweep started
     */
    public boolean start() {
        if (running.get()) return false;
        SweepEngine.Plan plan;
        try {
            Scenario s = scenario.get();
            if (s == null) throw new IllegalArgumentException("Choose a lesson to sweep.");
            List<Integer> w = SweepRange.parse(workers.get(), "Workers", 1, Settings.MAX_WORKERS);
            List<Integer> c = SweepRange.parse(cores.get(), "Cores", 1, Settings.MAX_CORES);
            plan = new SweepEngine.Plan(s, w, c, unitMs.get());
        } catch (IllegalArgumentException e) {
            error.set(e.getMessage());
            return false;
        }
        error.set("");
        resetCharts(plan);
        long gen = ++generation;
        running.set(true);
        progress.set(0);
        status.set("Starting " + plan.size() + " runs of " + plan.scenario().id() + "…");
        startedNs = System.nanoTime();
        CompletableFuture<SweepResult> shown = new CompletableFuture<>();
        lastCompletion = shown;
        sweep = SweepEngine.start(plan, new SweepEngine.Listener() {
            private SweepProfile lastProfile; // sweep thread only

            @Override
            public void pointStarted(int index, int total, int w, int c) {
                fx.execute(() -> {
                    if (gen == generation) {
                        status.set(String.format(Locale.ROOT, "Run %d of %d: %d worker%s, %d core%s…", index + 1,
                                total, w, w == 1 ? "" : "s", c, c == 1 ? "" : "s"));
                    }
                });
            }

            @Override
            public void runEnded(ScenarioRun run, SweepPoint point) {
                // Measured here, off the FX thread: the run's events can be many.
                lastProfile = point.status() == SweepPoint.Status.OK
                        ? SweepProfile.estimate(run.recorder().snapshot(), run.units().toNanos(1)) : null;
            }

            @Override
            public void pointDone(SweepPoint point, int done, int total) {
                SweepProfile profile = lastProfile;
                fx.execute(() -> {
                    if (gen == generation) pointMeasured(point, profile, done, total);
                });
            }
        });
        sweep.completion().whenComplete((r, ex) -> fx.execute(() -> {
            if (gen == generation) ended(r, ex);
            if (ex != null) shown.completeExceptionally(ex);
            else shown.complete(r);
        }));
        return true;
    }

    /** Stops the sweep; the points measured so far stay. Never blocks. */
    public void cancel() {
        if (sweep != null && running.get()) {
            sweep.cancel();
            status.set("Cancelling…");
        }
    }

    /** The sweep in progress or last run, for a caller that must wait for its thread (never on the FX thread). */
    public SweepEngine.Sweep sweep() {
        return sweep;
    }

    /**
     * Writes what was measured as CSV: the finished result, or the points so far.
     *
     * @throws IllegalStateException if nothing was measured yet
     */
    public void exportCsv(Path file) throws IOException {
        SweepCsv.write(currentResult(), file);
    }

    /** What the charts show, as a result: the finished one, or the points so far. */
    public SweepResult currentResult() {
        SweepResult r = result.get();
        if (r != null) return r;
        if (points.isEmpty()) throw new IllegalStateException("nothing measured yet");
        return new SweepResult(points, profiles.profile(), SweepResult.Status.CANCELLED);
    }

    /** Cancels a sweep in progress (when the screen closes). */
    public void dispose() {
        generation++;
        if (sweep != null) sweep.cancel();
        running.set(false);
    }

    // ------------------------------------------------------------------ FX-thread updates

    private void resetCharts(SweepEngine.Plan plan) {
        points.clear();
        profiles = SweepEngine.profiles(plan);
        result.set(null);
        coreIndex.clear();
        ideal.clear();
        coreCounts = plan.cores();
        sweptWorkers.set(plan.workers());
        List<XYChart.Series<Number, Number>> time = new ArrayList<>(), tput = new ArrayList<>();
        List<XYChart.Series<Number, Number>> idealTime = new ArrayList<>(), idealTput = new ArrayList<>();
        for (int i = 0; i < coreCounts.size(); i++) {
            String name = coreCounts.get(i) + (coreCounts.get(i) == 1 ? " core" : " cores");
            time.add(series(name, i, false));
            tput.add(series(name, i, false));
            idealTime.add(series("ideal, " + name, i, true));
            idealTput.add(series("ideal, " + name, i, true));
        }
        time.addAll(idealTime);
        tput.addAll(idealTput);
        timeData.setAll(time);
        throughputData.setAll(tput);
        chartVersion.set(chartVersion.get() + 1);
    }

    private XYChart.Series<Number, Number> series(String name, int index, boolean isIdeal) {
        XYChart.Series<Number, Number> s = new XYChart.Series<>();
        s.setName(name);
        coreIndex.put(s, index);
        if (isIdeal) ideal.add(s);
        return s;
    }

    private void pointMeasured(SweepPoint p, SweepProfile profile, int done, int total) {
        points.add(p);
        if (profile != null) profiles.add(p.workers(), profile);
        int i = coreCounts.indexOf(p.cores());
        if (i >= 0 && p.status() == SweepPoint.Status.OK) {
            timeData.get(i).getData().add(new XYChart.Data<>(p.workers(), p.units()));
            throughputData.get(i).getData().add(new XYChart.Data<>(p.workers(), p.throughput()));
        }
        drawIdeal(profiles.profile());
        progress.set(done / (double) total);
        chartVersion.set(chartVersion.get() + 1);
    }

    private void drawIdeal(SweepProfile profile) {
        int n = coreCounts.size();
        for (int i = 0; i < n; i++) {
            int c = coreCounts.get(i);
            List<XYChart.Data<Number, Number>> t = new ArrayList<>(), x = new ArrayList<>();
            if (profile.tasks() > 0) {
                for (int w : sweptWorkers.get()) {
                    t.add(new XYChart.Data<>(w, profile.idealUnits(w, c)));
                    x.add(new XYChart.Data<>(w, profile.idealThroughput(w, c)));
                }
            }
            timeData.get(n + i).getData().setAll(t);
            throughputData.get(n + i).getData().setAll(x);
        }
    }

    private void ended(SweepResult r, Throwable ex) {
        running.set(false);
        double seconds = (System.nanoTime() - startedNs) / 1e9;
        if (ex != null) {
            error.set("The sweep failed: " + ex.getMessage());
            status.set("Failed after " + points.size() + " runs.");
            return;
        }
        result.set(r);
        drawIdeal(r.profile());
        chartVersion.set(chartVersion.get() + 1);
        long failed = r.points().stream().filter(p -> p.status() != SweepPoint.Status.OK).count();
        boolean withIdeal = r.profile().tasks() > 0;
        List<Integer> swept = coreCounts.stream().filter(c -> !r.pointsFor(c).isEmpty()).toList();
        String knees = swept.stream().map(c -> c + (c == 1 ? " core → " : " cores → ") + r.measuredKnee(c, 0.10))
                .collect(Collectors.joining(", "));
        // The rule of thumb, said as such: measured with whole waves of tasks, the knee can come a little earlier.
        if (withIdeal && !swept.isEmpty()) {
            knees += "; cores × (1 + I/O ÷ CPU), at most one worker per task, gives "
                    + swept.stream().map(c -> oneDecimal(r.profile().idealWorkers(c))).collect(Collectors.joining(", "));
        }
        String head = r.status() == SweepResult.Status.CANCELLED
                ? "Cancelled after " + r.points().size() + " of " + sweep.total() + " runs"
                : String.format(Locale.ROOT, "Done: %d runs in %.1f s", r.points().size(), seconds);
        status.set(head + (failed > 0 ? " (" + failed + " did not finish)" : "")
                + (r.points().isEmpty() ? "." : "; knee (fewest workers within 10% of the best time): " + knees + "."));
    }

    /** 4 as "4", 7.5 as "7.5": a whole number of workers reads better without its ".0". */
    private static String oneDecimal(double v) {
        double r = Math.round(v * 10) / 10.0;
        return r == Math.rint(r) ? Long.toString((long) r) : String.format(Locale.ROOT, "%.1f", r);
    }
}
