package org.threadlanes.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.threadlanes.analysis.SweepPoint;
import org.threadlanes.analysis.SweepProfile;
import org.threadlanes.analysis.SweepResult;
import org.threadlanes.trace.Event;

/**
 * Runs a lesson once per (workers, cores) combination, headless and one run at a time, and measures each run.
 *
 * <pre>{@code
 * SweepEngine.Sweep sweep = SweepEngine.start(
 *         new SweepEngine.Plan(new Workload(), List.of(1, 2, 4, 8), List.of(1, 2), 20, SweepEngine.DEFAULT_TIMEOUT_NS),
 *         (point, done, total) -> System.out.println(done + "/" + total + ": " + point));
 * SweepResult result = sweep.completion().get();
 * }</pre>
 *
 * <h2>Threads</h2>
 * The sweep runs on one daemon thread of its own, {@value #THREAD_NAME}; each point is a {@link ScenarioRun} with its
 * own recorder, started and awaited from that thread, so at most one run is alive at a time. Listeners are called on
 * the sweep thread. {@link Sweep#cancel()} never blocks: it marks the sweep cancelled, cancels the current run and
 * wakes the sweep thread, which then waits for the run's threads to end and completes the sweep as
 * {@link SweepResult.Status#CANCELLED} with the points measured so far. {@link Sweep#awaitEnded} waits until the sweep
 * thread itself is gone, so a cancelled sweep leaves no thread behind.
 *
 * <p>Before the first point, one unmeasured warm-up run of it at the fastest unit loads and compiles the code every
 * run uses, so that the first point does not pay for it. Points run in order of cores, then workers. A run that throws gives a {@link SweepPoint.Status#FAILED} point and
 * one that outlives the plan's time limit a {@link SweepPoint.Status#TIMED_OUT} one (its threads are ended first);
 * the sweep goes on with the next point.
 */
public final class SweepEngine {
    /** Name of the thread a sweep runs on. */
    public static final String THREAD_NAME = "threadlanes-sweep";
    /** Most points one sweep may have. */
    public static final int MAX_POINTS = 1024;
    /** Default time limit of one point's run: two minutes. */
    public static final long DEFAULT_TIMEOUT_NS = TimeUnit.MINUTES.toNanos(2);
    /** Time limit of the warm-up run. */
    private static final long WARM_UP_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(10);
    /** How long the sweep waits for an ended run's threads to go. */
    private static final long END_WAIT_S = 30;

    private SweepEngine() {
    }

    /**
     * What to sweep.
     *
     * @param scenario  the lesson (a registered one, or a custom instance such as {@code new Workload(40, 1, 3)})
     * @param workers   the pool sizes, each 1..{@value Settings#MAX_WORKERS}
     * @param cores     the core counts, each 1..{@value Settings#MAX_CORES}
     * @param unitMs    milliseconds per unit for every run
     * @param timeoutNs time limit of each run, in nanoseconds
     */
    public record Plan(Scenario scenario, List<Integer> workers, List<Integer> cores, double unitMs, long timeoutNs) {
        /** @throws IllegalArgumentException naming the first problem */
        public Plan {
            Objects.requireNonNull(scenario, "scenario");
            workers = List.copyOf(workers);
            cores = List.copyOf(cores);
            if (workers.isEmpty()) throw new IllegalArgumentException("a sweep needs at least one workers value");
            if (cores.isEmpty()) throw new IllegalArgumentException("a sweep needs at least one cores value");
            for (int w : workers) new Settings(w, 1, unitMs);
            for (int c : cores) new Settings(1, c, unitMs);
            if ((long) workers.size() * cores.size() > MAX_POINTS) {
                throw new IllegalArgumentException("the sweep has " + (long) workers.size() * cores.size()
                        + " runs; at most " + MAX_POINTS);
            }
            if (timeoutNs <= 0) throw new IllegalArgumentException("the time limit must be positive");
        }

        /** A plan with the default time limit per run. */
        public Plan(Scenario scenario, List<Integer> workers, List<Integer> cores, double unitMs) {
            this(scenario, workers, cores, unitMs, DEFAULT_TIMEOUT_NS);
        }

        /** Number of runs: workers × cores. */
        public int size() {
            return workers.size() * cores.size();
        }
    }

    /** Hears a sweep's progress, on the sweep thread. Implementations should return quickly. */
    @FunctionalInterface
    public interface Listener {
        /** A point's run is about to start; {@code index} counts from 0. */
        default void pointStarted(int index, int total, int workers, int cores) {
        }

        /**
         * A point's run has just started ({@code index} counts from 0): a view may watch its recorder, a test may
         * wait on it. Not called for a point that a cancel stopped before it started.
         */
        default void runStarted(ScenarioRun run, int index) {
        }

        /** A point's run has ended (its threads too); the run may still be inspected. */
        default void runEnded(ScenarioRun run, SweepPoint point) {
        }

        /** A point was measured; {@code done} points of {@code total} are measured now. */
        void pointDone(SweepPoint point, int done, int total);
    }

    /**
     * A collector of the profile for a plan's ideal curve: the lesson's own if it declares one ({@link SweepShape}),
     * else measured in the runs with the fewest workers.
     */
    public static SweepProfile.Collector profiles(Plan plan) {
        int fewest = plan.workers().stream().mapToInt(Integer::intValue).min().orElse(1);
        return new SweepProfile.Collector(fewest,
                plan.scenario() instanceof SweepShape s ? s.sweepProfile() : null);
    }

    /** Starts a sweep on its own thread and returns at once. */
    public static Sweep start(Plan plan, Listener listener) {
        Sweep sweep = new Sweep(Objects.requireNonNull(plan), Objects.requireNonNull(listener));
        sweep.thread.start();
        return sweep;
    }

    /** A sweep in progress: cancel it, or wait for its result. */
    public static final class Sweep {
        private final Plan plan;
        private final Listener listener;
        private final Thread thread;
        private final CompletableFuture<SweepResult> completion = new CompletableFuture<>();
        private volatile boolean cancelled;
        private ScenarioRun current; // guarded by this: the run in progress, if any
        private volatile int done;

        private Sweep(Plan plan, Listener listener) {
            this.plan = plan;
            this.listener = listener;
            this.thread = new Thread(this::body, THREAD_NAME);
            thread.setDaemon(true);
        }

        /** The plan being swept. */
        public Plan plan() {
            return plan;
        }

        /** Completes with the result once the last point is measured, or soon after a cancel. */
        public CompletableFuture<SweepResult> completion() {
            return completion;
        }

        /** Points measured so far. */
        public int done() {
            return done;
        }

        /** Points planned. */
        public int total() {
            return plan.size();
        }

        public boolean isCancelled() {
            return cancelled;
        }

        /** Stops the sweep: no further point starts and the current run is ended. Never blocks; idempotent. */
        public void cancel() {
            ScenarioRun run;
            synchronized (this) {
                if (cancelled) return;
                cancelled = true;
                run = current;
            }
            if (run != null) run.cancel();
            thread.interrupt();
        }

        /** Waits for the sweep thread to end; true if it did in time. Never call it on the FX thread. */
        public boolean awaitEnded(long timeout, TimeUnit unit) throws InterruptedException {
            TimeUnit.NANOSECONDS.timedJoin(thread, unit.toNanos(timeout));
            return !thread.isAlive();
        }

        private void body() {
            List<SweepPoint> points = new ArrayList<>();
            SweepProfile.Collector profiles = profiles(plan);
            try {
                int total = plan.size(), index = 0;
                warmUp();
                sweep:
                for (int c : plan.cores()) {
                    for (int w : plan.workers()) {
                        if (cancelled) break sweep;
                        int at = index;
                        tell(() -> listener.pointStarted(at, total, w, c));
                        ScenarioRun run = new ScenarioRun(plan.scenario(), new Settings(w, c, plan.unitMs()));
                        synchronized (this) {
                            if (cancelled) break sweep;
                            current = run;
                        }
                        SweepPoint.Status status = measure(run, index);
                        synchronized (this) {
                            current = null;
                        }
                        if (status == null) break sweep; // cancelled mid-run: that point does not count
                        List<Event> events = run.recorder().snapshot();
                        SweepPoint point = SweepPoint.of(w, c, plan.unitMs(), sweptUnits(run), events, status);
                        if (status == SweepPoint.Status.OK) {
                            profiles.add(w, SweepProfile.estimate(events, run.units().toNanos(1)));
                        }
                        points.add(point);
                        done = ++index;
                        int d = index;
                        tell(() -> listener.runEnded(run, point));
                        tell(() -> listener.pointDone(point, d, total));
                    }
                }
                Thread.interrupted(); // a late cancel's interrupt is spent: the sweep is over either way
                completion.complete(new SweepResult(points, profiles.profile(),
                        cancelled ? SweepResult.Status.CANCELLED : SweepResult.Status.COMPLETED));
            } catch (Throwable e) {
                completion.completeExceptionally(e);
            }
        }

        /**
         * The time a point plots: the lesson's {@linkplain Scenario#sweepFigure() sweep figure} when it names one
         * and the run produced it, else the whole run.
         */
        private static double sweptUnits(ScenarioRun run) {
            Optional<String> figure = run.scenario().sweepFigure();
            OptionalDouble units = figure.isPresent() ? Timing.resultFigure(run.result(), figure.get())
                    : OptionalDouble.empty();
            return units.orElseGet(run::elapsedUnits);
        }

        /**
         * A {@link Rehearsal} of the first point; whatever it does is ignored. A cancel meanwhile interrupts this
         * thread, which ends the rehearsal and its threads; the sweep's loop then sees the cancel.
         */
        private void warmUp() {
            if (cancelled) return;
            try {
                Rehearsal.run(plan.scenario(), new Settings(plan.workers().get(0), plan.cores().get(0), plan.unitMs()),
                        Math.min(plan.timeoutNs(), WARM_UP_TIMEOUT_NS), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                // Cancelled: the rehearsal's threads are ended already.
            }
        }

        /** Runs one point to its end; null if the sweep was cancelled meanwhile (its threads are ended too). */
        private SweepPoint.Status measure(ScenarioRun run, int index) {
            run.start();
            tell(() -> listener.runStarted(run, index));
            boolean ended;
            try {
                ended = run.await(plan.timeoutNs(), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                ended = false;
            }
            if (cancelled) {
                end(run);
                return null;
            }
            if (!ended) {
                end(run);
                return SweepPoint.Status.TIMED_OUT;
            }
            return run.status() == ScenarioRun.Status.COMPLETED ? SweepPoint.Status.OK : SweepPoint.Status.FAILED;
        }

        /** Cancels a run and waits (bounded) for its threads, even through a cancel's interrupt. */
        private static void end(ScenarioRun run) {
            run.cancel();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(END_WAIT_S);
            while (true) {
                Thread.interrupted();
                long left = deadline - System.nanoTime();
                try {
                    if (left <= 0 || run.awaitThreadsEnded(left, TimeUnit.NANOSECONDS)) return;
                } catch (InterruptedException again) {
                    // A second cancel: keep waiting for the run's threads, within the same bound.
                }
            }
        }

        private static void tell(Runnable call) {
            try {
                call.run();
            } catch (RuntimeException e) {
                // A broken listener must not stop the sweep or leave it unfinished.
                System.err.println("threadlanes: sweep listener failed: " + e);
            }
        }
    }
}
