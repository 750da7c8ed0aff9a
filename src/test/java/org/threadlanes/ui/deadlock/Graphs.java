package org.threadlanes.ui.deadlock;

import java.util.ArrayList;
import java.util.List;

import org.threadlanes.analysis.Deadlock;
import org.threadlanes.analysis.DeadlockReport;
import org.threadlanes.analysis.WaitForGraph;
import org.threadlanes.analysis.WaitForGraph.EdgeKind;
import org.threadlanes.analysis.WaitForGraph.Node;
import org.threadlanes.analysis.WaitForGraph.NodeKind;
import org.threadlanes.trace.ThreadRef;

/** Hand-made wait-for graphs and deadlock reports for the view tests. */
final class Graphs {
    static final ThreadRef MAIN = new ThreadRef(1, "main", "main");
    static final ThreadRef T1 = new ThreadRef(11, "t1", "thread");
    static final ThreadRef T2 = new ThreadRef(12, "t2", "thread");
    static final String LOCK_SENTENCE =
            "Deadlock (lock order): t1 holds A and waits for B, held by t2; t2 holds B and waits for A, held by t1.";

    // The identities of the locks: resource nodes are keyed by identity, so two graphs share them.
    private static final Object LOCK_A = new Object(), LOCK_B = new Object();

    private Graphs() {
    }

    /** main joins t1; t1 wants B, held by t2; t2 wants A, held by t1. */
    static WaitForGraph lockCycle() {
        WaitForGraph.Builder b = WaitForGraph.builder();
        Node main = b.thread(MAIN.id(), MAIN.name(), null);
        Node t1 = b.thread(T1.id(), T1.name(), null), t2 = b.thread(T2.id(), T2.name(), null);
        Node a = b.resource(NodeKind.LOCK, LOCK_A, "A"), lb = b.resource(NodeKind.LOCK, LOCK_B, "B");
        return b.edge(main, t1, EdgeKind.JOINS)
                .edge(t1, lb, EdgeKind.WAITS_FOR_LOCK).edge(lb, t2, EdgeKind.HELD_BY)
                .edge(t2, a, EdgeKind.WAITS_FOR_LOCK).edge(a, t1, EdgeKind.HELD_BY)
                .build();
    }

    /** Before the cycle closed: main joins t1; t1 wants B, held by t2; t2 runs (no wait). */
    static WaitForGraph chain() {
        WaitForGraph.Builder b = WaitForGraph.builder();
        Node main = b.thread(MAIN.id(), MAIN.name(), null);
        Node t1 = b.thread(T1.id(), T1.name(), null), t2 = b.thread(T2.id(), T2.name(), null);
        Node lb = b.resource(NodeKind.LOCK, LOCK_B, "B");
        return b.edge(main, t1, EdgeKind.JOINS)
                .edge(t1, lb, EdgeKind.WAITS_FOR_LOCK).edge(lb, t2, EdgeKind.HELD_BY)
                .build();
    }

    /** Three threads, nobody waiting. */
    static WaitForGraph allFree() {
        WaitForGraph.Builder b = WaitForGraph.builder();
        b.thread(MAIN.id(), MAIN.name(), null);
        b.thread(T1.id(), T1.name(), null);
        b.thread(T2.id(), T2.name(), null);
        return b.build();
    }

    /** The lock-order deadlock in {@code g}, confirmed at {@code tNs}. */
    static DeadlockReport lockReport(WaitForGraph g, long tNs) {
        List<WaitForGraph.Edge> cycle = new ArrayList<>();
        for (WaitForGraph.Edge e : g.edges()) if (e.kind() != EdgeKind.JOINS) cycle.add(e);
        Deadlock d = new Deadlock(Deadlock.Kind.LOCK, List.of("t1", "t2"), LOCK_SENTENCE,
                List.of("t1", "lock B", "t2", "lock A", "t1"));
        return new DeadlockReport(d, DeadlockReport.Source.PROBES, List.of(T1, T2), List.of(MAIN), g, cycle, tNs);
    }
}
