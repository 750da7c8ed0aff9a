package org.threadlanes.analysis;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Who waits for whom in a run at one moment: an immutable graph of threads, the resources they wait on, and the
 * threads or pool those resources wait on in turn.
 *
 * <h2>Nodes and edges</h2>
 * <pre>
 *   thread --WAITS_FOR_LOCK--> lock --HELD_BY--> owner thread
 *   thread --WAITS_ON_FUTURE--> future --RESULT_OF--> task --RUNS_ON--> worker thread
 *                                                          --QUEUED_IN--> pool --BUSY_WORKER--> each worker
 *                                                                               (only when no worker is free)
 *   thread --JOINS--> thread          thread --WAITS_ON--> condition | queue   (these have no way out)
 * </pre>
 * Only untimed waits make edges: a timed wait ends by itself and cannot be part of a deadlock.
 *
 * <h2>Deadlock</h2>
 * Every node but a pool has at most one way out, and a pool frees up when <em>any</em> of its busy workers does.
 * So a node is <em>doomed</em> when it has a way out and all of its ways out are doomed (least fixpoint from the
 * nodes that can still move: threads that are not blocked, sinks, pools with a free worker). The deadlocks are the
 * cycles among doomed nodes, grouped as strongly connected components; doomed nodes outside every cycle (a main
 * thread waiting on a stuck worker) are its victims.
 */
public final class WaitForGraph {
    /** What a node stands for. */
    public enum NodeKind { THREAD, TASK, LOCK, FUTURE, POOL, CONDITION, QUEUE }

    /** Why an edge exists. */
    public enum EdgeKind {
        /** A thread waits to acquire a lock. */
        WAITS_FOR_LOCK,
        /** A lock is held by a thread. */
        HELD_BY,
        /** A thread waits for a future's result. */
        WAITS_ON_FUTURE,
        /** A future is the result of a task. */
        RESULT_OF,
        /** A task runs on a worker. */
        RUNS_ON,
        /** A task waits in a pool's queue. */
        QUEUED_IN,
        /** A pool with no free worker waits for one of its busy workers. */
        BUSY_WORKER,
        /** A thread waits for another thread to end. */
        JOINS,
        /** A thread waits on a condition or a queue. */
        WAITS_ON
    }

    /**
     * One node.
     *
     * @param id       stable within a run (for a view that diffs graphs)
     * @param kind     what it stands for
     * @param label    the bare name: a thread's name, a lock's name ("A"), a task's label ("pow(5, 2)"), "pool"
     * @param threadId the thread's id for {@link NodeKind#THREAD} nodes, else 0
     * @param task     for a thread, the label of the task it runs (a pool worker), else {@code null}
     */
    public record Node(String id, NodeKind kind, String label, long threadId, String task) {
        public Node {
            Objects.requireNonNull(id);
            Objects.requireNonNull(kind);
            Objects.requireNonNull(label);
        }

        /** "task wait_on_future on worker-1" for a worker running a task, else the thread's name or the label. */
        public String subject() {
            return kind == NodeKind.THREAD && task != null ? "task " + task + " on " + label : label;
        }

        /** The label with its kind, as a cycle lists it: "worker-1", "lock A", "future of pow(5, 2)", "pool". */
        public String describe() {
            return switch (kind) {
                case THREAD, POOL -> label;
                case LOCK -> "lock " + label;
                case FUTURE -> "future of " + label;
                case TASK -> "task " + label;
                case CONDITION -> "condition " + label;
                case QUEUE -> "queue " + label;
            };
        }
    }

    /** A directed edge. */
    public record Edge(Node from, Node to, EdgeKind kind) {
    }

    private final List<Node> nodes;
    private final List<Edge> edges;
    private final Map<String, List<Edge>> out;

    private WaitForGraph(List<Node> nodes, List<Edge> edges) {
        this.nodes = List.copyOf(nodes);
        this.edges = List.copyOf(edges);
        Map<String, List<Edge>> o = new HashMap<>();
        for (Edge e : edges) o.computeIfAbsent(e.from().id(), k -> new ArrayList<>()).add(e);
        this.out = o;
    }

    /** An empty graph. */
    public static WaitForGraph empty() {
        return new WaitForGraph(List.of(), List.of());
    }

    /** A builder for a graph by hand (tests, trace files). */
    public static Builder builder() {
        return new Builder();
    }

    /** Every node, in the order added. */
    public List<Node> nodes() {
        return nodes;
    }

    /** Every edge, in the order added. */
    public List<Edge> edges() {
        return edges;
    }

    /** The edges leaving {@code node}. */
    public List<Edge> outgoing(Node node) {
        return Collections.unmodifiableList(out.getOrDefault(node.id(), List.of()));
    }

    /** The thread node with this id, if the graph has one. */
    public Optional<Node> thread(long threadId) {
        return nodes.stream().filter(n -> n.kind() == NodeKind.THREAD && n.threadId() == threadId).findFirst();
    }

    /** Nodes that can never move again (see the class comment). */
    public Set<Node> doomed() {
        // Start from "everything with a way out is doomed" and free nodes until nothing changes.
        Set<Node> doomed = new LinkedHashSet<>();
        for (Node n : nodes) if (!outgoing(n).isEmpty()) doomed.add(n);
        boolean changed = true;
        while (changed) {
            changed = false;
            for (Node n : List.copyOf(doomed)) {
                List<Edge> ways = outgoing(n);
                boolean free = n.kind() == NodeKind.POOL
                        ? ways.stream().anyMatch(e -> !doomed.contains(e.to()))
                        : ways.stream().allMatch(e -> !doomed.contains(e.to()));
                if (free) {
                    doomed.remove(n);
                    changed = true;
                }
            }
        }
        return doomed;
    }

    /**
     * The deadlocks: strongly connected components of doomed nodes that hold a cycle, each in the order of its
     * first thread (lowest thread id first).
     */
    public List<Set<Node>> deadlockedComponents() {
        Set<Node> doomed = doomed();
        List<Set<Node>> result = new ArrayList<>();
        for (Set<Node> scc : stronglyConnected()) {
            if (!doomed.containsAll(scc)) continue;
            boolean cyclic = scc.size() > 1 || scc.stream().anyMatch(n -> outgoing(n).stream()
                    .anyMatch(e -> e.to().equals(n)));
            if (cyclic && scc.stream().anyMatch(n -> n.kind() == NodeKind.THREAD)) result.add(scc);
        }
        result.sort(Comparator.comparingLong(WaitForGraph::firstThreadId));
        return result;
    }

    /** The shortest cycle through {@code start} inside {@code component}, as edges from {@code start} back to it. */
    public List<Edge> cycleThrough(Node start, Set<Node> component) {
        Map<Node, Edge> via = new HashMap<>();
        ArrayDeque<Node> queue = new ArrayDeque<>();
        for (Edge e : outgoing(start)) {
            if (!component.contains(e.to())) continue;
            if (e.to().equals(start)) return List.of(e);
            if (via.putIfAbsent(e.to(), e) == null) queue.add(e.to());
        }
        while (!queue.isEmpty()) {
            Node n = queue.poll();
            for (Edge e : outgoing(n)) {
                if (!component.contains(e.to())) continue;
                if (e.to().equals(start)) {
                    List<Edge> path = new ArrayList<>();
                    path.add(e);
                    for (Node k = n; !k.equals(start); k = via.get(k).from()) path.add(via.get(k));
                    Collections.reverse(path);
                    return path;
                }
                if (via.putIfAbsent(e.to(), e) == null) queue.add(e.to());
            }
        }
        return List.of();
    }

    /** Tarjan's algorithm, iterative enough for our small graphs (depth = longest wait chain). */
    private List<Set<Node>> stronglyConnected() {
        Map<Node, Integer> index = new HashMap<>(), low = new HashMap<>();
        ArrayDeque<Node> stack = new ArrayDeque<>();
        Set<Node> onStack = new HashSet<>();
        List<Set<Node>> out = new ArrayList<>();
        int[] counter = {0};
        for (Node n : nodes) {
            if (!index.containsKey(n)) strong(n, index, low, stack, onStack, out, counter);
        }
        return out;
    }

    private void strong(Node v, Map<Node, Integer> index, Map<Node, Integer> low, ArrayDeque<Node> stack,
                        Set<Node> onStack, List<Set<Node>> out, int[] counter) {
        index.put(v, counter[0]);
        low.put(v, counter[0]);
        counter[0]++;
        stack.push(v);
        onStack.add(v);
        for (Edge e : outgoing(v)) {
            Node w = e.to();
            if (!index.containsKey(w)) {
                strong(w, index, low, stack, onStack, out, counter);
                low.put(v, Math.min(low.get(v), low.get(w)));
            } else if (onStack.contains(w)) {
                low.put(v, Math.min(low.get(v), index.get(w)));
            }
        }
        if (low.get(v).equals(index.get(v))) {
            Set<Node> scc = new LinkedHashSet<>();
            Node w;
            do {
                w = stack.pop();
                onStack.remove(w);
                scc.add(w);
            } while (!w.equals(v));
            out.add(scc);
        }
    }

    static long firstThreadId(Set<Node> nodes) {
        return nodes.stream().filter(n -> n.kind() == NodeKind.THREAD).mapToLong(Node::threadId).min()
                .orElse(Long.MAX_VALUE);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WaitForGraph g && g.nodes.equals(nodes) && new HashSet<>(g.edges).equals(new HashSet<>(edges));
    }

    @Override
    public int hashCode() {
        return nodes.hashCode();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (Edge e : edges) {
            sb.append(e.from().describe()).append(" -").append(e.kind()).append("-> ").append(e.to().describe())
                    .append('\n');
        }
        return sb.toString();
    }

    /** Builds a graph; nodes are added once per id, edges once per (from, to, kind). */
    public static final class Builder {
        private final Map<String, Node> nodes = new LinkedHashMap<>();
        private final LinkedHashSet<Edge> edges = new LinkedHashSet<>();

        /** Adds a node, or returns the one with the same id already added. */
        public Node node(Node node) {
            return nodes.computeIfAbsent(node.id(), k -> node);
        }

        /** The node of a thread, with the label of the task it runs (or {@code null}). */
        public Node thread(long id, String name, String task) {
            return node(new Node("thread:" + id, NodeKind.THREAD, name, id, task));
        }

        /** The node of a lock, future, task, pool, condition or queue; one node per {@code identity} and kind. */
        public Node resource(NodeKind kind, Object identity, String label) {
            return node(new Node(kind.name().toLowerCase() + ":" + System.identityHashCode(identity), kind, label, 0,
                    null));
        }

        /** Adds an edge (and its nodes, if new); returns this builder. */
        public Builder edge(Node from, Node to, EdgeKind kind) {
            edges.add(new Edge(node(from), node(to), kind));
            return this;
        }

        /** The graph so far. */
        public WaitForGraph build() {
            return new WaitForGraph(new ArrayList<>(nodes.values()), new ArrayList<>(edges));
        }
    }
}
