package org.threadlanes.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.threadlanes.trace.BlockReason;
import org.threadlanes.trace.Event;
import org.threadlanes.trace.EventKind;
import org.threadlanes.trace.TaskOutcome;
import org.threadlanes.trace.ThreadRef;
import org.threadlanes.trace.ThreadState;

/** The ideal curve (Little's law with a CPU ceiling) and the task profile measured from events. */
class SweepProfileTest {
    private static final double EPS = 1e-9;

    /** Four sleeping tasks of one unit take ceil(4 / workers) units: 4, 2, 2, 1. */
    @Test
    void sleepingTasksTakeWholeWaves() {
        SweepProfile p = new SweepProfile(4, 0, 1);
        assertEquals(4, p.idealUnits(1, 1), EPS);
        assertEquals(2, p.idealUnits(2, 1), EPS);
        assertEquals(2, p.idealUnits(3, 1), EPS);
        assertEquals(1, p.idealUnits(4, 1), EPS);
        assertEquals(1, p.idealUnits(8, 1), EPS, "more workers than tasks do not help");
    }

    /** The workload (20 × (1 CPU + 3 I/O)) flattens at the knee, cores × (1 + 3 / 1). */
    @Test
    void workloadFlattensAtTheKnee() {
        SweepProfile p = new SweepProfile(20, 1, 3);
        assertEquals(80, p.idealUnits(1, 1), EPS);
        assertEquals(40, p.idealUnits(2, 1), EPS);
        assertEquals(23, p.idealUnits(4, 1), EPS, "one core is busy 20 units, then the last fetch takes 3");
        assertEquals(23, p.idealUnits(16, 1), EPS, "past the knee the core is the bottleneck");
        assertEquals(13, p.idealUnits(8, 2), EPS);
        assertEquals(4, p.knee(1), EPS);
        assertEquals(8, p.knee(2), EPS);
        assertEquals(20 / 13.0, p.idealThroughput(8, 2), EPS);
    }

    /** Pure CPU work is bounded by the cores; without CPU work there is no knee. */
    @Test
    void cpuOnlyWorkIsBoundedByTheCores() {
        SweepProfile cpu = new SweepProfile(8, 1, 0);
        assertEquals(4, cpu.idealUnits(8, 2), EPS);
        assertEquals(Double.POSITIVE_INFINITY, new SweepProfile(4, 0, 1).knee(4));
    }

    /** The ideal number of workers is the knee, or one per task when that is fewer: never more workers than tasks. */
    @Test
    void idealWorkersNeverExceedTheTasks() {
        assertEquals(4, new SweepProfile(4, 0, 1).idealWorkers(2), EPS, "no CPU: one worker per task");
        assertEquals(4, new SweepProfile(4, 0.001, 1).idealWorkers(2), EPS, "barely any CPU: the same");
        assertEquals(8, new SweepProfile(20, 1, 3).idealWorkers(2), EPS, "the knee when it is fewer");
    }

    /** The estimate counts RUNNING as CPU and BLOCKED as wait within each task; READY counts as neither. */
    @Test
    void estimateSplitsServiceIntoCpuAndWait() {
        long u = 1_000_000;
        ThreadRef w = new ThreadRef(7, "worker-1", "worker");
        List<Event> ev = new ArrayList<>();
        Object[][] rows = {
                {0L, EventKind.STATE, ThreadState.READY, null, 1L, null},
                {1L, EventKind.STARTED, ThreadState.RUNNING, null, 1L, null},
                {2L, EventKind.STATE, ThreadState.BLOCKED, BlockReason.IO, 1L, null},
                {5L, EventKind.STATE, ThreadState.READY, null, 1L, null},
                {6L, EventKind.STATE, ThreadState.RUNNING, null, 1L, null},
                {6L, EventKind.FINISHED, null, null, 1L, TaskOutcome.OK},
                {6L, EventKind.STATE, ThreadState.BLOCKED, BlockReason.WORK, 0L, null},
                {6L, EventKind.STARTED, ThreadState.RUNNING, null, 2L, null},
                {9L, EventKind.FINISHED, null, null, 2L, TaskOutcome.OK}};
        for (Object[] r : rows) {
            ev.add(new Event(ev.size() + 1, (long) r[0] * u, w, (EventKind) r[1], (ThreadState) r[2],
                    (BlockReason) r[3], null, (long) r[4], 0, (TaskOutcome) r[5], 0));
        }
        SweepProfile p = SweepProfile.estimate(ev, u);
        assertEquals(2, p.tasks());
        assertEquals((1 + 3) / 2.0, p.cpuUnits(), EPS, "task 1 ran 1 unit, task 2 ran 3");
        assertEquals(3 / 2.0, p.waitUnits(), EPS, "task 1 waited 3 units on I/O");
    }

    /** The mean of several runs' profiles weighs them by their tasks and skips runs without tasks. */
    @Test
    void meanWeighsByTasks() {
        SweepProfile m = SweepProfile.mean(List.of(new SweepProfile(4, 1, 3), new SweepProfile(4, 2, 1),
                new SweepProfile(0, 0, 0)));
        assertEquals(4, m.tasks());
        assertEquals(1.5, m.cpuUnits(), EPS);
        assertEquals(2, m.waitUnits(), EPS);
    }

    /** The ideal's profile comes from the runs with the fewest workers, once there is one; before, from all runs. */
    @Test
    void collectorPrefersTheRunsWithTheFewestWorkers() {
        SweepProfile.Collector c = new SweepProfile.Collector(1);
        c.add(4, new SweepProfile(20, 1.5, 3));
        assertEquals(1.5, c.profile().cpuUnits(), EPS, "only a crowded run so far");
        c.add(1, new SweepProfile(20, 1, 3));
        c.add(8, new SweepProfile(20, 2, 3));
        assertEquals(1, c.profile().cpuUnits(), EPS, "the uncrowded run wins");
    }

    /** A lesson's declared profile beats any measurement. */
    @Test
    void aDeclaredProfileWins() {
        SweepProfile.Collector c = new SweepProfile.Collector(1, new SweepProfile(20, 1, 3));
        c.add(1, new SweepProfile(20, 1.2, 3.1));
        assertEquals(new SweepProfile(20, 1, 3), c.profile());
        assertEquals(true, c.isDeclared());
    }
}
