package org.threadlanes.scenario;

import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.threadlanes.analysis.Deadlock;
import org.threadlanes.analysis.DeadlockDetector;
import org.threadlanes.executor.CoreModel;
import org.threadlanes.executor.StepController;
import org.threadlanes.executor.StepGate;
import org.threadlanes.executor.Probe;
import org.threadlanes.executor.ThreadRefs;
import org.threadlanes.executor.Units;
import org.threadlanes.trace.Recorder;

/**
 * One run of a lesson on real threads: the engine behind both the CLI and the app.
 *
 * <h2>Life of a run</h2>
 * <pre>
 *   NEW --start()--> RUNNING --lesson returns--> COMPLETED
 *                       |    --lesson throws---> FAILED
 *                       +----cancel()----------> CANCELLED   (reset, timeout, or a deadlock being ended)
 * </pre>
 * The lesson runs on a fresh daemon thread named {@code main}, which is its main lane. When the lesson returns, the
 * run shuts its pools down, waits for every thread it made to end, and only then concludes the main lane and
 * completes {@link #completion()}.
 *
 * <p>{@link #cancel()} never blocks: it interrupts every thread of the run and closes its pools and servers. Call
 * {@link #awaitThreadsEnded} from a thread that may wait (never the JavaFX thread) to be sure they are gone.
 *
 * <p>While it runs, a {@link DeadlockDetector} watches it from a checker thread of its own; {@link #deadlock()}
 * gives the first deadlock found. {@link #pause()} enters step mode: a {@link StepController} holds every thread at
 * its next probe until it is stepped ({@link #stepper()}).
 */
public final class ScenarioRun {
    /** Where a run is in its life. */
    public enum Status { NEW, RUNNING, COMPLETED, FAILED, CANCELLED }

    private final Scenario scenario;
    private final Settings settings;
    private final Recorder recorder;
    private final CoreModel cores;
    private final Units units;
    private final Probe probe;
    private final ScenarioContext context;
    private final List<String> log = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Status> completion = new CompletableFuture<>();

    private volatile Status status = Status.NEW;
    private volatile Object result;
    private volatile Throwable failure;
    private volatile long endNs = -1;
    /** When the lesson returned its result, on the run's clock; -1 until then. Written by main, read by anyone. */
    private volatile long returnedNs = -1;
    private volatile Thread main;
    /** Closes the run's pools and servers after a cancel, off the caller's thread; null before. */
    private volatile Thread closer;
    private final DeadlockDetector detector;
    private StepController stepper; // guarded by this: non-null in step mode (paused)
    /** Guarded by this: stops the clock between steps in the app's step mode; the last one made, or null. */
    private StepClock stepClock;

    /** A run recording to a recorder of its own. */
    public ScenarioRun(Scenario scenario, Settings settings) {
        this(scenario, settings, new Recorder(), null);
    }

    /**
     * @param logSink also receives each log line as it is written (may be {@code null})
     */
    public ScenarioRun(Scenario scenario, Settings settings, Recorder recorder, Consumer<String> logSink) {
        this.scenario = Objects.requireNonNull(scenario);
        this.settings = Objects.requireNonNull(settings);
        this.recorder = Objects.requireNonNull(recorder);
        this.cores = new CoreModel(settings.cores());
        this.units = new Units(settings.unitMs());
        this.probe = new Probe(recorder, cores, units);
        this.context = new ScenarioContext(scenario, settings, probe, line -> {
            log.add(line);
            if (logSink != null) logSink.accept(line);
        });
        this.detector = new DeadlockDetector(probe, context::pools);
    }

    public Scenario scenario() { return scenario; }
    public Settings settings() { return settings; }
    public Recorder recorder() { return recorder; }
    public CoreModel cores() { return cores; }
    public Units units() { return units; }
    public Probe probe() { return probe; }
    public ScenarioContext context() { return context; }
    public Status status() { return status; }
    /** The lesson's result, once COMPLETED. */
    public Object result() { return result; }
    /** What the lesson threw, once FAILED. */
    public Throwable failure() { return failure; }
    /** Lines the lesson logged. */
    public List<String> log() { return List.copyOf(log); }
    /** The run's deadlock checker: listeners, the live wait-for graph, every report. */
    public DeadlockDetector detector() { return detector; }

    /** The first deadlock found in this run, or {@code null}: what the summary prints and the trace holds. */
    public Deadlock deadlock() {
        return detector.deadlock().orElse(null);
    }

    /** Completes with the final status once every thread of the run has ended (not on cancel: see below). */
    public CompletableFuture<Status> completion() {
        return completion;
    }

    /** Time since the run started, in nanoseconds; frozen when it ends. */
    public long elapsedNs() {
        long end = endNs;
        return end >= 0 ? end : recorder.now();
    }

    /** Time since the run started, in lesson units. */
    public double elapsedUnits() {
        return units.toUnits(elapsedNs());
    }

    /**
     * The lesson's own work, in units: from the end of its setup ({@link ScenarioContext#setupDone()}; the run's
     * start if it marks none) to the moment it returned its result, so neither starting nor closing its servers
     * counts. Empty while the run goes on or if it did not complete.
     */
    public OptionalDouble unitsAfterSetup() {
        long returned = returnedNs;
        if (returned < 0 || status != Status.COMPLETED) return OptionalDouble.empty();
        long setup = context.setupEndNs();
        return OptionalDouble.of(units.toUnits(returned - Math.max(0, setup)));
    }

    /** The live pool size: the settings' value until {@link #setWorkers(int)} changes it. */
    public int workers() {
        return context.workers();
    }

    /**
     * Live tuning: resizes the run's pools (those its lesson made with {@link ScenarioContext#pool()}) to {@code n}
     * workers at once, while the lesson runs. New workers appear for tasks already waiting in the queue; surplus
     * workers retire (an idle one at once, a busy one when its task ends) and conclude on their lanes. Pools the
     * lesson made with an explicit size keep it: the size is part of that lesson. Safe from any thread, the FX
     * thread included: it never waits for the run's threads to make progress (it takes only each pool's short
     * bookkeeping lock).
     *
     * @throws IllegalArgumentException outside 1..{@value Settings#MAX_WORKERS}
     */
    public void setWorkers(int n) {
        if (n < 1 || n > Settings.MAX_WORKERS) {
            throw new IllegalArgumentException("workers must be 1.." + Settings.MAX_WORKERS + ", not " + n);
        }
        context.resizePools(n);
    }

    /**
     * Live tuning: sets the modelled core count at once. More cores let threads waiting READY run now; fewer let
     * the current holders finish their slice first (see {@link CoreModel#setCores(int)}). Safe from any thread.
     *
     * @throws IllegalArgumentException outside 1..{@value Settings#MAX_CORES}
     */
    public void setCores(int n) {
        if (n < 1 || n > Settings.MAX_CORES) {
            throw new IllegalArgumentException("cores must be 1.." + Settings.MAX_CORES + ", not " + n);
        }
        cores.setCores(n);
    }

    /** Starts the lesson on a new {@code main} lane. */
    public synchronized void start() {
        if (status != Status.NEW) throw new IllegalStateException("a run starts once; this one is " + status);
        recorder.clear();
        status = Status.RUNNING;
        Thread t = new Thread(this::body, "main");
        t.setDaemon(true);
        main = t;
        probe.track(t);
        detector.start();
        t.start();
    }

    private void body() {
        try {
            probe.runAsLane(ThreadRefs.MAIN, () -> {
                try {
                    Object r = scenario.run(context);
                    returnedNs = recorder.now();
                    result = r;
                } finally {
                    context.closeAll();
                    // A joining main lane must hold no modelled core: a worker on its way out (even one just
                    // interrupted by a cancel) takes a core again before it ends, and with one core the join
                    // would wait forever.
                    cores.release();
                    joinOthers();
                }
            });
            if (Thread.currentThread().isInterrupted() || status == Status.CANCELLED) {
                finish(Status.CANCELLED);
            } else {
                finish(Status.COMPLETED);
            }
        } catch (Throwable e) {
            failure = e instanceof IllegalStateException && e.getCause() != null ? e.getCause() : e;
            finish(status == Status.CANCELLED ? Status.CANCELLED : Status.FAILED);
        }
    }

    /** Waits for every other thread of the run, so the main lane concludes last. */
    private void joinOthers() throws InterruptedException {
        for (Thread t : probe.threads()) {
            if (t != Thread.currentThread()) t.join();
        }
    }

    private void finish(Status s) {
        detector.stop();
        StepClock sc = lastStepClock();
        if (sc != null) sc.stop();
        endNs = recorder.now();
        if (status != Status.CANCELLED) status = s;
        recorder.flush();
        completion.complete(status);
    }

    /**
     * Ends the run: interrupts every thread it made and closes its pools and servers. Returns at once; the threads
     * end shortly after (see {@link #awaitThreadsEnded}).
     */
    public synchronized void cancel() {
        if (status == Status.NEW) {
            status = Status.CANCELLED;
            completion.complete(status);
            return;
        }
        if (status != Status.RUNNING) return;
        status = Status.CANCELLED;
        detector.stop();
        resume();
        probe.cancel();
        // Closing a server joins its threads; cancel() may run on the JavaFX thread, so close elsewhere.
        Thread c = new Thread(context::closeAll, "threadlanes-close");
        c.setDaemon(true);
        closer = c;
        c.start();
    }

    /**
     * Pauses the run: its clock stops (sleeps stretch, the timeline stands still) and every thread stops at its next
     * probe, shown READY with its pending action. This is step mode: {@link #stepper()} then lets threads through
     * one probe at a time, and the first step starts the clock again so that a stepped sleep can end. Never blocks.
     */
    public synchronized void pause() {
        if (status != Status.RUNNING || stepper != null) return;
        recorder.clock().pause();
        StepController gate = new StepController(t -> true, recorder::now, this::letClockRun);
        stepClock = new StepClock(recorder.clock(), probe, gate);
        install(gate);
        stepClock.start();
    }

    /**
     * In step mode, lets the run's clock go until the run settles again (a step does this itself): for Step any
     * when nobody waits at the gate and every thread sleeps. Never blocks.
     */
    public void letClockRun() {
        StepClock c;
        synchronized (this) {
            c = stepClock;
        }
        if (c != null) c.letRun();
        else recorder.clock().resume();
    }

    /**
     * Enters step mode (as {@link #pause()}) and returns the gate to step with, or {@code null} if the run is not
     * running.
     */
    public synchronized StepController stepMode() {
        pause();
        return stepper;
    }

    /**
     * Puts the run in step mode with a given gate, such as a {@link org.threadlanes.executor.StepScript}'s, before
     * {@link #start()} or while running; the clock keeps going. Returns the gate.
     *
     * @throws IllegalStateException if the run has ended or is in step mode already
     */
    public synchronized StepController stepMode(StepController gate) {
        if (status != Status.NEW && status != Status.RUNNING) throw new IllegalStateException("the run is " + status);
        if (stepper != null) throw new IllegalStateException("the run is in step mode already");
        install(gate);
        return gate;
    }

    /** The gate holding the threads while in step mode, or {@code null} in free run. */
    public synchronized StepController stepper() {
        return stepper;
    }

    private void install(StepController gate) {
        stepper = gate;
        gate.addListener(snapshot -> detector.poke()); // look for a deadlock at every step
        probe.setGate(gate);
    }

    /** Leaves step mode: every thread goes on in free run. Never blocks. */
    public synchronized void resume() {
        if (stepper == null) return;
        probe.setGate(StepGate.OPEN);
        stepper.resume();
        stepper = null;
        if (stepClock != null) stepClock.stop();
        recorder.clock().resume();
    }

    /** Whether the run is in step mode. */
    public synchronized boolean isPaused() {
        return stepper != null;
    }

    /** Waits until the lesson completes, fails or is cancelled and every thread of the run has ended. */
    public boolean await(long timeout, TimeUnit unit) throws InterruptedException {
        try {
            completion.get(timeout, unit);
            return awaitThreadsEnded(timeout, unit);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            return false;
        }
    }

    /** Waits for every thread of the run to end; true if they all did in time. Never call it on the FX thread. */
    public boolean awaitThreadsEnded(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        // Loop: a thread still running may start another while we wait (a lesson caught mid-setup by a reset).
        while (anyAlive()) {
            for (Thread t : probe.threads()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) return !anyAlive();
                TimeUnit.NANOSECONDS.timedJoin(t, left);
            }
            for (Thread t : new Thread[]{main, closer}) {
                long left = deadline - System.nanoTime();
                if (left <= 0) return !anyAlive();
                if (t != null) TimeUnit.NANOSECONDS.timedJoin(t, left);
            }
        }
        long left = deadline - System.nanoTime();
        if (left > 0) detector.awaitStopped(left, TimeUnit.NANOSECONDS);
        StepClock sc = lastStepClock();
        left = deadline - System.nanoTime();
        if (sc != null && left > 0) sc.awaitStopped(left, TimeUnit.NANOSECONDS);
        return !anyAlive();
    }

    /** Whether any thread of the run is still alive. */
    public boolean anyAlive() {
        Thread m = main, c = closer;
        StepClock sc = lastStepClock();
        return (m != null && m.isAlive()) || (c != null && c.isAlive()) || (sc != null && sc.isAlive())
                || probe.threads().stream().anyMatch(Thread::isAlive);
    }

    private synchronized StepClock lastStepClock() {
        return stepClock;
    }
}
