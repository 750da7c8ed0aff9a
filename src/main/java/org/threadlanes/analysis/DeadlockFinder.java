package org.threadlanes.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.threadlanes.analysis.Deadlock.Kind;
import org.threadlanes.analysis.RunSampler.Sample;
import org.threadlanes.analysis.RunSampler.Standing;
import org.threadlanes.analysis.RunSampler.ThreadView;
import org.threadlanes.analysis.WaitForGraph.Edge;
import org.threadlanes.analysis.WaitForGraph.EdgeKind;
import org.threadlanes.analysis.WaitForGraph.Node;
import org.threadlanes.analysis.WaitForGraph.NodeKind;
import org.threadlanes.trace.ThreadRef;

/**
 * Turns a sample of a run into deadlock findings, each with its kind and its sentence in plain words. Pure: no
 * threads, no clocks; the detector decides when a finding is confirmed.
 */
final class DeadlockFinder {
    /**
     * A deadlock seen in one sample.
     *
     * @param signature the same deadlock seen again gives the same signature (kind, threads, and the very wait
     *                  objects of those threads, so a thread that left its wait and came back counts as new)
     */
    record Finding(DeadlockReport report, String signature) {
    }

    private DeadlockFinder() {
    }

    /** Every cycle of doomed nodes; if there is none, whether every live thread is blocked for good. */
    static List<Finding> find(Sample sample, long tNs) {
        WaitForGraph g = sample.graph();
        List<Finding> out = new ArrayList<>();
        Set<Node> doomed = g.doomed();
        Set<Node> onCycles = new HashSet<>();
        List<Set<Node>> components = g.deadlockedComponents();
        for (Set<Node> c : components) onCycles.addAll(c);
        for (Set<Node> comp : components) out.add(cycleFinding(sample, comp, doomed, onCycles, tNs));
        if (out.isEmpty()) {
            Finding all = allBlocked(sample, tNs);
            if (all != null) out.add(all);
        }
        return out;
    }

    // ------------------------------------------------------------------ cycles

    private static Finding cycleFinding(Sample sample, Set<Node> comp, Set<Node> doomed, Set<Node> onCycles,
                                        long tNs) {
        WaitForGraph g = sample.graph();
        Kind kind = kindOf(g, comp);
        Node start = comp.stream().filter(n -> n.kind() == NodeKind.THREAD)
                .min(Comparator.comparingLong(Node::threadId)).orElseThrow();
        List<Edge> cycle = g.cycleThrough(start, comp);
        List<Node> order = new ArrayList<>();
        order.add(start);
        for (Edge e : cycle) if (e.to().kind() == NodeKind.THREAD && !order.contains(e.to())) order.add(e.to());
        comp.stream().filter(n -> n.kind() == NodeKind.THREAD && !order.contains(n))
                .sorted(Comparator.comparingLong(Node::threadId)).forEach(order::add);

        List<String> clauses = new ArrayList<>();
        for (Node t : order) clauses.add(clause(g, t, comp));
        for (Node p : comp) if (p.kind() == NodeKind.POOL) clauses.add(poolClause(g, p));
        String explanation = "Deadlock (" + kind.words() + "): " + String.join("; ", clauses) + ".";

        List<String> labels = new ArrayList<>();
        labels.add(start.describe());
        for (Edge e : cycle) labels.add(e.to().describe());

        List<ThreadRef> threads = refs(sample, order);
        List<Node> victimNodes = doomed.stream()
                .filter(n -> n.kind() == NodeKind.THREAD && !onCycles.contains(n) && reaches(g, n, comp))
                .sorted(Comparator.comparingLong(Node::threadId)).toList();
        Deadlock d = new Deadlock(kind, order.stream().map(Node::label).toList(), explanation, labels);
        DeadlockReport report = new DeadlockReport(d, DeadlockReport.Source.PROBES, threads, refs(sample, victimNodes),
                g, cycle, tNs);
        return new Finding(report, signature(kind, sample, order));
    }

    private static Kind kindOf(WaitForGraph g, Set<Node> comp) {
        boolean future = false;
        for (Node n : comp) {
            for (Edge e : g.outgoing(n)) {
                if (!comp.contains(e.to())) continue;
                if (e.kind() == EdgeKind.QUEUED_IN) return Kind.POOL_STARVATION;
                if (e.kind() == EdgeKind.WAITS_ON_FUTURE || e.kind() == EdgeKind.JOINS) future = true;
            }
        }
        return future ? Kind.FUTURE : Kind.LOCK;
    }

    /** What one thread waits for, in words ("t1 holds A and waits for B, held by t2"). */
    static String clause(WaitForGraph g, Node t, Set<Node> scope) {
        List<Edge> ways = g.outgoing(t);
        if (ways.isEmpty()) return t.subject() + " is blocked";
        Edge e = ways.get(0);
        Node r = e.to();
        return switch (e.kind()) {
            case WAITS_FOR_LOCK -> {
                List<String> held = new ArrayList<>();
                for (Node n : scope) {
                    if (n.kind() != NodeKind.LOCK || n.equals(r)) continue;
                    if (g.outgoing(n).stream().anyMatch(h -> h.kind() == EdgeKind.HELD_BY && h.to().equals(t))) {
                        held.add(n.label());
                    }
                }
                String owner = g.outgoing(r).stream().filter(h -> h.kind() == EdgeKind.HELD_BY)
                        .map(h -> ", held by " + h.to().label()).findFirst().orElse("");
                yield t.subject() + (held.isEmpty() ? "" : " holds " + and(held) + " and") + " waits for "
                        + r.label() + owner;
            }
            case WAITS_ON_FUTURE -> {
                Edge toTask = g.outgoing(r).stream().findFirst().orElse(null);
                if (toTask == null) yield t.subject() + " waits for " + r.describe();
                Node task = toTask.to();
                Edge where = g.outgoing(task).stream().findFirst().orElse(null);
                String tail = where == null ? ""
                        : where.kind() == EdgeKind.QUEUED_IN ? ", which is queued"
                        : ", which runs on " + where.to().label();
                yield t.subject() + " waits for " + task.label() + tail;
            }
            case JOINS -> t.subject() + " waits for " + r.label() + " to end";
            case WAITS_ON -> r.kind() == NodeKind.CONDITION
                    ? t.subject() + " waits for a signal on " + r.label()
                    : t.subject() + " waits on " + r.describe();
            default -> t.subject() + " waits on " + r.describe();
        };
    }

    private static String poolClause(WaitForGraph g, Node pool) {
        List<String> workers = g.outgoing(pool).stream().filter(e -> e.kind() == EdgeKind.BUSY_WORKER)
                .map(e -> e.to()).sorted(Comparator.comparingLong(Node::threadId)).map(Node::label).toList();
        String name = pool.label().equals("pool") ? "the pool's" : pool.label() + "'s";
        if (workers.size() == 1) return name + " only worker is " + workers.get(0);
        return name + " " + workers.size() + " workers, " + and(workers) + ", are all busy";
    }

    private static boolean reaches(WaitForGraph g, Node from, Set<Node> target) {
        Set<Node> seen = new HashSet<>();
        Node n = from;
        while (n != null && seen.add(n)) {
            if (target.contains(n)) return true;
            List<Edge> ways = g.outgoing(n);
            n = ways.isEmpty() ? null : ways.get(0).to();
        }
        return false;
    }

    // ------------------------------------------------------------------ all blocked

    private static Finding allBlocked(Sample sample, long tNs) {
        List<ThreadView> blocked = new ArrayList<>();
        for (ThreadView v : sample.threads()) {
            switch (v.standing()) {
                case BLOCKED -> blocked.add(v);
                case IDLE -> { }
                default -> {
                    return null;
                }
            }
        }
        if (blocked.isEmpty()) return null;
        WaitForGraph g = sample.graph();
        Set<Node> nodes = new LinkedHashSet<>();
        for (ThreadView v : blocked) g.thread(v.ref().id()).ifPresent(nodes::add);
        // Chains start at threads no other blocked thread waits for: main, then whom it waits for, and so on.
        Set<Node> awaited = new HashSet<>();
        for (Node n : nodes) for (Node m : chain(g, n)) if (!m.equals(n)) awaited.add(m);
        List<Node> order = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        List<Node> roots = new ArrayList<>(nodes.stream().filter(n -> !awaited.contains(n)).toList());
        nodes.stream().filter(n -> !roots.contains(n)).forEach(roots::add);
        for (Node root : roots) {
            if (order.contains(root)) continue;
            for (Node m : chain(g, root)) {
                if (m.kind() == NodeKind.THREAD) {
                    if (order.contains(m) || !nodes.contains(m)) break;
                    order.add(m);
                }
                labels.add(m.describe());
            }
        }
        List<String> clauses = new ArrayList<>();
        for (Node t : order) clauses.add(clause(g, t, nodes));
        clauses.add("no thread is left that could wake them");
        String explanation = "Deadlock (" + Kind.ALL_BLOCKED.words() + "): " + String.join("; ", clauses) + ".";
        Deadlock d = new Deadlock(Kind.ALL_BLOCKED, order.stream().map(Node::label).toList(), explanation, labels);
        List<Edge> edges = g.edges().stream().filter(e -> nodes.contains(e.from())).toList();
        return new Finding(new DeadlockReport(d, DeadlockReport.Source.PROBES, refs(sample, order), List.of(), g,
                edges, tNs), signature(Kind.ALL_BLOCKED, sample, order));
    }

    /** A node and what it waits for, and so on, until a node with no way out or a repeat. */
    private static List<Node> chain(WaitForGraph g, Node from) {
        List<Node> out = new ArrayList<>();
        Set<Node> seen = new HashSet<>();
        Node n = from;
        while (n != null && seen.add(n)) {
            out.add(n);
            List<Edge> ways = g.outgoing(n);
            n = ways.isEmpty() ? null : ways.get(0).to();
        }
        return out;
    }

    // ------------------------------------------------------------------ helpers

    private static List<ThreadRef> refs(Sample sample, List<Node> threads) {
        List<ThreadRef> out = new ArrayList<>();
        for (Node n : threads) {
            ThreadView v = sample.view(n.threadId());
            out.add(v != null ? v.ref() : new ThreadRef(n.threadId(), n.label(), "thread"));
        }
        return out;
    }

    private static String signature(Kind kind, Sample sample, List<Node> threads) {
        StringBuilder sb = new StringBuilder(kind.name());
        threads.stream().sorted(Comparator.comparingLong(Node::threadId)).forEach(n -> {
            ThreadView v = sample.view(n.threadId());
            sb.append(' ').append(n.threadId()).append('@')
                    .append(v == null || v.probeWait() == null ? 0 : System.identityHashCode(v.probeWait()));
        });
        return sb.toString();
    }

    static String and(List<String> items) {
        if (items.size() <= 1) return String.join("", items);
        return String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
    }
}
