package org.threadlanes.ui.deadlock;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stands in for the FX thread in view-model tests: tasks handed over from any thread queue up, and the test runs
 * them on its own thread with {@link #drain()}, so what reaches the model, and when, is the test's to decide.
 */
final class QueuedExecutor implements Executor {
    private final ConcurrentLinkedQueue<Runnable> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger handedOver = new AtomicInteger();

    @Override
    public void execute(Runnable task) {
        handedOver.incrementAndGet();
        queue.add(task);
    }

    /** Runs every queued task, including those queued meanwhile, on the calling thread; returns how many ran. */
    int drain() {
        int n = 0;
        for (Runnable r; (r = queue.poll()) != null; n++) r.run();
        return n;
    }

    /** Tasks handed over so far. */
    int handedOver() {
        return handedOver.get();
    }
}
