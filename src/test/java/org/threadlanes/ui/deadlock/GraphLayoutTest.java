package org.threadlanes.ui.deadlock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.threadlanes.analysis.WaitForGraph;
import org.threadlanes.analysis.WaitForGraph.EdgeKind;
import org.threadlanes.analysis.WaitForGraph.Node;
import org.threadlanes.analysis.WaitForGraph.NodeKind;

/** The wait-for graph's layout, pure: a ring for the cycle, chains left to right, free threads below, no overlap. */
class GraphLayoutTest {

    private static String id(WaitForGraph g, String label) {
        return g.nodes().stream().filter(n -> n.label().equals(label)).findFirst().orElseThrow().id();
    }

    /** Five philosophers and five forks: a lock cycle of ten nodes with main hanging from it. */
    private static WaitForGraph dining() {
        WaitForGraph.Builder b = WaitForGraph.builder();
        Node main = b.thread(1, "main", null);
        List<Node> phils = new ArrayList<>(), forks = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            phils.add(b.thread(10 + i, "phil-" + i, null));
            forks.add(b.resource(NodeKind.LOCK, new Object(), "fork " + i));
        }
        b.edge(main, phils.get(0), EdgeKind.JOINS);
        for (int i = 0; i < 5; i++) {
            b.edge(phils.get(i), forks.get((i + 1) % 5), EdgeKind.WAITS_FOR_LOCK);
            b.edge(forks.get((i + 1) % 5), phils.get((i + 1) % 5), EdgeKind.HELD_BY);
        }
        return b.build();
    }

    /** The deadlock's nodes go on a ring, in cycle order, clockwise from the top. */
    @Test
    void cycleNodesSitOnARingInCycleOrder() {
        WaitForGraph g = Graphs.lockCycle();
        var cycle = Graphs.lockReport(g, 1).cycle();
        GraphLayout.Result r = GraphLayout.of(g, cycle);

        assertEquals(List.of(id(g, "t1"), id(g, "B"), id(g, "t2"), id(g, "A")), r.ring());
        List<Double> radii = r.ring().stream().map(i -> Math.hypot(r.positions().get(i).x(), r.positions().get(i).y()))
                .toList();
        for (double d : radii) assertEquals(radii.get(0), d, 1e-9, "every ring node as far from the centre");
        GraphLayout.Point first = r.positions().get(id(g, "t1")), second = r.positions().get(id(g, "B"));
        assertTrue(first.y() < 0 && Math.abs(first.x()) < 1e-9, "the ring starts at the top");
        assertTrue(second.x() > 0, "and goes clockwise");
        GraphLayout.Point main = r.positions().get(id(g, "main"));
        assertTrue(Math.hypot(main.x(), main.y()) > radii.get(0), "main hangs outside the ring");
    }

    /** Without a report, a cycle the graph holds is still drawn as a ring. */
    @Test
    void unconfirmedCycleIsARingToo() {
        WaitForGraph g = Graphs.lockCycle();
        assertEquals(4, GraphLayout.of(g, List.of()).ring().size());
    }

    /** A chain of waits reads left to right on one row: main, t1, lock B, t2. */
    @Test
    void chainsReadLeftToRight() {
        WaitForGraph g = Graphs.chain();
        GraphLayout.Result r = GraphLayout.of(g, List.of());
        assertTrue(r.ring().isEmpty());
        double y = r.positions().get(id(g, "main")).y();
        double x = Double.NEGATIVE_INFINITY;
        for (String label : List.of("main", "t1", "B", "t2")) {
            GraphLayout.Point p = r.positions().get(id(g, label));
            assertTrue(p.x() > x, label + " right of the one before");
            assertEquals(y, p.y(), 1e-9, label + " on the same row");
            x = p.x();
        }
    }

    /** Threads that wait for nothing stand in a row below the rest. */
    @Test
    void freeThreadsStandInARowBelow() {
        WaitForGraph.Builder b = WaitForGraph.builder();
        Node t1 = b.thread(11, "t1", null), t2 = b.thread(12, "t2", null);
        b.thread(13, "idle", null);
        b.edge(t1, t2, EdgeKind.JOINS);
        WaitForGraph g = b.build();
        GraphLayout.Result r = GraphLayout.of(g, List.of());
        assertEquals(List.of(id(g, "idle")), r.free());
        assertTrue(r.positions().get(id(g, "idle")).y() > r.positions().get(id(g, "t1")).y());
    }

    /** The same graph always gets the same picture, and no two nodes share a place. */
    @Test
    void layoutIsDeterministicAndNodesDoNotCoincide() {
        WaitForGraph g = dining();
        Map<String, GraphLayout.Point> a = GraphLayout.of(g, List.of()).positions();
        Map<String, GraphLayout.Point> b = GraphLayout.of(g, List.of()).positions();
        assertEquals(a, b);
        assertEquals(g.nodes().size(), a.size(), "every node placed");
        Set<String> places = new HashSet<>();
        for (GraphLayout.Point p : a.values()) {
            assertTrue(places.add(Math.round(p.x() * 100) + "," + Math.round(p.y() * 100)), "a place of its own: " + p);
        }
        assertEquals(10, GraphLayout.of(g, List.of()).ring().size(), "the ring of five philosophers and five forks");
    }

    /** Edges that do not close one cycle (every thread blocked, no cycle) give no ring. */
    @Test
    void edgesThatDoNotCloseACycleGiveNoRing() {
        WaitForGraph g = Graphs.chain();
        assertTrue(GraphLayout.ringOrder(g.edges()).isEmpty());
        assertTrue(GraphLayout.ringOrder(List.of()).isEmpty());
    }
}
