package org.threadlanes.scenario.lessons;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.threadlanes.executor.Probe;
import org.threadlanes.executor.ThreadRefs;

/** Lesson-internal pacing that no listing shows. */
final class Pacing {
    private Pacing() {
    }

    /**
     * Waits until {@code latch} opens, so that a race the course wins with a one-unit sleep is won on any machine,
     * however loaded; then the broken lessons deadlock every time in free run. Gives up at once in step mode (the
     * user is the scheduler and must be free to steer around the deadlock) and after {@code maxUnits} (a state the
     * lesson did not plan for, such as a half-stepped run). Interruptible, like every wait of a lesson.
     */
    static void holdUntil(Probe p, CountDownLatch latch, double maxUnits) throws InterruptedException {
        long deadline = System.nanoTime() + p.units().toNanos(maxUnits);
        // Polled rather than awaited outright: the gate may start holding (Pause) while this thread waits here.
        while (!latch.await(1, TimeUnit.MILLISECONDS)) {
            if (p.gate().holds(ThreadRefs.current()) || System.nanoTime() - deadline > 0) return;
        }
    }
}
