package org.threadlanes.executor;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

import org.threadlanes.trace.ThreadRef;

/**
 * A step sequence by thread name ({@code t1,t2,t1}), replayed against a run in step mode: the headless form of
 * clicking Step, so that a test or the CLI ({@code --steps}) can drive one exact interleaving.
 *
 * <pre>{@code
 * StepScript script = StepScript.parse("t1,t2");
 * run.stepMode(script.controller(run.recorder()::now));   // before run.start()
 * run.start();
 * StepScript.Outcome o = script.play(run.stepper(), run.probe(), () -> run.deadlock() != null, 10, SECONDS);
 * run.resume();                                           // the rest runs free
 * }</pre>
 *
 * <h2>Which threads the script holds</h2>
 * Every thread except {@code main}, unless the script names {@code main} too: the lesson's main thread usually just
 * starts threads and waits for them, and a script that had to spell out its every probe would be brittle. Threads
 * the script holds but does not name wait at their first probe until the script ends.
 *
 * <h2>One step at a time</h2>
 * Before each step the driver waits until the run has <em>settled</em>: every live thread of the run waits at the
 * gate, or is parked in a wait that nothing running can end (a lock held by someone else, a future not done, a
 * condition, an idle pool worker), or has ended; and that stays so for a few polls. So each step's effects,
 * including the wake-ups it causes, are over before the next step begins: that is what makes a replay
 * deterministic at the level of probed actions.
 */
public final class StepScript {
    /** Settled must hold for this many polls in a row, {@link #POLL_MS} apart, before a step. */
    private static final int STABLE_POLLS = 3;
    private static final long POLL_MS = 1;
    /** How long a step that cannot be taken waits for {@code stop} (a deadlock being confirmed) before failing. */
    private static final long STOP_GRACE_MS = 1000;

    private final List<String> names;

    private StepScript(List<String> names) {
        this.names = List.copyOf(names);
    }

    /**
     * A script from a comma-separated list of thread names.
     *
     * @throws IllegalArgumentException with one clear message if the list is empty or has an empty name
     */
    public static StepScript parse(String csv) {
        if (csv == null || csv.isBlank()) throw new IllegalArgumentException("--steps needs at least one thread name");
        String[] parts = csv.split(",", -1);
        List<String> names = new ArrayList<>(parts.length);
        for (int i = 0; i < parts.length; i++) {
            String n = parts[i].strip();
            if (n.isEmpty()) {
                throw new IllegalArgumentException("--steps has an empty thread name at position " + (i + 1)
                        + " of '" + csv + "'");
            }
            names.add(n);
        }
        return new StepScript(names);
    }

    /** A script from names. */
    public static StepScript of(List<String> names) {
        if (names.isEmpty()) throw new IllegalArgumentException("a step script needs at least one thread name");
        return new StepScript(names);
    }

    /** The thread names, one per step. */
    public List<String> names() {
        return names;
    }

    /** The distinct names, in order of first use. */
    public Set<String> threadNames() {
        return new LinkedHashSet<>(names);
    }

    /** A gate that holds the threads this script schedules (see the class comment). */
    public StepController controller(LongSupplier clock) {
        boolean namesMain = names.contains(ThreadRefs.MAIN);
        return new StepController(t -> namesMain || !ThreadRefs.MAIN.equals(t.role()), clock, () -> { });
    }

    /**
     * How a replay went.
     *
     * @param taken   steps taken
     * @param stopped whether {@code stop} cut it short, before every step was taken (a deadlock was found, the run
     *                ended)
     * @param problem why a step could not be taken, in words, or {@code null}
     */
    public record Outcome(int taken, boolean stopped, String problem) {
        /** Whether every step was taken. */
        public boolean complete() {
            return !stopped && problem == null;
        }
    }

    /**
     * Takes the steps, in order, on the calling thread (never the JavaFX thread: it waits for the run to settle).
     *
     * @param stop        checked while waiting; when true the replay ends early (a deadlock was found)
     * @param stepTimeout how long to wait for the run to settle before one step
     */
    public Outcome play(StepController gate, Probe probe, BooleanSupplier stop, long stepTimeout, TimeUnit unit)
            throws InterruptedException {
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            long deadline = System.nanoTime() + unit.toNanos(stepTimeout);
            boolean settled = awaitSettled(gate, probe, stop, deadline);
            if (stop.getAsBoolean()) return new Outcome(i, true, null);
            if (!settled) {
                return new Outcome(i, false, "step " + (i + 1) + " (" + name + "): the run did not settle within "
                        + unit.toMillis(stepTimeout) + " ms");
            }
            if (!gate.step(name)) {
                // The thread may be blocked in a deadlock the last step closed; the detector needs a moment.
                if (awaitStop(stop, STOP_GRACE_MS)) return new Outcome(i, true, null);
                return new Outcome(i, false, notWaiting(i, name, gate, probe));
            }
        }
        long deadline = System.nanoTime() + unit.toNanos(stepTimeout);
        if (!awaitSettled(gate, probe, stop, deadline) && !stop.getAsBoolean()) {
            return new Outcome(names.size(), false, "the last step did not settle within "
                    + unit.toMillis(stepTimeout) + " ms");
        }
        return new Outcome(names.size(), false, null);
    }

    private static String notWaiting(int i, String name, StepController gate, Probe probe) {
        List<String> at = gate.waiting().stream().map(w -> w.thread().name()).toList();
        boolean exists = probe.threads().stream().anyMatch(t -> t.getName().equals(name));
        String why = !exists ? "there is no thread '" + name + "'"
                : probe.threads().stream().noneMatch(t -> t.getName().equals(name) && t.isAlive())
                ? name + " has ended"
                : name + " is not waiting at the gate (" + describeWait(name, probe) + ")";
        return "step " + (i + 1) + ": " + why + "; waiting at the gate: " + (at.isEmpty() ? "none" : String.join(", ", at));
    }

    private static String describeWait(String name, Probe probe) {
        for (Map.Entry<ThreadRef, Wait> e : probe.waits().entrySet()) {
            if (e.getKey().name().equals(name)) return "blocked: " + e.getValue().detail();
        }
        return "blocked";
    }

    private static boolean awaitStop(BooleanSupplier stop, long ms) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ms);
        while (!stop.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) return false;
            TimeUnit.MILLISECONDS.sleep(POLL_MS);
        }
        return true;
    }

    /** Polls until the run has settled for {@link #STABLE_POLLS} polls in a row; false on timeout or stop. */
    private static boolean awaitSettled(StepController gate, Probe probe, BooleanSupplier stop, long deadline)
            throws InterruptedException {
        int stable = 0;
        long version = -1;
        while (System.nanoTime() < deadline) {
            if (stop.getAsBoolean()) return false;
            long v = gate.snapshot().version();
            if (settled(gate, probe) && (stable == 0 || v == version)) {
                version = v;
                if (++stable >= STABLE_POLLS) return true;
            } else {
                stable = 0;
            }
            // A driver thread polling a few threads' states: no event announces "nothing will move any more".
            TimeUnit.MILLISECONDS.sleep(POLL_MS);
        }
        return false;
    }

    /**
     * Whether no thread of the run can move without a step: each live one waits at the gate, or is parked in a
     * wait that nothing running can end, or has ended.
     */
    public static boolean settled(StepController gate, Probe probe) {
        // A thread in the ready line with a core free is parked but on its way (a busy machine may take a while to
        // schedule it): not settled, or a step could be granted before that thread reaches the gate.
        if (probe.cores().admitting()) return false;
        Map<ThreadRef, Wait> waits = probe.waits();
        for (Thread t : probe.threads()) {
            Thread.State s = t.getState();
            if (s == Thread.State.NEW || s == Thread.State.TERMINATED) continue;
            if (gate.isWaiting(t.getId())) continue;
            Wait w = waits.get(new ThreadRef(t.getId(), t.getName(), ThreadRefs.THREAD));
            if (w != null) {
                if (w.timed() || wakesSoon(w, t) || s == Thread.State.RUNNABLE) return false;
                continue;
            }
            // No probe wait: an idle pool worker (parked for its next task) is settled; anything else is moving.
            if (s != Thread.State.WAITING) return false;
        }
        return true;
    }

    /**
     * Whether the resource of an untimed wait is free already (a lock with no other owner, a future that is done, a
     * thread that has ended), so the waiter is about to wake. Conditions and queues cannot be told from outside.
     */
    public static boolean wakesSoon(Wait w, Thread waiter) {
        Object r = w.resource();
        if (r instanceof TracedLock l) {
            Thread owner = l.owner();
            return owner == null || owner == waiter;
        }
        if (r instanceof ReentrantLock l) return !l.isLocked();
        if (r instanceof Lock) return false;
        if (r instanceof Future<?> f) return f.isDone();
        if (r instanceof Thread t) return !t.isAlive();
        return false;
    }
}
