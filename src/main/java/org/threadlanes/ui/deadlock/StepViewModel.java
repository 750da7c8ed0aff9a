package org.threadlanes.ui.deadlock;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import org.threadlanes.executor.StepController;
import org.threadlanes.executor.StepController.Snapshot;
import org.threadlanes.executor.StepController.Step;
import org.threadlanes.executor.StepController.Waiting;
import org.threadlanes.scenario.ScenarioRun;
import org.threadlanes.trace.ThreadRef;

/**
 * Step mode as the user drives it: which threads wait at the gate and what each will do next, which one a Step
 * lets through, and a view of the past rebuilt from the steps taken. Properties and commands only, testable without
 * a stage; {@link StepBar} binds to it.
 *
 * <h2>Wiring (the coordinator, on the FX thread)</h2>
 * <pre>{@code
 * StepViewModel steps = new StepViewModel(FxBridge::post);      // how gate changes reach the FX thread
 * steps.selectedThreadProperty().bindBidirectional(lanes.selectedThreadProperty());
 * lanes.setClock(steps.clock(run::elapsedNs));                  // the past while stepping back, else now
 * steps.setOnPause(shell::pause);  steps.setOnResume(shell::resume);   // optional: default run.pause()/resume()
 * steps.setOnReplay(script -> resetAndReplay(script));           // enables Replay
 * steps.deadlockedProperty().bind(deadlocks.deadlockFoundProperty());  // optional: says "Deadlock" in the status
 * steps.setRun(run);                                             // per run; setRun(null) on reset
 * // after pausing or resuming the run by other means (the tool bar, Space):
 * steps.syncWithRun();
 * }</pre>
 *
 * <h2>Threads</h2>
 * Every method and property is for the FX thread only. The gate's listener runs on scenario threads; it only hands
 * snapshots to {@code toFx} (coalesced: one hop pending at most), which must run them later on the FX thread, as
 * {@code FxBridge.post} does. The commands ({@link #step()}, {@link #stepAny()}, {@link #resume()}, {@link #pause()})
 * never block: the gate hands out permission and returns, so the FX thread never waits for a scenario thread.
 *
 * <h2>Step back</h2>
 * The program does not run backwards. {@link #stepBack()} moves only the <em>view</em>: {@link #viewTimeNsProperty()}
 * becomes the run time of the step being taken back (the recording up to then is the state before it), and the
 * waiting threads shown are those that waited before it. {@link #replayScript()} gives the choices up to the moment
 * viewed, so that a Reset and a scripted replay bring the program itself there.
 */
public final class StepViewModel {
    /** Where the run stands, as far as stepping goes. */
    public enum Phase {
        /** No run, or a run not started yet. */
        NO_RUN,
        /** The run goes freely; Pause enters step mode. */
        FREE_RUN,
        /** Step mode: threads wait at the gate for the user. */
        STEPPING,
        /** The run has ended (completed, failed or reset). */
        ENDED
    }

    /**
     * A thread waiting at the gate, as the bar shows it.
     *
     * @param key         the digit key that selects it (1-9), or 0 beyond the ninth
     * @param thread      the waiting thread
     * @param action      what it will do when stepped ("lock B")
     * @param line        the listing line of that action, or 0
     * @param steppedNext while viewing the past: whether this is the thread that was stepped next
     */
    public record WaitingItem(int key, ThreadRef thread, String action, int line, boolean steppedNext) {
        /** "next: lock B", as the lanes say it. */
        public String nextText() {
            return "next: " + action;
        }
    }

    private final Executor toFx;

    // FX-thread state.
    private ScenarioRun run;
    private StepController gate;
    private StepController.Listener gateListener;
    private FxMailbox<Snapshot> mailbox;
    private long generation; // bumped per gate subscription: hand-overs of an older one are dropped
    private long lastVersion = -1;
    private boolean released;
    private List<Waiting> liveWaiting = List.of();
    private List<Step> history = List.of();
    /** The waiting threads last seen with k steps taken: what stood at the gate before step k + 1. */
    private final Map<Integer, List<Waiting>> waitingBefore = new HashMap<>();
    private boolean past;

    private final ReadOnlyObjectWrapper<Phase> phase = new ReadOnlyObjectWrapper<>(this, "phase", Phase.NO_RUN);
    private final ObjectProperty<ThreadRef> selectedThread = new SimpleObjectProperty<>(this, "selectedThread");
    private final ReadOnlyObjectWrapper<ThreadRef> stepTarget = new ReadOnlyObjectWrapper<>(this, "stepTarget");
    private final ObservableList<WaitingItem> waiting = FXCollections.observableArrayList();
    private final ObservableList<WaitingItem> waitingView = FXCollections.unmodifiableObservableList(waiting);
    private final ReadOnlyIntegerWrapper stepsTaken = new ReadOnlyIntegerWrapper(this, "stepsTaken");
    private final ReadOnlyIntegerWrapper viewStep = new ReadOnlyIntegerWrapper(this, "viewStep");
    private final ReadOnlyBooleanWrapper viewingPast = new ReadOnlyBooleanWrapper(this, "viewingPast");
    private final ReadOnlyLongWrapper viewTimeNs = new ReadOnlyLongWrapper(this, "viewTimeNs", -1);
    private final ReadOnlyIntegerWrapper selectedLine = new ReadOnlyIntegerWrapper(this, "selectedLine");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ReadOnlyStringWrapper pastText = new ReadOnlyStringWrapper(this, "pastText", "");
    private final ReadOnlyStringWrapper lastStepText = new ReadOnlyStringWrapper(this, "lastStepText", "");
    private final ReadOnlyBooleanWrapper canPause = new ReadOnlyBooleanWrapper(this, "canPause");
    private final ReadOnlyBooleanWrapper canStep = new ReadOnlyBooleanWrapper(this, "canStep");
    private final ReadOnlyBooleanWrapper canStepAny = new ReadOnlyBooleanWrapper(this, "canStepAny");
    private final ReadOnlyBooleanWrapper canStepBack = new ReadOnlyBooleanWrapper(this, "canStepBack");
    private final ReadOnlyBooleanWrapper canViewLater = new ReadOnlyBooleanWrapper(this, "canViewLater");
    private final ReadOnlyBooleanWrapper canResume = new ReadOnlyBooleanWrapper(this, "canResume");
    private final ReadOnlyBooleanWrapper canReplay = new ReadOnlyBooleanWrapper(this, "canReplay");
    private final BooleanProperty deadlocked = new SimpleBooleanProperty(this, "deadlocked");
    private final ObjectProperty<Runnable> onPause = new SimpleObjectProperty<>(this, "onPause");
    private final ObjectProperty<Runnable> onResume = new SimpleObjectProperty<>(this, "onResume");
    private final ObjectProperty<Consumer<List<String>>> onReplay = new SimpleObjectProperty<>(this, "onReplay");

    /**
     * @param toFx runs a task later on the FX thread ({@code FxBridge::post} in the app); the gate's listener uses it
     *             to hand snapshots over from scenario threads
     */
    public StepViewModel(Executor toFx) {
        this.toFx = Objects.requireNonNull(toFx);
        selectedThread.addListener((o, was, now) -> refresh());
        onReplay.addListener((o, was, now) -> refresh());
        deadlocked.addListener((o, was, now) -> refresh());
        refresh();
    }

    // ------------------------------------------------------------------ inputs

    /**
     * Follows {@code run} (or nothing, with {@code null}): forgets the previous run's gate, steps and view, and
     * subscribes to the run's gate if it is in step mode. Call it for every new run (and with {@code null} on reset).
     */
    public void setRun(ScenarioRun run) {
        detach();
        this.run = run;
        if (run != null) {
            // The run's main lane completes this future; hop to the FX thread to show the end (if still followed).
            run.completion().whenComplete((s, e) -> toFx.execute(() -> {
                if (this.run == run) syncWithRun();
            }));
        }
        syncWithRun();
    }

    /** The run followed, or {@code null}. */
    public ScenarioRun getRun() {
        return run;
    }

    /**
     * Follows a gate with no run around it (a driver of its own, tests): Pause and Resume then act on the gate only.
     * Forgets any run followed before.
     */
    public void setGate(StepController gate) {
        detach();
        if (gate != null) subscribe(gate);
        refresh();
    }

    /**
     * Looks at the run again: subscribes to its gate if it entered step mode (by {@link #pause()} or by other means,
     * such as the main tool bar) and updates the phase. Cheap; call it after pausing or resuming the run elsewhere.
     */
    public void syncWithRun() {
        if (run != null) {
            StepController g = run.stepper();
            if (g != null && g != gate) subscribe(g);
        }
        pull();
    }

    /**
     * A gate change, on the FX thread. The view-model subscribes to its gate itself (through {@code toFx}); this is
     * public for drivers that hop on their own. Snapshots older than one already seen, or arriving while no gate is
     * followed, are ignored.
     */
    public void accept(Snapshot snapshot) {
        if (gate == null || snapshot.version() <= lastVersion) return;
        lastVersion = snapshot.version();
        released = snapshot.released();
        liveWaiting = snapshot.waiting();
        history = gate.history();
        if (!released) waitingBefore.put(history.size(), liveWaiting);
        if (released) past = false;
        if (released && run != null && run.stepper() != gate) {
            // The run left step mode (or entered a new one): let syncWithRun pick up the new gate, if any.
            StepController g = run.stepper();
            if (g != null) {
                subscribe(g);
                return;
            }
        }
        refresh();
    }

    // ------------------------------------------------------------------ commands (never block)

    /** Enters step mode: {@link #onPauseProperty()} if set, else {@code run.pause()}. */
    public void pause() {
        if (!canPause.get()) return;
        Runnable r = onPause.get();
        if (r != null) r.run();
        else if (run != null) run.pause();
        syncWithRun();
    }

    /**
     * Steps the {@linkplain #stepTargetProperty() target}: the selected thread, or the first waiting one when none
     * is selected. While viewing the past it first returns to now. Returns whether a thread was let through.
     */
    public boolean step() {
        if (past) backToNow();
        ThreadRef t = stepTarget.get();
        return t != null && step(t);
    }

    /** Steps {@code thread} if it waits at the gate; returns whether it was let through. */
    public boolean step(ThreadRef thread) {
        if (gate == null || released || thread == null) return false;
        if (past) backToNow();
        waitingBefore.put(history.size(), liveWaiting);
        boolean ok = gate.step(thread.id());
        pull();
        return ok;
    }

    /**
     * Round-robin: steps the next waiting thread after the one stepped last. Returns the thread, or null.
     *
     * <p>If nobody waits at the gate while the run's clock stands still (just after Pause, every thread asleep or
     * blocked), it lets the clock run instead, so that sleepers wake and come to the gate: what the first step does
     * anyway. Without that a paused run of sleepers could never be stepped.
     */
    public ThreadRef stepAny() {
        if (gate == null || released) return null;
        if (past) backToNow();
        if (liveWaiting.isEmpty() && clockStopped()) {
            run.letClockRun();
            refresh();
            return null;
        }
        waitingBefore.put(history.size(), liveWaiting);
        ThreadRef t = gate.stepAny().orElse(null);
        pull();
        return t;
    }

    private boolean clockStopped() {
        return run != null && run.stepper() == gate && run.recorder().clock().paused();
    }

    /** Leaves step mode: {@link #onResumeProperty()} if set, else {@code run.resume()} (or the gate's own resume). */
    public void resume() {
        if (!canResume.get()) return;
        past = false;
        Runnable r = onResume.get();
        if (r != null) r.run();
        else if (run != null) run.resume();
        else if (gate != null) gate.resume();
        syncWithRun();
    }

    /** Shows the state before the step last shown: one step further into the past. */
    public void stepBack() {
        if (!canStepBack.get()) return;
        int shown = past ? viewStep.get() : history.size();
        past = true;
        viewStep.set(shown - 1);
        refresh();
    }

    /** While viewing the past: shows one step later (the present, after the last one). */
    public void viewLater() {
        if (!past) return;
        int next = viewStep.get() + 1;
        if (next >= history.size()) past = false;
        else viewStep.set(next);
        refresh();
    }

    /** Returns the view to now. */
    public void backToNow() {
        if (!past) return;
        past = false;
        refresh();
    }

    /** Hands {@link #replayScript()} to {@link #onReplayProperty()}, if set (it resets and replays). */
    public void replay() {
        Consumer<List<String>> r = onReplay.get();
        if (r != null && canReplay.get()) r.accept(replayScript());
    }

    /**
     * The thread names of the steps up to the moment viewed (all of them when viewing now): fed to a
     * {@link org.threadlanes.executor.StepScript} on a fresh run, they bring the program to that moment.
     */
    public List<String> replayScript() {
        int upTo = past ? viewStep.get() : history.size();
        List<String> names = new ArrayList<>(upTo);
        for (int i = 0; i < upTo; i++) names.add(history.get(i).thread().name());
        return List.copyOf(names);
    }

    /** Selects the {@code n}-th thread shown at the gate (1-based, as keys 1-9); false if there is none. */
    public boolean selectNth(int n) {
        if (n < 1 || n > waiting.size()) return false;
        selectedThread.set(waiting.get(n - 1).thread());
        return true;
    }

    /**
     * A clock for the lanes view: the run time viewed while in the past, else {@code live}. Read it on the FX thread
     * (the lanes read it every pulse).
     */
    public LongSupplier clock(LongSupplier live) {
        Objects.requireNonNull(live);
        return () -> viewingPast.get() ? viewTimeNs.get() : live.getAsLong();
    }

    // ------------------------------------------------------------------ properties

    /** Where the run stands. */
    public ReadOnlyObjectProperty<Phase> phaseProperty() { return phase.getReadOnlyProperty(); }
    /** Where the run stands now. */
    public Phase getPhase() { return phase.get(); }

    /** The selected thread (the lanes view sets it when a lane is clicked; keys 1-9 set it too). */
    public ObjectProperty<ThreadRef> selectedThreadProperty() { return selectedThread; }
    /** The selected thread, or null. */
    public ThreadRef getSelectedThread() { return selectedThread.get(); }
    /** Selects a thread (null: Step takes the first waiting one). */
    public void setSelectedThread(ThreadRef t) { selectedThread.set(t); }

    /**
     * The thread Step lets through: the selected thread if it waits at the gate, the first waiting thread if none is
     * selected, else {@code null} (the selected thread is blocked or busy).
     */
    public ReadOnlyObjectProperty<ThreadRef> stepTargetProperty() { return stepTarget.getReadOnlyProperty(); }
    /** The thread Step lets through now, or null. */
    public ThreadRef getStepTarget() { return stepTarget.get(); }

    /** The threads shown at the gate, in lane order: now, or while viewing the past those that waited then. */
    public ObservableList<WaitingItem> getWaiting() { return waitingView; }

    /** Steps taken so far in this run's step mode. */
    public ReadOnlyIntegerProperty stepsTakenProperty() { return stepsTaken.getReadOnlyProperty(); }

    /** Steps taken at the moment viewed: {@link #stepsTakenProperty()} when viewing now. */
    public ReadOnlyIntegerProperty viewStepProperty() { return viewStep.getReadOnlyProperty(); }

    /** Whether the view shows the past (after Step back). */
    public ReadOnlyBooleanProperty viewingPastProperty() { return viewingPast.getReadOnlyProperty(); }
    /** Whether the view shows the past. */
    public boolean isViewingPast() { return viewingPast.get(); }

    /** The run time viewed while in the past (the lanes' clock then), or -1 when viewing now. */
    public ReadOnlyLongProperty viewTimeNsProperty() { return viewTimeNs.getReadOnlyProperty(); }
    /** The run time viewed, or -1 for now. */
    public long getViewTimeNs() { return viewTimeNs.get(); }

    /** The listing line to highlight: the step target's pending action, or in the past the step taken next; 0 if none. */
    public ReadOnlyIntegerProperty selectedLineProperty() { return selectedLine.getReadOnlyProperty(); }

    /** A one-line hint of what is going on and what to do next. */
    public ReadOnlyStringProperty statusProperty() { return status.getReadOnlyProperty(); }
    /** The status line. */
    public String getStatus() { return status.get(); }

    /** While viewing the past: what is shown and how to go on; empty otherwise. */
    public ReadOnlyStringProperty pastTextProperty() { return pastText.getReadOnlyProperty(); }
    /** The past strip's text, or empty. */
    public String getPastText() { return pastText.get(); }

    /** "Step 7: t2 lock A (line 9)", or empty before the first step. */
    public ReadOnlyStringProperty lastStepTextProperty() { return lastStepText.getReadOnlyProperty(); }

    /** Whether Pause can act: a run going freely. */
    public ReadOnlyBooleanProperty canPauseProperty() { return canPause.getReadOnlyProperty(); }
    /** Whether Step can act: step mode, and the target waits at the gate. */
    public ReadOnlyBooleanProperty canStepProperty() { return canStep.getReadOnlyProperty(); }
    /** Whether Step any can act: someone waits at the gate, or the paused clock can be let run. */
    public ReadOnlyBooleanProperty canStepAnyProperty() { return canStepAny.getReadOnlyProperty(); }
    /** Whether Step back can act: a step taken before the moment viewed. */
    public ReadOnlyBooleanProperty canStepBackProperty() { return canStepBack.getReadOnlyProperty(); }
    /** Whether Later can act: viewing the past. */
    public ReadOnlyBooleanProperty canViewLaterProperty() { return canViewLater.getReadOnlyProperty(); }
    /** Whether Resume can act: step mode. */
    public ReadOnlyBooleanProperty canResumeProperty() { return canResume.getReadOnlyProperty(); }
    /** Whether Replay can act: a replay handler, and a run stepped (or ended) in step mode. */
    public ReadOnlyBooleanProperty canReplayProperty() { return canReplay.getReadOnlyProperty(); }

    /**
     * Input: whether the run is deadlocked (bind it to {@link DeadlockViewModel#deadlockFoundProperty()}), so that the
     * status says so rather than that nobody waits at the gate.
     */
    public BooleanProperty deadlockedProperty() { return deadlocked; }

    /** Runs instead of {@code run.pause()} (the main window's pause, so that it knows); then the model syncs. */
    public ObjectProperty<Runnable> onPauseProperty() { return onPause; }
    /** Sets what Pause runs. */
    public void setOnPause(Runnable r) { onPause.set(r); }

    /** Runs instead of {@code run.resume()}; then the model syncs. */
    public ObjectProperty<Runnable> onResumeProperty() { return onResume; }
    /** Sets what Resume runs. */
    public void setOnResume(Runnable r) { onResume.set(r); }

    /** Gets {@link #replayScript()} on Replay: reset the run and replay those steps. Replay is off while null. */
    public ObjectProperty<Consumer<List<String>>> onReplayProperty() { return onReplay; }
    /** Sets the replay handler (null turns Replay off). */
    public void setOnReplay(Consumer<List<String>> r) { onReplay.set(r); }

    // ------------------------------------------------------------------ internals

    private void detach() {
        generation++;
        if (gate != null && gateListener != null) gate.removeListener(gateListener);
        if (mailbox != null) mailbox.close();
        run = null;
        gate = null;
        gateListener = null;
        mailbox = null;
        resetGateState();
    }

    private void resetGateState() {
        lastVersion = -1;
        released = false;
        liveWaiting = List.of();
        history = List.of();
        waitingBefore.clear();
        past = false;
    }

    private void subscribe(StepController g) {
        if (gate != null && gateListener != null) gate.removeListener(gateListener);
        if (mailbox != null) mailbox.close();
        resetGateState();
        gate = g;
        long mine = ++generation;
        FxMailbox<Snapshot> box = new FxMailbox<>(toFx, batch -> {
            if (mine != generation) return;
            // Listeners run on several threads at once: the newest version wins.
            Snapshot newest = batch.get(0);
            for (Snapshot s : batch) if (s.version() > newest.version()) newest = s;
            accept(newest);
        });
        mailbox = box;
        gateListener = box::offer;
        g.addListener(gateListener);
        pull();
    }

    /** Reads the gate now (a short copy under its lock, never a wait) and shows it. */
    private void pull() {
        if (gate != null) accept(gate.snapshot());
        refresh();
    }

    private Phase computePhase() {
        boolean holding = gate != null && !released;
        if (run != null) {
            return switch (run.status()) {
                case NEW -> holding ? Phase.STEPPING : Phase.NO_RUN;
                case RUNNING -> holding && run.stepper() == gate ? Phase.STEPPING : Phase.FREE_RUN;
                default -> Phase.ENDED;
            };
        }
        if (gate != null) return released ? Phase.FREE_RUN : Phase.STEPPING;
        return Phase.NO_RUN;
    }

    private void refresh() {
        Phase p = computePhase();
        int taken = history.size();
        boolean canLookBack = p == Phase.STEPPING || p == Phase.ENDED;
        past = past && canLookBack && viewStep.get() < taken;
        int shown = past ? viewStep.get() : taken;

        // The target is always computed from now: Step returns to now before it steps.
        ThreadRef sel = selectedThread.get();
        ThreadRef target = null;
        if (p == Phase.STEPPING) {
            if (sel != null) {
                for (Waiting w : liveWaiting) if (w.thread().id() == sel.id()) target = w.thread();
            } else if (!liveWaiting.isEmpty()) {
                target = liveWaiting.get(0).thread();
            }
        }

        List<Waiting> shownWaiting;
        ThreadRef steppedNext = null;
        if (past) {
            shownWaiting = waitingBefore.getOrDefault(shown, List.of());
            steppedNext = history.get(shown).thread();
        } else {
            shownWaiting = p == Phase.STEPPING ? liveWaiting : List.of();
        }
        List<WaitingItem> items = new ArrayList<>(shownWaiting.size());
        for (int i = 0; i < shownWaiting.size(); i++) {
            Waiting w = shownWaiting.get(i);
            items.add(new WaitingItem(i < 9 ? i + 1 : 0, w.thread(), w.action(), w.line(),
                    steppedNext != null && steppedNext.id() == w.thread().id()));
        }
        if (!items.equals(waiting)) waiting.setAll(items);

        phase.set(p);
        stepTarget.set(target);
        stepsTaken.set(taken);
        viewStep.set(shown);
        viewingPast.set(past);
        viewTimeNs.set(past ? history.get(shown).tNs() : -1);
        canPause.set(p == Phase.FREE_RUN && run != null && run.status() == ScenarioRun.Status.RUNNING);
        canStep.set(p == Phase.STEPPING && target != null);
        canStepAny.set(p == Phase.STEPPING && (!liveWaiting.isEmpty() || clockStopped()));
        canStepBack.set(canLookBack && shown > 0);
        canViewLater.set(past);
        canResume.set(p == Phase.STEPPING);
        // Replay needs a step to replay: before the first one there is nothing to bring back.
        canReplay.set(onReplay.get() != null && canLookBack && gate != null && shown > 0);

        int line = 0;
        if (past) {
            line = history.get(shown).line();
        } else if (target != null) {
            for (Waiting w : liveWaiting) if (w.thread().id() == target.id()) line = w.line();
        }
        selectedLine.set(line);

        lastStepText.set(taken == 0 ? "" : "Step " + taken + ": " + describe(history.get(taken - 1)));
        status.set(statusText(p, sel, target));
        pastText.set(past ? pastSentence(shown, taken) : "");
    }

    private String statusText(Phase p, ThreadRef sel, ThreadRef target) {
        return switch (p) {
            case NO_RUN -> "Start the lesson, then Pause to step through it one action at a time.";
            case FREE_RUN -> "Free run: the threads go as the scheduler lets them. "
                    + "Pause to become the scheduler and step them one action at a time.";
            case ENDED -> history.isEmpty() ? "The run has ended."
                    : "The run has ended after " + plural(history.size(), "step") + ". Step back to see how it went.";
            case STEPPING -> {
                if (liveWaiting.isEmpty() && deadlocked.get()) {
                    yield "Deadlock: the threads on the cycle can never move again. Step back to see how it came "
                            + "about, or Reset and try another order.";
                }
                if (liveWaiting.isEmpty() && clockStopped()) {
                    yield "No thread waits at the gate, and the clock stands still: the threads sleep, wait or work. "
                            + "Step any lets time run until one comes to the gate.";
                }
                if (liveWaiting.isEmpty()) {
                    yield "No thread waits at the gate: every live thread is blocked, sleeping or working.";
                }
                if (target == null) {
                    yield sel.name() + " is not at the gate (it is blocked or busy), so it cannot step. "
                            + "Pick a waiting thread with " + keys(liveWaiting.size()) + ", or Step any.";
                }
                Waiting w = liveWaiting.stream().filter(x -> x.thread().id() == target.id()).findFirst().orElseThrow();
                yield "Step lets " + target.name() + " " + w.action() + (w.line() > 0 ? " (line " + w.line() + ")" : "")
                        + ". Pick another thread by clicking its lane or pressing " + keys(liveWaiting.size())
                        + ".";
            }
        };
    }

    /** The number keys that pick among {@code n} waiting threads: "1", "1-3", at most "1-9". */
    private static String keys(int n) {
        return n <= 1 ? "1" : "1-" + Math.min(9, n);
    }

    private String pastSentence(int shown, int taken) {
        Step next = history.get(shown);
        return "Viewing the past: just before step " + (shown + 1) + " of " + taken + ", when " + next.thread().name()
                + " went on to " + next.action() + ". The program has not moved back: Step goes on after step "
                + taken + "; Replay re-runs the lesson up to here (your first " + plural(shown, "step") + ").";
    }

    private static String describe(Step s) {
        return s.thread().name() + " " + s.action() + (s.line() > 0 ? " (line " + s.line() + ")" : "");
    }

    private static String plural(int n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }
}
