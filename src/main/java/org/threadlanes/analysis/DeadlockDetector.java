package org.threadlanes.analysis;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.threadlanes.analysis.DeadlockFinder.Finding;
import org.threadlanes.executor.Probe;
import org.threadlanes.trace.ThreadRef;

/**
 * Watches one run for deadlocks, on a daemon thread of its own, and says what it finds.
 *
 * <pre>{@code
 * DeadlockDetector d = new DeadlockDetector(probe, context::pools);
 * d.addListener(report -> bridge.post(() -> showCycle(report)));  // called on the checker thread
 * d.start();
 * ...
 * d.stop();                                                          // never blocks
 * }</pre>
 *
 * <h2>How it looks</h2>
 * Every {@linkplain #DEFAULT_PERIOD_MS period}, and at once after {@link #poke()} (the step gate pokes it at every
 * step), the checker samples the run into a {@link WaitForGraph} and looks for cycles of threads that can never move
 * again (kinds LOCK, FUTURE, POOL_STARVATION), else for every live thread blocked with no timed wait pending
 * (ALL_BLOCKED). A finding is reported once it has been seen again, {@linkplain #DEFAULT_CONFIRM_MS a short
 * interval} later, with the very same waits: the probes' state is read piece by piece, and a wait that is just
 * ending can look like a cycle for an instant. ALL_BLOCKED must hold five times as long, because a signalled
 * condition cannot be told from outside: its waiter looks blocked until the scheduler runs it. It also asks {@link ThreadMXBean#findDeadlockedThreads} for monitor
 * and lock cycles among the run's threads that the probes did not see. In free run a deadlock is reported within
 * about {@code period + confirm} of forming, well under a second.
 *
 * <h2>Threads and locks</h2>
 * Listeners run on the checker thread, one report at a time; a view must hand the report to its own thread. The
 * checker never holds a lock that a scenario thread needs: it reads lock owners, futures and pool queues through
 * their own short internal locks only. All mutable state here is confined to the checker thread, except what is
 * marked otherwise.
 */
public final class DeadlockDetector {
    /** How often the checker samples a run. */
    public static final long DEFAULT_PERIOD_MS = 100;
    /** How long after a first sighting the checker looks again to confirm. */
    public static final long DEFAULT_CONFIRM_MS = 40;
    /** Name of the checker threads. */
    public static final String THREAD_NAME = "threadlanes-deadlock-check";

    /** Hears about each deadlock once, on the checker thread. */
    @FunctionalInterface
    public interface Listener {
        void deadlockFound(DeadlockReport report);
    }

    private final Probe probe;
    private final RunSampler sampler;
    private final TaskTracker tracker = new TaskTracker();
    private final long periodNs, confirmNs;
    private final CopyOnWriteArrayList<Listener> listeners = new CopyOnWriteArrayList<>();
    private final CopyOnWriteArrayList<Consumer<WaitForGraph>> graphListeners = new CopyOnWriteArrayList<>();
    private final CompletableFuture<DeadlockReport> first = new CompletableFuture<>();
    private final CopyOnWriteArrayList<DeadlockReport> found = new CopyOnWriteArrayList<>();
    /** Guards {@code poked}, {@code stopped} and {@code thread}; the checker waits on it between looks. */
    private final Object wake = new Object();
    private boolean poked;      // guarded by wake
    private boolean stopped;    // guarded by wake
    private Thread thread;      // guarded by wake
    private volatile WaitForGraph graph = WaitForGraph.empty();

    // Checker-thread state.
    private final Map<String, Long> pending = new HashMap<>();   // signature -> first seen (System.nanoTime)
    private final Set<String> reported = new HashSet<>();

    /** A detector with the default period and confirmation interval. */
    public DeadlockDetector(Probe probe, Supplier<? extends List<? extends ThreadPoolExecutor>> pools) {
        this(probe, pools, DEFAULT_PERIOD_MS, DEFAULT_CONFIRM_MS);
    }

    /**
     * @param probe     the run's probe: its threads and their waits
     * @param pools     the run's pools, asked at every look (a lesson makes its pools as it goes)
     * @param periodMs  how often to look
     * @param confirmMs how long after a first sighting to look again
     */
    public DeadlockDetector(Probe probe, Supplier<? extends List<? extends ThreadPoolExecutor>> pools, long periodMs,
                            long confirmMs) {
        if (periodMs < 1 || confirmMs < 1) throw new IllegalArgumentException("period and confirm must be >= 1 ms");
        this.probe = Objects.requireNonNull(probe);
        this.sampler = new RunSampler(probe, Objects.requireNonNull(pools), tracker);
        this.periodNs = TimeUnit.MILLISECONDS.toNanos(periodMs);
        this.confirmNs = TimeUnit.MILLISECONDS.toNanos(confirmMs);
    }

    // ------------------------------------------------------------------ life

    /**
     * Starts following the run's events and the checker thread; a no-op if started or stopped already. Call it
     * before the run's threads start, so that no task start is missed.
     */
    public void start() {
        synchronized (wake) {
            if (thread != null || stopped) return;
            probe.recorder().addListener(tracker);
            thread = new Thread(this::loop, THREAD_NAME);
            thread.setDaemon(true);
            thread.start();
        }
    }

    /** Stops the checker; returns at once. It stops listening to the recorder too. */
    public void stop() {
        synchronized (wake) {
            stopped = true;
            wake.notifyAll();
        }
        probe.recorder().removeListener(tracker);
    }

    /** Waits for the checker thread to end after {@link #stop()}; true if it has. Never on the JavaFX thread. */
    public boolean awaitStopped(long timeout, TimeUnit unit) throws InterruptedException {
        Thread t;
        synchronized (wake) {
            t = thread;
        }
        if (t == null) return true;
        unit.timedJoin(t, timeout);
        return !t.isAlive();
    }

    /** Asks for a look now (after a step). Never blocks. */
    public void poke() {
        synchronized (wake) {
            poked = true;
            wake.notifyAll();
        }
    }

    // ------------------------------------------------------------------ results

    /** Completes with the first deadlock found. */
    public CompletableFuture<DeadlockReport> firstDeadlock() {
        return first;
    }

    /** The first deadlock found, as plain data. */
    public Optional<Deadlock> deadlock() {
        DeadlockReport r = first.getNow(null);
        return r == null ? Optional.empty() : Optional.of(r.deadlock());
    }

    /** Every deadlock found so far, in the order found. */
    public List<DeadlockReport> reports() {
        return List.copyOf(found);
    }

    /** The graph of the latest look. */
    public WaitForGraph graph() {
        return graph;
    }

    /** Adds a listener for the deadlocks found from now on; it runs on the checker thread. */
    public void addListener(Listener listener) {
        listeners.add(Objects.requireNonNull(listener));
    }

    /** Removes a deadlock listener. */
    public void removeListener(Listener listener) {
        listeners.remove(listener);
    }

    /** Hears the graph after every look that changed it, on the checker thread. */
    public void addGraphListener(Consumer<WaitForGraph> listener) {
        graphListeners.add(Objects.requireNonNull(listener));
    }

    /** Removes a graph listener. */
    public void removeGraphListener(Consumer<WaitForGraph> listener) {
        graphListeners.remove(listener);
    }

    // ------------------------------------------------------------------ the checker

    private void loop() {
        try {
            while (true) {
                boolean unconfirmed = look();
                long waitNs = unconfirmed ? confirmNs : periodNs;
                synchronized (wake) {
                    long deadline = System.nanoTime() + waitNs;
                    while (!stopped && !poked) {
                        long left = deadline - System.nanoTime();
                        if (left <= 0) break;
                        TimeUnit.NANOSECONDS.timedWait(wake, left);
                    }
                    if (stopped) return;
                    poked = false;
                }
            }
        } catch (InterruptedException e) {
            // stop() does not interrupt; an interrupt from elsewhere also ends the checker.
        } catch (RuntimeException | Error e) {
            System.err.println("threadlanes: deadlock checker failed: " + e);
        }
    }

    /** One look; true if a finding waits for confirmation. */
    boolean look() {
        long now = System.nanoTime();
        RunSampler.Sample sample = sampler.sample();
        WaitForGraph g = sample.graph();
        if (!g.equals(graph)) {
            graph = g;
            for (Consumer<WaitForGraph> l : graphListeners) {
                try {
                    l.accept(g);
                } catch (RuntimeException e) {
                    System.err.println("threadlanes: graph listener failed: " + e);
                }
            }
        }
        List<Finding> findings = new ArrayList<>(DeadlockFinder.find(sample, probe.recorder().now()));
        Finding jvm = jvmFinding(findings, sample);
        if (jvm != null) findings.add(jvm);

        boolean unconfirmed = false;
        Set<String> seen = new HashSet<>();
        for (Finding f : findings) {
            seen.add(f.signature());
            if (reported.contains(f.signature())) continue;
            Long since = pending.putIfAbsent(f.signature(), now);
            long needed = f.report().deadlock().kind() == Deadlock.Kind.ALL_BLOCKED ? 5 * confirmNs : confirmNs;
            if (since != null && now - since >= needed) {
                report(f.report());
                reported.add(f.signature());
            } else {
                unconfirmed = true;
            }
        }
        pending.keySet().retainAll(seen);
        return unconfirmed;
    }

    private void report(DeadlockReport r) {
        found.add(r);
        for (Listener l : listeners) {
            try {
                l.deadlockFound(r);
            } catch (RuntimeException e) {
                System.err.println("threadlanes: deadlock listener failed: " + e);
            }
        }
        first.complete(r); // last, so that whoever waits on it finds the listeners served
    }

    // ------------------------------------------------------------------ the JVM's view

    /** A lock cycle the JVM sees among the run's threads that no probe finding covers, or {@code null}. */
    private Finding jvmFinding(List<Finding> probeFindings, RunSampler.Sample sample) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long[] ids;
        try {
            ids = mx.isSynchronizerUsageSupported() ? mx.findDeadlockedThreads() : mx.findMonitorDeadlockedThreads();
        } catch (UnsupportedOperationException | SecurityException e) {
            return null;
        }
        if (ids == null) return null;
        Set<Long> runIds = new HashSet<>();
        for (Thread t : probe.threads()) runIds.add(t.getId());
        Set<Long> covered = new HashSet<>();
        for (Finding f : probeFindings) for (ThreadRef t : f.report().threads()) covered.add(t.id());
        Set<Long> mine = new LinkedHashSet<>();
        for (long id : ids) if (runIds.contains(id) && !covered.contains(id)) mine.add(id);
        if (mine.isEmpty()) return null;
        ThreadInfo[] infos = mx.getThreadInfo(mine.stream().mapToLong(Long::longValue).toArray());
        Map<Long, ThreadInfo> byId = new HashMap<>();
        for (ThreadInfo i : infos) if (i != null) byId.put(i.getThreadId(), i);
        if (byId.isEmpty()) return null;
        // Follow owners from the lowest id round the cycle.
        long start = byId.keySet().stream().mapToLong(Long::longValue).min().getAsLong();
        List<String> names = new ArrayList<>(), cycle = new ArrayList<>(), clauses = new ArrayList<>();
        List<ThreadRef> refs = new ArrayList<>();
        Set<Long> visited = new HashSet<>();
        long id = start;
        while (byId.containsKey(id) && visited.add(id)) {
            ThreadInfo i = byId.get(id);
            String lock = lockName(i.getLockName());
            names.add(i.getThreadName());
            refs.add(new ThreadRef(id, i.getThreadName(), "thread"));
            cycle.add(i.getThreadName());
            cycle.add(lock);
            clauses.add(i.getThreadName() + " waits for " + lock + ", held by " + i.getLockOwnerName());
            id = i.getLockOwnerId();
        }
        cycle.add(byId.get(start).getThreadName());
        String explanation = "Deadlock (" + Deadlock.Kind.LOCK.words() + ", seen by the JVM): "
                + String.join("; ", clauses) + ".";
        Deadlock d = new Deadlock(Deadlock.Kind.LOCK, names, explanation, cycle);
        String sig = "JVM " + mine;
        return new Finding(new DeadlockReport(d, DeadlockReport.Source.JVM, refs, List.of(), WaitForGraph.empty(),
                List.of(), probe.recorder().now()), sig);
    }

    /** "java.lang.Object@1b6d3586" → "Object@1b6d3586"; a lock's class name says little to a class. */
    private static String lockName(String raw) {
        if (raw == null) return "a lock";
        int at = raw.indexOf('@');
        String cls = at >= 0 ? raw.substring(0, at) : raw;
        int dot = cls.lastIndexOf('.');
        int dollar = cls.lastIndexOf('$');
        String simple = cls.substring(Math.max(dot, dollar) + 1);
        return at >= 0 ? simple + raw.substring(at) : simple;
    }
}
