package org.threadlanes.scenario.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.threadlanes.scenario.ScenarioRun;
import org.threadlanes.scenario.Settings;
import org.threadlanes.scenario.lessons.Workload;
import org.threadlanes.trace.BlockReason;
import org.threadlanes.trace.Event;
import org.threadlanes.trace.EventKind;
import org.threadlanes.trace.ThreadState;

/** Live tuning (issue 6): workers and cores change at once while a lesson runs. */
class LiveResizeTest {
    private ScenarioRun run;

    @AfterEach
    void endRun() throws InterruptedException {
        if (run != null) {
            run.cancel();
            assertTrue(run.awaitThreadsEnded(10, TimeUnit.SECONDS), "every thread of the run ended");
        }
    }

    /** A latch that opens once the run has finished {@code n} tasks (counted on the recorder's drainer). */
    private static CountDownLatch afterFinished(ScenarioRun run, int n) {
        CountDownLatch latch = new CountDownLatch(n);
        run.recorder().addListener(batch -> batch.stream().filter(e -> e.kind() == EventKind.FINISHED)
                .forEach(e -> latch.countDown()));
        return latch;
    }

    /** Growing and then shrinking the pool mid-run keeps every task's result correct. */
    @Test
    void liveResizingKeepsEveryTaskResultCorrect() throws InterruptedException {
        Workload workload = new Workload(24, 1, 3);
        run = new ScenarioRun(workload, new Settings(1, 2, 10));
        CountDownLatch two = afterFinished(run, 2), ten = afterFinished(run, 10);
        run.start();
        assertTrue(two.await(30, TimeUnit.SECONDS));
        run.setWorkers(6);
        assertEquals(6, run.workers());
        assertTrue(ten.await(30, TimeUnit.SECONDS));
        run.setWorkers(2);
        run.setCores(1);
        assertTrue(run.await(60, TimeUnit.SECONDS), "the lesson finished");
        assertEquals(ScenarioRun.Status.COMPLETED, run.status(), () -> "failure: " + run.failure());

        List<Long> expected = new ArrayList<>();
        for (int i = 0; i < 24; i++) expected.add(Workload.expected(i));
        assertEquals(Map.of("tasks", 24, "results", expected), run.result());
    }

    /** Growing adds worker lanes for queued tasks; shrinking retires workers, each concluding on its own lane. */
    @Test
    void retiringWorkersConcludeOnTheirLanes() throws InterruptedException {
        run = new ScenarioRun(new Workload(24, 1, 3), new Settings(1, 2, 10));
        CountDownLatch two = afterFinished(run, 2), ten = afterFinished(run, 10);
        run.start();
        assertTrue(two.await(30, TimeUnit.SECONDS));
        run.setWorkers(6);
        assertTrue(ten.await(30, TimeUnit.SECONDS));
        run.setWorkers(2);
        assertTrue(run.await(60, TimeUnit.SECONDS));
        List<Event> events = run.recorder().snapshot();

        long created = events.stream().filter(e -> e.state() == ThreadState.CREATED
                && e.thread().role().equals("worker")).count();
        assertEquals(6, created, "one worker, then five more for the queued tasks");

        // Retired: concluded while tasks still waited to start. (At the very end an idle worker may conclude
        // before the last FINISHED is published: main sees the last result first and shuts the pool down.)
        long lastStarted = events.stream().filter(e -> e.kind() == EventKind.STARTED).mapToLong(Event::seq)
                .max().orElseThrow();
        Map<Long, List<Event>> byWorker = new HashMap<>();
        for (Event e : events) {
            if (e.thread().role().equals("worker")) byWorker.computeIfAbsent(e.threadId(), k -> new ArrayList<>()).add(e);
        }
        int retired = 0;
        for (List<Event> lane : byWorker.values()) {
            Event last = lane.get(lane.size() - 1);
            assertEquals(ThreadState.CONCLUDED, last.state(), "every worker lane ends CONCLUDED");
            if (last.seq() < lastStarted) {
                retired++;
                Event before = lane.get(lane.size() - 2);
                assertEquals(BlockReason.WORK, before.reason(), "a retiring worker leaves from waiting for work");
            }
        }
        assertEquals(4, retired, "shrinking from 6 to 2 retires 4 workers while tasks remain");
    }

    /** More cores let READY threads run at once: four CPU-bound tasks on one core run four at a time after. */
    @Test
    void moreCoresApplyAtOnce() throws InterruptedException {
        run = new ScenarioRun(new Workload(4, 8, 0), new Settings(4, 1, 10));
        CountDownLatch allStarted = new CountDownLatch(4);
        run.recorder().addListener(batch -> batch.stream().filter(e -> e.kind() == EventKind.STARTED)
                .forEach(e -> allStarted.countDown()));
        run.start();
        assertTrue(allStarted.await(30, TimeUnit.SECONDS), "one core: the four take turns, each starts once");
        long mark = run.recorder().flush();
        run.setCores(4);
        assertEquals(4, run.cores().cores());
        assertTrue(run.await(60, TimeUnit.SECONDS));
        List<Event> events = run.recorder().snapshot();
        // A lane publishes READY just after giving its core back, so two RUNNING lanes may overlap for an instant.
        assertTrue(maxRunning(events, 0, mark) <= 2, "one core: lanes take turns");
        double fourAtOnce = run.units().toUnits(nanosWithRunning(events, mark, 4));
        assertTrue(fourAtOnce >= 2, "four cores: four lanes RUNNING together for " + fourAtOnce + " units");
    }

    /** Out-of-range values are refused with the setting's name, and the run keeps its size. */
    @Test
    void outOfRangeValuesAreRefused() {
        run = new ScenarioRun(new Workload(), new Settings(3, 2, 10));
        IllegalArgumentException w = assertThrows(IllegalArgumentException.class, () -> run.setWorkers(0));
        assertTrue(w.getMessage().startsWith("workers must be"), w.getMessage());
        IllegalArgumentException c = assertThrows(IllegalArgumentException.class,
                () -> run.setCores(Settings.MAX_CORES + 1));
        assertTrue(c.getMessage().startsWith("cores must be"), c.getMessage());
        assertEquals(3, run.workers());
    }

    /** Nanoseconds, after event {@code from}, during which exactly {@code n} lanes were RUNNING. */
    private static long nanosWithRunning(List<Event> events, long from, int n) {
        Map<Long, ThreadState> states = new HashMap<>();
        int running = 0;
        long total = 0, prevT = 0;
        for (Event e : events) {
            if (e.seq() > from && running == n) total += e.tNs() - prevT;
            prevT = e.tNs();
            if (e.state() == null) continue;
            ThreadState old = states.put(e.threadId(), e.state());
            if (old == ThreadState.RUNNING) running--;
            if (e.state() == ThreadState.RUNNING) running++;
        }
        return total;
    }

    /** The most lanes RUNNING at once among events with {@code from < seq <= to} (states tracked from the start). */
    private static int maxRunning(List<Event> events, long from, long to) {
        Map<Long, ThreadState> states = new HashMap<>();
        int running = 0, max = 0;
        for (Event e : events) {
            if (e.state() == null) continue;
            ThreadState old = states.put(e.threadId(), e.state());
            if (old == ThreadState.RUNNING) running--;
            if (e.state() == ThreadState.RUNNING) running++;
            if (e.seq() > from && e.seq() <= to) max = Math.max(max, running);
        }
        return max;
    }
}
