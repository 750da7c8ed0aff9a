package org.threadlanes.scenario.deadlock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.threadlanes.analysis.Deadlock.Kind;
import org.threadlanes.executor.StepController;
import org.threadlanes.executor.StepScript;
import org.threadlanes.scenario.ScenarioRun;
import org.threadlanes.trace.Event;
import org.threadlanes.trace.ThreadState;

/** Scripted step sequences: the user as scheduler, headless. One interleaving deadlocks, another does not. */
@Timeout(60)
class StepScriptTest {
    private final Runs runs = new Runs();

    @AfterEach
    void endRuns() throws InterruptedException {
        runs.close();
    }

    /** Starts {@code id} in step mode, takes the steps, and returns how it went; the rest of the run is left held. */
    private StepScript.Outcome play(ScenarioRun run, String steps) throws InterruptedException {
        StepScript script = StepScript.parse(steps);
        run.stepMode(script.controller(run.recorder()::now));
        run.start();
        return script.play(run.stepper(), run.probe(), () -> run.deadlock() != null || run.completion().isDone(),
                Runs.WAIT_S, TimeUnit.SECONDS);
    }

    /** t1 takes A and t2 takes B before either reaches for the other: the lock-order deadlock, every time. */
    @Test
    void stepsThatInterleaveTheFirstLocksReachTheDeadlock() throws Exception {
        ScenarioRun run = runs.of("lock-ordering");
        StepScript.Outcome o = play(run, "t1,t2,t1,t2,t1,t2");
        assertNull(o.problem());
        assertEquals(Kind.LOCK, Runs.awaitDeadlock(run).deadlock().kind());
        assertEquals(List.of("t1", "t2", "t1", "t2", "t1", "t2"), run.stepper().script());
    }

    /** t1 takes both locks before t2 starts: the same broken code completes. */
    @Test
    void stepsThatLetOneThreadTakeBothLocksAvoidTheDeadlock() throws Exception {
        ScenarioRun run = runs.of("lock-ordering");
        StepScript.Outcome o = play(run, "t1,t1,t1");
        assertTrue(o.complete(), String.valueOf(o));
        run.resume();
        assertTrue(run.await(Runs.WAIT_S, TimeUnit.SECONDS));
        assertEquals(Map.of("moved", 2), run.result());
        assertNull(run.deadlock());
    }

    /** Five left forks taken in turn close the ring; letting phil-1 eat first breaks it. */
    @Test
    void diningPhilosophersCanBeSteeredEitherWay() throws Exception {
        ScenarioRun ring = runs.of("dining-philosophers");
        play(ring, "phil-1,phil-2,phil-3,phil-4,phil-5");
        ring.resume();
        assertEquals(5, Runs.awaitDeadlock(ring).deadlock().threads().size());

        ScenarioRun eatFirst = runs.of("dining-philosophers");
        assertTrue(play(eatFirst, "phil-1,phil-1,phil-1").complete());
        eatFirst.resume();
        assertTrue(eatFirst.await(Runs.WAIT_S, TimeUnit.SECONDS));
        assertEquals(Map.of("meals", 5), eatFirst.result());
    }

    /** The producer signalling first loses the wake-up; the consumer waiting first receives it. */
    @Test
    void lostWakeupCanBeSteeredEitherWay() throws Exception {
        ScenarioRun lost = runs.of("lost-wakeup");
        assertTrue(play(lost, "producer,producer,producer").complete());
        lost.resume();
        assertEquals(Kind.ALL_BLOCKED, Runs.awaitDeadlock(lost).deadlock().kind());

        ScenarioRun caught = runs.of("lost-wakeup");
        assertTrue(play(caught, "consumer,consumer,consumer").complete());
        caught.resume();
        assertTrue(caught.await(Runs.WAIT_S, TimeUnit.SECONDS));
        assertNull(caught.deadlock());
    }

    /** The same steps give the same interleaving: each thread's actions, waits and the gate's history repeat. */
    @Test
    void replayingTheSameStepsIsDeterministic() throws Exception {
        String steps = "t1,t2,t1,t1,t1,t1,t1,t2,t2,t2,t2,t2";
        List<Object> first = null;
        for (int i = 0; i < 3; i++) {
            ScenarioRun run = runs.of("lock-ordering-fixed");
            assertTrue(play(run, steps).complete());
            List<Object> seen = List.of(gateHistory(run.stepper()), lanes(run));
            run.resume();
            assertTrue(run.await(Runs.WAIT_S, TimeUnit.SECONDS));
            if (first == null) first = seen;
            else assertEquals(first, seen, "replay " + (i + 1));
        }
        @SuppressWarnings("unchecked")
        List<String> history = (List<String>) first.get(0);
        assertEquals("t2: lock A", history.get(1));
        assertEquals("t2: sleep 1", history.get(7), "t2 gets A only once t1 has let it go");
    }

    /**
     * The run's main thread counts from the moment start returns, before it has run a line: a busy machine may take
     * a while to schedule it, and a driver that saw no thread at all took the empty run for a settled one (step 1
     * then found nobody at the gate).
     */
    @Test
    void aRunThatHasNotBegunIsNotEmpty() throws Exception {
        ScenarioRun run = runs.of("lock-ordering");
        run.stepMode(StepScript.parse("t1").controller(run.recorder()::now));
        run.start();
        assertTrue(run.probe().threads().stream().anyMatch(t -> t.getName().equals("main")),
                String.valueOf(run.probe().threads()));
    }

    /** A step naming a thread the lesson does not have fails with one clear sentence. */
    @Test
    void stepForAMissingThreadSaysSo() throws Exception {
        ScenarioRun run = runs.of("lock-ordering");
        StepScript.Outcome o = play(run, "t1,t3");
        assertEquals(1, o.taken());
        assertTrue(o.problem().startsWith("step 2: there is no thread 't3'"), o.problem());
    }

    /** An empty list or an empty name is refused with a message that says where. */
    @Test
    void parseRefusesEmptyNames() {
        assertEquals("--steps has an empty thread name at position 2 of 't1,,t2'",
                assertThrows(IllegalArgumentException.class, () -> StepScript.parse("t1,,t2")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> StepScript.parse(" "));
        assertEquals(List.of("t1", "t2"), StepScript.parse(" t1 , t2").names());
    }

    private static List<String> gateHistory(StepController gate) {
        return gate.history().stream().map(s -> s.thread().name() + ": " + s.action()).toList();
    }

    /** Per scripted thread: its pending actions, its waits and its end, in order (not its core waits). */
    private static Map<String, List<String>> lanes(ScenarioRun run) {
        Map<String, List<String>> lanes = new LinkedHashMap<>();
        for (Event e : run.recorder().snapshot()) {
            String name = e.thread().name();
            if (!name.equals("t1") && !name.equals("t2")) continue;
            boolean pending = e.state() == ThreadState.READY && e.detail() != null;
            if (pending || e.state() == ThreadState.BLOCKED || e.state() == ThreadState.CONCLUDED) {
                lanes.computeIfAbsent(name, k -> new ArrayList<>()).add(e.state() + " " + e.reason() + " "
                        + e.detail() + " @" + e.line());
            }
        }
        return lanes;
    }
}
