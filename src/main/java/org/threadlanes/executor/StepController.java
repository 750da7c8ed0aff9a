package org.threadlanes.executor;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

import org.threadlanes.trace.ThreadRef;

/**
 * Step mode: the user is the scheduler. Every probe of a held thread waits here until the thread is picked; a thread
 * waiting here is READY, with its pending action and listing line on show.
 *
 * <h2>Who calls what, on which thread</h2>
 * <pre>
 *   scenario threads:  pass(thread, action, line)   blocks until picked, resumed, or interrupted (reset)
 *   the UI / a driver: step(id), step(name), stepAny(), resume()      never block: they hand out permission
 *                      waiting(), snapshot(), history(), script()     copies, safe from any thread
 *   listeners:         gateChanged(snapshot)        called on the thread that changed the gate (a scenario thread
 *                                                   arriving, or the caller of step/resume), outside any lock
 * </pre>
 * A step is never banked: picking a thread that is not waiting does nothing and returns false, so a click that
 * comes late cannot let a thread through some later probe by surprise.
 *
 * <p>Snapshots carry a version, increasing by one per change; listeners may be called from several threads at once,
 * so a consumer keeps the highest version it has seen and drops older ones.
 *
 * <p>Replay: {@link #script()} lists the names of the threads stepped so far, in order. Feeding that list to a new
 * run ({@link StepScript}) takes the same choices again; since the gate decides every interleaving of probed
 * actions, the replay reaches the same state.
 *
 * <p>Thread-safe: all mutable state is guarded by {@code this}.
 */
public final class StepController implements StepGate {
    /**
     * A thread waiting at the gate.
     *
     * @param thread  the waiting thread
     * @param action  what it will do when picked, in words ("lock B")
     * @param line    the listing line of that action, or 0
     * @param sinceNs run time at which it arrived
     */
    public record Waiting(ThreadRef thread, String action, int line, long sinceNs) {
    }

    /**
     * One step taken.
     *
     * @param index  1 for the first step of the run
     * @param thread the thread that was let through
     * @param action the action it was let through to do
     * @param line   the listing line of that action
     * @param tNs    run time of the step: the view before it is the recording up to this time
     */
    public record Step(int index, ThreadRef thread, String action, int line, long tNs) {
    }

    /**
     * The gate at one moment.
     *
     * @param version  increases by one with every change
     * @param waiting  the threads waiting, in lane order (by thread id)
     * @param released whether the gate has been opened for good ({@link #resume()})
     */
    public record Snapshot(long version, List<Waiting> waiting, boolean released) {
    }

    /** Hears about every change of the gate. */
    @FunctionalInterface
    public interface Listener {
        /** The gate changed; called outside the gate's lock, on the thread that changed it. */
        void gateChanged(Snapshot snapshot);
    }

    /** A thread's place at the gate: its visible entry and whether it has been let through. */
    private static final class Ticket {
        final Waiting waiting;
        boolean permitted; // guarded by the controller

        Ticket(Waiting waiting) {
            this.waiting = waiting;
        }
    }

    private final Predicate<ThreadRef> scope;
    private final LongSupplier clock;
    private final Runnable beforeStep;
    private final CopyOnWriteArrayList<Listener> listeners = new CopyOnWriteArrayList<>();

    private final Map<ThreadRef, Ticket> waiting = new LinkedHashMap<>(); // guarded by this
    private final List<Step> history = new ArrayList<>();                 // guarded by this
    private long version;                                                 // guarded by this
    private boolean released;                                             // guarded by this
    private long lastStepped = -1;                                        // guarded by this: round-robin cursor

    /** A gate that holds every thread, timed by {@link System#nanoTime()}. */
    public StepController() {
        this(t -> true, System::nanoTime, () -> { });
    }

    /**
     * @param scope      the threads this gate holds; the others pass at once, as with no gate at all
     * @param clock      run time, for {@link Waiting#sinceNs()} and {@link Step#tNs()}
     * @param beforeStep runs on the stepping thread before each step is granted (a paused run restarts its clock
     *                   here, so that a stepped sleep can end); must not block
     */
    public StepController(Predicate<ThreadRef> scope, LongSupplier clock, Runnable beforeStep) {
        this.scope = Objects.requireNonNull(scope);
        this.clock = Objects.requireNonNull(clock);
        this.beforeStep = Objects.requireNonNull(beforeStep);
    }

    // ------------------------------------------------------------------ the gate (scenario threads)

    @Override
    public boolean holds() {
        synchronized (this) {
            return !released;
        }
    }

    @Override
    public boolean holds(ThreadRef thread) {
        return holds() && scope.test(thread);
    }

    /** Waits, READY, until {@code thread} is picked or the gate is opened. */
    @Override
    public void pass(ThreadRef thread, String action, int line) throws InterruptedException {
        if (!scope.test(thread)) return;
        Ticket ticket;
        Snapshot arrived;
        synchronized (this) {
            if (released) return;
            ticket = new Ticket(new Waiting(thread, action, line, clock.getAsLong()));
            waiting.put(thread, ticket);
            arrived = changed();
        }
        publish(arrived);
        Snapshot left = null;
        try {
            synchronized (this) {
                while (!ticket.permitted && !released) wait();
            }
        } catch (InterruptedException e) {
            synchronized (this) {
                if (waiting.remove(thread, ticket)) left = changed();
            }
            throw e;
        } finally {
            if (left != null) publish(left);
        }
    }

    // ------------------------------------------------------------------ controls (never block)

    /** Lets the waiting thread with this id take one step; false if it is not waiting here. */
    public boolean step(long threadId) {
        return grant(w -> w.thread().id() == threadId).isPresent();
    }

    /** Lets {@code thread} take one step; false if it is not waiting here. */
    public boolean step(ThreadRef thread) {
        return step(thread.id());
    }

    /** Lets the waiting thread with this name take one step; false if none is waiting. */
    public boolean step(String threadName) {
        return grant(w -> w.thread().name().equals(threadName)).isPresent();
    }

    /**
     * Round-robin: lets the next waiting thread after the one stepped last (in lane order, wrapping) take one step.
     *
     * @return the thread stepped, or empty if none is waiting
     */
    public Optional<ThreadRef> stepAny() {
        Predicate<Waiting> next;
        synchronized (this) {
            long after = lastStepped;
            Optional<Waiting> pick = sortedWaiting().stream().filter(w -> w.thread().id() > after).findFirst();
            if (pick.isEmpty()) pick = sortedWaiting().stream().findFirst();
            if (pick.isEmpty()) return Optional.empty();
            long id = pick.get().thread().id();
            next = w -> w.thread().id() == id;
        }
        return grant(next);
    }

    /** Opens the gate for good: every waiting thread goes on, and no thread waits here again. */
    public void resume() {
        Snapshot s;
        synchronized (this) {
            if (released) return;
            released = true;
            waiting.clear();
            notifyAll();
            s = changed();
        }
        publish(s);
    }

    private Optional<ThreadRef> grant(Predicate<Waiting> which) {
        synchronized (this) {
            if (released || waiting.values().stream().noneMatch(t -> which.test(t.waiting))) return Optional.empty();
        }
        beforeStep.run(); // outside the lock: it may take the run clock's lock
        Snapshot s;
        Ticket chosen;
        synchronized (this) {
            chosen = waiting.values().stream().filter(t -> which.test(t.waiting)).findFirst().orElse(null);
            if (chosen == null || released) return Optional.empty();
            waiting.remove(chosen.waiting.thread());
            chosen.permitted = true;
            Waiting w = chosen.waiting;
            lastStepped = w.thread().id();
            history.add(new Step(history.size() + 1, w.thread(), w.action(), w.line(), clock.getAsLong()));
            notifyAll();
            s = changed();
        }
        publish(s);
        return Optional.of(chosen.waiting.thread());
    }

    // ------------------------------------------------------------------ views (copies)

    /** The threads waiting now, in lane order. */
    public synchronized List<Waiting> waiting() {
        return sortedWaiting();
    }

    /** Whether the thread with this id waits here now. */
    public synchronized boolean isWaiting(long threadId) {
        for (ThreadRef t : waiting.keySet()) {
            if (t.id() == threadId) return true;
        }
        return false;
    }

    /** The gate now, with its version. */
    public synchronized Snapshot snapshot() {
        return new Snapshot(version, sortedWaiting(), released);
    }

    /** Every step taken so far, oldest first. */
    public synchronized List<Step> history() {
        return List.copyOf(history);
    }

    /** The names of the threads stepped so far, in order: the choices a replay takes again. */
    public synchronized List<String> script() {
        return history.stream().map(s -> s.thread().name()).toList();
    }

    /** Whether {@link #resume()} has opened the gate. */
    public synchronized boolean isReleased() {
        return released;
    }

    /**
     * Waits until the gate changes past {@code version} or the time runs out; returns the snapshot then. For
     * drivers on their own thread (a headless replay), never for the JavaFX thread.
     */
    public synchronized Snapshot awaitChange(long version, long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        while (this.version <= version) {
            long left = deadline - System.nanoTime();
            if (left <= 0) break;
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return new Snapshot(this.version, sortedWaiting(), released);
    }

    /** Adds a listener; it hears every change from now on (see the class comment for the thread). */
    public void addListener(Listener listener) {
        listeners.add(Objects.requireNonNull(listener));
    }

    /** Removes a listener. */
    public void removeListener(Listener listener) {
        listeners.remove(listener);
    }

    // ------------------------------------------------------------------ internals

    /** Runs under this: bumps the version, wakes awaitChange callers, and returns the snapshot to publish. */
    private Snapshot changed() {
        version++;
        notifyAll();
        return new Snapshot(version, sortedWaiting(), released);
    }

    private List<Waiting> sortedWaiting() {
        List<Waiting> list = new ArrayList<>(waiting.size());
        for (Ticket t : waiting.values()) list.add(t.waiting);
        list.sort(Comparator.comparingLong(w -> w.thread().id()));
        return list;
    }

    private void publish(Snapshot s) {
        for (Listener l : listeners) {
            try {
                l.gateChanged(s);
            } catch (RuntimeException e) {
                // A broken view must not stop a scenario thread at the gate.
                System.err.println("threadlanes: gate listener failed: " + e);
            }
        }
    }
}
