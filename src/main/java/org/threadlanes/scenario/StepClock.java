package org.threadlanes.scenario;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.threadlanes.executor.Probe;
import org.threadlanes.executor.StepController;
import org.threadlanes.executor.StepScript;
import org.threadlanes.trace.RunClock;

/**
 * The run's clock in step mode: it stands still between steps, as Pause promised. A step (or Step any with nobody at
 * the gate) lets it run, so that the step's sleeps, I/O and computing can end; once the run has settled again (every
 * thread at the gate, parked in an untimed wait, or ended: {@link StepScript#settled}) and has stayed so for
 * {@value #STEP_UNITS} of a unit, it stops: so that the state each thread settled in (READY at the gate, BLOCKED on
 * a lock) has some width on the lanes. Without this the lanes' "now" ran on after the first step, the READY bars of
 * the waiting threads grew, and the steps that led to a deadlock scrolled out of view.
 *
 * <pre>
 *   stepping    --step / letRun-->      clock runs
 *   clock runs  --settled for 3 polls and STEP_UNITS--> clock stopped   (unless a step came in meanwhile)
 * </pre>
 *
 * <p>One daemon thread polls every millisecond while the clock runs, and parks longer while it stands still. Thread
 * safety: {@code steps} is guarded by {@code this}, which also orders a step's restart of the clock before any stop
 * decided on an older view.
 */
public final class StepClock {
    private static final String THREAD_NAME = "threadlanes-step-clock";
    private static final int STABLE_POLLS = 3;
    /** How long, in units, the run must have stayed settled before the clock stops. */
    public static final double STEP_UNITS = 0.2;
    private static final long POLL_NS = TimeUnit.MILLISECONDS.toNanos(1), IDLE_NS = TimeUnit.MILLISECONDS.toNanos(5);

    private final RunClock clock;
    private final Probe probe;
    private final StepController gate;
    private final long stepNs;
    private final Thread thread;
    private volatile boolean stopped;
    private long steps; // guarded by this

    StepClock(RunClock clock, Probe probe, StepController gate) {
        this.clock = clock;
        this.probe = probe;
        this.gate = gate;
        this.stepNs = probe.units().toNanos(STEP_UNITS);
        this.thread = new Thread(this::loop, THREAD_NAME);
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Lets the clock run for a step; called before the step is granted. */
    synchronized void letRun() {
        steps++;
        clock.resume();
    }

    /** Stops watching; the clock is left as it is. Returns at once. */
    void stop() {
        stopped = true;
        LockSupport.unpark(thread);
    }

    /** Waits for the watcher to end after {@link #stop()}; true if it has. */
    boolean awaitStopped(long timeout, TimeUnit unit) throws InterruptedException {
        unit.timedJoin(thread, timeout);
        return !thread.isAlive();
    }

    boolean isAlive() {
        return thread.isAlive();
    }

    private void loop() {
        int stable = 0;
        long version = -1, since = -1, settledAt = 0;
        while (!stopped) {
            if (clock.paused()) {
                stable = 0;
                LockSupport.parkNanos(this, IDLE_NS);
                continue;
            }
            long v = gate.snapshot().version();
            long s = stepsNow();
            if (StepScript.settled(gate, probe) && (stable == 0 || (v == version && s == since))) {
                if (stable == 0) settledAt = clock.now();
                version = v;
                since = s;
                if (++stable >= STABLE_POLLS && clock.now() - settledAt >= stepNs) {
                    stopIfNoStepSince(s);
                    stable = 0;
                }
            } else {
                stable = 0;
            }
            LockSupport.parkNanos(this, POLL_NS);
        }
    }

    private synchronized long stepsNow() {
        return steps;
    }

    private synchronized void stopIfNoStepSince(long s) {
        if (steps == s && !stopped && !gate.isReleased()) clock.pause();
    }
}
