package org.threadlanes.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import javafx.application.Platform;

import org.threadlanes.trace.Event;
import org.threadlanes.trace.RecorderListener;

/**
 * The one seam between worker threads and the FX thread; the only class that calls {@link Platform#runLater}.
 *
 * <p>Batches from a {@link org.threadlanes.trace.Recorder} are queued as they come. At most one hop to the FX
 * thread is pending at any time: the first batch to find none schedules one, later batches just join the queue,
 * and the hop hands everything queued by then to the sink as one list. So a flood of events costs one
 * {@code runLater} per frame or so, never one per event (the {@link Platform#runLater} javadoc warns that flooding
 * it makes the UI unresponsive).
 *
 * <p>One hop hands over at most {@value #MAX_EVENTS_PER_HOP} events. A larger backlog (a recorder that fell far
 * behind, a trace loaded at once) goes over in several hops, one after the other, with animation pulses in between,
 * so that it never freezes the window for long.
 *
 * <pre>{@code
 * FxBridge bridge = new FxBridge(batch -> { timeline.accept(batch); tasks.accept(batch); });
 * run.recorder().addListener(bridge.listener());
 * run.start();
 * ...
 * bridge.close();   // on reset: nothing more reaches the sink
 * }</pre>
 *
 * <p>Thread-safe. The listener may be called from any thread (the recorder calls it from its drainer, one batch at
 * a time, in sequence order); the sink is called on the FX thread only, never concurrently, and sees events in the
 * order the listener received them.
 */
public final class FxBridge implements AutoCloseable {
    /** The most events one hop hands to the sink; the rest follows in the next hop. */
    public static final int MAX_EVENTS_PER_HOP = 1 << 16;

    private final Consumer<List<Event>> sink;
    /** Batches waiting for the FX thread, in arrival order. Producers add; only the FX thread polls. */
    private final ConcurrentLinkedQueue<List<Event>> queue = new ConcurrentLinkedQueue<>();
    /** True from the moment a hop is scheduled until it starts draining. */
    private final AtomicBoolean scheduled = new AtomicBoolean();
    /** Events queued and not yet delivered or dropped. */
    private final AtomicLong pending = new AtomicLong();
    private final RecorderListener listener = this::enqueue;
    /** The part of a split batch not yet handed over; touched on the FX thread only. */
    private List<Event> carry;
    private volatile boolean closed;
    // Written on the FX thread only; volatile so that any thread may read the figures.
    private volatile long eventsDelivered;
    private volatile long batchesDelivered;

    /**
     * @param sink called on the FX thread with batches of events, in sequence order, never concurrently
     */
    public FxBridge(Consumer<List<Event>> sink) {
        this.sink = Objects.requireNonNull(sink, "sink");
    }

    /** A listener to add to a Recorder: {@code recorder.addListener(bridge.listener())}. Cheap, never blocks. */
    public RecorderListener listener() {
        return listener;
    }

    /** Stops delivering (pending events are dropped); idempotent. */
    @Override
    public void close() {
        closed = true;
        dropQueued();
    }

    /** Whether {@link #close()} was called. */
    public boolean isClosed() {
        return closed;
    }

    /** Events handed to the sink so far. */
    public long eventsDelivered() {
        return eventsDelivered;
    }

    /** The number of {@code runLater} hops that delivered events to the sink so far. */
    public long batchesDelivered() {
        return batchesDelivered;
    }

    /** Events received and not yet handed to the sink: 0 once the FX thread has caught up. */
    public long pendingEvents() {
        return pending.get();
    }

    /** A rare one-off hop to the FX thread (run finished, an error to show). Not for events. */
    public static void post(Runnable action) {
        Objects.requireNonNull(action, "action");
        Platform.runLater(action);
    }

    private void enqueue(List<Event> batch) {
        if (closed || batch.isEmpty()) return;
        // Count first, so that a drain never subtracts a batch not yet counted.
        pending.addAndGet(batch.size());
        queue.add(batch);
        // A close() racing with the add above: drop what it may have missed.
        if (closed) {
            dropQueued();
            return;
        }
        if (scheduled.compareAndSet(false, true)) Platform.runLater(this::drain);
    }

    /** Runs on the FX thread. */
    private void drain() {
        // Clear the flag before polling: a batch added after the last poll then schedules a hop of its own, so none
        // is stranded. At worst a hop finds the queue already empty.
        scheduled.set(false);
        if (closed) {
            if (carry != null) pending.addAndGet(-carry.size());
            carry = null;
            dropQueued();
            return;
        }
        List<Event> single = null;
        ArrayList<Event> merged = null;
        int n = 0;
        while (n < MAX_EVENTS_PER_HOP) {
            List<Event> b = carry != null ? carry : queue.poll();
            if (b == null) break;
            carry = null;
            int room = MAX_EVENTS_PER_HOP - n;
            if (b.size() > room) {
                carry = b.subList(room, b.size());
                b = b.subList(0, room);
            }
            if (single == null) {
                single = b;
            } else {
                if (merged == null) {
                    merged = new ArrayList<>((int) Math.min(MAX_EVENTS_PER_HOP, pending.get()));
                    merged.addAll(single);
                }
                merged.addAll(b);
            }
            n += b.size();
        }
        if (n == 0) return;
        List<Event> all = merged != null ? merged : single;
        pending.addAndGet(-n);
        eventsDelivered += n;
        batchesDelivered++;
        try {
            sink.accept(all);
        } finally {
            // Left over (a split batch, or more than one hop's worth): one more hop, which runs after the pulses
            // already waiting, so the window keeps animating through a backlog.
            if ((carry != null || !queue.isEmpty()) && scheduled.compareAndSet(false, true)) {
                Platform.runLater(this::drain);
            }
        }
    }

    private void dropQueued() {
        for (List<Event> b; (b = queue.poll()) != null; ) pending.addAndGet(-b.size());
    }
}
