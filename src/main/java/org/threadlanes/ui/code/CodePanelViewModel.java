package org.threadlanes.ui.code;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import org.threadlanes.scenario.Listing;
import org.threadlanes.scenario.Scenario;
import org.threadlanes.trace.BlockReason;
import org.threadlanes.trace.Event;
import org.threadlanes.trace.EventKind;
import org.threadlanes.trace.ThreadRef;
import org.threadlanes.trace.ThreadState;

/**
 * The code panel's state: a lesson's listing, Python-style and in Java, where each live thread stands in the Python
 * listing, and which threads passed each line. Testable without a stage.
 *
 * <p>Every method must be called on the JavaFX thread once the view-model is shown (without a stage, on any one
 * thread). Events arrive through {@link #accept(List)} in batches, in sequence order, as the app's FX bridge
 * delivers them; a thread's current line is the line of its latest event (0, or a line outside the listing, means
 * unknown: the thread is not drawn), and it leaves the panel when it concludes.
 *
 * <pre>{@code
 *   CodePanelViewModel vm = new CodePanelViewModel();
 *   vm.setScenario(run.scenario());
 *   vm.setNanosPerUnit(run.units().toNanos(1));
 *   FxBridge bridge = new FxBridge(batch -> { timeline.accept(batch); vm.accept(batch); });
 * }</pre>
 *
 * <p>Cost: a batch touches only the lines whose occupants changed; each line keeps its last
 * {@link #historyLimit()} visits.
 */
public final class CodePanelViewModel {
    /** Visits kept per line unless told otherwise. */
    public static final int DEFAULT_HISTORY = 64;

    private final int historyLimit;
    private final ThreadColors colors = new ThreadColors();
    private final ReadOnlyObjectWrapper<Scenario> scenario = new ReadOnlyObjectWrapper<>(this, "scenario");
    private final ObservableList<CodeLine> python = FXCollections.observableArrayList();
    private final ObservableList<CodeLine> java = FXCollections.observableArrayList();
    private final DoubleProperty nanosPerUnit = new SimpleDoubleProperty(this, "nanosPerUnit", 1e9);
    private final ReadOnlyIntegerWrapper selectedLine = new ReadOnlyIntegerWrapper(this, "selectedLine", 0);
    private final ObservableList<LineVisit> selectedVisits = FXCollections.observableArrayList();
    // One read-only view each, kept: a wrapper made per call would be collected with the listeners added to it.
    private final ObservableList<CodeLine> pythonView = FXCollections.unmodifiableObservableList(python);
    private final ObservableList<CodeLine> javaView = FXCollections.unmodifiableObservableList(java);
    private final ObservableList<LineVisit> selectedView = FXCollections.unmodifiableObservableList(selectedVisits);
    private final ObservableList<ThreadMark> roster = FXCollections.observableArrayList();
    private final ObservableList<ThreadMark> rosterView = FXCollections.unmodifiableObservableList(roster);
    private final ReadOnlyIntegerWrapper liveThreads = new ReadOnlyIntegerWrapper(this, "liveThreads", 0);
    private final ReadOnlyLongWrapper version = new ReadOnlyLongWrapper(this, "version", 0);

    /** The threads seen since the last reset, by id. */
    private final Map<Long, Tracked> threads = new HashMap<>();
    /** The live threads on each Python line (index = line - 1). */
    private final List<Set<Tracked>> occupants = new ArrayList<>();
    /** The lesson's listing; its line pairs put the threads on the Java tab too. */
    private Listing listing = new Listing(List.of(), List.of());
    /** For each Java line (index = line - 1), the Python lines paired with it, in order. */
    private final List<List<Integer>> pairedPython = new ArrayList<>();

    /** A view-model keeping {@value #DEFAULT_HISTORY} visits per line. */
    public CodePanelViewModel() {
        this(DEFAULT_HISTORY);
    }

    /** @param historyLimit visits kept per line (at least 1) */
    public CodePanelViewModel(int historyLimit) {
        if (historyLimit < 1) throw new IllegalArgumentException("history per line must be at least 1");
        this.historyLimit = historyLimit;
    }

    /** Visits kept per line. */
    public int historyLimit() {
        return historyLimit;
    }

    // ------------------------------------------------------------------ lesson

    /** The lesson shown, or {@code null}. */
    public ReadOnlyObjectProperty<Scenario> scenarioProperty() {
        return scenario.getReadOnlyProperty();
    }

    public Scenario getScenario() {
        return scenario.get();
    }

    /**
     * Shows a lesson's listing (or nothing for {@code null}) and forgets every thread, visit and selection. Set the
     * run's unit with {@link #setNanosPerUnit} afterwards if it differs from the lesson's default.
     */
    public void setScenario(Scenario s) {
        forgetThreads();
        selectedLine.set(0);
        selectedVisits.clear();
        occupants.clear();
        listing = s == null ? new Listing(List.of(), List.of()) : s.listing();
        python.setAll(lines(listing.python(), Syntax.Language.PYTHON));
        java.setAll(lines(listing.java(), Syntax.Language.JAVA));
        for (int i = 0; i < python.size(); i++) occupants.add(new LinkedHashSet<>());
        pairedPython.clear();
        for (int i = 0; i < java.size(); i++) pairedPython.add(new ArrayList<>());
        for (int p = 1; p <= python.size(); p++) {
            int j = listing.javaLineOf(p);
            if (j > 0) pairedPython.get(j - 1).add(p);
        }
        if (s != null) nanosPerUnit.set(s.defaults().unitMs() * 1_000_000d);
        scenario.set(s);
        bump();
    }

    private List<CodeLine> lines(List<String> text, Syntax.Language lang) {
        List<List<Syntax.Token>> tokens = Syntax.tokenize(text, lang);
        List<CodeLine> out = new ArrayList<>(text.size());
        for (int i = 0; i < text.size(); i++) out.add(new CodeLine(i + 1, text.get(i), tokens.get(i), historyLimit));
        return out;
    }

    /** The Python-style listing, one entry per line (read-only); its lines show the threads. */
    public ObservableList<CodeLine> pythonLines() {
        return pythonView;
    }

    /**
     * The Java listing, one entry per line (read-only). A thread stands on the Java line paired with its Python line
     * ({@link Listing#javaLineOf}); a Java line with no pair shows none.
     */
    public ObservableList<CodeLine> javaLines() {
        return javaView;
    }

    /** Nanoseconds per lesson unit, for the times shown in units; the lesson's default until set. */
    public DoubleProperty nanosPerUnitProperty() {
        return nanosPerUnit;
    }

    public double getNanosPerUnit() {
        return nanosPerUnit.get();
    }

    public void setNanosPerUnit(double ns) {
        if (!(ns > 0)) throw new IllegalArgumentException("nanoseconds per unit must be positive, not " + ns);
        nanosPerUnit.set(ns);
    }

    /** A run time in units, as shown: {@code 12.63}. */
    public String formatUnits(long tNs) {
        return String.format(Locale.ROOT, "%.2f", tNs / nanosPerUnit.get());
    }

    // ------------------------------------------------------------------ events

    /** Bumped after every batch, reset and lesson change; a cheap "something changed" signal for views and tests. */
    public ReadOnlyLongProperty versionProperty() {
        return version.getReadOnlyProperty();
    }

    /**
     * Every live thread with its line (0 if unknown), in order of first appearance (read-only): the panel's roster,
     * which also shows threads on lines scrolled out of view. Replaced as a whole when a thread moves.
     */
    public ObservableList<ThreadMark> liveThreads() {
        return rosterView;
    }

    /** How many threads seen so far have not concluded. */
    public ReadOnlyIntegerProperty liveThreadsProperty() {
        return liveThreads.getReadOnlyProperty();
    }

    /** Each thread's colour index, in order of first appearance since the last reset. */
    public ThreadColors colors() {
        return colors;
    }

    /**
     * Takes the next batch of a run's events, in sequence order: moves threads between lines and records visits.
     * Touches only the lines whose occupants changed.
     */
    public void accept(List<Event> batch) {
        BitSet dirty = new BitSet();
        boolean moved = false;
        for (Event e : batch) moved |= apply(e, dirty);
        BitSet javaDirty = new BitSet();
        for (int i = dirty.nextSetBit(1); i >= 0; i = dirty.nextSetBit(i + 1)) {
            python.get(i - 1).setMarks(marks(i));
            int j = listing.javaLineOf(i);
            if (j > 0) javaDirty.set(j);
        }
        for (int j = javaDirty.nextSetBit(1); j >= 0; j = javaDirty.nextSetBit(j + 1)) {
            java.get(j - 1).setMarks(javaMarks(j));
        }
        if (moved) {
            List<ThreadMark> live = new ArrayList<>();
            for (Tracked t : threads.values()) if (t.state != ThreadState.CONCLUDED) live.add(t.mark());
            live.sort(Comparator.comparingInt(ThreadMark::colorIndex));
            roster.setAll(live);
            liveThreads.set(live.size());
        }
        bump();
    }

    /** Applies one event; returns whether the thread's line or state changed. */
    private boolean apply(Event e, BitSet dirty) {
        Tracked t = threads.get(e.threadId());
        boolean seen = t != null;
        if (!seen) {
            t = new Tracked(e.thread(), colors.indexOf(e.thread()));
            threads.put(e.threadId(), t);
        }
        boolean moves = e.state() != null;
        ThreadState state = moves ? e.state() : t.state;
        boolean changed = moves && (state != t.state || e.reason() != t.reason || !Objects.equals(e.detail(), t.detail));
        if (moves) {
            t.reason = e.reason();
            t.detail = e.detail();
        }
        t.state = state;
        int line = e.line() <= python.size() ? e.line() : 0;
        if (state == ThreadState.CONCLUDED) line = 0; // a concluded thread stands nowhere
        if (line != t.line) {
            if (t.line > 0) {
                occupants.get(t.line - 1).remove(t);
                dirty.set(t.line);
            }
            if (line > 0) {
                occupants.get(line - 1).add(t);
                dirty.set(line);
            }
            t.line = line;
            t.sinceNs = e.tNs();
            changed = true;
        } else if (changed && line > 0) {
            dirty.set(line);
        }
        // A visit is something new on the line: an arrival, a state change there, or a task milestone.
        int at = e.line() <= python.size() ? e.line() : 0;
        if (at > 0 && (changed || e.kind() != EventKind.STATE || state == ThreadState.CONCLUDED)) {
            LineVisit v = new LineVisit(e.seq(), e.tNs(), t.ref, t.colorIndex, e.kind(), state, t.reason, e.detail(),
                    state == ThreadState.BLOCKED ? t.detail : null, at);
            LineVisit dropped = python.get(at - 1).addVisit(v);
            if (at == selectedLine.get()) {
                if (dropped != null && !selectedVisits.isEmpty()) selectedVisits.remove(selectedVisits.size() - 1);
                selectedVisits.add(0, v);
            }
        }
        return changed || !seen;
    }

    private List<ThreadMark> marks(int line) {
        List<ThreadMark> out = new ArrayList<>();
        for (Tracked t : occupants.get(line - 1)) {
            out.add(t.mark());
        }
        out.sort(Comparator.comparingInt(ThreadMark::colorIndex));
        return out;
    }

    /** The threads on every Python line paired with Java line {@code j}, in order of first appearance. */
    private List<ThreadMark> javaMarks(int j) {
        List<ThreadMark> out = new ArrayList<>();
        for (int p : pairedPython.get(j - 1)) out.addAll(python.get(p - 1).getMarks());
        out.sort(Comparator.comparingInt(ThreadMark::colorIndex));
        return out;
    }

    /** Forgets every thread and visit (a reset before the next run); keeps the lesson and the selected line. */
    public void clear() {
        forgetThreads();
        for (Set<Tracked> s : occupants) s.clear();
        for (CodeLine l : python) l.reset();
        for (CodeLine l : java) l.reset();
        selectedVisits.clear();
        bump();
    }

    private void forgetThreads() {
        threads.clear();
        colors.clear();
        roster.clear();
        liveThreads.set(0);
    }

    private void bump() {
        version.set(version.get() + 1);
    }

    // ------------------------------------------------------------------ queries

    /** The live threads on Python line {@code line} (1-based), in order of first appearance; empty if none. */
    public List<ThreadMark> marksAt(int line) {
        return line >= 1 && line <= python.size() ? python.get(line - 1).getMarks() : List.of();
    }

    /** The live threads on Java line {@code line} (1-based); empty if none, or if no Python line is paired with it. */
    public List<ThreadMark> javaMarksAt(int line) {
        return line >= 1 && line <= java.size() ? java.get(line - 1).getMarks() : List.of();
    }

    /** Whether the lesson pairs any Python line with a Java line, so that the Java tab shows threads. */
    public boolean hasJavaPairs() {
        return !listing.javaLines().isEmpty();
    }

    /** The Java line paired with Python line {@code line}, or 0. */
    public int javaLineOf(int pythonLine) {
        return listing.javaLineOf(pythonLine);
    }

    /**
     * The Python line a click on Java line {@code javaLine} stands for, or 0 if none is paired with it. When several
     * are (one Java line doing two Python steps), the one threads stand on now, else the one visited most, else the
     * first: the line a student clicking there is asking about.
     */
    public int pythonLineOf(int javaLine) {
        if (javaLine < 1 || javaLine > pairedPython.size()) return 0;
        int best = 0;
        long bestScore = -1;
        for (int p : pairedPython.get(javaLine - 1)) {
            CodeLine line = python.get(p - 1);
            long score = line.getMarks().isEmpty() ? line.visitCount() : Long.MAX_VALUE;
            if (score > bestScore) {
                best = p;
                bestScore = score;
            }
        }
        return best;
    }

    /** The Python line thread {@code threadId} stands on, or 0 (unknown, concluded, or never seen). */
    public int lineOf(long threadId) {
        Tracked t = threads.get(threadId);
        return t == null ? 0 : t.line;
    }

    // ------------------------------------------------------------------ selection

    /** The Python line whose visits are listed (1-based), or 0 for none. */
    public ReadOnlyIntegerProperty selectedLineProperty() {
        return selectedLine.getReadOnlyProperty();
    }

    public int getSelectedLine() {
        return selectedLine.get();
    }

    /** Lists the visits of Python line {@code line}; 0 (or a line outside the listing) clears the selection. */
    public void selectLine(int line) {
        int l = line >= 1 && line <= python.size() ? line : 0;
        selectedLine.set(l);
        if (l == 0) {
            selectedVisits.clear();
        } else {
            selectedVisits.setAll(python.get(l - 1).visits());
        }
    }

    /**
     * The selected line's latest visits, newest first (a live log reads from the top), kept up to date as events
     * arrive (read-only).
     */
    public ObservableList<LineVisit> selectedVisits() {
        return selectedView;
    }

    /** The selected line, or {@code null}. */
    public CodeLine selectedCodeLine() {
        int l = selectedLine.get();
        return l == 0 ? null : python.get(l - 1);
    }

    /** What the panel knows of one thread. */
    private static final class Tracked {
        final ThreadRef ref;
        final int colorIndex;
        ThreadState state;
        BlockReason reason;
        String detail;
        int line;
        long sinceNs;

        Tracked(ThreadRef ref, int colorIndex) {
            this.ref = ref;
            this.colorIndex = colorIndex;
        }

        ThreadMark mark() {
            return new ThreadMark(ref, colorIndex, state, reason, detail, line, sinceNs);
        }
    }
}
