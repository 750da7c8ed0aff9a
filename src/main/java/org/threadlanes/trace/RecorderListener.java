package org.threadlanes.trace;

import java.util.List;

/**
 * Receives recorded events in sequence order, in batches.
 *
 * <p>Called on whichever thread drains the recorder (its background drainer, or a caller of
 * {@link Recorder#flush()}), never concurrently for one recorder. Implementations must return quickly: hand the
 * batch to another thread rather than work on it here.
 */
@FunctionalInterface
public interface RecorderListener {
    /** The next events, contiguous with the previous batch. The list is unmodifiable. */
    void onEvents(List<Event> batch);
}
