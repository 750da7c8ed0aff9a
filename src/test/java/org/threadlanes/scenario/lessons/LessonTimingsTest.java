package org.threadlanes.scenario.lessons;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.OptionalDouble;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.threadlanes.scenario.Scenario;
import org.threadlanes.scenario.ScenarioRun;
import org.threadlanes.scenario.Scenarios;
import org.threadlanes.scenario.Settings;
import org.threadlanes.scenario.Timing;

/**
 * The timings the lessons promise can be measured: every figure a lesson names is in its run. How close they come
 * to the promise is a benchmark's business (the {@code bench} command), never a unit test's: a busy machine only
 * adds time.
 */
class LessonTimingsTest {
    private static final double FAST_UNIT_MS = 5;

    static Stream<String> timingLessons() {
        return Scenarios.all().stream().filter(s -> !s.timings(s.defaults()).isEmpty()).map(Scenario::id);
    }

    /** The course's timing lessons all promise their figures: the pools, futures, waits and the local web ones. */
    @Test
    void theTimingLessonsPromiseTheirFigures() {
        List<String> ids = timingLessons().toList();
        for (String id : List.of("loiter-map", "loiter-as-completed", "loiter-as-completed-map", "wait-first-completed",
                "wait-all-completed", "wait-first-exception", "future-api", "semaphore-limits", "sequential-vs-pool",
                "thread-per-request", "cpu-vs-io-gil", "flags-download", "crawl-pool", "load-url-bad-host",
                "producer-consumer-queue", "pool-lifecycle")) {
            assertTrue(ids.contains(id), id + " promises timings: " + ids);
        }
    }

    /** Every promised figure is in a completed run and positive; a lesson's setup never counts in its after-setup one. */
    @ParameterizedTest
    @MethodSource("timingLessons")
    void everyPromisedFigureIsMeasured(String id) throws Exception {
        ScenarioRun run = LessonRuns.complete(id, FAST_UNIT_MS);
        assertEquals(ScenarioRun.Status.COMPLETED, run.status(), id);
        for (Timing t : run.scenario().timings(run.settings())) {
            OptionalDouble m = t.measure(run);
            assertTrue(m.isPresent(), id + " measures " + t.figure() + " (result " + run.result() + ")");
            assertTrue(m.getAsDouble() > 0, id + ": " + t.figure() + " = " + m.getAsDouble());
            if (t.figure().equals(Timing.AFTER_SETUP)) {
                assertTrue(m.getAsDouble() < run.elapsedUnits(),
                        id + " marks the end of its setup: " + m.getAsDouble() + " < " + run.elapsedUnits());
            }
        }
    }

    /** The pooled part of sequential-vs-pool promises ceil(4 / workers) units, and a sweep plots that part. */
    @Test
    void sequentialVsPoolPromisesCeilFourOverWorkersForItsPool() {
        Scenario s = Scenarios.require("sequential-vs-pool");
        int[][] expected = {{1, 4}, {2, 2}, {3, 2}, {4, 1}, {8, 1}};
        for (int[] e : expected) {
            List<Timing> t = s.timings(new Settings(e[0], 2, 50));
            assertEquals(List.of(new Timing("sequentialUnits", 4), new Timing("poolUnits", e[1])), t);
        }
        assertEquals("poolUnits", s.sweepFigure().orElseThrow());
    }

    /** Lessons about ordering or deadlocks promise no timing and name no sweep figure. */
    @Test
    void lessonsWithoutTimingsPromiseNone() {
        for (String id : List.of("thread-lifecycle", "lock-ordering", "dining-philosophers", "lost-wakeup")) {
            Scenario s = Scenarios.require(id);
            assertTrue(s.timings(s.defaults()).isEmpty(), id);
            assertFalse(s.sweepFigure().isPresent(), id);
        }
    }
}
