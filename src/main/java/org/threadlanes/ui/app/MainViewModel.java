package org.threadlanes.ui.app;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.value.ObservableStringValue;


import org.threadlanes.executor.StepController;
import org.threadlanes.executor.StepScript;
import org.threadlanes.executor.Units;
import org.threadlanes.scenario.Scenario;
import org.threadlanes.scenario.ScenarioRun;
import org.threadlanes.scenario.Scenarios;
import org.threadlanes.scenario.Settings;
import org.threadlanes.scenario.Timing;
import org.threadlanes.scenario.Topic;
import org.threadlanes.trace.Event;
import org.threadlanes.ui.code.CodePanelViewModel;
import org.threadlanes.ui.code.LessonPanelViewModel;
import org.threadlanes.ui.deadlock.DeadlockViewModel;
import org.threadlanes.ui.deadlock.StepViewModel;
import org.threadlanes.ui.experiments.MetricsViewModel;
import org.threadlanes.ui.lanes.TimelineModel;

/**
 * The main window's state and commands: the lesson picked, its settings, the run and what it produced. Plain
 * properties and methods, so it is testable without a stage (a test passes a {@link Delivery} that runs on its own
 * thread); the {@link MainView} only binds to it.
 *
 * <h2>Runs</h2>
 * <pre>
 *   IDLE --run()--> RUNNING <--pause()/resume()--> PAUSED
 *                      |  lesson ends
 *                      v
 *          COMPLETED / FAILED / CANCELLED --run()--> (reset, then) RUNNING
 *   any --reset()--> IDLE
 * </pre>
 * Every run gets a fresh {@link ScenarioRun} (and so a fresh recorder) with the settings shown at the time. While it
 * is under way (running or paused), workers and cores are tuned live: a change goes straight to
 * {@link ScenarioRun#setWorkers} / {@link ScenarioRun#setCores}, which never wait for the run's threads. The speed
 * (ms per unit) applies on the next run. {@link #reset()} cancels the run, which never blocks, drops its pipe
 * and clears the models at once; waiting for its threads to end happens on the background executor, never here.
 *
 * <h2>Models fed by a run</h2>
 * One pipe per run hands each batch of events, in order, to every model that follows the run: the lanes'
 * {@link #timeline()}, the {@link #tasks()}, the {@link #code()} panel and the live {@link #metrics()}. The
 * {@link #lesson()} panel shows the selected lesson's text and, once a run ends, its result beside the expected one.
 *
 * <h2>Step mode and deadlocks</h2>
 * Pause puts the run in step mode ({@link ScenarioRun#pause()}: every thread stops at its next probe); the
 * {@link #steps()} model then lets the user step the selected thread, any thread, or step back through the recording
 * (a view of the past, never the program running backwards), and Resume returns to free run. The {@link #deadlocks()}
 * model follows the run's deadlock detector, whose listeners run on the detector's own thread and reach the UI thread
 * only through {@link Delivery#post}. Both are told of every new run and of every reset.
 *
 * <p>Not thread-safe: everything but the constructor is called on the UI thread (the FX thread in the app).
 */
public final class MainViewModel {
    /** How long a replay waits for the run to settle before one step. */
    static final long REPLAY_STEP_TIMEOUT_SECONDS = 10;
    /** How long a reset waits in the background for the old run's threads before reporting them. */
    static final long END_TIMEOUT_SECONDS = 10;
    /** How often the events-per-second figure is refreshed, in wall-clock nanoseconds. */
    static final long RATE_WINDOW_NS = TimeUnit.MILLISECONDS.toNanos(500);

    /** The lessons of one topic, for the browser. */
    public record TopicGroup(Topic topic, List<Scenario> scenarios) {
        public TopicGroup {
            scenarios = List.copyOf(scenarios);
        }
    }

    private final List<Scenario> scenarios;
    private final List<TopicGroup> groups;
    private final Delivery delivery;
    private final Executor background;

    private final TimelineModel timeline = new TimelineModel();
    private final TasksViewModel tasks = new TasksViewModel();
    private final CodePanelViewModel code = new CodePanelViewModel();
    private final LessonPanelViewModel lesson = new LessonPanelViewModel();
    private final MetricsViewModel metrics = new MetricsViewModel();
    private final StepViewModel steps;
    private final DeadlockViewModel deadlocks;

    private final ObjectProperty<Scenario> selected = new SimpleObjectProperty<>(this, "selected");

    private final ObjectProperty<Integer> workers = new SimpleObjectProperty<>(this, "workers", 1);
    private final ObjectProperty<Integer> cores = new SimpleObjectProperty<>(this, "cores", 1);
    private final ObjectProperty<Integer> unitMs = new SimpleObjectProperty<>(this, "unitMs", 1000);
    private final BooleanProperty gil = new SimpleBooleanProperty(this, "gil");
    /** The cores value the GIL switch replaced with 1, restored when it is switched off. */
    private int coresBeforeGil = 1;
    private final Map<Scenario.Setting, ReadOnlyBooleanWrapper> exposed = new EnumMap<>(Scenario.Setting.class);
    private final ReadOnlyStringWrapper settingsProblem = new ReadOnlyStringWrapper(this, "settingsProblem", "");
    private final ReadOnlyBooleanWrapper settingsPending = new ReadOnlyBooleanWrapper(this, "settingsPending");
    private final ReadOnlyStringWrapper pendingText = new ReadOnlyStringWrapper(this, "pendingText", "");

    private final ReadOnlyObjectWrapper<ScenarioRun> run = new ReadOnlyObjectWrapper<>(this, "run");
    private final ReadOnlyObjectWrapper<RunPhase> phase = new ReadOnlyObjectWrapper<>(this, "phase", RunPhase.IDLE);
    private final ReadOnlyStringWrapper statusText = new ReadOnlyStringWrapper(this, "statusText", "");
    private final ReadOnlyStringWrapper outcomeText = new ReadOnlyStringWrapper(this, "outcomeText", "");
    private final ReadOnlyStringWrapper failureText = new ReadOnlyStringWrapper(this, "failureText", "");
    private final ReadOnlyStringWrapper outputText = new ReadOnlyStringWrapper(this, "outputText", "");
    private final ReadOnlyStringWrapper noticeText = new ReadOnlyStringWrapper(this, "noticeText", "");
    private final ReadOnlyDoubleWrapper elapsedUnits = new ReadOnlyDoubleWrapper(this, "elapsedUnits");
    private final ReadOnlyStringWrapper elapsedText = new ReadOnlyStringWrapper(this, "elapsedText", "");
    private final ReadOnlyDoubleWrapper eventsPerSecond = new ReadOnlyDoubleWrapper(this, "eventsPerSecond");
    private final ReadOnlyStringWrapper eventRateText = new ReadOnlyStringWrapper(this, "eventRateText", "");
    private final ReadOnlyDoubleWrapper nanosPerUnit = new ReadOnlyDoubleWrapper(this, "nanosPerUnit", 1e9);
    private final ReadOnlyIntegerWrapper endingRuns = new ReadOnlyIntegerWrapper(this, "endingRuns");
    private final ReadOnlyBooleanWrapper replaying = new ReadOnlyBooleanWrapper(this, "replaying");
    private final ObjectProperty<AppTheme> theme = new SimpleObjectProperty<>(this, "theme", AppTheme.LIGHT);
    private final BooleanProperty lessonsShown = new SimpleBooleanProperty(this, "lessonsShown", true);
    private final BooleanProperty codeShown = new SimpleBooleanProperty(this, "codeShown", true);
    private final BooleanProperty javaCode = new SimpleBooleanProperty(this, "javaCode", false);
    private final ObjectProperty<SideTab> sideTab = new SimpleObjectProperty<>(this, "sideTab", SideTab.LESSON);

    private final BooleanBinding canRun;
    private final BooleanBinding canPause;
    private final BooleanBinding canReset;
    private final ObservableStringValue tasksDoneText;

    private Delivery.Pipe pipe;
    /** Events the models received from the current run. */
    private long eventCount;
    private long rateSampleNs = -1, rateSampleEvents;
    private int outputLines;

    /**
     * @param scenarios  the lessons to offer (in teaching order)
     * @param initialId  the lesson selected at start, if present
     * @param delivery   how events and one-off actions reach the UI thread
     * @param background runs what must wait without holding up the UI thread: the waits for a reset run's threads,
     *                   a replay's steps; must not be the UI thread
     */
    public MainViewModel(List<Scenario> scenarios, String initialId, Delivery delivery, Executor background) {
        this.scenarios = List.copyOf(scenarios);
        this.groups = group(this.scenarios);
        this.delivery = Objects.requireNonNull(delivery);
        this.background = Objects.requireNonNull(background);
        for (Scenario.Setting s : Scenario.Setting.values()) exposed.put(s, new ReadOnlyBooleanWrapper(this, s.name()));
        steps = new StepViewModel(delivery::post);
        deadlocks = new DeadlockViewModel(delivery::post);
        // Step back shows the graph and the banner of the moment viewed; the step status names a deadlock.
        deadlocks.viewTimeNsProperty().bind(steps.viewTimeNsProperty());
        steps.deadlockedProperty().bind(deadlocks.deadlockFoundProperty());
        // The step bar's Pause and Resume are the window's own, so that the phase and the tool bar follow.
        steps.setOnPause(this::pause);
        steps.setOnResume(this::resume);
        steps.setOnReplay(this::replay);
        deadlocks.deadlockedProperty().addListener(o -> updateStatus());

        canRun = Bindings.createBooleanBinding(
                () -> selected.get() != null && !phase.get().isActive() && settingsProblem.get().isEmpty(),
                selected, phase, settingsProblem);
        canPause = Bindings.createBooleanBinding(() -> phase.get().isActive(), phase);
        canReset = Bindings.createBooleanBinding(() -> run.get() != null || phase.get() != RunPhase.IDLE, run, phase);
        // Failed, cancelled and rejected tasks are named too, or "19 of 20" reads as a task still to come.
        tasksDoneText = Bindings.createStringBinding(
                () -> tasks.totalProperty().get() == 0 ? "Tasks done: –"
                        : "Tasks done: " + tasks.countProperty(TasksViewModel.Status.DONE).get() + " of "
                        + tasks.totalProperty().get() + otherEnds(),
                tasks.totalProperty(), tasks.countProperty(TasksViewModel.Status.DONE),
                tasks.countProperty(TasksViewModel.Status.FAILED), tasks.countProperty(TasksViewModel.Status.CANCELLED),
                tasks.countProperty(TasksViewModel.Status.REJECTED));

        gil.addListener((o, was, on) -> {
            if (on) {
                coresBeforeGil = cores.get();
                cores.set(1);
            } else {
                // Off means more than one core, even for a lesson that opened on one.
                cores.set(Math.max(2, coresBeforeGil));
            }
        });
        workers.addListener((o, a, b) -> settingsChanged());
        cores.addListener((o, a, b) -> settingsChanged());
        unitMs.addListener((o, a, b) -> settingsChanged());
        selected.addListener((o, was, now) -> load(now));
        phase.addListener((o, a, b) -> updateStatus());

        Scenario first = this.scenarios.stream().filter(s -> s.id().equals(initialId)).findFirst()
                .orElse(this.scenarios.isEmpty() ? null : this.scenarios.get(0));
        selected.set(first);
        updateElapsed();
    }

    /** The app's view-model: every registered lesson, the default one selected, events through the FX bridge. */
    public static MainViewModel forApp() {
        return new MainViewModel(Scenarios.all(), Scenarios.DEFAULT_ID, new FxDelivery(), MainViewModel::endInBackground);
    }

    /** Runs a reset's wait on a short-lived daemon thread of its own, so nothing lingers once the old run is gone. */
    static void endInBackground(Runnable wait) {
        Thread t = new Thread(wait, "threadlanes-reset");
        t.setDaemon(true);
        t.start();
    }

    // ------------------------------------------------------------------ lessons

    /** Every lesson offered. */
    public List<Scenario> scenarios() {
        return scenarios;
    }

    /** The lessons grouped by topic, topics in course order, empty topics left out. */
    public List<TopicGroup> groups() {
        return groups;
    }

    private static List<TopicGroup> group(List<Scenario> all) {
        List<TopicGroup> out = new ArrayList<>();
        for (Topic t : Topic.values()) {
            List<Scenario> in = all.stream().filter(s -> s.topic() == t)
                    .sorted(java.util.Comparator.comparingInt(Scenario::order).thenComparing(Scenario::id)).toList();
            if (!in.isEmpty()) out.add(new TopicGroup(t, in));
        }
        return List.copyOf(out);
    }

    /** The selected lesson; selecting another loads its settings and text (and resets a run of the previous one). */
    public ObjectProperty<Scenario> selectedProperty() {
        return selected;
    }

    /** The selected lesson, or null when there are none. */
    public Scenario selected() {
        return selected.get();
    }

    /** The lesson panel: the selected lesson's text, and the last run's result beside the expected one. */
    public LessonPanelViewModel lesson() {
        return lesson;
    }

    private void load(Scenario s) {
        if (run.get() != null || phase.get() != RunPhase.IDLE) reset();
        gil.set(false);
        if (s == null) {
            lesson.setScenario(null);
            code.setScenario(null);
            return;
        }
        Settings d = s.defaults();
        workers.set(d.workers());
        cores.set(d.cores());
        // A lesson modelled on one core (the GIL's lessons, the first lesson) opens with the switch on, as it runs.
        gil.set(d.cores() == 1);
        unitMs.set((int) Math.round(d.unitMs()));
        for (Scenario.Setting k : Scenario.Setting.values()) exposed.get(k).set(s.exposed().contains(k));
        lesson.setScenario(s);
        code.setScenario(s);
        updateStatus();
    }

    // ------------------------------------------------------------------ settings

    /** Pool size: of the run under way (live), else of the next run; 1..{@value Settings#MAX_WORKERS}. */
    public ObjectProperty<Integer> workersProperty() {
        return workers;
    }

    /** Modelled CPU cores: of the run under way (live), else of the next run; 1..{@value Settings#MAX_CORES}. */
    public ObjectProperty<Integer> coresProperty() {
        return cores;
    }

    /** Milliseconds per lesson unit for the next run; {@value Units#MIN_MS}..{@value Units#MAX_MS}. */
    public ObjectProperty<Integer> unitMsProperty() {
        return unitMs;
    }

    /** "GIL mode": one modelled core. Switching it on sets cores to 1; switching it off restores the old value. */
    public BooleanProperty gilProperty() {
        return gil;
    }

    /** Whether the selected lesson uses {@code setting} (the view shows only those). */
    public ReadOnlyBooleanProperty exposedProperty(Scenario.Setting setting) {
        return exposed.get(setting).getReadOnlyProperty();
    }

    /** Why the settings cannot make a run, or empty when they can. */
    public ReadOnlyStringProperty settingsProblemProperty() {
        return settingsProblem.getReadOnlyProperty();
    }

    /**
     * Whether a setting shown differs from what the run shown uses, and so applies on the next Run: the speed while a
     * run is under way (workers and cores apply live), any setting once it has ended.
     */
    public ReadOnlyBooleanProperty settingsPendingProperty() {
        return settingsPending.getReadOnlyProperty();
    }

    /** What the toolbar says about pending settings ("speed applies on the next Run"), or empty. */
    public ReadOnlyStringProperty pendingTextProperty() {
        return pendingText.getReadOnlyProperty();
    }

    /**
     * The settings the next run will use.
     *
     * @throws IllegalArgumentException naming the first value out of range
     */
    public Settings settings() {
        Integer w = workers.get(), c = cores.get(), u = unitMs.get();
        if (w == null || c == null || u == null) throw new IllegalArgumentException("every setting needs a value");
        return new Settings(w, c, u);
    }

    private void settingsChanged() {
        String problem = "";
        Settings now = null;
        try {
            now = settings();
        } catch (IllegalArgumentException e) {
            problem = e.getMessage();
        }
        settingsProblem.set(problem);
        ScenarioRun r = run.get();
        boolean live = r != null && phase.get().isActive();
        if (live && now != null) tuneLive(r, now);
        boolean speedDiffers = r != null && now != null && now.unitMs() != r.settings().unitMs();
        boolean poolDiffers = r != null && now != null && !live
                && (now.workers() != r.workers() || now.cores() != r.cores().cores());
        settingsPending.set(speedDiffers || poolDiffers);
        pendingText.set(!settingsPending.get() ? "" : live ? "speed applies on the next Run" : "applies on the next Run");
        if (r == null && now != null) nanosPerUnit.set(now.unitMs() * 1e6);
    }

    /**
     * Live tuning: hands a changed pool size or core count to the run under way. Both calls only take their pool's
     * or core model's short bookkeeping lock, never wait for a scenario thread, so this is safe on the FX thread.
     */
    private void tuneLive(ScenarioRun r, Settings now) {
        boolean changed = false;
        if (r.scenario().exposed().contains(Scenario.Setting.WORKERS) && now.workers() != r.workers()) {
            r.setWorkers(now.workers());
            changed = true;
        }
        if (now.cores() != r.cores().cores()) {
            r.setCores(now.cores());
            changed = true;
        }
        if (changed) updateStatus();
    }

    // ------------------------------------------------------------------ the run

    /** The lanes' history of the current run. */
    public TimelineModel timeline() {
        return timeline;
    }

    /** The task panel's model for the current run. */
    public TasksViewModel tasks() {
        return tasks;
    }

    /** The code panel's model: the selected lesson's listing, and each thread of the current run on its line. */
    public CodePanelViewModel code() {
        return code;
    }

    /** The live metrics of the current run (throughput, utilization, queue, times, speedup). */
    public MetricsViewModel metrics() {
        return metrics;
    }

    /** Step mode of the current run: who waits at the gate, Step, Step any, Step back, Resume. */
    public StepViewModel steps() {
        return steps;
    }

    /** The current run's wait-for graph and the deadlocks its detector found, in plain words. */
    public DeadlockViewModel deadlocks() {
        return deadlocks;
    }

    /** The run shown, or null. */
    public ReadOnlyObjectProperty<ScenarioRun> runProperty() {
        return run.getReadOnlyProperty();
    }

    /** Where the run shown is in its life. */
    public ReadOnlyObjectProperty<RunPhase> phaseProperty() {
        return phase.getReadOnlyProperty();
    }

    /** The current phase. */
    public RunPhase phase() {
        return phase.get();
    }

    /** Whether Run would start a run: a lesson is selected, none runs, and the settings are valid. */
    public BooleanBinding canRunProperty() {
        return canRun;
    }

    /** Whether Pause (or Resume) applies: a run is going or paused. */
    public BooleanBinding canPauseProperty() {
        return canPause;
    }

    /** Whether there is a run to reset. */
    public BooleanBinding canResetProperty() {
        return canReset;
    }

    /** Nanoseconds per lesson unit of the run shown (or of the settings, when none is). */
    public ReadOnlyDoubleProperty nanosPerUnitProperty() {
        return nanosPerUnit.getReadOnlyProperty();
    }

    /** Run time of the run shown, in nanoseconds: 0 before a run, frozen while paused and after the end. */
    public long clockNs() {
        ScenarioRun r = run.get();
        return r == null ? 0 : r.elapsedNs();
    }

    /** Starts a new run of the selected lesson with the current settings; resets an ended run first. */
    public void run() {
        if (!canRun.get()) return;
        Settings settings;
        try {
            settings = settings();
        } catch (IllegalArgumentException e) {
            settingsProblem.set(e.getMessage());
            return;
        }
        if (run.get() != null || phase.get() != RunPhase.IDLE) reset();
        start(new ScenarioRun(selected.get(), settings), RunPhase.RUNNING);
    }

    /** Shows {@code r} from its start: opens its pipe, clears the models, starts it and follows it. */
    private void start(ScenarioRun r, RunPhase startPhase) {
        Delivery.Pipe p = delivery.open(batch -> {
            if (run.get() == r) deliver(batch);
        });
        r.recorder().addListener(p.listener());
        // Runs on the lesson's main thread when it ends: only hop to the UI thread from there.
        r.completion().whenComplete((status, error) -> delivery.post(() -> finished(r, status)));
        pipe = p;
        run.set(r);
        nanosPerUnit.set(r.settings().unitMs() * 1e6);
        code.clear();
        code.setNanosPerUnit(r.units().toNanos(1));
        metrics.start(r.cores(), r.units());
        lesson.clearOutcome();
        settingsPending.set(false);
        pendingText.set("");
        phase.set(startPhase);
        deadlocks.setRun(r);
        r.start();
        steps.setRun(r);
    }

    /**
     * Replay (the step bar's, after Step back): resets, runs the lesson again in step mode from its first probe,
     * and lets {@code stepNames} through the gate in that order, so the program itself comes to the moment viewed;
     * the run then stays in step mode for the user to go on. The gate decides every interleaving, so the same
     * choices give the same program state. The replay waits for the run to settle before each step, so it plays
     * on the background executor, never on the UI thread; a reset or a deadlock ends it early.
     */
    public void replay(List<String> stepNames) {
        Scenario s = selected.get();
        if (s == null || stepNames.isEmpty()) return;
        Settings settings;
        try {
            settings = settings();
        } catch (IllegalArgumentException e) {
            settingsProblem.set(e.getMessage());
            return;
        }
        StepScript script = StepScript.of(stepNames);
        reset();
        ScenarioRun r = new ScenarioRun(s, settings);
        StepController gate = r.stepMode(script.controller(r.recorder()::now));
        replaying.set(true);
        start(r, RunPhase.PAUSED);
        updateStatus();
        background.execute(() -> {
            StepScript.Outcome outcome;
            try {
                outcome = script.play(gate, r.probe(), () -> r.status() != ScenarioRun.Status.RUNNING
                        || r.deadlock() != null, REPLAY_STEP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                outcome = new StepScript.Outcome(0, true, "the replay was interrupted");
            }
            StepScript.Outcome done = outcome;
            delivery.post(() -> replayed(r, done));
        });
    }

    /** On the UI thread once a replay has played: the user steps on from there. */
    private void replayed(ScenarioRun r, StepScript.Outcome outcome) {
        if (run.get() != r) return;
        replaying.set(false);
        if (outcome.problem() != null) noticeText.set("The replay stopped at " + outcome.problem());
        steps.syncWithRun();
        updateStatus();
    }

    /** Whether a replay is bringing the run back to a moment viewed (the step bar waits for it). */
    public ReadOnlyBooleanProperty replayingProperty() {
        return replaying.getReadOnlyProperty();
    }

    /**
     * Pauses the run: its clock stops and its threads stop at their next probe, which is step mode (see
     * {@link #steps()}). Never blocks.
     */
    public void pause() {
        ScenarioRun r = run.get();
        if (r == null || phase.get() != RunPhase.RUNNING) return;
        r.pause();
        phase.set(RunPhase.PAUSED);
        steps.syncWithRun();
    }

    /** Resumes a paused run: step mode ends and every thread goes on freely. Never blocks. */
    public void resume() {
        ScenarioRun r = run.get();
        if (r == null || phase.get() != RunPhase.PAUSED) return;
        r.resume();
        phase.set(RunPhase.RUNNING);
        steps.syncWithRun();
    }

    /** The Pause button: pauses a running run, resumes a paused one. */
    public void togglePause() {
        if (phase.get() == RunPhase.PAUSED) resume();
        else pause();
    }

    /** The Space key: runs when nothing runs, otherwise pauses or resumes. */
    public void runOrPause() {
        if (phase.get().isActive()) togglePause();
        else run();
    }

    /**
     * Ends the run shown and clears everything it produced. Never blocks: the old run is cancelled, its pipe
     * closed, and its threads are waited for on the background executor.
     */
    public void reset() {
        ScenarioRun r = run.get();
        replaying.set(false);
        steps.setRun(null);
        deadlocks.setRun(null);
        if (r != null) {
            run.set(null);
            r.cancel();
            Delivery.Pipe p = pipe;
            pipe = null;
            if (p != null) {
                r.recorder().removeListener(p.listener());
                p.close();
            }
            endingRuns.set(endingRuns.get() + 1);
            background.execute(() -> awaitEnd(r));
        }
        timeline.clear();
        tasks.clear();
        code.clear();
        metrics.clear();
        lesson.clearOutcome();
        eventCount = 0;
        rateSampleNs = -1;
        eventsPerSecond.set(0);
        outputLines = 0;
        outputText.set("");
        outcomeText.set("");
        failureText.set("");
        settingsPending.set(false);
        settingsChanged();
        phase.set(RunPhase.IDLE);
        updateStatus();
        updateElapsed();
        eventRateText.set(rateText(0));
    }

    /** On the background executor: waits for a reset run's threads, then reports on the UI thread. */
    private void awaitEnd(ScenarioRun r) {
        boolean ended;
        try {
            ended = r.awaitThreadsEnded(END_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ended = false;
        }
        boolean allEnded = ended;
        delivery.post(() -> {
            endingRuns.set(endingRuns.get() - 1);
            if (!allEnded) {
                noticeText.set("Some threads of the last run of '" + r.scenario().title() + "' did not end within "
                        + END_TIMEOUT_SECONDS + " s of the reset.");
            }
        });
    }

    /** Reset runs whose threads are still being waited for. */
    public ReadOnlyIntegerProperty endingRunsProperty() {
        return endingRuns.getReadOnlyProperty();
    }

    private void deliver(List<Event> batch) {
        eventCount += batch.size();
        timeline.accept(batch);
        tasks.accept(batch);
        code.accept(batch);
        metrics.accept(batch);
    }

    private void finished(ScenarioRun r, ScenarioRun.Status status) {
        if (run.get() != r) return; // a run that was reset meanwhile
        switch (status) {
            case COMPLETED -> {
                String result = resultText(r.result());
                metrics.showWholeRun();
                phase.set(RunPhase.COMPLETED);
                outcomeText.set("Result: " + result);
                lesson.showResult(result);
                lesson.showTimings(timingsText(r));
            }
            case FAILED -> {
                failureText.set(failureMessage(r.failure()));
                lesson.showFailure(failureText.get());
                phase.set(RunPhase.FAILED);
            }
            default -> phase.set(RunPhase.CANCELLED);
        }
        refreshOutput(r);
        updateElapsed();
        updateStatus();
        rateSampleNs = -1;
        eventsPerSecond.set(0);
        eventRateText.set(rateText(0));
    }

    /** Each figure the lesson promised with this run's settings, beside what the run measured; one per line. */
    static String timingsText(ScenarioRun r) {
        StringBuilder b = new StringBuilder();
        for (Timing t : r.scenario().timings(r.settings())) {
            OptionalDouble m = t.measure(r);
            if (m.isEmpty()) continue;
            if (b.length() > 0) b.append('\n');
            b.append(String.format(Locale.ROOT, "%s: %.2f units (expected %s)", t.describe(), m.getAsDouble(),
                    Units.format(t.units())));
        }
        return b.toString();
    }

    /** A lesson's result as the lesson panel shows it: an outline of names and values (see {@link ResultOutline}). */
    static String resultText(Object result) {
        return ResultOutline.of(result);
    }

    static String failureMessage(Throwable t) {
        if (t == null) return "The lesson failed.";
        String m = t.getMessage();
        return m == null || m.isBlank() ? t.getClass().getSimpleName() : m;
    }

    // ------------------------------------------------------------------ status

    /** One line on what is going on, for the status bar. */
    public ReadOnlyStringProperty statusTextProperty() {
        return statusText.getReadOnlyProperty();
    }

    /** The lesson's result once it completed, else empty. */
    public ReadOnlyStringProperty outcomeTextProperty() {
        return outcomeText.getReadOnlyProperty();
    }

    /** Why the lesson failed, else empty. */
    public ReadOnlyStringProperty failureTextProperty() {
        return failureText.getReadOnlyProperty();
    }

    /** What the lesson printed, one line per entry. */
    public ReadOnlyStringProperty outputTextProperty() {
        return outputText.getReadOnlyProperty();
    }

    /** A warning that outlives a run (threads that would not end), else empty. */
    public ReadOnlyStringProperty noticeTextProperty() {
        return noticeText.getReadOnlyProperty();
    }

    /** Run time in lesson units. */
    public ReadOnlyDoubleProperty elapsedUnitsProperty() {
        return elapsedUnits.getReadOnlyProperty();
    }

    /** The elapsed run time as the status bar shows it: "Elapsed: 2.5 units". */
    public ReadOnlyStringProperty elapsedTextProperty() {
        return elapsedText.getReadOnlyProperty();
    }

    /** The tasks that ended otherwise than done, as the status bar adds them: " · 1 failed · 2 cancelled". */
    private String otherEnds() {
        StringBuilder b = new StringBuilder();
        for (TasksViewModel.Status s : List.of(TasksViewModel.Status.FAILED, TasksViewModel.Status.CANCELLED,
                TasksViewModel.Status.REJECTED)) {
            int n = tasks.countProperty(s).get();
            if (n > 0) b.append(" \u00b7 ").append(n).append(' ').append(s.text());
        }
        return b.toString();
    }

    /** Tasks done as the status bar shows it: "Tasks done: 3 of 5", with " · 1 failed" and the like. */
    public ObservableStringValue tasksDoneTextProperty() {
        return tasksDoneText;
    }

    /** Events reaching the models per wall-clock second, refreshed twice a second. */
    public ReadOnlyDoubleProperty eventsPerSecondProperty() {
        return eventsPerSecond.getReadOnlyProperty();
    }

    /** The event rate as the status bar shows it: "Events/s: 120". */
    public ReadOnlyStringProperty eventRateTextProperty() {
        return eventRateText.getReadOnlyProperty();
    }

    /**
     * Called by the view on every frame while a run goes on: refreshes the elapsed time, the event rate and the
     * lesson's output. (The end of a run and a reset refresh them too.)
     *
     * @param wallNs a monotonic wall-clock time in nanoseconds (the frame's timestamp)
     */
    public void tick(long wallNs) {
        updateElapsed();
        if (rateSampleNs < 0) {
            rateSampleNs = wallNs;
            rateSampleEvents = eventCount;
        } else if (wallNs - rateSampleNs >= RATE_WINDOW_NS) {
            double rate = (eventCount - rateSampleEvents) * 1e9 / (wallNs - rateSampleNs);
            rateSampleNs = wallNs;
            rateSampleEvents = eventCount;
            eventsPerSecond.set(rate);
            eventRateText.set(rateText(rate));
        }
        ScenarioRun r = run.get();
        if (r != null) {
            refreshOutput(r);
            // Keeps the sparklines moving through a long wait in which no event comes.
            if (phase.get() == RunPhase.RUNNING) metrics.advanceTo(r.elapsedNs());
        }
    }

    private void refreshOutput(ScenarioRun r) {
        List<String> log = r.log();
        if (log.size() != outputLines) {
            outputLines = log.size();
            outputText.set(String.join("\n", log));
        }
    }

    private void updateElapsed() {
        ScenarioRun r = run.get();
        double units = r == null ? 0 : r.elapsedUnits();
        elapsedUnits.set(units);
        elapsedText.set(String.format(Locale.ROOT, "Elapsed: %.1f units", units));
    }

    private static String rateText(double rate) {
        return String.format(Locale.ROOT, "Events/s: %.0f", rate);
    }

    private void updateStatus() {
        Scenario s = selected.get();
        ScenarioRun r = run.get();
        String name = s == null ? "" : "\u201c" + s.title() + "\u201d";
        statusText.set(switch (phase.get()) {
            case IDLE -> s == null ? "No lesson selected" : "Ready: press Run (Space) to start " + name;
            case RUNNING -> deadlocks.isDeadlocked()
                    ? "Deadlock in " + name + ": the threads on the cycle can never move again. Reset (R) ends them"
                    : "Running " + name + " with " + describe(r);
            case PAUSED -> replaying.get() ? "Replaying your steps up to the moment you viewed\u2026"
                    : deadlocks.isDeadlocked() ? "Deadlock in " + name + ". Step back (B) shows how it came about;"
                    + " Reset (R) ends it"
                    : "Step mode: click a lane or press 1-9, then S steps it; A steps any, B steps back, Space resumes";
            case COMPLETED -> String.format(Locale.ROOT, "Finished after %.1f units. Run (Space) starts it again",
                    r == null ? 0 : r.elapsedUnits());
            case FAILED -> "Failed: " + failureText.get();
            case CANCELLED -> "Stopped before the end";
        });
        if (eventRateText.get().isEmpty()) eventRateText.set(rateText(0));
    }

    private static String describe(ScenarioRun r) {
        if (r == null) return "";
        Settings s = r.settings();
        Scenario sc = r.scenario();
        StringBuilder b = new StringBuilder();
        // The live values: workers and cores may have been tuned during the run.
        if (sc.exposed().contains(Scenario.Setting.WORKERS)) b.append(plural(r.workers(), "worker")).append(", ");
        b.append(plural(r.cores().cores(), "core")).append(", ");
        b.append(String.format(Locale.ROOT, "%.0f ms per unit", s.unitMs()));
        return b.toString();
    }

    private static String plural(int n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }

    // ------------------------------------------------------------------ launch

    /**
     * Applies the app's start options: lesson, theme, speed, pool size, cores, side tab and Run; problems with them go
     * to the notice.
     */
    public void apply(LaunchOptions options) {
        if (options.scenarioId() != null) {
            scenarios.stream().filter(s -> s.id().equals(options.scenarioId())).findFirst().ifPresent(selected::set);
        }
        if (options.theme() != null) theme.set(options.theme());
        if (options.unitMs() != null) unitMs.set(options.unitMs());
        if (options.workers() != null) workers.set(options.workers());
        if (options.cores() != null) cores.set(options.cores());
        if (options.tab() != null) sideTab.set(options.tab());
        if (options.javaCode() != null) javaCode.set(options.javaCode());
        if (!options.problems().isEmpty()) noticeText.set(String.join("; ", options.problems()));
        if (options.run()) run();
    }

    // ------------------------------------------------------------------ theme

    /** The theme the window uses; the view installs it as the user agent stylesheet. */
    public ObjectProperty<AppTheme> themeProperty() {
        return theme;
    }

    /** Whether the lesson list is shown; hiding it gives the lanes the room on a small projector. */
    public BooleanProperty lessonsShownProperty() {
        return lessonsShown;
    }

    /** The side panel's tab shown: the lesson, the tasks or the metrics. */
    public ObjectProperty<SideTab> sideTabProperty() {
        return sideTab;
    }

    /** Whether the code panel is shown under the lanes; hiding it gives the lanes the whole height. */
    public BooleanProperty codeShownProperty() {
        return codeShown;
    }

    /** Shows or hides the code panel. */
    public void toggleCode() {
        codeShown.set(!codeShown.get());
    }

    /** Whether the code panel shows the Java listing rather than the Python one; kept from lesson to lesson. */
    public BooleanProperty javaCodeProperty() {
        return javaCode;
    }

    /** Switches the code panel between Python and Java, showing the panel if it was hidden. */
    public void toggleCodeLanguage() {
        codeShown.set(true);
        javaCode.set(!javaCode.get());
    }

    /** Shows or hides the lesson list. */
    public void toggleLessons() {
        lessonsShown.set(!lessonsShown.get());
    }

    /** Switches between the light and the dark theme. */
    public void toggleTheme() {
        theme.set(theme.get().toggled());
    }
}
