package org.threadlanes.scenario.deadlock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.threadlanes.analysis.Deadlock.Kind;
import org.threadlanes.executor.StepController;
import org.threadlanes.scenario.ScenarioRun;
import org.threadlanes.scenario.StepClock;
import org.threadlanes.trace.RunClock;

/** Pause is step mode: the run's threads wait at the gate, the user steps them, and resume returns to free run. */
@Timeout(60)
class PauseStepModeTest {
    private final Runs runs = new Runs();

    @AfterEach
    void endRuns() throws InterruptedException {
        runs.close();
    }

    /** Waits for a change of the gate after {@code version}, for at most a second. */
    private static StepController.Snapshot next(StepController gate, long version) throws InterruptedException {
        return gate.awaitChange(version, 1, TimeUnit.SECONDS);
    }

    /** Paused, each waiting thread shows its pending action and a line of the lesson's listing. */
    @Test
    void pausedThreadsShowTheirNextActionAndLine() throws Exception {
        ScenarioRun run = runs.of("lock-ordering-fixed");
        run.start();
        StepController gate = run.stepMode();
        assertNotNull(gate);
        assertTrue(run.isPaused());
        StepController.Snapshot s = gate.snapshot();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (s.waiting().isEmpty() && System.nanoTime() < deadline) s = next(gate, s.version());
        assertFalse(s.waiting().isEmpty(), "some thread waits at the gate");
        for (StepController.Waiting w : s.waiting()) {
            assertFalse(w.action().isBlank());
            assertTrue(run.scenario().listing().hasLine(w.line()), w + " names a listing line");
        }
    }

    /** Stepping round robin, one probe at a time, drives the fixed lesson to its end. */
    @Test
    void stepAnyDrivesAPausedRunToTheEnd() throws Exception {
        ScenarioRun run = runs.of("lock-ordering-fixed");
        run.start();
        StepController gate = run.stepMode();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        StepController.Snapshot s = gate.snapshot();
        while (!run.completion().isDone() && System.nanoTime() < deadline) {
            if (!s.waiting().isEmpty() && gate.stepAny().isPresent()) {
                s = gate.snapshot();
                continue;
            }
            s = next(gate, s.version());
        }
        assertEquals(ScenarioRun.Status.COMPLETED, run.completion().get(10, TimeUnit.SECONDS));
        assertEquals(Map.of("moved", 2), run.result());
        assertTrue(gate.history().size() >= 12, "every probe of t1 and t2 was a step: " + gate.history().size());
        assertNull(run.deadlock());
    }

    /** A deadlock closed by steps is found while the run is still paused (the checker looks at every step). */
    @Test
    void deadlockReachedByStepsIsFoundWhilePaused() throws Exception {
        ScenarioRun run = runs.of("lock-ordering");
        run.start();
        StepController gate = run.stepMode();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        StepController.Snapshot s = gate.snapshot();
        // Always step main first, then t1 and t2 alternately: both take their first lock before either takes a second.
        while (run.deadlock() == null && System.nanoTime() < deadline) {
            boolean stepped = gate.step("main") || gate.step("t1") || gate.step("t2");
            s = stepped ? gate.snapshot() : next(gate, s.version());
        }
        assertEquals(Kind.LOCK, run.deadlock().kind());
        assertTrue(run.isPaused());
    }

    /**
     * Between steps the clock stands still, as Pause promised: a step lets it run until the step's effects are over
     * (a stepped sleep ends), then it stops again with the threads at the gate.
     */
    @Test
    void theClockStandsStillBetweenSteps() throws Exception {
        ScenarioRun run = runs.of("lock-ordering-fixed");
        run.start();
        StepController gate = run.stepMode();
        RunClock clock = run.recorder().clock();
        StepController.Snapshot s = gate.snapshot();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!s.waiting().stream().anyMatch(w -> w.thread().name().equals("t1")) && System.nanoTime() < deadline) {
            if (!gate.step("main")) s = next(gate, s.version());
            else s = gate.snapshot();
        }
        assertTrue(clock.awaitPaused(10, TimeUnit.SECONDS), "paused with t1 at the gate");

        long start = clock.now();
        assertTrue(gate.step("t1"), "t1 takes lock A");
        assertTrue(clock.awaitPaused(10, TimeUnit.SECONDS), "the clock stops once t1 is at the gate again");
        long before = clock.now();
        assertTrue(before - start >= run.units().toNanos(StepClock.STEP_UNITS),
                "the state t1 settled in has some width on the lanes");
        assertTrue(gate.waiting().stream().anyMatch(w -> w.action().equals("sleep 1")), gate.waiting().toString());

        assertTrue(gate.step("t1"), "t1 sleeps");
        assertFalse(clock.paused(), "a step lets the clock run");
        assertTrue(clock.awaitPaused(10, TimeUnit.SECONDS), "and it stops after the sleep");
        assertTrue(clock.now() - before >= run.units().toNanos(1), "the stepped sleep of 1 unit ended");
        assertTrue(gate.waiting().stream().anyMatch(w -> w.thread().name().equals("t1")), "t1 is back at the gate");
    }

    /** Resume lets a paused run finish in free run. */
    @Test
    void resumeReturnsToFreeRun() throws Exception {
        ScenarioRun run = runs.of("dining-philosophers-fixed");
        run.start();
        run.pause();
        run.resume();
        assertFalse(run.isPaused());
        assertTrue(run.await(Runs.WAIT_S, TimeUnit.SECONDS));
        assertEquals(Map.of("meals", 5), run.result());
    }
}
