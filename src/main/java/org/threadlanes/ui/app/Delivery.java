package org.threadlanes.ui.app;

import java.util.List;
import java.util.function.Consumer;

import org.threadlanes.trace.Event;
import org.threadlanes.trace.RecorderListener;

/**
 * How a run's events and rare one-off actions reach the UI thread. The app uses {@link FxDelivery} (the
 * {@link org.threadlanes.ui.FxBridge}); view-model tests use a delivery that queues everything and runs it on the
 * test's own thread when asked, which makes runs deterministic to check.
 *
 * <p>Both paths must keep one order: a batch handed over before a {@link #post} is delivered before it.
 */
public interface Delivery {
    /** Opens a pipe that hands batches to {@code sink} on the UI thread, in order, never concurrently. */
    Pipe open(Consumer<List<Event>> sink);

    /** Runs {@code action} once on the UI thread (a run finished, threads ended). Not for events. */
    void post(Runnable action);

    /** One run's event pipe. */
    interface Pipe extends AutoCloseable {
        /** The listener to add to the run's recorder; cheap and never blocks. */
        RecorderListener listener();

        /** Stops delivering; pending events are dropped. Idempotent. */
        @Override
        void close();
    }
}
