package org.threadlanes.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import org.threadlanes.trace.BlockReason;
import org.threadlanes.trace.Event;
import org.threadlanes.trace.EventKind;
import org.threadlanes.trace.TaskOutcome;
import org.threadlanes.trace.ThreadRef;
import org.threadlanes.trace.ThreadState;

/** Metrics computed from hand-made event lists, against values worked out by hand. */
class MetricsTrackerTest {
    private static final double EPS = 1e-9;
    /** One unit is one millisecond in these traces. */
    private static final long U = 1_000_000L;

    private static final ThreadRef MAIN = new ThreadRef(1, "main", "main");
    private static final ThreadRef A = new ThreadRef(2, "worker-1", "worker");
    private static final ThreadRef B = new ThreadRef(3, "worker-2", "worker");

    /** Builds a trace in order, numbering the events. */
    private static final class Trace {
        final List<Event> events = new ArrayList<>();

        Trace add(double units, ThreadRef t, EventKind kind, ThreadState state, BlockReason reason, long task,
                  TaskOutcome outcome) {
            events.add(new Event(events.size() + 1, Math.round(units * U), t, kind, state, reason, null, task, 0,
                    outcome, 0));
            return this;
        }

        Trace submitted(double u, long task) { return add(u, MAIN, EventKind.SUBMITTED, null, null, task, null); }
        Trace started(double u, ThreadRef t, long task) {
            return add(u, t, EventKind.STARTED, ThreadState.RUNNING, null, task, null);
        }
        Trace finished(double u, ThreadRef t, long task) {
            return add(u, t, EventKind.FINISHED, null, null, task, TaskOutcome.OK);
        }
        Trace state(double u, ThreadRef t, ThreadState s, long task) {
            return add(u, t, EventKind.STATE, s, null, task, null);
        }
        Trace blocked(double u, ThreadRef t, BlockReason r, long task) {
            return add(u, t, EventKind.STATE, ThreadState.BLOCKED, r, task, null);
        }
    }

    /**
     * Two workers, one core, three tasks. Worked out by hand: queued 0, 1, 3 units; service (READY excluded) 3, 2
     * and 4 units; the core is busy 5 of 6 units; 9 units of service in 6 units of time.
     */
    private static List<Event> twoWorkersOneCore() {
        return new Trace()
                .submitted(0, 1).submitted(0, 2).submitted(0, 3)
                .started(0, A, 1)
                .state(0, B, ThreadState.READY, 2)          // B picked task 2 but waits for the core
                .blocked(1, A, BlockReason.IO, 1)
                .started(1, B, 2)
                .blocked(2, B, BlockReason.IO, 2)
                .state(3, A, ThreadState.RUNNING, 1)
                .finished(3, A, 1).blocked(3, A, BlockReason.WORK, 0)
                .started(3, A, 3)
                .state(4, B, ThreadState.READY, 2)          // back from I/O, but A has the core
                .finished(5, A, 3).blocked(5, A, BlockReason.WORK, 0)
                .state(5, B, ThreadState.RUNNING, 2)
                .finished(6, B, 2).blocked(6, B, BlockReason.WORK, 0)
                .events;
    }

    private static MetricsTracker tracker(int cores) {
        return new MetricsTracker(() -> cores, () -> U, 1, 2, 100);
    }

    /** At the end: throughput over the window, utilization, queue, average queued and service time, speedup. */
    @Test
    void finalMetricsMatchTheHandWorkedValues() {
        MetricsTracker m = tracker(1);
        m.accept(twoWorkersOneCore());
        Metrics now = m.current();
        assertEquals(6 * U, now.tNs());
        assertEquals(3, now.completed());
        assertEquals(0, now.queueLength());
        assertEquals(4 / 3.0, now.avgQueuedUnits(), EPS, "queued 0 + 1 + 3 units over 3 tasks");
        assertEquals(3.0, now.avgServiceUnits(), EPS, "service 3 + 2 + 4 units: B's READY unit is not service");
        assertEquals(1.5, now.speedup(), EPS, "9 units of service in 6 units");
        assertEquals(1.0, now.throughput(), EPS, "2 tasks finished in the last 2 units");
        assertEquals(1.0, now.utilization(), EPS, "the core was busy all of the last 2 units");
    }

    /**
     * Over the whole run: 3 tasks in 6 units, the core busy 5 of 6 units; the last two units alone (the live view)
     * would say 1 task a unit and a full core.
     */
    @Test
    void overallMetricsSumUpTheWholeRun() {
        MetricsTracker m = tracker(1);
        m.accept(twoWorkersOneCore());
        Metrics all = m.overall();
        assertEquals(0.5, all.throughput(), EPS, "3 tasks in 6 units");
        assertEquals(5 / 6.0, all.utilization(), EPS, "busy 5 of 6 units");
        assertEquals(1.5, all.speedup(), EPS);
        assertEquals(3.0, all.avgServiceUnits(), EPS);
    }

    /** Samples are taken on the unit grid, each from the events before it. */
    @Test
    void samplesFollowTheRunTimeGrid() {
        MetricsTracker m = tracker(1);
        m.accept(twoWorkersOneCore());
        assertEquals(6, m.sampleCount(), "one sample per unit, at 1..6");
        assertArrayEquals(new double[]{2, 1, 1, 0, 0, 0}, m.series(Metrics.Kind.QUEUE_LENGTH), EPS);
        assertArrayEquals(new double[]{1, 1, 0.5, 0.5, 1, 1}, m.series(Metrics.Kind.UTILIZATION), EPS);
        assertArrayEquals(new double[]{0, 0, 0, 0.5, 0.5, 0.5}, m.series(Metrics.Kind.THROUGHPUT), EPS);
        double[] speedup = m.series(Metrics.Kind.SPEEDUP);
        assertEquals(1.0, speedup[0], EPS, "at 1: A served 1 unit");
        assertEquals(5 / 3.0, speedup[2], EPS, "at 3: A served 3 units, B 2");
    }

    /** Utilization is the busy share of all the cores: one RUNNING thread on two cores is half. */
    @Test
    void utilizationIsTheBusyShareOfTheCores() {
        MetricsTracker m = tracker(2);
        m.accept(new Trace().submitted(0, 1).started(0, A, 1).finished(4, A, 1).events);
        assertEquals(0.5, m.current().utilization(), EPS);
        assertEquals(1.0, m.current().speedup(), EPS, "one task at a time is no speedup");
    }

    /** A live change of the core count counts from the moment events see it. */
    @Test
    void moreCoresLowerTheUtilizationFromThenOn() {
        AtomicInteger cores = new AtomicInteger(1);
        MetricsTracker m = new MetricsTracker(cores::get, () -> U, 1, 2, 100);
        m.accept(new Trace().submitted(0, 1).started(0, A, 1).events);
        m.advanceTo(2 * U);
        assertEquals(1.0, m.current().utilization(), EPS);
        cores.set(2);
        m.advanceTo(4 * U);
        assertEquals(0.5, m.current().utilization(), EPS, "the last 2 units had 2 cores and 1 busy");
    }

    /** Tasks cancelled or rejected in the queue leave it, and do not count as completed. */
    @Test
    void cancelledAndRejectedTasksLeaveTheQueue() {
        MetricsTracker m = tracker(1);
        Trace t = new Trace().submitted(0, 1).submitted(0, 2).submitted(0, 3);
        assertEquals(3, feed(m, t).current().queueLength());
        t.add(1, MAIN, EventKind.REJECTED, null, null, 3, null)
                .add(1, MAIN, EventKind.FINISHED, null, null, 2, TaskOutcome.CANCELLED);
        m.accept(t.events.subList(3, 5));
        assertEquals(1, m.current().queueLength());
        assertEquals(0, m.current().completed());
    }

    /** advanceTo keeps the series moving while no event arrives. */
    @Test
    void advancingTimeAddsSamplesWithoutEvents() {
        MetricsTracker m = tracker(1);
        m.accept(new Trace().submitted(0, 1).started(0, A, 1).events);
        m.advanceTo(5 * U);
        assertEquals(5, m.sampleCount());
        assertEquals(1.0, m.current().utilization(), EPS);
    }

    /** The series keeps at most its capacity, dropping the oldest samples. */
    @Test
    void seriesIsBoundedByItsCapacity() {
        MetricsTracker m = new MetricsTracker(() -> 1, () -> U, 1, 2, 10);
        m.advanceTo(100 * U);
        assertEquals(10, m.sampleCount());
        assertEquals(100 * U, m.samples().get(9).tNs(), "the newest sample is kept");
    }

    /** clear forgets the run: the next event starts from time 0 again. */
    @Test
    void clearStartsOver() {
        MetricsTracker m = tracker(1);
        m.accept(twoWorkersOneCore());
        m.clear();
        assertEquals(0, m.sampleCount());
        assertEquals(Metrics.ZERO, m.current());
        m.accept(new Trace().submitted(0, 1).events);
        assertEquals(1, m.current().queueLength());
    }

    /** A worker that concludes mid-task (a reset) takes its task out of service. */
    @Test
    void aWorkerEndingMidTaskStopsCountingAsService() {
        MetricsTracker m = tracker(1);
        m.accept(new Trace().submitted(0, 1).started(0, A, 1).state(1, A, ThreadState.CONCLUDED, 1).events);
        m.advanceTo(4 * U);
        assertEquals(0.25, m.current().speedup(), EPS, "1 unit of service in 4");
        assertEquals(0, m.current().completed());
        assertTrue(m.current().utilization() < 1e-9, "nothing ran in the last window");
    }

    private static MetricsTracker feed(MetricsTracker m, Trace t) {
        m.accept(t.events);
        return m;
    }
}
