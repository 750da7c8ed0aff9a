package org.threadlanes.analysis;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.locks.Lock;
import java.util.function.Supplier;

import org.threadlanes.analysis.WaitForGraph.EdgeKind;
import org.threadlanes.analysis.WaitForGraph.Node;
import org.threadlanes.analysis.WaitForGraph.NodeKind;
import org.threadlanes.executor.NamedCondition;
import org.threadlanes.executor.Probe;
import org.threadlanes.executor.StepController;
import org.threadlanes.executor.StepGate;
import org.threadlanes.executor.StepScript;
import org.threadlanes.executor.TracedLock;
import org.threadlanes.executor.TracedTask;
import org.threadlanes.executor.Wait;
import org.threadlanes.trace.ThreadRef;

/**
 * Reads a run's live state (the probes' waits, lock owners, futures, pool queues, the step gate) into a
 * {@link WaitForGraph} and a verdict per thread. Takes no lock a scenario thread could hold for long: only the
 * pools' and queues' own short internal locks, the same ones {@code submit} takes.
 */
final class RunSampler {
    /** Where a live thread stands, for the "all blocked" test. */
    enum Standing {
        /** Waits at the step gate: READY, so not stuck. */
        AT_GATE,
        /** In an untimed probe wait whose resource is not free. */
        BLOCKED,
        /** A pool worker waiting for its next task. */
        IDLE,
        /** Anything else: running, sleeping, in a timed wait, or in code the probes do not see. */
        ACTIVE
    }

    /** One live thread at the moment of the sample. */
    record ThreadView(ThreadRef ref, Standing standing, Wait probeWait) {
    }

    /** The state of a run at one moment. */
    record Sample(WaitForGraph graph, List<ThreadView> threads) {
        ThreadView view(long threadId) {
            for (ThreadView v : threads) if (v.ref().id() == threadId) return v;
            return null;
        }
    }

    private final Probe probe;
    private final Supplier<? extends List<? extends ThreadPoolExecutor>> pools;
    private final TaskTracker tracker;

    RunSampler(Probe probe, Supplier<? extends List<? extends ThreadPoolExecutor>> pools, TaskTracker tracker) {
        this.probe = probe;
        this.pools = pools;
        this.tracker = tracker;
    }

    Sample sample() {
        Map<ThreadRef, Wait> waits = probe.waits();
        StepGate gate = probe.gate();
        StepController stepper = gate instanceof StepController sc ? sc : null;
        List<? extends ThreadPoolExecutor> poolList = pools.get();
        WaitForGraph.Builder g = WaitForGraph.builder();
        List<ThreadView> views = new ArrayList<>();
        Map<Long, Thread> live = new HashMap<>();
        for (Thread t : probe.threads()) {
            Thread.State s = t.getState();
            if (s != Thread.State.NEW && s != Thread.State.TERMINATED) live.put(t.getId(), t);
        }
        Map<ThreadPoolExecutor, Node> poolNodes = new HashMap<>();
        for (Thread t : live.values()) {
            long id = t.getId();
            Node me = threadNode(g, t);
            String role = tracker.role(id);
            ThreadRef ref = new ThreadRef(id, t.getName(), role == null ? "thread" : role);
            Wait w = waits.get(ref);
            Thread.State s = t.getState();
            Standing standing;
            if (stepper != null && stepper.isWaiting(id)) {
                standing = Standing.AT_GATE;
            } else if (w != null && !w.timed() && s != Thread.State.RUNNABLE && !StepScript.wakesSoon(w, t)) {
                standing = Standing.BLOCKED;
            } else if (w == null && s == Thread.State.WAITING && tracker.idle(id)) {
                standing = Standing.IDLE;
            } else {
                standing = Standing.ACTIVE;
            }
            views.add(new ThreadView(ref, standing, w));
            if (w == null || w.timed() || w.resource() == null) continue;
            addWaitEdges(g, me, t, w, live, poolList, poolNodes);
        }
        for (int i = 0; i < poolList.size(); i++) {
            ThreadPoolExecutor p = poolList.get(i);
            Node pn = poolNodes.get(p);
            if (pn == null || !noFreeWorker(p)) continue;
            for (long wid : tracker.busyWorkers()) {
                Thread worker = live.get(wid);
                if (worker != null) g.edge(pn, threadNode(g, worker), EdgeKind.BUSY_WORKER);
            }
        }
        return new Sample(g.build(), views);
    }

    private void addWaitEdges(WaitForGraph.Builder g, Node me, Thread t, Wait w, Map<Long, Thread> live,
                              List<? extends ThreadPoolExecutor> poolList, Map<ThreadPoolExecutor, Node> poolNodes) {
        Object r = w.resource();
        switch (w.reason()) {
            case LOCK -> {
                if (!(r instanceof Lock lock)) return;
                Node ln = g.resource(NodeKind.LOCK, lock, lockName(lock, w));
                g.edge(me, ln, EdgeKind.WAITS_FOR_LOCK);
                Thread owner = lock instanceof TracedLock tl ? tl.owner() : null;
                if (owner != null && owner != t && live.containsKey(owner.getId())) {
                    g.edge(ln, threadNode(g, owner), EdgeKind.HELD_BY);
                } else if (owner != null && owner != t) {
                    g.edge(ln, g.thread(owner.getId(), owner.getName(), null), EdgeKind.HELD_BY);
                }
            }
            case FUTURE -> {
                if (!(r instanceof Future<?> f) || f.isDone()) return;
                String label = f instanceof TracedTask tt ? tt.label() : strip(w.detail(), "future ");
                Node fn = g.resource(NodeKind.FUTURE, f, label);
                g.edge(me, fn, EdgeKind.WAITS_ON_FUTURE);
                if (!(f instanceof TracedTask tt)) return;
                Node tn = g.resource(NodeKind.TASK, f, tt.label());
                g.edge(fn, tn, EdgeKind.RESULT_OF);
                for (int i = 0; i < poolList.size(); i++) {
                    ThreadPoolExecutor p = poolList.get(i);
                    if (f instanceof Runnable run && p.getQueue().contains(run)) {
                        Node pn = poolNodes.computeIfAbsent(p, k -> g.resource(NodeKind.POOL, k,
                                poolList.size() == 1 ? "pool" : "pool " + (poolList.indexOf(k) + 1)));
                        g.edge(tn, pn, EdgeKind.QUEUED_IN);
                        return;
                    }
                }
                long worker = tracker.workerOf(tt.taskId(), tt.label());
                Thread wt = live.get(worker);
                if (wt != null) g.edge(tn, threadNode(g, wt), EdgeKind.RUNS_ON);
            }
            case JOIN -> {
                if (r instanceof Thread j && live.containsKey(j.getId()) && j != t) {
                    g.edge(me, threadNode(g, j), EdgeKind.JOINS);
                }
            }
            case CONDITION -> {
                String name = r instanceof NamedCondition c ? c.name() : strip(w.detail(), "condition ");
                g.edge(me, g.resource(NodeKind.CONDITION, r, name), EdgeKind.WAITS_ON);
            }
            case QUEUE -> g.edge(me, g.resource(NodeKind.QUEUE, r, queueName(w)), EdgeKind.WAITS_ON);
            default -> {
            }
        }
    }

    private Node threadNode(WaitForGraph.Builder g, Thread t) {
        TaskTracker.Running r = tracker.runningOn(t.getId());
        return g.thread(t.getId(), t.getName(), r == null ? null : r.label());
    }

    /**
     * Whether a queued task cannot start soon: every worker runs a task and the pool will not add one. (A pool
     * below its core size starts a worker for each new task, so its queue only holds tasks briefly.)
     */
    private static boolean noFreeWorker(ThreadPoolExecutor p) {
        int size = p.getPoolSize();
        return size > 0 && p.getActiveCount() >= size && size >= p.getCorePoolSize();
    }

    private static String lockName(Lock lock, Wait w) {
        if (lock instanceof TracedLock tl) return tl.name();
        String d = strip(w.detail(), "lock ");
        int held = d.indexOf(" held by ");
        return held >= 0 ? d.substring(0, held) : d;
    }

    private static String queueName(Wait w) {
        String d = strip(w.detail(), "queue ");
        int is = d.indexOf(" is ");
        return is >= 0 ? d.substring(0, is) : d;
    }

    private static String strip(String s, String prefix) {
        if (s == null) return "?";
        return s.startsWith(prefix) ? s.substring(prefix.length()) : s;
    }
}
