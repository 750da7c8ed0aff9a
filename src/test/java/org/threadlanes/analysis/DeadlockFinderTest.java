package org.threadlanes.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.threadlanes.analysis.DeadlockFinder.Finding;
import org.threadlanes.analysis.RunSampler.Sample;
import org.threadlanes.analysis.RunSampler.Standing;
import org.threadlanes.analysis.RunSampler.ThreadView;
import org.threadlanes.analysis.WaitForGraph.EdgeKind;
import org.threadlanes.analysis.WaitForGraph.Node;
import org.threadlanes.analysis.WaitForGraph.NodeKind;
import org.threadlanes.executor.Wait;
import org.threadlanes.trace.BlockReason;
import org.threadlanes.trace.ThreadRef;

/** Kinds and sentences of findings, on hand-made samples. */
class DeadlockFinderTest {
    private final WaitForGraph.Builder g = WaitForGraph.builder();

    private static ThreadView view(long id, String name, Standing standing) {
        ThreadRef ref = new ThreadRef(id, name, "thread");
        return new ThreadView(ref, standing, new Wait(ref, BlockReason.LOCK, null, "", 0, false));
    }

    /** Two workers waiting on each other's running tasks: FUTURE, said as the course material says it. */
    @Test
    void futuresWaitingOnEachOtherAreKindFuture() {
        Object fa = new Object(), fb = new Object();
        Node w1 = g.thread(1, "worker-1", "wait_on_b"), w2 = g.thread(2, "worker-2", "wait_on_a");
        Node futureA = g.resource(NodeKind.FUTURE, fa, "wait_on_b"), taskA = g.resource(NodeKind.TASK, fa, "wait_on_b");
        Node futureB = g.resource(NodeKind.FUTURE, fb, "wait_on_a"), taskB = g.resource(NodeKind.TASK, fb, "wait_on_a");
        g.edge(w1, futureB, EdgeKind.WAITS_ON_FUTURE).edge(futureB, taskB, EdgeKind.RESULT_OF)
                .edge(taskB, w2, EdgeKind.RUNS_ON)
                .edge(w2, futureA, EdgeKind.WAITS_ON_FUTURE).edge(futureA, taskA, EdgeKind.RESULT_OF)
                .edge(taskA, w1, EdgeKind.RUNS_ON);
        Sample s = new Sample(g.build(), List.of(view(1, "worker-1", Standing.BLOCKED),
                view(2, "worker-2", Standing.BLOCKED)));
        List<Finding> found = DeadlockFinder.find(s, 0);
        assertEquals(1, found.size());
        Deadlock d = found.get(0).report().deadlock();
        assertEquals(Deadlock.Kind.FUTURE, d.kind());
        assertEquals("Deadlock (futures): task wait_on_b on worker-1 waits for wait_on_a, which runs on worker-2;"
                + " task wait_on_a on worker-2 waits for wait_on_b, which runs on worker-1.", d.explanation());
    }

    /** Two starved workers: the pool clause counts them and names them both. */
    @Test
    void poolClauseNamesEveryBusyWorker() {
        Object f1 = new Object(), f2 = new Object(), pool = new Object();
        Node w1 = g.thread(1, "worker-1", "outer(1)"), w2 = g.thread(2, "worker-2", "outer(2)");
        Node p = g.resource(NodeKind.POOL, pool, "pool");
        for (Object[] x : new Object[][]{{w1, f1, "inner(1)"}, {w2, f2, "inner(2)"}}) {
            Node f = g.resource(NodeKind.FUTURE, x[1], (String) x[2]), t = g.resource(NodeKind.TASK, x[1], (String) x[2]);
            g.edge((Node) x[0], f, EdgeKind.WAITS_ON_FUTURE).edge(f, t, EdgeKind.RESULT_OF).edge(t, p, EdgeKind.QUEUED_IN);
        }
        g.edge(p, w1, EdgeKind.BUSY_WORKER).edge(p, w2, EdgeKind.BUSY_WORKER);
        Sample s = new Sample(g.build(), List.of(view(1, "worker-1", Standing.BLOCKED),
                view(2, "worker-2", Standing.BLOCKED)));
        Deadlock d = DeadlockFinder.find(s, 0).get(0).report().deadlock();
        assertEquals(Deadlock.Kind.POOL_STARVATION, d.kind());
        assertEquals("Deadlock (pool starvation): task outer(1) on worker-1 waits for inner(1), which is queued;"
                + " task outer(2) on worker-2 waits for inner(2), which is queued; the pool's 2 workers, worker-1 and"
                + " worker-2, are all busy.", d.explanation());
        assertEquals(List.of("worker-1", "worker-2"), d.threads());
    }

    /** With one thread still able to move, blocked threads without a cycle are no deadlock. */
    @Test
    void allBlockedNeedsEveryLiveThreadBlocked() {
        Node c = g.thread(1, "consumer", null), main = g.thread(0, "main", null);
        g.thread(2, "producer", null);
        g.edge(main, c, EdgeKind.JOINS).edge(c, g.resource(NodeKind.CONDITION, c, "ready"), EdgeKind.WAITS_ON);
        WaitForGraph graph = g.build();
        List<ThreadView> stuck = List.of(view(0, "main", Standing.BLOCKED), view(1, "consumer", Standing.BLOCKED));
        assertTrue(DeadlockFinder.find(new Sample(graph, List.of(stuck.get(0), stuck.get(1),
                view(2, "producer", Standing.ACTIVE))), 0).isEmpty());
        assertTrue(DeadlockFinder.find(new Sample(graph, List.of(stuck.get(0), stuck.get(1),
                view(2, "producer", Standing.AT_GATE))), 0).isEmpty(), "a thread at the step gate can still move");

        List<Finding> found = DeadlockFinder.find(new Sample(graph, List.of(stuck.get(0), stuck.get(1),
                view(3, "worker-1", Standing.IDLE))), 0);
        Deadlock d = found.get(0).report().deadlock();
        assertEquals(Deadlock.Kind.ALL_BLOCKED, d.kind());
        assertEquals(List.of("main", "consumer"), d.threads());
        assertEquals(List.of("main", "consumer", "condition ready"), d.cycle());
        assertEquals("Deadlock (all blocked): main waits for consumer to end; consumer waits for a signal on ready;"
                + " no thread is left that could wake them.", d.explanation());
    }

    /** The same threads caught in new waits make a new signature, so a deadlock that re-forms is seen afresh. */
    @Test
    void signatureFollowsTheWaitObjects() {
        Node t1 = g.thread(1, "t1", null), t2 = g.thread(2, "t2", null);
        Object la = new Object(), lb = new Object();
        Node a = g.resource(NodeKind.LOCK, la, "A"), b = g.resource(NodeKind.LOCK, lb, "B");
        g.edge(t1, b, EdgeKind.WAITS_FOR_LOCK).edge(b, t2, EdgeKind.HELD_BY)
                .edge(t2, a, EdgeKind.WAITS_FOR_LOCK).edge(a, t1, EdgeKind.HELD_BY);
        WaitForGraph graph = g.build();
        List<ThreadView> views = List.of(view(1, "t1", Standing.BLOCKED), view(2, "t2", Standing.BLOCKED));
        String first = DeadlockFinder.find(new Sample(graph, views), 0).get(0).signature();
        assertEquals(first, DeadlockFinder.find(new Sample(graph, views), 0).get(0).signature());
        List<ThreadView> again = List.of(view(1, "t1", Standing.BLOCKED), view(2, "t2", Standing.BLOCKED));
        assertNotEquals(first, DeadlockFinder.find(new Sample(graph, again), 0).get(0).signature());
    }

    /** The plain data for the trace keeps kind, threads, explanation and cycle, in that order. */
    @Test
    void deadlockAsMapIsPlainData() {
        Deadlock d = new Deadlock(Deadlock.Kind.POOL_STARVATION, List.of("worker-1"), "Deadlock (pool starvation): x.",
                List.of("worker-1", "pool", "worker-1"));
        assertEquals(List.of("kind", "threads", "explanation", "cycle"), List.copyOf(d.asMap().keySet()));
        assertEquals("POOL_STARVATION", d.asMap().get("kind"));
    }

    /** Jackson writes the record as the trace's "deadlock" object, kind as its name. */
    @Test
    void deadlockWritesAsTheTraceObject() throws Exception {
        Deadlock d = new Deadlock(Deadlock.Kind.LOCK, List.of("t1", "t2"), "Deadlock (lock order): x.",
                List.of("t1", "lock B", "t2", "lock A", "t1"));
        assertEquals("{\"kind\":\"LOCK\",\"threads\":[\"t1\",\"t2\"],\"explanation\":\"Deadlock (lock order): x.\","
                + "\"cycle\":[\"t1\",\"lock B\",\"t2\",\"lock A\",\"t1\"]}",
                new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(d));
    }
}
