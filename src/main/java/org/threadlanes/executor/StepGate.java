package org.threadlanes.executor;

import org.threadlanes.trace.ThreadRef;

/**
 * Decides when a scenario thread may take its next step. Every probe passes the gate before it acts, so a gate that
 * holds threads back turns the user into the scheduler. The {@link #OPEN} gate lets everyone through at once.
 */
public interface StepGate {
    /** A gate that never waits. */
    StepGate OPEN = (thread, action, line) -> { };

    /**
     * Returns when {@code thread} may perform {@code action}. Called on that thread, before it acts. While it waits
     * here the thread is READY: runnable, but not picked.
     *
     * @param action what the thread is about to do, in words ("lock B", "sleep 2")
     * @param line   the listing line of the action, or 0
     * @throws InterruptedException if the run is reset while waiting
     */
    void pass(ThreadRef thread, String action, int line) throws InterruptedException;

    /** Whether this gate may hold threads back (the probes then publish READY before passing it). */
    default boolean holds() {
        return this != OPEN;
    }

    /**
     * Whether this gate may hold {@code thread} back. A gate that schedules only some threads (a scripted replay)
     * answers per thread, so the others run free without a READY "next: ..." at every probe.
     */
    default boolean holds(ThreadRef thread) {
        return holds();
    }
}
