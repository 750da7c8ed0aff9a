package org.threadlanes.ui.app;

import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import org.threadlanes.trace.Event;
import org.threadlanes.trace.RecorderListener;

/**
 * A {@link Delivery} for view-model tests: batches and posted actions wait in one queue, in the order they were
 * handed over, until the test's thread runs them with {@link #pump()}. So the test thread plays the UI thread.
 */
final class QueuedDelivery implements Delivery {
    private final LinkedBlockingQueue<Runnable> queue = new LinkedBlockingQueue<>();

    @Override
    public Pipe open(Consumer<List<Event>> sink) {
        return new Pipe() {
            private volatile boolean closed;
            private final RecorderListener listener = batch -> {
                if (!closed) queue.add(() -> {
                    if (!closed) sink.accept(batch);
                });
            };

            @Override
            public RecorderListener listener() {
                return listener;
            }

            @Override
            public void close() {
                closed = true;
            }
        };
    }

    @Override
    public void post(Runnable action) {
        queue.add(action);
    }

    /** Runs everything queued so far on the calling thread; returns how many actions ran. */
    int pump() {
        int n = 0;
        Runnable r;
        while ((r = queue.poll()) != null) {
            r.run();
            n++;
        }
        return n;
    }

    /** Runs queued actions as they arrive until {@code done} holds; false if it did not within the timeout. */
    boolean pumpUntil(BooleanSupplier done, long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        while (!done.getAsBoolean()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) return false;
            Runnable r = queue.poll(left, TimeUnit.NANOSECONDS);
            if (r != null) r.run();
        }
        return true;
    }
}
