package org.threadlanes.ui.deadlock;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Hands values from any thread to the FX thread in batches, with at most one hop pending: a burst of gate changes
 * or graphs costs one {@code toFx} call, not one per value.
 *
 * <p>{@link #offer} may be called from any thread and never blocks. {@code sink} gets the values in the order they
 * were offered and runs wherever {@code toFx} runs it (the FX thread in the app; the test's thread in view-model
 * tests). {@link #close} drops whatever is pending, so a hop already queued for a run that was reset delivers
 * nothing.
 */
final class FxMailbox<T> {
    private final Executor toFx;
    private final Consumer<? super List<T>> sink;
    private final ConcurrentLinkedQueue<T> pending = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private volatile boolean closed;

    FxMailbox(Executor toFx, Consumer<? super List<T>> sink) {
        this.toFx = Objects.requireNonNull(toFx);
        this.sink = Objects.requireNonNull(sink);
    }

    /** Queues {@code value} and schedules a hop unless one is pending. */
    void offer(T value) {
        if (closed) return;
        pending.add(value);
        if (scheduled.compareAndSet(false, true)) toFx.execute(this::drain);
    }

    private void drain() {
        // Clear the flag first: a value offered while the sink runs schedules a hop of its own.
        scheduled.set(false);
        List<T> batch = new ArrayList<>();
        for (T v; (v = pending.poll()) != null; ) batch.add(v);
        if (!batch.isEmpty() && !closed) sink.accept(batch);
    }

    /** Delivers nothing from now on. */
    void close() {
        closed = true;
        pending.clear();
    }
}
