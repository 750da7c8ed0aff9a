package org.threadlanes.scenario.deadlock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.threadlanes.analysis.Deadlock;
import org.threadlanes.analysis.Deadlock.Kind;
import org.threadlanes.analysis.DeadlockReport;
import org.threadlanes.scenario.Scenario;
import org.threadlanes.scenario.ScenarioRun;
import org.threadlanes.scenario.Scenarios;
import org.threadlanes.scenario.Topic;

/** The ten deadlock lessons in free run: each broken one deadlocks as its javadoc says, each fix completes. */
@Timeout(60)
class DeadlockLessonsTest {
    private final Runs runs = new Runs();

    @AfterEach
    void endRuns() throws InterruptedException {
        runs.close();
    }

    static Stream<Arguments> broken() {
        return Stream.of(
                Arguments.of("futures-wait-on-each-other", Kind.FUTURE, List.of("worker-1", "worker-2"),
                        List.of("worker-1", "future of wait_on_a", "task wait_on_a", "worker-2", "future of wait_on_b",
                                "task wait_on_b", "worker-1")),
                Arguments.of("single-worker-waits-on-itself", Kind.POOL_STARVATION, List.of("worker-1"),
                        List.of("worker-1", "future of pow(5, 2)", "task pow(5, 2)", "pool", "worker-1")),
                Arguments.of("lock-ordering", Kind.LOCK, List.of("t1", "t2"),
                        List.of("t1", "lock B", "t2", "lock A", "t1")),
                Arguments.of("dining-philosophers", Kind.LOCK,
                        List.of("phil-1", "phil-2", "phil-3", "phil-4", "phil-5"),
                        List.of("phil-1", "lock fork 2", "phil-2", "lock fork 3", "phil-3", "lock fork 4", "phil-4",
                                "lock fork 5", "phil-5", "lock fork 1", "phil-1")),
                Arguments.of("lost-wakeup", Kind.ALL_BLOCKED, List.of("main", "consumer"),
                        List.of("main", "consumer", "condition ready")));
    }

    static Stream<Arguments> fixed() {
        return Stream.of(
                Arguments.of("futures-wait-on-each-other-fixed", List.of(5, 6)),
                Arguments.of("single-worker-waits-on-itself-fixed", 25),
                Arguments.of("lock-ordering-fixed", Map.of("moved", 2)),
                Arguments.of("dining-philosophers-fixed", Map.of("meals", 5)),
                Arguments.of("lost-wakeup-fixed", Map.of("consumed", true)));
    }

    /** A broken lesson deadlocks in free run, found with its kind, its threads and its cycle in order. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("broken")
    void brokenLessonIsDetectedWithItsKindAndCycle(String id, Kind kind, List<String> threads, List<String> cycle)
            throws Exception {
        ScenarioRun run = runs.of(id);
        run.start();
        DeadlockReport report = Runs.awaitDeadlock(run);
        Deadlock d = report.deadlock();
        assertEquals(kind, d.kind(), d.explanation());
        assertEquals(threads, d.threads());
        assertEquals(cycle, d.cycle());
        assertTrue(d.explanation().startsWith("Deadlock (" + kind.words() + "): "), d.explanation());
        assertEquals(d, run.deadlock());
        assertEquals(ScenarioRun.Status.RUNNING, run.status(), "a deadlocked run does not end by itself");
    }

    /** The pool-starvation sentence is the one the issue asks for, word for word. */
    @Test
    void poolStarvationIsExplainedInPlainWords() throws Exception {
        ScenarioRun run = runs.of("single-worker-waits-on-itself");
        run.start();
        assertEquals("Deadlock (pool starvation): task wait_on_future on worker-1 waits for pow(5, 2), which is queued;"
                + " the pool's only worker is worker-1.", Runs.awaitDeadlock(run).deadlock().explanation());
    }

    /** The lock-order sentence says which lock each thread holds, which it waits for, and who holds that. */
    @Test
    void lockOrderIsExplainedInPlainWords() throws Exception {
        ScenarioRun run = runs.of("lock-ordering");
        run.start();
        assertEquals("Deadlock (lock order): t1 holds A and waits for B, held by t2; t2 holds B and waits for A, held"
                + " by t1.", Runs.awaitDeadlock(run).deadlock().explanation());
    }

    /** The thread stuck behind a cycle (main, waiting on the stuck task) is reported as a victim, not on the cycle. */
    @Test
    void mainWaitingOnAStuckTaskIsAVictim() throws Exception {
        ScenarioRun run = runs.of("single-worker-waits-on-itself");
        run.start();
        DeadlockReport r = Runs.awaitDeadlock(run);
        assertEquals(List.of("main"), r.victims().stream().map(t -> t.name()).toList());
        assertEquals(4, r.cycle().size(), "the highlighted cycle has one edge per arrow: " + r.cycle());
    }

    /** A fixed lesson completes with the result its javadoc gives, and no deadlock is reported. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("fixed")
    void fixedVariantCompletes(String id, Object result) throws Exception {
        ScenarioRun run = runs.of(id);
        run.start();
        assertTrue(run.await(Runs.WAIT_S, TimeUnit.SECONDS), id + " ended in time");
        assertEquals(ScenarioRun.Status.COMPLETED, run.status(), () -> String.valueOf(run.failure()));
        assertEquals(result, run.result());
        assertNull(run.deadlock(), () -> run.deadlock().explanation());
    }

    /** The broken pool-starvation lesson completes when the pool has a second worker. */
    @Test
    void singleWorkerLessonCompletesWithTwoWorkers() throws Exception {
        Scenario s = Scenarios.require("single-worker-waits-on-itself");
        ScenarioRun run = runs.of(s.id(), s.defaults().withUnitMs(Runs.UNIT_MS).withWorkers(2));
        run.start();
        assertTrue(run.await(Runs.WAIT_S, TimeUnit.SECONDS));
        assertEquals(25, run.result());
        assertNull(run.deadlock());
    }

    /** Every deadlock lesson is registered under DEADLOCKS, with its fix right after it in teaching order. */
    @Test
    void eachBrokenLessonHasItsFixBesideIt() {
        List<String> ids = Scenarios.all().stream().filter(s -> s.topic() == Topic.DEADLOCKS).map(Scenario::id)
                .toList();
        assertEquals(List.of("futures-wait-on-each-other", "futures-wait-on-each-other-fixed",
                "single-worker-waits-on-itself", "single-worker-waits-on-itself-fixed", "lock-ordering",
                "lock-ordering-fixed", "dining-philosophers", "dining-philosophers-fixed", "lost-wakeup",
                "lost-wakeup-fixed"), ids);
        for (Scenario s : Scenarios.all()) {
            if (s.topic() != Topic.DEADLOCKS) continue;
            assertTrue(s.listing().python().size() > 5, s.id() + " has a Python listing");
            assertTrue(s.text().expected().length() > 0, s.id() + " says what to expect");
        }
    }
}
