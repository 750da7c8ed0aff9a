package org.threadlanes.ui.deadlock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.threadlanes.analysis.Deadlock;
import org.threadlanes.analysis.DeadlockReport;
import org.threadlanes.analysis.WaitForGraph;
import org.threadlanes.scenario.ScenarioRun;
import org.threadlanes.scenario.Scenarios;

/** The deadlock view-model without a stage: sentence, kind, threads to outline, graph, and the view of the past. */
@Timeout(60)
class DeadlockViewModelTest {
    private final QueuedExecutor fx = new QueuedExecutor();
    private final DeadlockViewModel vm = new DeadlockViewModel(fx);

    /** A report gives the sentence, the kind in words, the threads on the cycle and the lane ids to outline. */
    @Test
    void reportGivesSentenceKindThreadsAndOutlinedIds() {
        WaitForGraph g = Graphs.lockCycle();
        vm.accept(g, 100);
        assertFalse(vm.isDeadlocked());
        assertTrue(vm.getCycleThreadIds().isEmpty());

        vm.accept(Graphs.lockReport(g, 150));
        assertTrue(vm.isDeadlocked());
        assertEquals(Graphs.LOCK_SENTENCE, vm.getExplanation());
        assertEquals("lock order", vm.kindTextProperty().get());
        assertEquals(List.of("t1", "t2"), vm.getThreadNames());
        assertEquals(Set.of(Graphs.T1.id(), Graphs.T2.id()), vm.getCycleThreadIds());
        assertEquals("On the cycle:", vm.threadsCaptionProperty().get());
        assertEquals("Stuck behind it: main.", vm.noteProperty().get());
        assertSame(g, vm.getGraph());
    }

    /** The same report handed over twice (listener and first read racing) is shown once. */
    @Test
    void aReportIsKeptOnce() {
        DeadlockReport r = Graphs.lockReport(Graphs.lockCycle(), 150);
        vm.accept(r);
        vm.accept(r);
        assertEquals(1, vm.getReports().size());
        assertEquals("Stuck behind it: main.", vm.noteProperty().get(), "no 'Also:' for a duplicate");
    }

    /**
     * Viewing the past shows the graph of that moment and hides a deadlock confirmed later; viewing now again
     * shows it all.
     */
    @Test
    void viewOfThePastShowsThatMomentsGraphAndHidesLaterDeadlocks() {
        WaitForGraph before = Graphs.chain(), after = Graphs.lockCycle();
        vm.accept(Graphs.allFree(), 10);
        vm.accept(before, 20);
        vm.accept(after, 30);
        vm.accept(Graphs.lockReport(after, 35));

        vm.viewTimeNsProperty().set(25);
        assertSame(before, vm.getGraph());
        assertFalse(vm.isDeadlocked());
        assertTrue(vm.getCycleThreadIds().isEmpty(), "no lane outlined before the deadlock formed");
        assertTrue(vm.deadlockFoundProperty().get(), "found, all the same");

        vm.viewTimeNsProperty().set(5);
        assertTrue(vm.getGraph().nodes().isEmpty(), "nothing seen yet");

        vm.viewTimeNsProperty().set(-1);
        assertSame(after, vm.getGraph());
        assertTrue(vm.isDeadlocked());
        assertEquals(Set.of(Graphs.T1.id(), Graphs.T2.id()), vm.getCycleThreadIds());
    }

    /** When the latest graph no longer holds the deadlock's cycle, the graph it was confirmed in is shown. */
    @Test
    void graphWithoutTheCycleFallsBackToTheReportsGraph() {
        WaitForGraph cycle = Graphs.lockCycle();
        vm.accept(Graphs.lockReport(cycle, 35));
        vm.accept(Graphs.allFree(), 40);
        assertSame(cycle, vm.getGraph());
    }

    /** Every thread blocked without a cycle is captioned as such, not as a cycle. */
    @Test
    void allBlockedIsNotCalledACycle() {
        WaitForGraph g = Graphs.chain();
        Deadlock d = new Deadlock(Deadlock.Kind.ALL_BLOCKED, List.of("main", "t1"), "Deadlock (all blocked): ...",
                List.of("main", "t1", "lock B"));
        vm.accept(new DeadlockReport(d, DeadlockReport.Source.PROBES, List.of(Graphs.MAIN, Graphs.T1), List.of(), g,
                g.edges(), 10));
        assertEquals("Blocked for good:", vm.threadsCaptionProperty().get());
        assertEquals("all blocked", vm.kindTextProperty().get());
    }

    /** A deadlock seen only by the JVM says why the graph cannot show it. */
    @Test
    void jvmDeadlockSaysTheGraphCannotShowIt() {
        Deadlock d = new Deadlock(Deadlock.Kind.LOCK, List.of("a", "b"), "Deadlock (lock order, seen by the JVM): ...",
                List.of("a", "Object@1", "b", "Object@2", "a"));
        vm.accept(new DeadlockReport(d, DeadlockReport.Source.JVM, List.of(Graphs.T1, Graphs.T2), List.of(),
                WaitForGraph.empty(), List.of(), 10));
        assertTrue(vm.noteProperty().get().startsWith("Seen by the JVM's own detector"), vm.noteProperty().get());
        assertTrue(vm.getGraph().nodes().isEmpty());
    }

    /** Nothing is accepted without a graph or report, and clear forgets all. */
    @Test
    void clearForgetsEverything() {
        assertThrows(NullPointerException.class, () -> vm.accept((WaitForGraph) null, 1));
        vm.accept(Graphs.lockCycle(), 1);
        vm.accept(Graphs.lockReport(Graphs.lockCycle(), 2));
        vm.clear();
        assertFalse(vm.isDeadlocked());
        assertNull(vm.getReport());
        assertTrue(vm.getGraph().nodes().isEmpty());
        assertTrue(vm.getThreadNames().isEmpty());
        assertTrue(vm.getCycleThreadIds().isEmpty());
    }

    /**
     * Following a real run of lock-ordering: its detector's graphs and report reach the model only through the
     * hand-over, and the model then names the deadlock; following nothing afterwards clears it and late hand-overs
     * are dropped.
     */
    @Test
    void followsARealRunsDetector() throws Exception {
        ScenarioRun run = new ScenarioRun(Scenarios.require("lock-ordering"),
                Scenarios.require("lock-ordering").defaults().withUnitMs(10));
        try {
            vm.setRun(run);
            run.start();
            run.detector().firstDeadlock().get(20, TimeUnit.SECONDS);
            assertTrue(fx.drain() > 0, "graphs and the report were handed over");
            assertTrue(vm.isDeadlocked());
            assertEquals(Graphs.LOCK_SENTENCE, vm.getExplanation());
            assertEquals(List.of("t1", "t2"), vm.getThreadNames());
            assertEquals(2, vm.getCycleThreadIds().size());
            assertTrue(vm.getGraph().edges().size() >= 4, "the cycle's four edges at least: " + vm.getGraph());

            vm.setRun(null);
            fx.drain();
            assertFalse(vm.isDeadlocked());
            assertTrue(vm.getGraph().nodes().isEmpty());
        } finally {
            run.cancel();
            assertTrue(run.awaitThreadsEnded(20, TimeUnit.SECONDS), "every thread of the run ended");
        }
    }
}
