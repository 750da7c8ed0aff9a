package org.threadlanes.scenario.lessons;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.threadlanes.executor.InstrumentedExecutor;
import org.threadlanes.executor.Probe;
import org.threadlanes.scenario.ScenarioContext;

/**
 * Python's {@code concurrent.futures.ThreadPoolExecutor} and module functions, over a run's instrumented pool: what
 * the lessons' listings call, with every wait made visible on the waiting thread's lane.
 *
 * <pre>{@code
 * PyExecutor executor = PyExecutor.of(ctx, 3, "worker");
 * List<PyFuture<Integer>> toDo = ...executor.submit("loiter(4)", () -> loiter(4))...;
 * for (PyFuture<Integer> f : PyExecutor.asCompleted(p, toDo, line)) { ... } // main: BLOCKED(QUEUE) between
 * executor.shutdown(true, false);                                         // main: BLOCKED(FUTURE) per running task
 * }</pre>
 *
 * <p>Every task of a PyExecutor must be submitted through it (not through the pool directly): it numbers them, which
 * keeps task ids unique within the pool.
 *
 * <p>Thread-safe.
 */
final class PyExecutor {
    /** When {@link #wait} returns, as in Python. */
    enum ReturnWhen { FIRST_COMPLETED, FIRST_EXCEPTION, ALL_COMPLETED }

    /** Python's {@code ValueError}, for lessons whose tasks fail the way the course's do. */
    static final class ValueError extends Exception {
        private static final long serialVersionUID = 1L;

        ValueError(String message) {
            super(message);
        }
    }

    /** What {@link #wait} returns: the futures done and not done at that moment, in submission order. */
    record DoneAndNotDone<T>(List<PyFuture<T>> done, List<PyFuture<T>> notDone) {
    }

    private final InstrumentedExecutor pool;
    private final Probe probe;
    private final Consumer<String> log;
    private final AtomicLong ids = new AtomicLong();
    private final List<PyFuture<?>> submitted = new CopyOnWriteArrayList<>();
    private volatile Probe.ThrowingRunnable initializer;
    /** Set on a worker once it has run the initializer. */
    private final ThreadLocal<Boolean> initialized = ThreadLocal.withInitial(() -> Boolean.FALSE);

    PyExecutor(InstrumentedExecutor pool, Probe probe, Consumer<String> log) {
        this.pool = pool;
        this.probe = probe;
        this.log = log;
    }

    /** A pool of {@code workers} threads named {@code prefix-1..N}, ended with the run. */
    static PyExecutor of(ScenarioContext ctx, int workers, String prefix) {
        return new PyExecutor(ctx.pool(workers, prefix), ctx.probe(), ctx::log);
    }

    InstrumentedExecutor pool() {
        return pool;
    }

    void log(String message) {
        log.accept(message);
    }

    /**
     * Python's {@code initializer=}: runs once on each worker, before the first task it runs. (Java pools have no
     * such hook; it runs inside that first task, so its lane shows it right after the task starts.)
     */
    PyExecutor initializer(Probe.ThrowingRunnable init) {
        this.initializer = init;
        return this;
    }

    /** {@code executor.submit(fn)}: queues {@code body}; its lane shows {@code label} while it runs. */
    <T> PyFuture<T> submit(String label, Callable<T> body) {
        PyFuture<T> f = new PyFuture<>(this, ids.incrementAndGet(), label, withInitializer(body));
        submitted.add(f);
        pool.execute(f);
        return f;
    }

    /**
     * {@code executor.shutdown(wait, cancel_futures)}. With {@code cancelFutures}, every task still queued is
     * cancelled and never runs. With {@code wait}, the caller then waits for the tasks that run (BLOCKED(FUTURE) on
     * each in turn) and for the workers to end.
     */
    void shutdown(boolean wait, boolean cancelFutures) throws InterruptedException {
        pool.shutdown();
        if (cancelFutures) {
            for (Runnable r : new ArrayList<>(pool.getQueue())) {
                if (r instanceof Future<?> f) f.cancel(false); // a PyFuture leaves the queue as it is cancelled
            }
        }
        if (!wait) return;
        for (PyFuture<?> f : submitted) {
            if (f.isDone()) continue;
            try {
                probe.get(f);
            } catch (ExecutionException | CancellationException e) {
                // shutdown(wait=True) waits for failed tasks too; their errors belong to whoever asks for them
            }
        }
        // Every task is done; the workers end right after. Waiting for them also orders their done-callbacks
        // (which run on the workers) before whatever the caller does next.
        while (!pool.awaitTermination(1, TimeUnit.SECONDS)) {
            // Not yet: a worker is still between its last task and its exit. A reset interrupts this wait.
        }
    }

    private <T> Callable<T> withInitializer(Callable<T> body) {
        Probe.ThrowingRunnable init = initializer;
        if (init == null) return body;
        return () -> {
            if (!initialized.get()) {
                initialized.set(Boolean.TRUE);
                init.run();
            }
            return body.call();
        };
    }

    // ------------------------------------------------------------------ module functions

    /**
     * {@code concurrent.futures.as_completed(fs)}: the futures in the order they finish. Futures already done come
     * first. Between two results the caller's lane is BLOCKED(QUEUE) on the queue of done futures.
     *
     * @param line the listing line the caller waits at
     */
    static <T> Iterable<PyFuture<T>> asCompleted(Probe probe, List<PyFuture<T>> fs, int line) {
        BlockingQueue<PyFuture<T>> done = doneQueue(probe, fs, "as_completed");
        return () -> new java.util.Iterator<>() {
            private int left = new LinkedHashSet<>(fs).size();

            @Override
            public boolean hasNext() {
                return left > 0;
            }

            @Override
            public PyFuture<T> next() {
                if (left == 0) throw new java.util.NoSuchElementException();
                try {
                    PyFuture<T> f = probe.at(line).take(done);
                    left--;
                    return f;
                } catch (InterruptedException e) {
                    // Iterator.next cannot throw it: keep the interrupt, end the lesson at its next probe.
                    Thread.currentThread().interrupt();
                    throw new CancellationException("interrupted while waiting for the next future");
                }
            }
        };
    }

    /**
     * {@code concurrent.futures.wait(fs, return_when=...)}: blocks (BLOCKED(QUEUE) on the queue of done futures)
     * until the condition holds, then splits {@code fs} into done and not done at that moment.
     * {@code FIRST_EXCEPTION} returns when a future fails, or when all are done if none fails.
     */
    static <T> DoneAndNotDone<T> wait(Probe probe, List<PyFuture<T>> fs, ReturnWhen when, int line)
            throws InterruptedException {
        Set<PyFuture<T>> all = new LinkedHashSet<>(fs);
        BlockingQueue<PyFuture<T>> done = doneQueue(probe, fs, "wait(" + when + ")");
        int finished = 0;
        while (finished < all.size()) {
            PyFuture<T> f = done.poll();
            if (f == null) {
                if (when == ReturnWhen.FIRST_COMPLETED && finished > 0) break;
                f = probe.at(line).take(done);
            }
            finished++;
            if (when == ReturnWhen.FIRST_COMPLETED) continue; // drain whatever is already done, then stop above
            if (when == ReturnWhen.FIRST_EXCEPTION && failed(f)) break;
        }
        List<PyFuture<T>> yes = new ArrayList<>(), no = new ArrayList<>();
        for (PyFuture<T> f : all) (f.isDone() ? yes : no).add(f);
        return new DoneAndNotDone<>(yes, no);
    }

    /** Whether a done future ended with an exception (not by cancellation). */
    static boolean failed(Future<?> f) {
        if (!f.isDone() || f.isCancelled()) return false;
        try {
            f.get();
            return false;
        } catch (ExecutionException e) {
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** A queue that each future of {@code fs} joins as it finishes (at once if done already). */
    private static <T> BlockingQueue<PyFuture<T>> doneQueue(Probe probe, List<PyFuture<T>> fs, String name) {
        BlockingQueue<PyFuture<T>> done = probe.name(new LinkedBlockingQueue<>(), "of done futures (" + name + ")");
        for (PyFuture<T> f : new LinkedHashSet<>(fs)) f.addDoneCallback(done::add);
        return done;
    }
}
