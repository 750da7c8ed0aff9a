// STUB: replaced by the lanes branch at merge
package org.threadlanes.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import javafx.application.Platform;

import org.threadlanes.trace.Event;
import org.threadlanes.trace.RecorderListener;

/** The one seam between worker threads and the FX thread; the only class that calls Platform.runLater. */
public final class FxBridge implements AutoCloseable {
    private final Consumer<List<Event>> sink;
    private final ConcurrentLinkedQueue<List<Event>> pending = new ConcurrentLinkedQueue<>();
    /** True while a drain is scheduled on the FX thread and has not started yet. */
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final RecorderListener listener = this::offer;
    private volatile boolean closed;
    /** Written on the FX thread only; volatile so other threads may read them. */
    private volatile long events, batches;

    /** sink is called on the FX thread with batches of events, in sequence order, never concurrently. */
    public FxBridge(Consumer<List<Event>> sink) {
        this.sink = Objects.requireNonNull(sink);
    }

    /** A listener to add to a Recorder: recorder.addListener(bridge.listener()). Cheap, never blocks. */
    public RecorderListener listener() {
        return listener;
    }

    private void offer(List<Event> batch) {
        if (closed) return;
        pending.add(batch);
        if (scheduled.compareAndSet(false, true)) Platform.runLater(this::drain);
    }

    private void drain() {
        scheduled.set(false);
        if (closed) {
            pending.clear();
            return;
        }
        List<Event> all = new ArrayList<>();
        List<Event> b;
        while ((b = pending.poll()) != null) all.addAll(b);
        if (all.isEmpty()) return;
        events += all.size();
        batches++;
        sink.accept(List.copyOf(all));
    }

    /** Stops delivering (pending events are dropped); idempotent. */
    @Override
    public void close() {
        closed = true;
        pending.clear();
    }

    /** Events handed to the sink so far. */
    public long eventsDelivered() {
        return events;
    }

    /** The number of runLater calls it took. */
    public long batchesDelivered() {
        return batches;
    }

    /** A rare one-off hop to the FX thread (run finished, an error to show). Not for events. */
    public static void post(Runnable action) {
        Platform.runLater(action);
    }
}
