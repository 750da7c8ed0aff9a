package org.threadlanes.scenario.lessons;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;

import org.threadlanes.executor.TracedFutureTask;

/**
 * A future with Python's {@code concurrent.futures.Future} semantics, as handed out by {@link PyExecutor#submit}.
 *
 * <p>Two differences from a plain {@link java.util.concurrent.FutureTask}, both the course's:
 * <ul>
 *   <li>{@link #cancel(boolean)} succeeds only while the task is still queued: once a worker has claimed it, it
 *       returns false (a FutureTask would "cancel" a running task and discard its result). A cancelled task also
 *       leaves the pool's queue, so no worker ever starts it.</li>
 *   <li>{@link #addDoneCallback} runs a callback once the future is done, on the thread that completed it (the
 *       worker, or the thread that cancelled it); if it is done already, at once on the caller.</li>
 * </ul>
 *
 * <p>Thread-safe. {@code callbacks} and {@code completed} are guarded by {@code this}; {@code claimed} is set once,
 * by whichever comes first, the worker starting the task or a successful cancel.
 */
final class PyFuture<T> extends TracedFutureTask<T> {
    /** A done-callback; it gets the future. */
    @FunctionalInterface
    interface Callback<T> {
        void call(PyFuture<T> future) throws Exception;
    }

    private final PyExecutor owner;
    private final AtomicBoolean claimed = new AtomicBoolean();
    private final List<Callback<T>> callbacks = new ArrayList<>(); // guarded by this
    private boolean completed;                                     // guarded by this

    PyFuture(PyExecutor owner, long taskId, String label, Callable<T> body) {
        super(taskId, label, body);
        this.owner = owner;
    }

    @Override
    public void run() {
        // Claiming first is what makes cancel() fail from here on; an already cancelled task is simply skipped.
        if (claimed.compareAndSet(false, true)) super.run();
    }

    /**
     * Python's {@code cancel()}: true if the task was still queued (it will never run), or was cancelled before;
     * false once it runs or is done. {@code mayInterruptIfRunning} is ignored: a running task is never cancelled.
     */
    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        if (!claimed.compareAndSet(false, true)) return isCancelled();
        boolean cancelled = super.cancel(false);
        if (cancelled) owner.pool().remove(this); // publishes FINISHED(CANCELLED) for the queued task
        return cancelled;
    }

    /** Python's {@code running()}: a worker has it and it is not done. */
    boolean running() {
        return claimed.get() && !isCancelled() && !isDone();
    }

    /**
     * Python's {@code add_done_callback(fn)}: runs {@code fn} when the future is done, on the thread that completes
     * it; if it is done already, now, on the calling thread. An exception from {@code fn} is logged and ignored.
     */
    void addDoneCallback(Callback<T> fn) {
        synchronized (this) {
            // Done already (even if done() has not run yet): the caller runs it, as Python does. Otherwise done()
            // will, since it takes the list under this lock after the future became done.
            if (!completed && !isDone()) {
                callbacks.add(fn);
                return;
            }
        }
        invoke(fn);
    }

    /** Called by FutureTask on the completing thread, after the result is set and waiters are released. */
    @Override
    protected void done() {
        List<Callback<T>> todo;
        synchronized (this) {
            completed = true;
            todo = List.copyOf(callbacks);
            callbacks.clear();
        }
        for (Callback<T> fn : todo) invoke(fn);
    }

    private void invoke(Callback<T> fn) {
        try {
            fn.call(this);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // a reset: let the thread see it
        } catch (Exception e) {
            owner.log("exception calling callback for " + label() + ": " + e);
        }
    }
}
