package org.threadlanes.scenario.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.threadlanes.analysis.SweepPoint;
import org.threadlanes.analysis.SweepProfile;
import org.threadlanes.analysis.SweepResult;
import org.threadlanes.scenario.ScenarioContext;
import org.threadlanes.scenario.ScenarioRun;
import org.threadlanes.scenario.Scenarios;
import org.threadlanes.scenario.SweepEngine;
import org.threadlanes.scenario.lessons.Workload;
import org.threadlanes.trace.Event;
import org.threadlanes.trace.EventKind;

/** The sweep engine: one headless run per point, progress, cancel, and times that follow the ideal. */
class SweepEngineTest {
    private SweepEngine.Sweep sweep;

    @AfterEach
    void endSweep() throws InterruptedException {
        if (sweep != null) {
            sweep.cancel();
            assertTrue(sweep.awaitEnded(30, TimeUnit.SECONDS), "the sweep thread ended");
        }
    }

    /**
     * A sweep of the real {@code sequential-vs-pool} lesson plots its pooled part, which takes ceil(4 / workers)
     * units within 10%, on each run's own clock; and every run has the matching structure, ceil(4 / workers) waves
     * of tasks. (The lesson's sequential baseline runs too, every time, but is not what the sweep plots.)
     *
     * <p>On a loaded machine a stall only ever adds time, so the time of each point is the best of up to three
     * sweeps (as benchmarks take the minimum), with a long unit (100 ms) so that thread start-up stays small beside
     * it; the structure must hold in every run.
     */
    @Test
    void sequentialVsPoolSweepFollowsCeilFourOverWorkers() throws Exception {
        List<Integer> workers = List.of(1, 2, 3, 4, 8);
        Map<Integer, Double> best = new HashMap<>();
        for (int attempt = 0; attempt < 3 && !allWithinTenPercent(best, workers); attempt++) {
            Map<Integer, List<Event>> eventsByWorkers = Collections.synchronizedMap(new HashMap<>());
            sweep = SweepEngine.start(new SweepEngine.Plan(Scenarios.require("sequential-vs-pool"), workers, List.of(1),
                    100),
                    new SweepEngine.Listener() {
                        @Override
                        public void runEnded(ScenarioRun run, SweepPoint point) {
                            eventsByWorkers.put(point.workers(), run.recorder().snapshot());
                        }

                        @Override
                        public void pointDone(SweepPoint point, int done, int total) {
                        }
                    });
            SweepResult result = sweep.completion().get(60, TimeUnit.SECONDS);
            assertEquals(SweepResult.Status.COMPLETED, result.status());
            assertEquals(workers.size(), result.points().size());
            for (SweepPoint p : result.points()) {
                int ideal = ceilFourOver(p.workers());
                assertEquals(SweepPoint.Status.OK, p.status());
                assertEquals(4, p.tasks());
                assertEquals(ideal, waves(eventsByWorkers.get(p.workers())), "waves with " + p.workers() + " workers");
                assertTrue(p.units() >= ideal * 0.99, p.workers() + " workers can not beat the ideal: " + p.units());
                SweepProfile profile = result.profile();
                assertEquals(ideal, profile.idealUnits(p.workers(), 1) / profile.serviceUnits(), 0.02 * ideal,
                        "the ideal curve, in units of the measured service time, is ceil(4 / workers)");
                best.merge(p.workers(), p.units(), Math::min);
            }
        }
        for (int w : workers) {
            assertEquals(ceilFourOver(w), best.get(w), 0.10 * ceilFourOver(w), w + " workers, best of the sweeps");
        }
    }

    private static int ceilFourOver(int workers) {
        return (4 + workers - 1) / workers;
    }

    private static boolean allWithinTenPercent(Map<Integer, Double> best, List<Integer> workers) {
        return workers.stream().allMatch(w -> best.containsKey(w) && best.get(w) <= ceilFourOver(w) * 1.10);
    }

    /** Waves of tasks: a task's wave is one more than that of the task its worker ran before; the most of any. */
    private static int waves(List<Event> events) {
        Map<Long, Integer> waveOfTask = new HashMap<>();
        Map<Long, Integer> waveOfWorker = new HashMap<>();
        int max = 0;
        for (Event e : events) {
            if (e.kind() == EventKind.STARTED) {
                int w = waveOfWorker.getOrDefault(e.threadId(), 0) + 1;
                waveOfTask.put(e.task(), w);
                max = Math.max(max, w);
            } else if (e.kind() == EventKind.FINISHED) {
                waveOfWorker.put(e.threadId(), waveOfTask.getOrDefault(e.task(), 0));
            }
        }
        return max;
    }

    /** Progress comes once per point, in order, and the points run cores-major. */
    @Test
    void progressReportsEveryPointInOrder() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        sweep = SweepEngine.start(new SweepEngine.Plan(new Workload(2, 0, 1), List.of(1, 2), List.of(1, 2), 2),
                (p, done, total) -> seen.add(done + "/" + total + " w" + p.workers() + " c" + p.cores()));
        SweepResult result = sweep.completion().get(60, TimeUnit.SECONDS);
        assertEquals(List.of("1/4 w1 c1", "2/4 w2 c1", "3/4 w1 c2", "4/4 w2 c2"), seen);
        assertEquals(4, sweep.done());
        assertEquals(1, result.pointsFor(2).get(0).workers());
    }

    /** Cancel stops the sweep mid-run, keeps the points measured so far, and leaves no thread behind. */
    @Test
    void cancelStopsTheSweepAndLeavesNoThreadBehind() throws Exception {
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        CountDownLatch secondRunBusy = new CountDownLatch(1);
        sweep = SweepEngine.start(new SweepEngine.Plan(new Workload(), List.of(1, 2, 3, 4), List.of(1, 2), 20),
                new SweepEngine.Listener() {
                    @Override
                    public void runStarted(ScenarioRun run, int index) {
                        if (index == 1) {
                            run.recorder().addListener(b -> {
                                if (b.stream().anyMatch(e -> e.kind() == EventKind.FINISHED)) secondRunBusy.countDown();
                            });
                        }
                    }

                    @Override
                    public void pointDone(SweepPoint point, int done, int total) {
                    }
                });
        assertTrue(secondRunBusy.await(60, TimeUnit.SECONDS), "the second run got going");
        sweep.cancel();
        SweepResult result = sweep.completion().get(30, TimeUnit.SECONDS);
        assertEquals(SweepResult.Status.CANCELLED, result.status());
        assertEquals(1, result.points().size(), "the first point was measured, the cancelled one is not counted");
        assertTrue(sweep.awaitEnded(30, TimeUnit.SECONDS));
        Set<String> leftover = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> !before.contains(t) && t.isAlive())
                .filter(t -> !t.getName().equals("threadlanes-recorder"))
                .map(Thread::getName).collect(Collectors.toSet());
        assertEquals(Set.of(), leftover, "no thread of the sweep survives");
    }

    /** A lesson that throws gives a FAILED point; the sweep goes on with the next one. */
    @Test
    void aFailingRunGivesAFailedPointAndTheSweepGoesOn() throws Exception {
        TestLesson failsOnTwo = new TestLesson("fails-on-two") {
            @Override
            public Object run(ScenarioContext ctx) {
                if (ctx.workers() == 2) throw new IllegalStateException("two is not allowed");
                return "ok";
            }
        };
        sweep = SweepEngine.start(new SweepEngine.Plan(failsOnTwo, List.of(1, 2, 3), List.of(1), 2), (p, d, t) -> { });
        SweepResult result = sweep.completion().get(60, TimeUnit.SECONDS);
        List<SweepPoint.Status> statuses = new ArrayList<>();
        result.points().forEach(p -> statuses.add(p.status()));
        assertEquals(List.of(SweepPoint.Status.OK, SweepPoint.Status.FAILED, SweepPoint.Status.OK), statuses);
        assertEquals(SweepResult.Status.COMPLETED, result.status());
    }

    /** A run past the plan's time limit is ended and marked TIMED_OUT, with its threads gone. */
    @Test
    void aRunPastItsTimeLimitIsEndedAndMarkedTimedOut() throws Exception {
        List<ScenarioRun> runs = new CopyOnWriteArrayList<>();
        sweep = SweepEngine.start(new SweepEngine.Plan(new Workload(1, 0, 100), List.of(1), List.of(1), 100,
                TimeUnit.MILLISECONDS.toNanos(200)), new SweepEngine.Listener() {
            @Override
            public void runEnded(ScenarioRun run, SweepPoint point) {
                runs.add(run);
            }

            @Override
            public void pointDone(SweepPoint point, int done, int total) {
            }
        });
        SweepResult result = sweep.completion().get(60, TimeUnit.SECONDS);
        assertEquals(SweepPoint.Status.TIMED_OUT, result.points().get(0).status());
        assertTrue(!runs.get(0).anyAlive(), "the late run's threads were ended");
    }

    /** A plan is checked up front, naming the first problem. */
    @Test
    void badPlansAreRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> new SweepEngine.Plan(new Workload(), List.of(), List.of(1), 10));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SweepEngine.Plan(new Workload(), List.of(0), List.of(1), 10));
        assertTrue(e.getMessage().startsWith("workers must be"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new SweepEngine.Plan(new Workload(), List.of(1), List.of(1), 0));
    }
}
