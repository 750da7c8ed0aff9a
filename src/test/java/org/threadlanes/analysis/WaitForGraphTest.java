package org.threadlanes.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.threadlanes.analysis.WaitForGraph.EdgeKind;
import org.threadlanes.analysis.WaitForGraph.Node;
import org.threadlanes.analysis.WaitForGraph.NodeKind;

/** Which waits are deadlocks, on hand-built graphs. */
class WaitForGraphTest {
    private final WaitForGraph.Builder g = WaitForGraph.builder();
    private final Object lockA = new Object(), lockB = new Object(), future = new Object(), pool = new Object();

    private Node lock(Object identity, String name) {
        return g.resource(NodeKind.LOCK, identity, name);
    }

    /** Two threads each holding the lock the other wants form one deadlocked component with both in it. */
    @Test
    void lockCycleIsADeadlock() {
        Node t1 = g.thread(1, "t1", null), t2 = g.thread(2, "t2", null);
        Node a = lock(lockA, "A"), b = lock(lockB, "B");
        g.edge(t1, b, EdgeKind.WAITS_FOR_LOCK).edge(b, t2, EdgeKind.HELD_BY)
                .edge(t2, a, EdgeKind.WAITS_FOR_LOCK).edge(a, t1, EdgeKind.HELD_BY);
        WaitForGraph graph = g.build();
        assertEquals(List.of(Set.of(t1, t2, a, b)), graph.deadlockedComponents());
        assertEquals(List.of(b, t2, a, t1), graph.cycleThrough(t1, Set.of(t1, t2, a, b)).stream()
                .map(WaitForGraph.Edge::to).toList());
    }

    /** A chain that ends at a thread that can still move (no way out) is no deadlock. */
    @Test
    void chainEndingAtAMovingThreadIsFree() {
        Node t1 = g.thread(1, "t1", null), t2 = g.thread(2, "t2", null);
        Node a = lock(lockA, "A");
        g.edge(t1, a, EdgeKind.WAITS_FOR_LOCK).edge(a, t2, EdgeKind.HELD_BY);
        WaitForGraph graph = g.build();
        assertTrue(graph.doomed().isEmpty());
        assertTrue(graph.deadlockedComponents().isEmpty());
    }

    /** A queued task is not stuck while one busy worker of its pool can still finish and take it. */
    @Test
    void poolWithAWorkerThatCanFinishIsNotStarved() {
        Node w1 = g.thread(1, "worker-1", "outer"), w2 = g.thread(2, "worker-2", "loiter");
        Node f = g.resource(NodeKind.FUTURE, future, "inner"), t = g.resource(NodeKind.TASK, future, "inner");
        Node p = g.resource(NodeKind.POOL, pool, "pool");
        g.edge(w1, f, EdgeKind.WAITS_ON_FUTURE).edge(f, t, EdgeKind.RESULT_OF).edge(t, p, EdgeKind.QUEUED_IN)
                .edge(p, w1, EdgeKind.BUSY_WORKER).edge(p, w2, EdgeKind.BUSY_WORKER);
        assertTrue(g.build().deadlockedComponents().isEmpty(), "worker-2 is running and will free up");
    }

    /** When every busy worker of the pool waits on a queued task, the pool and its workers are one deadlock. */
    @Test
    void poolWhoseBusyWorkersAllWaitOnQueuedTasksIsStarved() {
        Node w1 = g.thread(1, "worker-1", "outer"), w2 = g.thread(2, "worker-2", "outer2");
        Object f2 = new Object();
        Node fa = g.resource(NodeKind.FUTURE, future, "a"), ta = g.resource(NodeKind.TASK, future, "a");
        Node fb = g.resource(NodeKind.FUTURE, f2, "b"), tb = g.resource(NodeKind.TASK, f2, "b");
        Node p = g.resource(NodeKind.POOL, pool, "pool");
        g.edge(w1, fa, EdgeKind.WAITS_ON_FUTURE).edge(fa, ta, EdgeKind.RESULT_OF).edge(ta, p, EdgeKind.QUEUED_IN)
                .edge(w2, fb, EdgeKind.WAITS_ON_FUTURE).edge(fb, tb, EdgeKind.RESULT_OF).edge(tb, p, EdgeKind.QUEUED_IN)
                .edge(p, w1, EdgeKind.BUSY_WORKER).edge(p, w2, EdgeKind.BUSY_WORKER);
        List<Set<Node>> deadlocks = g.build().deadlockedComponents();
        assertEquals(1, deadlocks.size());
        assertTrue(deadlocks.get(0).containsAll(List.of(w1, w2, p)));
    }

    /** A thread waiting on a member of a cycle is doomed too, but it is not part of the cycle's component. */
    @Test
    void threadBehindACycleIsDoomedButNotOnIt() {
        Node t1 = g.thread(1, "t1", null), t2 = g.thread(2, "t2", null), main = g.thread(0, "main", null);
        Node a = lock(lockA, "A"), b = lock(lockB, "B");
        g.edge(t1, b, EdgeKind.WAITS_FOR_LOCK).edge(b, t2, EdgeKind.HELD_BY)
                .edge(t2, a, EdgeKind.WAITS_FOR_LOCK).edge(a, t1, EdgeKind.HELD_BY)
                .edge(main, t1, EdgeKind.JOINS);
        WaitForGraph graph = g.build();
        assertTrue(graph.doomed().contains(main));
        assertTrue(graph.deadlockedComponents().stream().noneMatch(c -> c.contains(main)));
    }

    /** Threads waiting on a condition point at a node with no way out: no cycle, nothing doomed. */
    @Test
    void conditionWaitsAloneAreNotACycle() {
        Node c = g.thread(1, "consumer", null), main = g.thread(0, "main", null);
        g.edge(main, c, EdgeKind.JOINS).edge(c, g.resource(NodeKind.CONDITION, lockA, "ready"), EdgeKind.WAITS_ON);
        WaitForGraph graph = g.build();
        assertTrue(graph.deadlockedComponents().isEmpty());
        assertTrue(graph.doomed().isEmpty());
    }
}
