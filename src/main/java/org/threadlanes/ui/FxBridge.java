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

/**
 * The one seam between worker threads and the FX thread; the only class that calls {@link Platform#runLater}.
 * (A stand-in with the contract's API; the lanes branch brings the real one.)
 */
public final class FxBridge implements AutoCloseable {
    private final Consumer<List<Event>> sink;
    private final ConcurrentLinkedQueue<List<Event>> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private volatile boolean closed;
    private volatile long events;   // written on the FX thread only
    private volatile long batches;  // written on the FX thread only

    /** @param sink called on the FX thread with batches of events, in sequence order, never concurrently */
    public FxBridge(Consumer<List<Event>> sink) {
        this.sink = Objects.requireNonNull(sink);
    }

    /** A listener to add to a Recorder. Cheap, never blocks. */
    public RecorderListener listener() {
        return batch -> {
            if (closed || batch.isEmpty()) return;
            queue.add(batch);
            if (scheduled.compareAndSet(false, true)) Platform.runLater(this::drain);
        };
    }

    /** Stops delivering (pending events are dropped); idempotent. */
    @Override
    public void close() {
        closed = true;
        queue.clear();
    }

    /** Events handed to the sink so far. */
    public long eventsDelivered() {
        return events;
    }

    /** runLater calls that delivered events so far. */
    public long batchesDelivered() {
        return batches;
    }

    /** A rare one-off hop to the FX thread (run finished, an error to show). Not for events. */
    public static void post(Runnable action) {
        Platform.runLater(Objects.requireNonNull(action));
    }

    private void drain() {
        scheduled.set(false);
        if (closed) return;
        List<Event> all = new ArrayList<>();
        for (List<Event> b; (b = queue.poll()) != null; ) all.addAll(b);
        if (all.isEmpty()) return;
        events += all.size();
        batches++;
        sink.accept(all);
    }
}
