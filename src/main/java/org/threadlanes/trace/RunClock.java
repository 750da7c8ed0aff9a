package org.threadlanes.trace;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The run's clock: monotonic nanoseconds since the run started, minus the time spent paused. While paused it stands
 * still, so a paused lesson's timeline and its sleeps stop together.
 *
 * <p>Thread-safe. {@code origin}, {@code pausedTotal} and {@code pausedAt} are guarded by {@code this} for writes
 * and published through the volatile {@code state}, which readers load once per call.
 */
public final class RunClock {
    /** An immutable snapshot, swapped as a whole so that readers need no lock. */
    private record State(long origin, long pausedTotal, long pausedAt) {
        long now(long nano) {
            return (pausedAt >= 0 ? pausedAt : nano) - origin - pausedTotal;
        }
    }

    private volatile State state = new State(System.nanoTime(), 0, -1);

    /** Nanoseconds of run time so far. */
    public long now() {
        return state.now(System.nanoTime());
    }

    /** Restarts at 0, running. */
    public synchronized void reset() {
        state = new State(System.nanoTime(), 0, -1);
        notifyAll();
    }

    public boolean paused() {
        return state.pausedAt >= 0;
    }

    /** Stops the clock; a no-op if already paused. */
    public synchronized void pause() {
        State s = state;
        if (s.pausedAt < 0) {
            state = new State(s.origin, s.pausedTotal, System.nanoTime());
            notifyAll();
        }
    }

    /**
     * Waits until the clock is paused, for at most {@code timeout}; true if it is. For a driver on its own thread
     * (step mode stops the clock once a step's effects are over), never the JavaFX thread.
     */
    public synchronized boolean awaitPaused(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        while (!paused()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) return false;
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }

    /** Starts the clock again; a no-op if running. */
    public synchronized void resume() {
        State s = state;
        if (s.pausedAt >= 0) {
            state = new State(s.origin, s.pausedTotal + System.nanoTime() - s.pausedAt, -1);
            notifyAll();
        }
    }

    /**
     * Sleeps for {@code nanos} of run time: a pause in between stretches the sleep by as long as it lasts.
     *
     * @throws InterruptedException if interrupted (a reset)
     */
    public void sleep(long nanos) throws InterruptedException {
        long deadline = now() + nanos;
        while (true) {
            if (Thread.interrupted()) throw new InterruptedException();
            if (paused()) {
                synchronized (this) {
                    while (paused()) wait();
                }
                continue;
            }
            long left = deadline - now();
            if (left <= 0) return;
            // Park rather than Object.wait: wait(ms, ns) rounds up to whole milliseconds, which stretches every
            // short lesson sleep. A pause that starts meanwhile is noticed when the park ends: the deadline is in
            // run time, so the remaining sleep is then waited out after the resume.
            LockSupport.parkNanos(this, left);
        }
    }
}
