package org.threadlanes.analysis;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.DoubleSupplier;
import java.util.function.IntSupplier;

import org.threadlanes.executor.CoreModel;
import org.threadlanes.executor.Units;
import org.threadlanes.trace.Event;
import org.threadlanes.trace.EventKind;
import org.threadlanes.trace.TaskOutcome;
import org.threadlanes.trace.ThreadState;

/**
 * Computes a run's {@link Metrics} incrementally from its events, and keeps them as time series for sparklines.
 *
 * <pre>{@code
 * MetricsTracker metrics = MetricsTracker.of(run.cores(), run.units());
 * metrics.accept(batch);                       // each batch of events, in sequence order
 * Metrics now = metrics.current();
 * double[] line = metrics.series(Metrics.Kind.THROUGHPUT);
 * }</pre>
 *
 * <h2>How it counts</h2>
 * Between two events nothing changes, so the tracker integrates piecewise-constant quantities over run time: the
 * number of RUNNING threads (each holds a modelled core), the core count (read from the supplier as events arrive,
 * so a live change of cores counts from then on), and the number of tasks in service (a worker between STARTED and
 * FINISHED and not READY). A sample is taken on a fixed grid of run time ({@code sampleUnits}) whenever events pass
 * a grid point; windowed rates are differences of the cumulative integrals across the window.
 *
 * <p>Tasks are matched by id. Each pool numbers its own tasks, so a lesson with two pools at once would mix
 * theirs up; every experiment lesson uses one pool.
 *
 * <p>Not thread-safe: feed it from one thread (the FX thread in the app, the caller in tests).
 */
public final class MetricsTracker {
    /** Default spacing of samples, in units. */
    public static final double DEFAULT_SAMPLE_UNITS = 0.5;
    /** Default window of throughput and utilization, in units. */
    public static final double DEFAULT_WINDOW_UNITS = 2;
    /** Default number of samples kept. */
    public static final int DEFAULT_CAPACITY = 600;

    private final IntSupplier cores;
    private final DoubleSupplier nanosPerUnit;
    private final double sampleUnits;
    private final int windowSamples;
    private final int capacity;

    private long sampleNs;          // fixed at the first event after a clear, so the grid stays regular
    private long nextSampleNs;
    private long lastNs;

    private final Map<Long, ThreadState> states = new HashMap<>();
    private int running;
    /** Task id to SUBMITTED time, until the task starts (or leaves the queue). */
    private final Map<Long, Long> queued = new HashMap<>();
    /** Worker thread id to the task it serves. */
    private final Map<Long, Service> inService = new HashMap<>();
    private int working;

    private long started;
    private long completed;
    private long queuedNsSum;
    private long serviceNsSum;
    private double busyCum;      // core-nanoseconds RUNNING
    private double capacityCum;  // core-nanoseconds available
    private double workCum;      // task-nanoseconds in service

    /** Cumulative values at the last grid points (oldest first), for windowed rates. */
    private final ArrayDeque<Checkpoint> checkpoints = new ArrayDeque<>();
    private final ArrayDeque<Metrics> samples = new ArrayDeque<>();

    /** A tracker with the default sample spacing, window and capacity. */
    public MetricsTracker(IntSupplier cores, DoubleSupplier nanosPerUnit) {
        this(cores, nanosPerUnit, DEFAULT_SAMPLE_UNITS, DEFAULT_WINDOW_UNITS, DEFAULT_CAPACITY);
    }

    /**
     * @param cores        the modelled core count (read as events arrive)
     * @param nanosPerUnit nanoseconds per lesson unit (read as events arrive)
     * @param sampleUnits  spacing of the samples, in units
     * @param windowUnits  window of the throughput and utilization rates, in units (rounded to whole samples)
     * @param capacity     samples kept; older ones are dropped
     */
    public MetricsTracker(IntSupplier cores, DoubleSupplier nanosPerUnit, double sampleUnits, double windowUnits,
                          int capacity) {
        if (!(sampleUnits > 0) || !(windowUnits >= sampleUnits) || capacity < 2) {
            throw new IllegalArgumentException("need sampleUnits > 0, windowUnits >= sampleUnits, capacity >= 2");
        }
        this.cores = Objects.requireNonNull(cores);
        this.nanosPerUnit = Objects.requireNonNull(nanosPerUnit);
        this.sampleUnits = sampleUnits;
        this.windowSamples = (int) Math.max(1, Math.round(windowUnits / sampleUnits));
        this.capacity = capacity;
        clear();
    }

    /** A tracker for a run's core model and unit. */
    public static MetricsTracker of(CoreModel cores, Units units) {
        return new MetricsTracker(cores::cores, () -> units.toNanos(1));
    }

    /** Forgets everything: the next event starts a new run at time 0. */
    public void clear() {
        sampleNs = 0;
        nextSampleNs = 0;
        lastNs = 0;
        states.clear();
        running = 0;
        queued.clear();
        inService.clear();
        working = 0;
        started = completed = queuedNsSum = serviceNsSum = 0;
        busyCum = capacityCum = workCum = 0;
        checkpoints.clear();
        checkpoints.add(new Checkpoint(0, 0, 0, 0));
        samples.clear();
    }

    /** Takes the next events, in sequence order. */
    public void accept(List<Event> batch) {
        for (Event e : batch) accept(e);
    }

    /** Takes one event. */
    public void accept(Event e) {
        advanceTo(e.tNs());
        long t = Math.max(e.tNs(), lastNs);
        long thread = e.threadId();
        switch (e.kind()) {
            case SUBMITTED -> {
                if (e.task() != 0) queued.put(e.task(), t);
            }
            case REJECTED -> queued.remove(e.task());
            case STARTED -> {
                Long submitted = queued.remove(e.task());
                if (submitted != null) {
                    queuedNsSum += t - submitted;
                    started++;
                }
                if (inService.put(thread, new Service(e.task(), t)) == null) working++;
            }
            case FINISHED -> finished(e, t);
            default -> { }
        }
        if (e.state() != null) stateChange(thread, e.state(), t);
    }

    private void finished(Event e, long t) {
        Service s = inService.get(e.threadId());
        if (s != null && s.task == e.task()) {
            inService.remove(e.threadId());
            if (s.readySince >= 0) s.readyNs += t - s.readySince;
            else working--;
            if (e.outcome() != TaskOutcome.CANCELLED) {
                serviceNsSum += t - s.startNs - s.readyNs;
                completed++;
            }
        } else {
            // Cancelled while still in the queue (shutdownNow, remove).
            queued.remove(e.task());
        }
    }

    private void stateChange(long thread, ThreadState state, long t) {
        ThreadState old = state == ThreadState.CONCLUDED ? states.remove(thread) : states.put(thread, state);
        if (old == ThreadState.RUNNING) running--;
        if (state == ThreadState.RUNNING) running++;
        Service s = inService.get(thread);
        if (s == null) return;
        if (state == ThreadState.CONCLUDED) {
            // A worker ended mid-task (a reset): its task leaves service unfinished.
            inService.remove(thread);
            if (s.readySince < 0) working--;
        } else if (state == ThreadState.READY && s.readySince < 0) {
            s.readySince = t;
            working--;
        } else if (state != ThreadState.READY && s.readySince >= 0) {
            s.readyNs += t - s.readySince;
            s.readySince = -1;
            working++;
        }
    }

    /**
     * Lets run time pass up to {@code tNs} with no event: integrates and takes the samples due. Events call it
     * themselves; call it to keep the series moving while nothing happens (a long I/O wait).
     */
    public void advanceTo(long tNs) {
        if (sampleNs == 0) {
            sampleNs = Math.max(1, Math.round(sampleUnits * nanosPerUnit.getAsDouble()));
            nextSampleNs = sampleNs;
        }
        if (tNs <= lastNs) return;
        int c = cores.getAsInt();
        while (nextSampleNs <= tNs) {
            integrate(nextSampleNs, c);
            Checkpoint now = new Checkpoint(lastNs, busyCum, capacityCum, completed);
            checkpoints.addLast(now);
            while (checkpoints.size() > windowSamples + 1) checkpoints.removeFirst();
            samples.addLast(snapshot(now, checkpoints.peekFirst()));
            while (samples.size() > capacity) samples.removeFirst();
            nextSampleNs += sampleNs;
        }
        integrate(tNs, c);
    }

    private void integrate(long toNs, int c) {
        long dt = toNs - lastNs;
        if (dt <= 0) return;
        busyCum += (double) running * dt;
        capacityCum += (double) c * dt;
        workCum += (double) working * dt;
        lastNs = toNs;
    }

    /** The metrics as of the latest event (or {@link #advanceTo} time). */
    public Metrics current() {
        Checkpoint now = new Checkpoint(lastNs, busyCum, capacityCum, completed);
        Checkpoint from = checkpoints.peekFirst();
        for (Iterator<Checkpoint> it = checkpoints.iterator(); it.hasNext(); ) {
            Checkpoint cp = it.next();
            // The oldest grid point still inside the window; if the run is shorter than one, its start.
            if (lastNs - cp.tNs <= windowSamples * sampleNs) {
                from = cp;
                break;
            }
        }
        return snapshot(now, from);
    }

    /**
     * The metrics over the whole run so far, from its start: what a finished run is summed up by (its last two
     * units, as {@link #current()} gives them, are often only threads winding down).
     */
    public Metrics overall() {
        return snapshot(new Checkpoint(lastNs, busyCum, capacityCum, completed), new Checkpoint(0, 0, 0, 0));
    }

    private Metrics snapshot(Checkpoint now, Checkpoint from) {
        double unitNs = nanosPerUnit.getAsDouble();
        long span = now.tNs - from.tNs;
        double throughput = span > 0 ? (now.completed - from.completed) / (span / unitNs) : 0;
        double capacityDelta = now.capacityCum - from.capacityCum;
        double utilization = capacityDelta > 0 ? Math.min(1, (now.busyCum - from.busyCum) / capacityDelta) : 0;
        double avgQueued = started > 0 ? queuedNsSum / (double) started / unitNs : 0;
        double avgService = completed > 0 ? serviceNsSum / (double) completed / unitNs : 0;
        double speedup = now.tNs > 0 ? workCum / now.tNs : 0;
        return new Metrics(now.tNs, throughput, utilization, queued.size(), avgQueued, avgService, speedup,
                now.completed);
    }

    /** The samples taken so far, oldest first (at most the capacity). */
    public List<Metrics> samples() {
        return new ArrayList<>(samples);
    }

    /** One metric's samples, oldest first: a sparkline's points. */
    public double[] series(Metrics.Kind kind) {
        double[] out = new double[samples.size()];
        int i = 0;
        for (Metrics m : samples) out[i++] = kind.of(m);
        return out;
    }

    /** The number of samples kept. */
    public int sampleCount() {
        return samples.size();
    }

    /** Run time of the latest event seen, in nanoseconds. */
    public long lastNs() {
        return lastNs;
    }

    /** A task in service on one worker. */
    private static final class Service {
        final long task;
        final long startNs;
        long readyNs;
        long readySince = -1;

        Service(long task, long startNs) {
            this.task = task;
            this.startNs = startNs;
        }
    }

    private record Checkpoint(long tNs, double busyCum, double capacityCum, long completed) {
    }
}
