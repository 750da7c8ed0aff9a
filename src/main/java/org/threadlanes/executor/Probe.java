package org.threadlanes.executor;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.WeakHashMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;

import org.threadlanes.trace.BlockReason;
import org.threadlanes.trace.EventKind;
import org.threadlanes.trace.Recorder;
import org.threadlanes.trace.ThreadRef;
import org.threadlanes.trace.ThreadState;

/**
 * The waits a scenario makes visible. Scenario code calls a probe instead of the bare JDK call; the probe does the
 * real thing (every wait is real and interruptible) and publishes the thread's state around it.
 *
 * <pre>{@code
 * probe.at(4).lock(forkA);          // BLOCKED(LOCK, "fork A held by phil-2") while it waits, then RUNNING
 * probe.at(5).compute(1);           // RUNNING while holding a modelled core, READY while waiting for one
 * probe.at(6).sleep(2);             // BLOCKED(SLEEP), core released
 * }</pre>
 *
 * <h2>Per-thread state machine</h2>
 * Each thread that uses a probe has a lane state (kept in a thread-local, touched only by that thread):
 * <ul>
 *   <li>RUNNING holds a {@link CoreModel} core. A thread gets one at start and after every wait, waiting READY in
 *       the ready line when none is free.</li>
 *   <li>Every blocking probe passes the {@link StepGate} first (READY while held there), then releases the core and
 *       publishes BLOCKED with its reason, waits for real, and on return gets a core again.</li>
 *   <li>{@link #compute(double)} keeps its core for at most one quantum while others wait, then goes to the back of
 *       the line: that is how one core ("GIL mode") makes CPU-bound threads take turns.</li>
 * </ul>
 *
 * <p>Thread-safe: one probe serves every thread of a run.
 */
public final class Probe {
    private final Recorder recorder;
    private final CoreModel cores;
    private final Units units;
    private volatile StepGate gate = StepGate.OPEN;
    private volatile double quantumUnits = 0.5;

    private final ThreadLocal<Lane> lanes = new ThreadLocal<>();
    private final ConcurrentHashMap<ThreadRef, Wait> waits = new ConcurrentHashMap<>();
    /** Where each blocked thread stands, for events another thread publishes about its wait (a hand-over). */
    private final ConcurrentHashMap<ThreadRef, Standing> standing = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Thread> threads = new ConcurrentLinkedQueue<>();
    private final Map<Object, String> names = Collections.synchronizedMap(new WeakHashMap<>());
    /**
     * Set once by {@link #cancel()}. A thread registers itself before it checks this flag, and cancel sets it before
     * it walks the registered threads, so every thread is either interrupted by cancel or sees the flag itself.
     */
    private volatile boolean cancelled;

    public Probe(Recorder recorder, CoreModel cores, Units units) {
        this.recorder = Objects.requireNonNull(recorder);
        this.cores = Objects.requireNonNull(cores);
        this.units = Objects.requireNonNull(units);
    }

    public Recorder recorder() {
        return recorder;
    }

    public CoreModel cores() {
        return cores;
    }

    public Units units() {
        return units;
    }

    public StepGate gate() {
        return gate;
    }

    /** Installs a gate; it applies from each thread's next probe. */
    public void setGate(StepGate gate) {
        this.gate = Objects.requireNonNull(gate);
    }

    /** Longest stretch, in units, a computing thread keeps a core while others wait for one. */
    public void setQuantum(double units) {
        if (!(units > 0)) throw new IllegalArgumentException("quantum must be positive");
        this.quantumUnits = units;
    }

    /** Gives a resource (a queue, a plain lock) the name its waits show. */
    public <T> T name(T resource, String name) {
        names.put(resource, name);
        return resource;
    }

    /**
     * Ends every thread of the run: interrupts each one made through this probe, and any made from now on (a lesson
     * may be starting threads at the very moment of a reset). Never blocks.
     */
    public void cancel() {
        cancelled = true;
        for (Thread t : threads) t.interrupt();
    }

    /** Whether {@link #cancel()} was called. */
    public boolean isCancelled() {
        return cancelled;
    }

    /**
     * Tracks a thread made elsewhere (a run's main thread) from before it starts, so a reset interrupts it and a step
     * driver sees a run that has begun: a thread that adds itself only once it runs leaves a moment in which the
     * run looks empty, and an empty run looks settled.
     */
    public void track(Thread thread) {
        if (!threads.contains(thread)) threads.add(thread);
        if (cancelled) thread.interrupt();
    }

    /** Every thread created through this probe (its own threads and pool workers), alive or not. */
    public List<Thread> threads() {
        return new ArrayList<>(threads);
    }

    /** What each blocked thread waits on right now. */
    public Map<ThreadRef, Wait> waits() {
        return Map.copyOf(waits);
    }

    /** Sets the listing line the calling thread is at; its next events carry it. Returns this probe. */
    public Probe at(int line) {
        lane().line = line;
        return this;
    }

    /** The calling thread's current listing line, or 0. */
    public int line() {
        return lane().line;
    }

    // ------------------------------------------------------------------ threads

    /**
     * A new thread whose lane goes CREATED (now) → READY → RUNNING when started → CONCLUDED when {@code body} ends.
     * An interrupt (reset) ends it quietly.
     */
    public Thread newThread(String name, ThrowingRunnable body) {
        Objects.requireNonNull(body);
        Thread t = new Thread(() -> runAsLane(ThreadRefs.THREAD, body), name);
        t.setDaemon(true);
        threads.add(t);
        recorder.state(ThreadRef.of(t, ThreadRefs.THREAD), ThreadState.CREATED, lane().line);
        return t;
    }

    /**
     * Runs {@code body} on the calling thread as a lane of the given role: READY, RUNNING, and CONCLUDED at the end.
     * Used for a scenario's main thread. Exceptions other than an interrupt propagate after CONCLUDED.
     */
    public void runAsLane(String role, ThrowingRunnable body) {
        ThreadRef me = ThreadRefs.bindCurrent(role);
        Lane lane = lane();
        lane.ref = me;
        if (!threads.contains(Thread.currentThread())) threads.add(Thread.currentThread());
        if (cancelled) Thread.currentThread().interrupt(); // started after a reset: end at the first probe
        try {
            recorder.state(me, ThreadState.READY, lane.line);
            running(lane);
            body.run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // a reset: end quietly
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            waits.remove(me);
            standing.remove(me);
            recorder.state(me, ThreadState.CONCLUDED, lane.line);
            cores.release();
            lane.holdsCore = false;
        }
    }

    /**
     * A factory for pool workers named {@code prefix-1}, {@code prefix-2}, ...; the threads are tracked for reset.
     * (The instrumented pool itself publishes their CREATED and CONCLUDED.)
     */
    public ThreadFactory workerFactory(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            threads.add(t);
            return t;
        };
    }

    // ------------------------------------------------------------------ pool hooks

    /**
     * Called by an instrumented pool on its worker before a task: waits READY for a core, then publishes STARTED
     * with state RUNNING. An interrupt while waiting is kept for the task to see.
     */
    public void taskStarting(ThreadRef worker, long task, String label) {
        Lane lane = lane();
        lane.ref = worker;
        lane.task = task;
        if (!cores.tryAcquire()) {
            recorder.record(worker, EventKind.STATE, ThreadState.READY, null, label, task, 0, null, lane.line);
            try {
                cores.acquire();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        lane.holdsCore = cores.holds(Thread.currentThread());
        lane.shownLine = lane.line;
        recorder.record(worker, EventKind.STARTED, ThreadState.RUNNING, null, label, task, 0, null, lane.line);
    }

    /**
     * Called by an instrumented pool on its worker after a task, once FINISHED is published: gives the core back.
     *
     * @param leftRunning whether the pool's events already took the lane out of RUNNING (it shows the worker waiting
     *                    for work); if not, the worker goes straight on to a queued task, and its lane shows READY
     *                    before the core goes, so that no other lane can be RUNNING on that core meanwhile
     */
    public void taskFinished(boolean leftRunning) {
        Lane lane = lane();
        if (!leftRunning && lane.holdsCore) {
            recorder.record(lane.ref, EventKind.STATE, ThreadState.READY, null, null, 0, 0, null, lane.line);
        }
        lane.task = 0;
        releaseCore(lane);
    }

    // ------------------------------------------------------------------ CPU

    /** Modelled CPU work: holds a core for {@code units}, in quanta, READY whenever it waits for one. */
    public void compute(double units) throws InterruptedException {
        Lane lane = enter("compute " + Units.format(units));
        running(lane);
        long remaining = this.units.toNanos(units);
        while (remaining > 0) {
            long slice = Math.min(remaining, this.units.toNanos(quantumUnits));
            sleepNanos(slice);
            remaining -= slice;
            if (remaining > 0 && cores.contended()) {
                recorder.record(lane.ref, EventKind.STATE, ThreadState.READY, null, null, lane.task, 0, null, lane.line);
                releaseCore(lane);
                running(lane);
            }
        }
    }

    /** Real CPU work (such as a primality test) done while holding a core. */
    public <T> T compute(String label, Callable<T> work) throws Exception {
        Lane lane = enter(label);
        running(lane);
        return work.call();
    }

    // ------------------------------------------------------------------ blocking waits

    /** {@code time.sleep(units)}: BLOCKED(SLEEP). */
    public void sleep(double units) throws InterruptedException {
        Lane lane = enter("sleep " + Units.format(units));
        block(lane, new Wait(lane.ref, BlockReason.SLEEP, null, "sleep " + Units.format(units), 0, true));
        try {
            sleepNanos(this.units.toNanos(units));
        } catch (InterruptedException e) {
            lane.interrupted = true;
            throw e;
        } finally {
            unblock(lane);
        }
    }

    /** Real I/O: BLOCKED(IO) around {@code work}. */
    public <T> T io(String label, Callable<T> work) throws Exception {
        Lane lane = enter(label);
        block(lane, new Wait(lane.ref, BlockReason.IO, null, label, 0, true));
        try {
            return work.call();
        } catch (InterruptedException e) {
            lane.interrupted = true;
            throw e;
        } finally {
            unblock(lane);
        }
    }

    /** Acquires {@code lock}, BLOCKED(LOCK, owner) while another thread holds it. */
    public void lock(Lock lock) throws InterruptedException {
        String name = nameOf(lock);
        Lane lane = enter("lock " + name);
        if (lock.tryLock()) {
            running(lane);
            return;
        }
        Thread owner = lock instanceof TracedLock tl ? tl.owner() : null;
        String detail = owner == null ? "lock " + name : "lock " + name + " held by " + owner.getName();
        block(lane, new Wait(lane.ref, BlockReason.LOCK, lock, detail, owner == null ? 0 : owner.getId(), false));
        try {
            lock.lockInterruptibly();
        } catch (InterruptedException e) {
            lane.interrupted = true;
            throw e;
        } finally {
            unblock(lane);
        }
    }

    /** Releases {@code lock}; a step of its own in step mode. */
    public void unlock(Lock lock) throws InterruptedException {
        Lane lane = enter("unlock " + nameOf(lock));
        lock.unlock();
        running(lane);
    }

    /** {@code condition.wait()}: BLOCKED(CONDITION) until signalled (the caller must hold its lock). */
    public void await(Condition condition) throws InterruptedException {
        String name = nameOf(condition);
        Lane lane = enter("wait " + name);
        block(lane, new Wait(lane.ref, BlockReason.CONDITION, condition, "condition " + name, 0, false));
        try {
            condition.await();
        } catch (InterruptedException e) {
            lane.interrupted = true;
            throw e;
        } finally {
            unblock(lane);
        }
    }

    /** Waits on a condition for at most {@code units}; false if the time ran out. */
    public boolean await(Condition condition, double units) throws InterruptedException {
        String name = nameOf(condition);
        Lane lane = enter("wait " + name);
        block(lane, new Wait(lane.ref, BlockReason.CONDITION, condition, "condition " + name, 0, true));
        try {
            return condition.await(this.units.toNanos(units), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            lane.interrupted = true;
            throw e;
        } finally {
            unblock(lane);
        }
    }

    public void signal(Condition condition) throws InterruptedException {
        Lane lane = enter("notify " + nameOf(condition));
        running(lane);
        condition.signal();
    }

    /**
     * {@code condition.notify_all()}. Every thread it wakes must take the condition's lock again before its wait
     * returns, and the caller holds that lock: so their lanes go from BLOCKED(CONDITION) to BLOCKED(LOCK) at once,
     * and they take the lock one at a time after the caller lets it go (for a {@link NamedCondition}, whose lock is
     * known).
     */
    public void signalAll(Condition condition) throws InterruptedException {
        Lane lane = enter("notify_all " + nameOf(condition));
        running(lane);
        condition.signalAll();
        if (condition instanceof NamedCondition nc) wokenWaitForTheLock(nc);
    }

    /**
     * Publishes, on each lane waiting on {@code nc}, that it now waits for the lock. Runs while the signaller holds
     * that lock, so no woken thread can have returned from its wait yet: their events stay in order.
     */
    private void wokenWaitForTheLock(NamedCondition nc) {
        String detail = "lock " + nameOf(nc.lock()) + " (woken by notify_all, waits its turn)";
        long owner = Thread.currentThread().getId();
        for (Map.Entry<ThreadRef, Wait> e : waits.entrySet()) {
            Wait w = e.getValue();
            if (w.reason() != BlockReason.CONDITION || w.resource() != nc) continue;
            Standing at = standing.get(e.getKey());
            if (at == null) continue;
            Wait forLock = new Wait(e.getKey(), BlockReason.LOCK, nc.lock(), detail, owner, false);
            if (waits.replace(e.getKey(), w, forLock)) {
                recorder.record(e.getKey(), EventKind.STATE, ThreadState.BLOCKED, BlockReason.LOCK, detail, at.task(),
                        owner, null, at.line());
            }
        }
    }

    /** {@code future.result()}: BLOCKED(FUTURE, task) until it is done. */
    public <T> T get(Future<T> future) throws InterruptedException, ExecutionException {
        Lane lane = enter("result of " + futureName(future));
        if (future.isDone()) {
            running(lane);
            return future.get();
        }
        block(lane, futureWait(lane, future, false));
        try {
            return future.get();
        } catch (InterruptedException e) {
            lane.interrupted = true;
            throw e;
        } finally {
            unblock(lane);
        }
    }

    /** {@code future.result(timeout)} with the timeout in units. */
    public <T> T get(Future<T> future, double units)
            throws InterruptedException, ExecutionException, TimeoutException {
        Lane lane = enter("result of " + futureName(future));
        if (future.isDone()) {
            running(lane);
            return future.get();
        }
        block(lane, futureWait(lane, future, true));
        try {
            return future.get(this.units.toNanos(units), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            lane.interrupted = true;
            throw e;
        } finally {
            unblock(lane);
        }
    }

    /** {@code queue.put(item)}: BLOCKED(QUEUE) while the queue is full. */
    public <E> void put(BlockingQueue<E> queue, E item) throws InterruptedException {
        String name = nameOf(queue);
        Lane lane = enter("put " + name);
        if (queue.offer(item)) {
            running(lane);
            return;
        }
        block(lane, new Wait(lane.ref, BlockReason.QUEUE, queue, "queue " + name + " is full", 0, false));
        try {
            queue.put(item);
        } catch (InterruptedException e) {
            lane.interrupted = true;
            throw e;
        } finally {
            unblock(lane);
        }
    }

    /** {@code queue.get()}: BLOCKED(QUEUE) while the queue is empty. */
    public <E> E take(BlockingQueue<E> queue) throws InterruptedException {
        String name = nameOf(queue);
        Lane lane = enter("get " + name);
        E item = queue.poll();
        if (item != null) {
            running(lane);
            return item;
        }
        block(lane, new Wait(lane.ref, BlockReason.QUEUE, queue, "queue " + name + " is empty", 0, false));
        try {
            return queue.take();
        } catch (InterruptedException e) {
            lane.interrupted = true;
            throw e;
        } finally {
            unblock(lane);
        }
    }

    /** {@code thread.join()}: BLOCKED(JOIN, thread) until it ends. */
    public void join(Thread thread) throws InterruptedException {
        Lane lane = enter("join " + thread.getName());
        if (!thread.isAlive()) {
            running(lane);
            return;
        }
        block(lane, new Wait(lane.ref, BlockReason.JOIN, thread, "join " + thread.getName(), thread.getId(), false));
        try {
            thread.join();
        } catch (InterruptedException e) {
            lane.interrupted = true;
            throw e;
        } finally {
            unblock(lane);
        }
    }

    /** A plain step with no wait (for step mode and the code panel): passes the gate and runs. */
    public void step(String action) throws InterruptedException {
        running(enter(action));
    }

    // ------------------------------------------------------------------ internals

    /** A blocked thread's listing line and task, as its wait's events carry them. */
    private record Standing(int line, long task) {
    }

    /** One thread's lane state. Touched only by its own thread. */
    private static final class Lane {
        ThreadRef ref;
        int line;
        /** Set when the current wait ended by interrupt, so unblock does not queue for a core. */
        boolean interrupted;
        /** The line the thread's last event carried: a RUNNING step to another line publishes it. */
        int shownLine;
        long task;
        boolean holdsCore;
    }

    private Lane lane() {
        Lane lane = lanes.get();
        if (lane == null) {
            lane = new Lane();
            lane.ref = ThreadRefs.current();
            lanes.set(lane);
        }
        return lane;
    }

    /** Passes the gate before an action; a holding gate shows the thread READY with its pending action. */
    private Lane enter(String action) throws InterruptedException {
        Lane lane = lane();
        if (Thread.interrupted()) throw new InterruptedException();
        StepGate g = gate;
        if (g.holds(lane.ref)) {
            recorder.record(lane.ref, EventKind.STATE, ThreadState.READY, null, "next: " + action, lane.task, 0,
                    null, lane.line);
            releaseCore(lane);
            g.pass(lane.ref, action, lane.line);
        }
        return lane;
    }

    /** Makes sure the thread holds a core, READY while it waits, and shows it RUNNING. */
    private void running(Lane lane) throws InterruptedException {
        if (lane.holdsCore) {
            // Still running, but at another line: the code panel and step-back follow lines, so say so.
            if (lane.line != lane.shownLine) {
                lane.shownLine = lane.line;
                recorder.record(lane.ref, EventKind.STATE, ThreadState.RUNNING, null, null, lane.task, 0, null,
                        lane.line);
            }
            return;
        }
        if (!cores.tryAcquire()) {
            recorder.record(lane.ref, EventKind.STATE, ThreadState.READY, null, null, lane.task, 0, null, lane.line);
            cores.acquire();
        }
        lane.holdsCore = true;
        lane.shownLine = lane.line;
        recorder.record(lane.ref, EventKind.STATE, ThreadState.RUNNING, null, null, lane.task, 0, null, lane.line);
    }

    private void block(Lane lane, Wait wait) {
        standing.put(lane.ref, new Standing(lane.line, lane.task));
        waits.put(lane.ref, wait);
        lane.shownLine = lane.line;
        recorder.record(lane.ref, EventKind.STATE, ThreadState.BLOCKED, wait.reason(), wait.detail(), lane.task,
                wait.peer(), null, lane.line);
        releaseCore(lane);
    }

    /**
     * Gives the core back. Always after the event that ends the lane's RUNNING: the next holder's RUNNING is stamped
     * after it takes the core, so the lanes never show more threads running than there are cores.
     */
    private void releaseCore(Lane lane) {
        if (lane.holdsCore) {
            cores.release();
            lane.holdsCore = false;
        }
    }

    /**
     * After a wait: back to RUNNING, taking a core again. Not after an interrupted wait: the interrupt status is
     * already consumed, so waiting for a core could hang a reset (with one core, every ending thread would queue
     * behind each other); an interrupted thread is on its way out and needs no core.
     */
    private void unblock(Lane lane) throws InterruptedException {
        waits.remove(lane.ref);
        standing.remove(lane.ref);
        if (lane.interrupted) {
            lane.interrupted = false;
            return;
        }
        running(lane);
    }

    private Wait futureWait(Lane lane, Future<?> future, boolean timed) {
        long task = future instanceof TracedTask t ? t.taskId() : 0;
        return new Wait(lane.ref, BlockReason.FUTURE, future, "future " + futureName(future), task, timed);
    }

    private String futureName(Future<?> future) {
        if (future instanceof TracedTask t) return "#" + t.taskId() + " " + t.label();
        return nameOf(future);
    }

    private String nameOf(Object resource) {
        if (resource instanceof TracedLock l) return l.name();
        if (resource instanceof NamedCondition c) return c.name();
        String name = names.get(resource);
        return name != null ? name : resource.getClass().getSimpleName() + "@"
                + Integer.toHexString(System.identityHashCode(resource));
    }

    /** Sleeps in run time, so a paused run's sleeps stop too. */
    private void sleepNanos(long nanos) throws InterruptedException {
        if (nanos > 0) recorder.clock().sleep(nanos);
    }

    /** A runnable that may throw, for thread bodies that use probes. */
    @FunctionalInterface
    public interface ThrowingRunnable {
        void run() throws Exception;
    }
}
