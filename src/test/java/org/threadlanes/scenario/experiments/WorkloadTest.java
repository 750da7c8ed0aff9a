package org.threadlanes.scenario.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.threadlanes.analysis.Metrics;
import org.threadlanes.analysis.MetricsTracker;
import org.threadlanes.scenario.ScenarioRun;
import org.threadlanes.scenario.Scenarios;
import org.threadlanes.scenario.Settings;
import org.threadlanes.scenario.lessons.Workload;
import org.threadlanes.trace.BlockReason;
import org.threadlanes.trace.Event;
import org.threadlanes.trace.EventKind;
import org.threadlanes.trace.ThreadState;

/** The workload lesson: each task computes, then waits on I/O; the metrics of a real run add up. */
class WorkloadTest {
    private ScenarioRun run;

    @AfterEach
    void endRun() throws InterruptedException {
        if (run != null) {
            run.cancel();
            assertTrue(run.await(10, TimeUnit.SECONDS) || run.awaitThreadsEnded(10, TimeUnit.SECONDS));
        }
    }

    private List<Event> runToEnd(Workload w, Settings settings) throws InterruptedException {
        run = new ScenarioRun(w, settings);
        run.start();
        assertTrue(run.await(60, TimeUnit.SECONDS), "the lesson finished");
        assertEquals(ScenarioRun.Status.COMPLETED, run.status(), () -> "failure: " + run.failure());
        return run.recorder().snapshot();
    }

    /** The registered lesson has 20 tasks of 1 CPU + 3 I/O units, and its knee is at cores × 4. */
    @Test
    void registeredWorkloadHasTheDefaultMix() {
        Workload w = (Workload) Scenarios.require("workload");
        assertEquals(20, w.tasks());
        assertEquals(1, w.cpuUnits());
        assertEquals(3, w.ioUnits());
        assertEquals(8, w.knee(2));
        assertEquals(8, w.sweepProfile().knee(2), 1e-9, "the sweep's ideal curve uses the declared shape");
    }

    /** Each task's lane is RUNNING for its CPU part, then BLOCKED(IO) on its fetch; every result is right. */
    @Test
    void eachTaskComputesThenBlocksOnIo() throws InterruptedException {
        // Four cores: the three workers and main never wait for one, so no READY in between.
        List<Event> events = runToEnd(new Workload(3, 1, 3), new Settings(3, 4, 5));
        List<Long> expected = new ArrayList<>();
        for (int i = 0; i < 3; i++) expected.add(Workload.expected(i));
        assertEquals(Map.of("tasks", 3, "results", expected), run.result());
        for (int i = 1; i <= 3; i++) {
            String worker = "worker-" + i;
            List<String> lane = new ArrayList<>();
            for (Event e : events) {
                if (!e.thread().name().equals(worker) || e.state() == null) continue;
                String s = e.reason() == null ? e.state().name() : e.state() + "(" + e.reason() + ")";
                if (lane.isEmpty() || !lane.get(lane.size() - 1).equals(s)) lane.add(s);
            }
            assertEquals(List.of("CREATED", "BLOCKED(WORK)", "RUNNING", "BLOCKED(IO)", "RUNNING", "BLOCKED(WORK)",
                    "CONCLUDED"), lane, worker);
        }
        assertTrue(events.stream().anyMatch(e -> e.reason() == BlockReason.IO && e.detail().startsWith("fetch ")),
                "the I/O wait names its fetch");
    }

    /** A custom shape is validated with one clear message. */
    @Test
    void badShapesAreRefused() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Workload(0, 1, 3)).getMessage()
                .startsWith("tasks must be"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Workload(5, -1, 3)).getMessage()
                .startsWith("cpu must be"));
        assertThrows(IllegalArgumentException.class, () -> new Workload(5, 0, 0));
    }

    /**
     * The metrics of a real run add up: every task done, each served at least its cpu + io units, and the speedup
     * is exactly the sum of service times over the elapsed time (the definition; its size depends on the machine's
     * load, so it is not asserted).
     */
    @Test
    void metricsOfARealRunAddUp() throws InterruptedException {
        List<Event> events = runToEnd(new Workload(12, 1, 3), new Settings(4, 1, 10));
        MetricsTracker tracker = MetricsTracker.of(run.cores(), run.units());
        tracker.accept(events);
        Metrics m = tracker.current();
        assertEquals(12, m.completed());
        assertEquals(0, m.queueLength());
        assertTrue(m.avgServiceUnits() >= 3.99, "service " + m.avgServiceUnits());
        double serviceSum = m.avgServiceUnits() * m.completed();
        assertEquals(serviceSum / run.units().toUnits(m.tNs()), m.speedup(), 1e-6 * m.speedup());
        assertTrue(maxInService(events) > 1, "four workers overlap their tasks");
        assertTrue(tracker.sampleCount() > 0, "a series for the sparklines");
        long finished = events.stream().filter(e -> e.kind() == EventKind.FINISHED).count();
        assertEquals(12, finished);
        assertTrue(events.stream().anyMatch(e -> e.state() == ThreadState.READY), "one core: workers wait for it");
    }

    /** The most tasks between STARTED and FINISHED at once. */
    private static int maxInService(List<Event> events) {
        int now = 0, max = 0;
        for (Event e : events) {
            if (e.kind() == EventKind.STARTED) max = Math.max(max, ++now);
            if (e.kind() == EventKind.FINISHED) now--;
        }
        return max;
    }
}
