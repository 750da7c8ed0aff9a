package org.threadlanes.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.threadlanes.scenario.lessons.FibonacciCondition;
import org.threadlanes.scenario.lessons.LoiterMap;
import org.threadlanes.scenario.lessons.ThreadLifecycle;
import org.threadlanes.trace.BlockReason;
import org.threadlanes.trace.Event;
import org.threadlanes.trace.EventKind;
import org.threadlanes.trace.ThreadState;

/** The first three lessons: their results and the state sequences their lanes must show. */
class CoreLessonsTest {
    private ScenarioRun run;

    @AfterEach
    void endRun() throws InterruptedException {
        if (run != null) {
            run.cancel();
            assertTrue(run.awaitThreadsEnded(10, TimeUnit.SECONDS), "every thread of the run ended");
        }
    }

    private List<Event> runToEnd(Scenario s, Settings settings) throws InterruptedException {
        run = new ScenarioRun(s, settings);
        run.start();
        assertTrue(run.await(30, TimeUnit.SECONDS), "the lesson finished");
        assertEquals(ScenarioRun.Status.COMPLETED, run.status(), () -> "failure: " + run.failure());
        return run.recorder().snapshot();
    }

    private static List<String> statesOf(List<Event> events, String thread) {
        List<String> out = new ArrayList<>();
        for (Event e : events) {
            if (!e.thread().name().equals(thread) || e.state() == null) continue;
            String s = e.reason() == null ? e.state().name() : e.state() + "(" + e.reason() + ")";
            if (out.isEmpty() || !out.get(out.size() - 1).equals(s)) out.add(s);
        }
        return out;
    }

    /**
     * The reader goes created → ready → running → blocked on I/O → running → concluded, and with the lesson's one
     * core CREATED and READY each last about half a unit, long enough to see; the result is that path.
     */
    @Test
    void threadLifecycleWalksAllFiveStates() throws InterruptedException {
        List<Event> events = runToEnd(new ThreadLifecycle(), new ThreadLifecycle().defaults().withUnitMs(20));
        assertEquals(List.of("CREATED", "READY", "RUNNING", "BLOCKED(IO)", "RUNNING", "CONCLUDED"),
                statesOf(events, "reader"));
        assertEquals(List.of("READY", "RUNNING", "BLOCKED(JOIN)", "RUNNING", "CONCLUDED"), statesOf(events, "main"));
        double unitNs = run.units().toNanos(1);
        assertTrue(unitsIn(events, "reader", ThreadState.CREATED) / unitNs >= 0.45, "created for about half a unit");
        assertTrue(unitsIn(events, "reader", ThreadState.READY) / unitNs >= 0.45, "ready for about half a unit");
        assertEquals(Map.of("reader", "created → ready → running → blocked → running → concluded"), run.result());
    }

    /** With two cores the reader never waits for one: READY is there, but lasts no time to speak of. */
    @Test
    void threadLifecycleOnTwoCoresHasNoWaitForACore() throws InterruptedException {
        List<Event> events = runToEnd(new ThreadLifecycle(), new Settings(1, 2, 100));
        assertTrue(unitsIn(events, "reader", ThreadState.READY) / run.units().toNanos(1) < 0.2,
                "ready only in passing");
    }

    /** How long, in nanoseconds, a thread's lane spent in a state over the whole run. */
    private static double unitsIn(List<Event> events, String thread, ThreadState state) {
        double total = 0;
        Event open = null;
        for (Event e : events) {
            if (!e.thread().name().equals(thread) || e.state() == null) continue;
            if (open != null && open.state() == state) total += e.tNs() - open.tNs();
            open = e;
        }
        return total;
    }

    /** Every consumer is blocked on the condition before the producer signals, and the terms are right. */
    @Test
    void fibonacciConsumersAllWaitOnTheConditionBeforeTheSignal() throws InterruptedException {
        List<Event> events = runToEnd(new FibonacciCondition(), new Settings(4, 2, 10));
        assertEquals(Map.of("3", 2L, "10", 55L, "5", 5L, "7", 13L), run.result());

        // The producer signals while holding the lock, so its lock acquisition precedes the signal.
        int producerWith = run.scenario().listing().lineOf("with cond:", 2);
        long signalSeq = events.stream()
                .filter(e -> e.thread().name().equals("producer") && e.state() == ThreadState.RUNNING
                        && e.line() == producerWith)
                .mapToLong(Event::seq).min().orElseThrow();
        for (int i = 1; i <= 4; i++) {
            String name = "consumer-" + i;
            boolean waitedBefore = events.stream().anyMatch(e -> e.thread().name().equals(name)
                    && e.reason() == BlockReason.CONDITION && e.seq() < signalSeq);
            assertTrue(waitedBefore, name + " was BLOCKED(CONDITION) before the producer signalled");
            // Woken by notify_all, it waits for the lock the producer holds, then takes it in its turn.
            List<String> states = statesOf(events, name);
            int waited = states.indexOf("BLOCKED(CONDITION)");
            assertEquals("BLOCKED(LOCK)", states.get(waited + 1), name + ": " + states);
            assertTrue(states.subList(waited + 2, states.size()).contains("RUNNING"), name + ": " + states);
            assertTrue(events.stream().anyMatch(e -> e.thread().name().equals(name) && e.reason() == BlockReason.LOCK
                    && e.detail().contains("woken by notify_all")), name);
            assertEquals("CONCLUDED", statesOf(events, name).get(statesOf(events, name).size() - 1));
        }
    }

    /** map returns results in submission order; loiter(3) starts only when loiter(0) has freed a worker. */
    @Test
    void loiterMapKeepsSubmissionOrderOnThreeWorkers() throws InterruptedException {
        List<Event> events = runToEnd(new LoiterMap(), new Settings(3, 2, 10));
        assertEquals(List.of(0, 10, 20, 30, 40), run.result());

        long finished0 = seqOf(events, EventKind.FINISHED, "loiter(0)", 1);
        long started3 = seqOf(events, EventKind.STARTED, "loiter(3)", 4);
        assertTrue(started3 > finished0, "loiter(3) waits in the queue until loiter(0) ends");
        assertTrue(events.stream().anyMatch(e -> e.thread().name().equals("main")
                && e.reason() == BlockReason.FUTURE), "main blocks on a future");
        long workers = events.stream().filter(e -> e.state() == ThreadState.CREATED
                && e.thread().role().equals("worker")).count();
        assertEquals(3, workers, "a pool of three workers");
    }

    /** The id of the task with this label, found from its SUBMITTED event; then the seq of its event of kind. */
    private static long seqOf(List<Event> events, EventKind kind, String label, long expectedTask) {
        long task = events.stream().filter(e -> e.kind() == EventKind.SUBMITTED && label.equals(e.detail()))
                .mapToLong(Event::task).findFirst().orElseThrow();
        assertEquals(expectedTask, task, "task id of " + label);
        return events.stream().filter(e -> e.kind() == kind && e.task() == task).mapToLong(Event::seq)
                .findFirst().orElseThrow();
    }
}
