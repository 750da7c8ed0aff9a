package org.threadlanes.analysis;

import java.util.List;

import org.threadlanes.trace.Event;
import org.threadlanes.trace.EventKind;
import org.threadlanes.trace.TaskOutcome;

/**
 * One measured point of a sweep: a whole run of a lesson with {@code workers} workers on {@code cores} cores.
 *
 * @param workers    pool size of the run
 * @param cores      modelled cores of the run
 * @param unitMs     milliseconds per unit of the run
 * @param units      total time of the run, in units (from start to the main lane's end)
 * @param tasks      tasks that finished (cancelled ones excluded)
 * @param throughput {@code tasks / units}
 * @param status     how the run ended
 */
public record SweepPoint(int workers, int cores, double unitMs, double units, long tasks, double throughput,
                         Status status) {

    /** How a point's run ended. */
    public enum Status {
        /** The lesson completed. */
        OK,
        /** The lesson threw. */
        FAILED,
        /** The run outlived the sweep's time limit and was ended. */
        TIMED_OUT
    }

    /** A point measured from a run's events and its elapsed time. */
    public static SweepPoint of(int workers, int cores, double unitMs, double units, List<Event> events,
                                Status status) {
        long tasks = events.stream()
                .filter(e -> e.kind() == EventKind.FINISHED && e.outcome() != TaskOutcome.CANCELLED)
                .count();
        return new SweepPoint(workers, cores, unitMs, units, tasks, units > 0 ? tasks / units : 0, status);
    }
}
