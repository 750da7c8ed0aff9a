package org.threadlanes.analysis;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.threadlanes.trace.BlockReason;
import org.threadlanes.trace.Event;
import org.threadlanes.trace.EventKind;
import org.threadlanes.trace.RecorderListener;
import org.threadlanes.trace.ThreadRef;
import org.threadlanes.trace.ThreadState;

/**
 * Follows a run's events to know, at any moment, which task each pool worker runs and which workers sit idle. No
 * pool hook says which worker runs a task, so this is read from STARTED and FINISHED, as the lanes do.
 *
 * <p>Fed on the recorder's drain thread; read by the deadlock checker. All state is guarded by {@code this}, held
 * only for a map update or a copy, never while calling out.
 */
final class TaskTracker implements RecorderListener {
    /** A task running on a worker. */
    record Running(long taskId, String label) {
    }

    private final Map<Long, Running> running = new HashMap<>();   // guarded by this: thread id -> its task
    private final Map<Long, ThreadRef> refs = new HashMap<>();    // guarded by this: first ref seen per thread id
    private final Map<Long, Event> lastState = new HashMap<>();   // guarded by this: last STATE event per thread

    @Override
    public synchronized void onEvents(List<Event> batch) {
        for (Event e : batch) {
            long id = e.threadId();
            refs.putIfAbsent(id, e.thread());
            if (e.kind() == EventKind.STARTED) {
                running.put(id, new Running(e.task(), e.detail()));
            } else if (e.kind() == EventKind.FINISHED) {
                Running r = running.get(id);
                if (r != null && r.taskId() == e.task()) running.remove(id);
            }
            if (e.state() != null) {
                lastState.put(id, e);
                if (e.state() == ThreadState.CONCLUDED) running.remove(id);
            }
        }
    }

    /** The task the thread runs now, or {@code null}. */
    synchronized Running runningOn(long threadId) {
        return running.get(threadId);
    }

    /** The id of the worker running task {@code taskId} (labelled {@code label}, if given), or 0. */
    synchronized long workerOf(long taskId, String label) {
        long found = 0;
        for (Map.Entry<Long, Running> e : running.entrySet()) {
            Running r = e.getValue();
            if (r.taskId() != taskId) continue;
            if (label == null || label.equals(r.label())) return e.getKey();
            found = e.getKey();
        }
        return found;
    }

    /** The ids of every thread that runs a task now. */
    synchronized List<Long> busyWorkers() {
        return List.copyOf(running.keySet());
    }

    /** Whether the thread's lane last showed it waiting for work (an idle pool worker). */
    synchronized boolean idle(long threadId) {
        Event e = lastState.get(threadId);
        return e != null && e.reason() == BlockReason.WORK;
    }

    /** The role the thread's events carry, or {@code null} if none was seen. */
    synchronized String role(long threadId) {
        ThreadRef r = refs.get(threadId);
        return r == null ? null : r.role();
    }
}
