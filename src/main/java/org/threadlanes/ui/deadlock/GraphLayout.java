package org.threadlanes.ui.deadlock;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.threadlanes.analysis.WaitForGraph;
import org.threadlanes.analysis.WaitForGraph.Edge;
import org.threadlanes.analysis.WaitForGraph.Node;
import org.threadlanes.analysis.WaitForGraph.NodeKind;

/**
 * A deterministic layout of a wait-for graph in abstract units (one unit is about one node apart; the view scales
 * x and y to its size). The same graph always gets the same picture, so a graph that changes by one edge at a step
 * does not jump about.
 *
 * <ul>
 *   <li>A cycle (the deadlock's, else the first the graph holds) goes on a ring, in cycle order, clockwise from the
 *       top, so it reads as a circle of waiting.</li>
 *   <li>Nodes linked to the ring fan out around it, beside the ring node they hang from, one ring further out per
 *       link.</li>
 *   <li>Other linked nodes form layers from left to right: a waiter left of what it waits for, chains on one row.</li>
 *   <li>Threads that wait for nothing stand in a row at the bottom.</li>
 * </ul>
 * Pure: no JavaFX, no threads.
 */
final class GraphLayout {
    /** A position in abstract units. */
    record Point(double x, double y) {
    }

    /**
     * @param positions every node's centre, by node id
     * @param ring      the ids of the nodes on the ring, in cycle order (empty if no cycle)
     * @param free      the ids of the nodes with no edge at all (the bottom row)
     */
    record Result(Map<String, Point> positions, List<String> ring, List<String> free) {
        double minX() { return positions.values().stream().mapToDouble(Point::x).min().orElse(0); }
        double maxX() { return positions.values().stream().mapToDouble(Point::x).max().orElse(0); }
        double minY() { return positions.values().stream().mapToDouble(Point::y).min().orElse(0); }
        double maxY() { return positions.values().stream().mapToDouble(Point::y).max().orElse(0); }
    }

    /** A node to place, and the row it would like (its parent's). */
    private record Visit(String id, int row) {
    }

    /** Distance between layers, and between rows of a layer. */
    static final double LAYER_DX = 1.0, ROW_DY = 1.0;
    /** How far out each link from the ring goes. */
    static final double RING_STEP = 1.0;

    private GraphLayout() {
    }

    /** An edge's identity across graphs of one run: its nodes' ids and its kind. */
    static String key(Edge e) {
        return e.from().id() + " " + e.kind() + " " + e.to().id();
    }

    /** Lays out {@code g}, with the ring taken from {@code cycle} when those edges close a cycle. */
    static Result of(WaitForGraph g, Collection<Edge> cycle) {
        Map<String, Point> pos = new LinkedHashMap<>();
        Set<String> linked = new LinkedHashSet<>();
        for (Edge e : g.edges()) {
            linked.add(e.from().id());
            linked.add(e.to().id());
        }
        List<String> ring = ringOrder(cycle);
        if (ring.isEmpty()) ring = firstCycle(g);

        if (!ring.isEmpty()) placeRing(g, ring, linked, pos);
        // Whatever is linked but not placed yet: layers, below the ring if there is one.
        List<Node> rest = new ArrayList<>();
        for (Node n : g.nodes()) if (linked.contains(n.id()) && !pos.containsKey(n.id())) rest.add(n);
        if (!rest.isEmpty()) {
            double top = pos.isEmpty() ? 0 : maxY(pos) + 1.5 * ROW_DY;
            double left = pos.isEmpty() ? 0 : minX(pos);
            placeLayers(g, rest, left, top, pos);
        }
        List<String> free = new ArrayList<>();
        for (Node n : g.nodes()) if (!linked.contains(n.id())) free.add(n.id());
        placeRow(free, pos);
        return new Result(pos, ring, free);
    }

    /** The node ids along {@code cycle} if its edges form exactly one closed cycle, else empty. */
    static List<String> ringOrder(Collection<Edge> cycle) {
        if (cycle.isEmpty()) return List.of();
        Map<String, String> next = new LinkedHashMap<>();
        for (Edge e : cycle) {
            if (next.put(e.from().id(), e.to().id()) != null) return List.of();
        }
        String start = cycle.iterator().next().from().id();
        List<String> order = new ArrayList<>();
        String at = start;
        do {
            order.add(at);
            at = next.get(at);
            if (at == null || order.size() > next.size()) return List.of();
        } while (!at.equals(start));
        return order.size() == next.size() ? order : List.of();
    }

    /** A cycle the graph holds (a deadlock not confirmed yet), for the layout only. */
    private static List<String> firstCycle(WaitForGraph g) {
        List<Set<Node>> comps = g.deadlockedComponents();
        if (comps.isEmpty()) return List.of();
        Set<Node> comp = comps.get(0);
        Node start = comp.stream().filter(n -> n.kind() == NodeKind.THREAD).findFirst().orElse(comp.iterator().next());
        return ringOrder(g.cycleThrough(start, comp));
    }

    private static void placeRing(WaitForGraph g, List<String> ring, Set<String> linked, Map<String, Point> pos) {
        int n = ring.size();
        // Neighbours on the ring about one unit apart, and never a ring smaller than one unit.
        double r = Math.max(1.0, 1.1 * n / (2 * Math.PI));
        Map<String, Double> angle = new HashMap<>();
        Map<String, Double> radius = new HashMap<>();
        for (int i = 0; i < n; i++) {
            double a = -Math.PI / 2 + 2 * Math.PI * i / n;
            angle.put(ring.get(i), a);
            radius.put(ring.get(i), r);
            pos.put(ring.get(i), new Point(r * Math.cos(a), r * Math.sin(a)));
        }
        // Breadth first from the ring over links in both directions; each node hangs from the first it was reached by.
        Map<String, List<String>> neighbours = new HashMap<>();
        for (Edge e : g.edges()) {
            neighbours.computeIfAbsent(e.from().id(), k -> new ArrayList<>()).add(e.to().id());
            neighbours.computeIfAbsent(e.to().id(), k -> new ArrayList<>()).add(e.from().id());
        }
        Map<String, List<String>> children = new LinkedHashMap<>();
        ArrayDeque<String> queue = new ArrayDeque<>(ring);
        Set<String> seen = new HashSet<>(ring);
        while (!queue.isEmpty()) {
            String at = queue.poll();
            for (String nb : neighbours.getOrDefault(at, List.of())) {
                if (!linked.contains(nb) || !seen.add(nb)) continue;
                children.computeIfAbsent(at, k -> new ArrayList<>()).add(nb);
                queue.add(nb);
            }
        }
        // Parents before children: the breadth-first order of the map's insertion.
        double slice = 2 * Math.PI / n;
        for (Map.Entry<String, List<String>> c : children.entrySet()) {
            double a0 = angle.get(c.getKey());
            double r0 = radius.get(c.getKey());
            List<String> kids = c.getValue();
            int k = kids.size();
            double spread = Math.min(0.45, 0.8 * slice / Math.max(1, k));
            for (int j = 0; j < k; j++) {
                double a = a0 + (j - (k - 1) / 2.0) * spread;
                double rr = r0 + RING_STEP;
                angle.put(kids.get(j), a);
                radius.put(kids.get(j), rr);
                pos.put(kids.get(j), new Point(rr * Math.cos(a), rr * Math.sin(a)));
            }
        }
    }

    /**
     * Layers from left to right: a node's layer is the longest path to it from a node nothing points at (capped at
     * the node count, in case of a cycle). Rows follow chains: a node takes its parent's row when free.
     */
    private static void placeLayers(WaitForGraph g, List<Node> nodes, double left, double top,
                                    Map<String, Point> pos) {
        Set<String> ids = new HashSet<>();
        for (Node n : nodes) ids.add(n.id());
        List<Edge> edges = g.edges().stream()
                .filter(e -> ids.contains(e.from().id()) && ids.contains(e.to().id())).toList();
        Map<String, Integer> layer = new HashMap<>();
        for (Node n : nodes) layer.put(n.id(), 0);
        for (int round = 0; round < nodes.size(); round++) {
            boolean changed = false;
            for (Edge e : edges) {
                int want = layer.get(e.from().id()) + 1;
                if (want > layer.get(e.to().id()) && want < nodes.size()) {
                    layer.put(e.to().id(), want);
                    changed = true;
                }
            }
            if (!changed) break;
        }
        Map<String, List<String>> out = new HashMap<>();
        Set<String> pointedAt = new HashSet<>();
        for (Edge e : edges) {
            out.computeIfAbsent(e.from().id(), k -> new ArrayList<>()).add(e.to().id());
            pointedAt.add(e.to().id());
        }
        Map<Integer, Set<Integer>> usedRows = new HashMap<>();
        Map<String, Integer> row = new HashMap<>();
        int nextRow = 0;
        List<Node> order = new ArrayList<>();
        for (Node n : nodes) if (!pointedAt.contains(n.id())) order.add(n);
        for (Node n : nodes) if (pointedAt.contains(n.id())) order.add(n); // cycles have no source
        for (Node start : order) {
            if (row.containsKey(start.id())) continue;
            ArrayDeque<Visit> stack = new ArrayDeque<>();
            stack.push(new Visit(start.id(), nextRow));
            while (!stack.isEmpty()) {
                Visit v = stack.pop();
                String id = v.id();
                if (row.containsKey(id)) continue;
                int wanted = v.row();
                Set<Integer> used = usedRows.computeIfAbsent(layer.get(id), k -> new HashSet<>());
                int r = wanted;
                while (used.contains(r)) r++;
                used.add(r);
                row.put(id, r);
                nextRow = Math.max(nextRow, r + 1);
                List<String> next = out.getOrDefault(id, List.of());
                for (int i = next.size() - 1; i >= 0; i--) stack.push(new Visit(next.get(i), r));
            }
        }
        for (Node n : nodes) {
            pos.put(n.id(), new Point(left + layer.get(n.id()) * LAYER_DX, top + row.get(n.id()) * ROW_DY));
        }
    }

    /** The free nodes in a row under everything else, centred under it. */
    private static void placeRow(List<String> free, Map<String, Point> pos) {
        if (free.isEmpty()) return;
        double y = pos.isEmpty() ? 0 : maxY(pos) + 1.2 * ROW_DY;
        double centre = pos.isEmpty() ? 0 : (minX(pos) + maxX(pos)) / 2;
        double x0 = centre - (free.size() - 1) * LAYER_DX / 2;
        for (int i = 0; i < free.size(); i++) pos.put(free.get(i), new Point(x0 + i * LAYER_DX, y));
    }

    private static double maxY(Map<String, Point> pos) {
        return pos.values().stream().mapToDouble(Point::y).max().orElse(0);
    }

    private static double minX(Map<String, Point> pos) {
        return pos.values().stream().mapToDouble(Point::x).min().orElse(0);
    }

    private static double maxX(Map<String, Point> pos) {
        return pos.values().stream().mapToDouble(Point::x).max().orElse(0);
    }
}
