package org.threadlanes.executor;

import java.lang.ref.Cleaner;
import java.lang.ref.Reference;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.threadlanes.trace.Recorder;

/**
 * Drop-in replacements for the pool factories of {@link java.util.concurrent.Executors}: the same configurations,
 * as {@link InstrumentedExecutor}s that publish to a recorder ({@link Recorder#global()} unless one is given).
 *
 * <pre>{@code
 * ExecutorService pool = InstrumentedExecutors.newFixedThreadPool(recorder, 4);   // was Executors.newFixedThreadPool(4)
 * }</pre>
 */
public final class InstrumentedExecutors {
    private InstrumentedExecutors() {
    }

    // --------------------------------------------------------------- fixed

    /** As {@link java.util.concurrent.Executors#newFixedThreadPool(int)}: n threads, an unbounded queue. */
    public static InstrumentedExecutor newFixedThreadPool(int nThreads) {
        return newFixedThreadPool(Recorder.global(), nThreads);
    }

    /** As {@link java.util.concurrent.Executors#newFixedThreadPool(int, ThreadFactory)}. */
    public static InstrumentedExecutor newFixedThreadPool(int nThreads, ThreadFactory threadFactory) {
        return newFixedThreadPool(Recorder.global(), nThreads, threadFactory);
    }

    /** A fixed pool recording to {@code recorder}. */
    public static InstrumentedExecutor newFixedThreadPool(Recorder recorder, int nThreads) {
        return new InstrumentedExecutor(recorder, nThreads, nThreads, 0L, TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>());
    }

    /** A fixed pool recording to {@code recorder}, with workers from {@code threadFactory}. */
    public static InstrumentedExecutor newFixedThreadPool(Recorder recorder, int nThreads,
                                                          ThreadFactory threadFactory) {
        return new InstrumentedExecutor(recorder, nThreads, nThreads, 0L, TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(), threadFactory);
    }

    // --------------------------------------------------------------- cached

    /**
     * As {@link java.util.concurrent.Executors#newCachedThreadPool()}: a thread per task when none is idle, idle
     * threads end after 60 seconds, tasks are handed over (never queued).
     */
    public static InstrumentedExecutor newCachedThreadPool() {
        return newCachedThreadPool(Recorder.global());
    }

    /** As {@link java.util.concurrent.Executors#newCachedThreadPool(ThreadFactory)}. */
    public static InstrumentedExecutor newCachedThreadPool(ThreadFactory threadFactory) {
        return newCachedThreadPool(Recorder.global(), threadFactory);
    }

    /** A cached pool recording to {@code recorder}. */
    public static InstrumentedExecutor newCachedThreadPool(Recorder recorder) {
        return new InstrumentedExecutor(recorder, 0, Integer.MAX_VALUE, 60L, TimeUnit.SECONDS,
                new SynchronousQueue<>());
    }

    /** A cached pool recording to {@code recorder}, with workers from {@code threadFactory}. */
    public static InstrumentedExecutor newCachedThreadPool(Recorder recorder, ThreadFactory threadFactory) {
        return new InstrumentedExecutor(recorder, 0, Integer.MAX_VALUE, 60L, TimeUnit.SECONDS,
                new SynchronousQueue<>(), threadFactory);
    }

    // --------------------------------------------------------------- single

    /**
     * As {@link java.util.concurrent.Executors#newSingleThreadExecutor()}: one thread, an unbounded queue, and a
     * wrapper that cannot be cast back to the pool to reconfigure it. Like the JDK's, the pool shuts down once the
     * wrapper is unreachable.
     */
    public static ExecutorService newSingleThreadExecutor() {
        return newSingleThreadExecutor(Recorder.global());
    }

    /** As {@link java.util.concurrent.Executors#newSingleThreadExecutor(ThreadFactory)}. */
    public static ExecutorService newSingleThreadExecutor(ThreadFactory threadFactory) {
        return newSingleThreadExecutor(Recorder.global(), threadFactory);
    }

    /** A single-thread executor recording to {@code recorder}. */
    public static ExecutorService newSingleThreadExecutor(Recorder recorder) {
        return new Unconfigurable(new InstrumentedExecutor(recorder, 1, 1, 0L, TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>()));
    }

    /** A single-thread executor recording to {@code recorder}, with its worker from {@code threadFactory}. */
    public static ExecutorService newSingleThreadExecutor(Recorder recorder, ThreadFactory threadFactory) {
        return new Unconfigurable(new InstrumentedExecutor(recorder, 1, 1, 0L, TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(), threadFactory));
    }

    /**
     * Exposes only the {@link ExecutorService} methods of a pool, and shuts the pool down when the wrapper becomes
     * unreachable (as the JDK's single-thread executor does), so a forgotten executor does not keep its thread.
     * Every method keeps the wrapper reachable while it delegates, or the pool could shut down under a running call.
     */
    private static final class Unconfigurable extends AbstractExecutorService {
        private static final Cleaner CLEANER = Cleaner.create();
        private final InstrumentedExecutor pool;
        private final Cleaner.Cleanable cleanable;

        Unconfigurable(InstrumentedExecutor pool) {
            this.pool = pool;
            // The action must not reach this wrapper, or the wrapper would never become unreachable.
            this.cleanable = CLEANER.register(this, new ShutdownAction(pool));
        }

        @Override
        public void execute(Runnable command) {
            try {
                pool.execute(command);
            } finally {
                Reference.reachabilityFence(this);
            }
        }

        @Override
        public void shutdown() {
            try {
                pool.shutdown();
                cleanable.clean();
            } finally {
                Reference.reachabilityFence(this);
            }
        }

        @Override
        public List<Runnable> shutdownNow() {
            try {
                List<Runnable> drained = pool.shutdownNow();
                cleanable.clean();
                return drained;
            } finally {
                Reference.reachabilityFence(this);
            }
        }

        @Override
        public boolean isShutdown() {
            try {
                return pool.isShutdown();
            } finally {
                Reference.reachabilityFence(this);
            }
        }

        @Override
        public boolean isTerminated() {
            try {
                return pool.isTerminated();
            } finally {
                Reference.reachabilityFence(this);
            }
        }

        @Override
        public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
            try {
                return pool.awaitTermination(timeout, unit);
            } finally {
                Reference.reachabilityFence(this);
            }
        }

        // Submission goes through the pool so that its futures are the pool's own (numbered and labelled).
        @Override
        public Future<?> submit(Runnable task) {
            try {
                return pool.submit(task);
            } finally {
                Reference.reachabilityFence(this);
            }
        }

        @Override
        public <T> Future<T> submit(Runnable task, T result) {
            try {
                return pool.submit(task, result);
            } finally {
                Reference.reachabilityFence(this);
            }
        }

        @Override
        public <T> Future<T> submit(Callable<T> task) {
            try {
                return pool.submit(task);
            } finally {
                Reference.reachabilityFence(this);
            }
        }

        @Override
        public <T> List<Future<T>> invokeAll(Collection<? extends Callable<T>> tasks) throws InterruptedException {
            try {
                return pool.invokeAll(tasks);
            } finally {
                Reference.reachabilityFence(this);
            }
        }

        @Override
        public <T> List<Future<T>> invokeAll(Collection<? extends Callable<T>> tasks, long timeout, TimeUnit unit)
                throws InterruptedException {
            try {
                return pool.invokeAll(tasks, timeout, unit);
            } finally {
                Reference.reachabilityFence(this);
            }
        }

        @Override
        public <T> T invokeAny(Collection<? extends Callable<T>> tasks)
                throws InterruptedException, ExecutionException {
            try {
                return pool.invokeAny(tasks);
            } finally {
                Reference.reachabilityFence(this);
            }
        }

        @Override
        public <T> T invokeAny(Collection<? extends Callable<T>> tasks, long timeout, TimeUnit unit)
                throws InterruptedException, ExecutionException, TimeoutException {
            try {
                return pool.invokeAny(tasks, timeout, unit);
            } finally {
                Reference.reachabilityFence(this);
            }
        }

        @Override
        public String toString() {
            return super.toString() + "[" + pool + "]";
        }
    }

    private record ShutdownAction(InstrumentedExecutor pool) implements Runnable {
        ShutdownAction {
            Objects.requireNonNull(pool);
        }

        @Override
        public void run() {
            pool.shutdown();
        }
    }
}
