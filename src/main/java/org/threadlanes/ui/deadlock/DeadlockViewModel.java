package org.threadlanes.ui.deadlock;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

import javafx.beans.property.LongProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleLongProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableSet;

import org.threadlanes.analysis.Deadlock;
import org.threadlanes.analysis.DeadlockDetector;
import org.threadlanes.analysis.DeadlockReport;
import org.threadlanes.analysis.WaitForGraph;
import org.threadlanes.scenario.ScenarioRun;
import org.threadlanes.trace.ThreadRef;

/**
 * What the deadlock views show: the run's wait-for graph, the deadlocks found, the sentence that says them and the
 * threads to outline. Properties only, testable without a stage; {@link WaitForGraphView} and
 * {@link DeadlockBanner} bind to it.
 *
 * <h2>Wiring (the coordinator, on the FX thread)</h2>
 * <pre>{@code
 * DeadlockViewModel deadlocks = new DeadlockViewModel(FxBridge::post);
 * Bindings.bindContent(lanes.getOutlinedThreads(), deadlocks.getCycleThreadIds());
 * deadlocks.viewTimeNsProperty().bind(steps.viewTimeNsProperty());  // optional: follow Step back into the past
 * deadlocks.setRun(run);                                           // per run; setRun(null) on reset
 * }</pre>
 *
 * <h2>Threads</h2>
 * Every method and property is for the FX thread only. The detector's listeners run on its checker thread; they only
 * hand graphs and reports to {@code toFx} (coalesced). A graph is stamped with the run's time when it arrives, so
 * that a view of the past ({@link #viewTimeNsProperty()}) shows the graph of that moment.
 */
public final class DeadlockViewModel {
    /** Graphs kept for the view of the past; the oldest half goes when full (a long free run changes it often). */
    static final int MAX_GRAPHS = 4096;

    /** A graph and the run time it was seen at. */
    private record Timed(long tNs, WaitForGraph graph) {
    }

    private final Executor toFx;

    // FX-thread state.
    private DeadlockDetector detector;
    private LongSupplier clock;
    private DeadlockDetector.Listener reportListener;
    private Consumer<WaitForGraph> graphListener;
    private FxMailbox<Timed> graphBox;
    private FxMailbox<DeadlockReport> reportBox;
    private long generation;
    private final List<Timed> graphs = new ArrayList<>();
    private final List<DeadlockReport> allReports = new ArrayList<>();

    private final LongProperty viewTimeNs = new SimpleLongProperty(this, "viewTimeNs", -1);
    private final ReadOnlyObjectWrapper<WaitForGraph> graph =
            new ReadOnlyObjectWrapper<>(this, "graph", WaitForGraph.empty());
    private final ReadOnlyObjectWrapper<DeadlockReport> report = new ReadOnlyObjectWrapper<>(this, "report");
    private final ObservableList<DeadlockReport> reports = FXCollections.observableArrayList();
    private final ObservableList<DeadlockReport> reportsView = FXCollections.unmodifiableObservableList(reports);
    private final ReadOnlyBooleanWrapper deadlocked = new ReadOnlyBooleanWrapper(this, "deadlocked");
    private final ReadOnlyBooleanWrapper deadlockFound = new ReadOnlyBooleanWrapper(this, "deadlockFound");
    private final ReadOnlyStringWrapper kindText = new ReadOnlyStringWrapper(this, "kindText", "");
    private final ReadOnlyStringWrapper explanation = new ReadOnlyStringWrapper(this, "explanation", "");
    private final ReadOnlyStringWrapper note = new ReadOnlyStringWrapper(this, "note", "");
    private final ReadOnlyStringWrapper threadsCaption = new ReadOnlyStringWrapper(this, "threadsCaption", "");
    private final ObservableList<String> threadNames = FXCollections.observableArrayList();
    private final ObservableList<String> threadNamesView = FXCollections.unmodifiableObservableList(threadNames);
    private final ObservableSet<Long> cycleThreadIds = FXCollections.observableSet(new LinkedHashSet<>());
    private final ObservableSet<Long> cycleThreadIdsView = FXCollections.unmodifiableObservableSet(cycleThreadIds);

    /**
     * @param toFx runs a task later on the FX thread ({@code FxBridge::post} in the app); the detector's listeners use
     *             it to hand graphs and reports over from the checker thread
     */
    public DeadlockViewModel(Executor toFx) {
        this.toFx = Objects.requireNonNull(toFx);
        viewTimeNs.addListener((o, was, now) -> refresh());
    }

    // ------------------------------------------------------------------ inputs

    /** Follows {@code run}'s detector (or nothing, with {@code null}), forgetting what was shown before. */
    public void setRun(ScenarioRun run) {
        if (run == null) setDetector(null, null);
        else setDetector(run.detector(), run.recorder()::now);
    }

    /**
     * Follows a detector, stamping graphs with {@code clock} (the run's time, the clock of the step history); shows
     * its current graph and the deadlocks it has found so far. {@code null} detaches.
     */
    public void setDetector(DeadlockDetector detector, LongSupplier clock) {
        detach();
        clear();
        if (detector == null) return;
        this.detector = detector;
        this.clock = Objects.requireNonNull(clock);
        long mine = generation;
        graphBox = new FxMailbox<>(toFx, batch -> {
            if (mine == generation) batch.forEach(t -> add(t.graph(), t.tNs()));
            if (mine == generation) refresh();
        });
        reportBox = new FxMailbox<>(toFx, batch -> {
            if (mine != generation) return;
            batch.forEach(this::add);
            refresh();
        });
        FxMailbox<Timed> gb = graphBox;
        FxMailbox<DeadlockReport> rb = reportBox;
        LongSupplier c = clock;
        graphListener = g -> gb.offer(new Timed(c.getAsLong(), g));
        reportListener = rb::offer;
        // Listen first, then read what is there: a report found in between arrives twice and is kept once.
        detector.addGraphListener(graphListener);
        detector.addListener(reportListener);
        WaitForGraph now = detector.graph();
        if (!now.nodes().isEmpty()) add(now, clock.getAsLong());
        detector.reports().forEach(this::add);
        refresh();
    }

    /** A graph seen at run time {@code tNs}, on the FX thread (for drivers that hop on their own, and tests). */
    public void accept(WaitForGraph g, long tNs) {
        add(Objects.requireNonNull(g), tNs);
        refresh();
    }

    /** A graph seen now (by the clock given to {@link #setDetector}, else just after the last one). */
    public void accept(WaitForGraph g) {
        long t = clock != null ? clock.getAsLong() : graphs.isEmpty() ? 0 : graphs.get(graphs.size() - 1).tNs() + 1;
        accept(g, t);
    }

    /** A deadlock found, on the FX thread (for drivers that hop on their own, and tests); kept once. */
    public void accept(DeadlockReport r) {
        add(Objects.requireNonNull(r));
        refresh();
    }

    /** Forgets every graph and deadlock (keeps following the detector, if any). */
    public void clear() {
        graphs.clear();
        allReports.clear();
        refresh();
    }

    // ------------------------------------------------------------------ properties

    /** The run time to show (the view of the past), or -1 for now. Bind it to the step bar's view time. */
    public LongProperty viewTimeNsProperty() { return viewTimeNs; }

    /**
     * The graph to draw: the latest (or the one of the time viewed); when it no longer holds the cycle of the
     * deadlock shown, the graph the deadlock was confirmed in.
     */
    public ReadOnlyObjectProperty<WaitForGraph> graphProperty() { return graph.getReadOnlyProperty(); }
    /** The graph to draw. */
    public WaitForGraph getGraph() { return graph.get(); }

    /** The first deadlock found (by the time viewed), or {@code null}. */
    public ReadOnlyObjectProperty<DeadlockReport> reportProperty() { return report.getReadOnlyProperty(); }
    /** The first deadlock shown, or null. */
    public DeadlockReport getReport() { return report.get(); }

    /** Every deadlock found (by the time viewed), in the order found. */
    public ObservableList<DeadlockReport> getReports() { return reportsView; }

    /** Whether a deadlock is shown (found by the time viewed). */
    public ReadOnlyBooleanProperty deadlockedProperty() { return deadlocked.getReadOnlyProperty(); }
    /** Whether a deadlock is shown. */
    public boolean isDeadlocked() { return deadlocked.get(); }

    /** Whether a deadlock has been found in the run by now, whatever the time viewed. */
    public ReadOnlyBooleanProperty deadlockFoundProperty() { return deadlockFound.getReadOnlyProperty(); }

    /** The kind in words ("pool starvation"), or empty. */
    public ReadOnlyStringProperty kindTextProperty() { return kindText.getReadOnlyProperty(); }

    /** The plain-words sentence of the first deadlock, or empty. */
    public ReadOnlyStringProperty explanationProperty() { return explanation.getReadOnlyProperty(); }
    /** The sentence shown, or empty. */
    public String getExplanation() { return explanation.get(); }

    /** A note under the sentence (threads stuck behind the cycle, other deadlocks, the JVM's view), or empty. */
    public ReadOnlyStringProperty noteProperty() { return note.getReadOnlyProperty(); }

    /** What the threads are: "On the cycle:", or "Blocked for good:" when every thread is blocked without a cycle. */
    public ReadOnlyStringProperty threadsCaptionProperty() { return threadsCaption.getReadOnlyProperty(); }

    /** The names of the threads on the first deadlock's cycle, in cycle order. */
    public ObservableList<String> getThreadNames() { return threadNamesView; }

    /** The ids of the threads on every deadlock shown: the lanes to outline. Read-only. */
    public ObservableSet<Long> getCycleThreadIds() { return cycleThreadIdsView; }

    // ------------------------------------------------------------------ internals

    private void detach() {
        generation++;
        if (detector != null) {
            detector.removeGraphListener(graphListener);
            detector.removeListener(reportListener);
        }
        if (graphBox != null) graphBox.close();
        if (reportBox != null) reportBox.close();
        detector = null;
        clock = null;
        graphListener = null;
        reportListener = null;
        graphBox = null;
        reportBox = null;
    }

    private void add(WaitForGraph g, long tNs) {
        if (!graphs.isEmpty()) {
            Timed last = graphs.get(graphs.size() - 1);
            if (last.graph().equals(g)) return;
            // Listeners stamp on the checker thread; keep the list sorted even if a stamp comes late.
            tNs = Math.max(tNs, last.tNs());
        }
        graphs.add(new Timed(tNs, g));
        if (graphs.size() > MAX_GRAPHS) graphs.subList(0, MAX_GRAPHS / 2).clear();
    }

    private void add(DeadlockReport r) {
        if (!allReports.contains(r)) allReports.add(r);
    }

    private void refresh() {
        long t = viewTimeNs.get();
        List<DeadlockReport> shown = new ArrayList<>();
        for (DeadlockReport r : allReports) if (t < 0 || r.tNs() <= t) shown.add(r);
        DeadlockReport first = shown.isEmpty() ? null : shown.get(0);

        WaitForGraph g = WaitForGraph.empty();
        for (int i = graphs.size() - 1; i >= 0; i--) {
            if (t < 0 || graphs.get(i).tNs() <= t) {
                g = graphs.get(i).graph();
                break;
            }
        }
        if (first != null && !first.cycle().isEmpty() && !holdsAll(g, first.cycle())) g = first.graph();

        if (!shown.equals(reports)) reports.setAll(shown);
        graph.set(g);
        report.set(first);
        deadlocked.set(first != null);
        deadlockFound.set(!allReports.isEmpty());
        kindText.set(first == null ? "" : first.deadlock().kind().words());
        explanation.set(first == null ? "" : first.deadlock().explanation());
        List<String> names = first == null ? List.of() : first.deadlock().threads();
        if (!names.equals(threadNames)) threadNames.setAll(names);
        Set<Long> ids = new LinkedHashSet<>();
        for (DeadlockReport r : shown) for (ThreadRef tr : r.threads()) ids.add(tr.id());
        cycleThreadIds.retainAll(ids);
        cycleThreadIds.addAll(ids);
        note.set(first == null ? "" : noteFor(first, shown));
        threadsCaption.set(first == null ? "" : first.deadlock().kind() == Deadlock.Kind.ALL_BLOCKED
                ? "Blocked for good:" : "On the cycle:");
    }

    private static boolean holdsAll(WaitForGraph g, List<WaitForGraph.Edge> edges) {
        Set<String> keys = new HashSet<>();
        for (WaitForGraph.Edge e : g.edges()) keys.add(GraphLayout.key(e));
        for (WaitForGraph.Edge e : edges) if (!keys.contains(GraphLayout.key(e))) return false;
        return true;
    }

    private static String noteFor(DeadlockReport first, List<DeadlockReport> shown) {
        List<String> parts = new ArrayList<>();
        if (first.source() == DeadlockReport.Source.JVM) {
            parts.add("Seen by the JVM's own detector: these locks are not traced, so the graph cannot draw them.");
        }
        if (!first.victims().isEmpty()) {
            parts.add("Stuck behind it: " + String.join(", ", first.victims().stream().map(ThreadRef::name).toList())
                    + ".");
        }
        for (int i = 1; i < shown.size(); i++) parts.add("Also: " + shown.get(i).deadlock().explanation());
        return String.join(" ", parts);
    }
}
