package org.threadlanes.analysis;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.threadlanes.trace.Event;
import org.threadlanes.trace.EventKind;
import org.threadlanes.trace.TaskOutcome;
import org.threadlanes.trace.ThreadState;

/**
 * The shape of a lesson's tasks, and the ideal time of a pool that runs them.
 *
 * <h2>The ideal curve</h2>
 * A task needs {@code R = cpu + wait} units of service, of which {@code S = cpu} on a core. By Little's law a pool
 * of {@code W} workers, each busy with one task at a time, finishes at most {@code W / R} tasks per unit; the cores
 * finish at most {@code C / S} (the utilization law: CPU demand cannot exceed the cores, the Amdahl ceiling of a
 * CPU-bound share). Two lower bounds on the total time of {@code N} tasks follow:
 * <pre>
 *   waves:  ceil(N / W) · R          some worker serves ceil(N / W) tasks one after another
 *   cores:  N · S / C + (R − S)      the cores are busy for N · S / C, then the last task still waits R − S
 *   ideal(W, C) = max(waves, cores)
 * </pre>
 * The knee, where more workers stop helping, is where the two meet: {@code W = C · R / S = C · (1 + wait / cpu)}.
 * The ideal leaves out every overhead (thread start, queue hand-off, scheduling), so measured times sit just above.
 *
 * @param tasks      tasks per run
 * @param cpuUnits   time a task spends RUNNING (on a core), in units
 * @param waitUnits  time a task spends BLOCKED (I/O, sleep, locks), in units
 */
public record SweepProfile(long tasks, double cpuUnits, double waitUnits) {

    /** @throws IllegalArgumentException if a value is negative or not finite */
    public SweepProfile {
        if (tasks < 0 || !(cpuUnits >= 0) || !(waitUnits >= 0) || Double.isInfinite(cpuUnits)
                || Double.isInfinite(waitUnits)) {
            throw new IllegalArgumentException("a profile needs tasks >= 0 and finite cpu, wait >= 0");
        }
    }

    /** Service time per task, {@code cpu + wait}, in units. */
    public double serviceUnits() {
        return cpuUnits + waitUnits;
    }

    /** The ideal total time, in units, of a run with {@code workers} workers on {@code cores} cores. */
    public double idealUnits(int workers, int cores) {
        if (workers < 1 || cores < 1) throw new IllegalArgumentException("workers and cores must be >= 1");
        if (tasks == 0) return 0;
        double waves = Math.ceil(tasks / (double) workers) * serviceUnits();
        double coreBound = tasks * cpuUnits / cores + waitUnits;
        return Math.max(waves, coreBound);
    }

    /** The ideal throughput, tasks per unit: {@code tasks / idealUnits}. */
    public double idealThroughput(int workers, int cores) {
        double t = idealUnits(workers, cores);
        return t > 0 ? tasks / t : 0;
    }

    /** Workers that keep {@code cores} cores busy: {@code cores · (1 + wait / cpu)}; infinite without CPU work. */
    public double knee(int cores) {
        return cpuUnits > 0 ? cores * serviceUnits() / cpuUnits : Double.POSITIVE_INFINITY;
    }

    /**
     * The fewest workers with which the ideal curve reaches its best: the {@linkplain #knee knee}, or one worker per
     * task when that is fewer (more workers than tasks never help; tasks that barely use a CPU never fill the cores).
     */
    public double idealWorkers(int cores) {
        return Math.min(knee(cores), tasks);
    }

    /**
     * Measures the profile of one run from its events: the finished tasks, and per task the average time its
     * worker spent RUNNING and BLOCKED between STARTED and FINISHED (READY time, waiting for a core, is neither: it
     * depends on the run, not on the task).
     *
     * @param nanosPerUnit the run's unit
     */
    public static SweepProfile estimate(List<Event> events, double nanosPerUnit) {
        Map<Long, long[]> inTask = new HashMap<>();       // worker -> {task, cpu ns, wait ns}
        Map<Long, Event> lastState = new HashMap<>();      // thread -> its latest state event
        long tasks = 0, cpuNs = 0, waitNs = 0;
        for (Event e : events) {
            long thread = e.threadId();
            if (e.state() != null || e.kind() == EventKind.FINISHED) {
                Event prev = lastState.get(thread);
                long[] acc = inTask.get(thread);
                if (prev != null && acc != null) {
                    long dt = Math.max(0, e.tNs() - prev.tNs());
                    if (prev.state() == ThreadState.RUNNING) acc[1] += dt;
                    else if (prev.state() == ThreadState.BLOCKED) acc[2] += dt;
                }
            }
            if (e.kind() == EventKind.STARTED) inTask.put(thread, new long[]{e.task(), 0, 0});
            if (e.kind() == EventKind.FINISHED) {
                long[] acc = inTask.remove(thread);
                if (acc != null && acc[0] == e.task() && e.outcome() != TaskOutcome.CANCELLED) {
                    tasks++;
                    cpuNs += acc[1];
                    waitNs += acc[2];
                }
            }
            if (e.state() != null) lastState.put(thread, e);
        }
        if (tasks == 0) return new SweepProfile(0, 0, 0);
        return new SweepProfile(tasks, cpuNs / (double) tasks / nanosPerUnit, waitNs / (double) tasks / nanosPerUnit);
    }

    /** The average of several runs' profiles, weighted by their tasks (the task count is the rounded mean). */
    public static SweepProfile mean(List<SweepProfile> profiles) {
        long tasks = 0;
        double cpu = 0, wait = 0;
        int runs = 0;
        for (SweepProfile p : profiles) {
            if (p.tasks == 0) continue;
            runs++;
            tasks += p.tasks;
            cpu += p.cpuUnits * p.tasks;
            wait += p.waitUnits * p.tasks;
        }
        if (tasks == 0) return new SweepProfile(0, 0, 0);
        return new SweepProfile(Math.round(tasks / (double) runs), cpu / tasks, wait / tasks);
    }

    /**
     * Gathers the profiles of a sweep's runs and keeps the one the ideal curve uses: the mean over the runs with the
     * fewest workers, where tasks do not compete for a core or a worker, so that time slicing does not inflate the
     * CPU time they measure (while no such run is in, the mean over all runs so far). A declared profile, when
     * the lesson knows its own shape, takes precedence over any measurement.
     *
     * <p>Not thread-safe: one collector per sweep, fed from one thread.
     */
    public static final class Collector {
        private final int fewestWorkers;
        private final SweepProfile declared;
        private final java.util.List<SweepProfile> fewest = new java.util.ArrayList<>();
        private final java.util.List<SweepProfile> all = new java.util.ArrayList<>();

        /** @param fewestWorkers the smallest workers value of the sweep */
        public Collector(int fewestWorkers) {
            this(fewestWorkers, null);
        }

        /**
         * @param fewestWorkers the smallest workers value of the sweep
         * @param declared      the lesson's own profile, or {@code null} to measure one
         */
        public Collector(int fewestWorkers, SweepProfile declared) {
            this.fewestWorkers = fewestWorkers;
            this.declared = declared;
        }

        /** Whether the profile is the lesson's declared one rather than a measurement. */
        public boolean isDeclared() {
            return declared != null;
        }

        /** Adds the profile measured in a run with {@code workers} workers. */
        public void add(int workers, SweepProfile profile) {
            all.add(profile);
            if (workers == fewestWorkers) fewest.add(profile);
        }

        /** The profile for the ideal curve, from the runs so far. */
        public SweepProfile profile() {
            if (declared != null) return declared;
            SweepProfile p = mean(fewest);
            return p.tasks() > 0 ? p : mean(all);
        }
    }
}
