package org.threadlanes.executor;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionHandler;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.threadlanes.trace.Recorder;

/**
 * The two pools every conformance property runs against: the JDK's own {@link ThreadPoolExecutor} and
 * {@link InstrumentedExecutor}. A property passes only if both show the same observable outcome.
 */
enum PoolKind {
    PLAIN {
        @Override
        ThreadPoolExecutor make(int core, int max, long keepAlive, TimeUnit unit, BlockingQueue<Runnable> queue,
                                ThreadFactory factory, RejectedExecutionHandler handler) {
            return new ThreadPoolExecutor(core, max, keepAlive, unit, queue, factory, handler);
        }

        @Override
        ThreadPoolExecutor make(int core, int max, long keepAlive, TimeUnit unit, BlockingQueue<Runnable> queue) {
            return new ThreadPoolExecutor(core, max, keepAlive, unit, queue);
        }

        @Override
        ThreadPoolExecutor make(int core, int max, long keepAlive, TimeUnit unit, BlockingQueue<Runnable> queue,
                                ThreadFactory factory) {
            return new ThreadPoolExecutor(core, max, keepAlive, unit, queue, factory);
        }

        @Override
        ThreadPoolExecutor make(int core, int max, long keepAlive, TimeUnit unit, BlockingQueue<Runnable> queue,
                                RejectedExecutionHandler handler) {
            return new ThreadPoolExecutor(core, max, keepAlive, unit, queue, handler);
        }

        @Override
        ThreadPoolExecutor withHooks(HookLog log, int core, int max, BlockingQueue<Runnable> queue,
                                     ThreadFactory factory) {
            return new HookedPlain(log, core, max, queue, factory);
        }
    },
    INSTRUMENTED {
        @Override
        ThreadPoolExecutor make(int core, int max, long keepAlive, TimeUnit unit, BlockingQueue<Runnable> queue,
                                ThreadFactory factory, RejectedExecutionHandler handler) {
            return new InstrumentedExecutor(new Recorder(), core, max, keepAlive, unit, queue, factory, handler);
        }

        @Override
        ThreadPoolExecutor make(int core, int max, long keepAlive, TimeUnit unit, BlockingQueue<Runnable> queue) {
            return new InstrumentedExecutor(new Recorder(), core, max, keepAlive, unit, queue);
        }

        @Override
        ThreadPoolExecutor make(int core, int max, long keepAlive, TimeUnit unit, BlockingQueue<Runnable> queue,
                                ThreadFactory factory) {
            return new InstrumentedExecutor(new Recorder(), core, max, keepAlive, unit, queue, factory);
        }

        @Override
        ThreadPoolExecutor make(int core, int max, long keepAlive, TimeUnit unit, BlockingQueue<Runnable> queue,
                                RejectedExecutionHandler handler) {
            return new InstrumentedExecutor(new Recorder(), core, max, keepAlive, unit, queue, handler);
        }

        @Override
        ThreadPoolExecutor withHooks(HookLog log, int core, int max, BlockingQueue<Runnable> queue,
                                     ThreadFactory factory) {
            return new HookedInstrumented(log, core, max, queue, factory);
        }
    };

    abstract ThreadPoolExecutor make(int core, int max, long keepAlive, TimeUnit unit, BlockingQueue<Runnable> queue,
                                     ThreadFactory factory, RejectedExecutionHandler handler);

    abstract ThreadPoolExecutor make(int core, int max, long keepAlive, TimeUnit unit, BlockingQueue<Runnable> queue);

    abstract ThreadPoolExecutor make(int core, int max, long keepAlive, TimeUnit unit, BlockingQueue<Runnable> queue,
                                     ThreadFactory factory);

    abstract ThreadPoolExecutor make(int core, int max, long keepAlive, TimeUnit unit, BlockingQueue<Runnable> queue,
                                     RejectedExecutionHandler handler);

    /** A subclass of this kind's pool whose hooks write to {@code log} (and call super). */
    abstract ThreadPoolExecutor withHooks(HookLog log, int core, int max, BlockingQueue<Runnable> queue,
                                          ThreadFactory factory);

    /** What a subclass's hooks saw, in order, with the thread that ran each. */
    static final class HookLog {
        final List<String> calls = new ArrayList<>();                  // guarded by this
        final CountDownLatch terminated = new CountDownLatch(1);
        final AtomicInteger terminations = new AtomicInteger();
        /** Set by a test: beforeExecute throws it for this task. */
        volatile Runnable poison;

        synchronized void add(String call) {
            calls.add(call);
        }

        synchronized List<String> calls() {
            return List.copyOf(calls);
        }

        void before(Thread t, Runnable r) {
            add("before " + r + " on " + t.getName() + (t == Thread.currentThread() ? " (self)" : " (other)"));
            if (r == poison) throw new IllegalStateException("refused by beforeExecute");
        }

        void after(Runnable r, Throwable t) {
            add("after " + r + " on " + Thread.currentThread().getName() + " with "
                    + (t == null ? "no error" : t.getClass().getSimpleName()));
        }

        void terminated() {
            add("terminated");
            terminations.incrementAndGet();
            terminated.countDown();
        }
    }

    static final class HookedPlain extends ThreadPoolExecutor {
        private final HookLog log;

        HookedPlain(HookLog log, int core, int max, BlockingQueue<Runnable> queue, ThreadFactory factory) {
            super(core, max, 1, TimeUnit.MINUTES, queue, factory);
            this.log = log;
        }

        @Override
        protected void beforeExecute(Thread t, Runnable r) {
            super.beforeExecute(t, r);
            log.before(t, r);
        }

        @Override
        protected void afterExecute(Runnable r, Throwable t) {
            log.after(r, t);
            super.afterExecute(r, t);
        }

        @Override
        protected void terminated() {
            log.terminated();
            super.terminated();
        }
    }

    static final class HookedInstrumented extends InstrumentedExecutor {
        private final HookLog log;

        HookedInstrumented(HookLog log, int core, int max, BlockingQueue<Runnable> queue, ThreadFactory factory) {
            super(new Recorder(), core, max, 1, TimeUnit.MINUTES, queue, factory);
            this.log = log;
        }

        @Override
        protected void beforeExecute(Thread t, Runnable r) {
            super.beforeExecute(t, r);
            log.before(t, r);
        }

        @Override
        protected void afterExecute(Runnable r, Throwable t) {
            log.after(r, t);
            super.afterExecute(r, t);
        }

        @Override
        protected void terminated() {
            log.terminated();
            super.terminated();
        }
    }

    /**
     * Ends a pool however the test went: interrupts its tasks and waits for its workers. Use in try-with-resources.
     */
    static final class Cleaner implements AutoCloseable {
        private final ThreadPoolExecutor pool;
        private final CountDownLatch[] release;

        Cleaner(ThreadPoolExecutor pool, CountDownLatch... release) {
            this.pool = pool;
            this.release = release;
        }

        @Override
        public void close() throws InterruptedException {
            for (CountDownLatch l : release) while (l.getCount() > 0) l.countDown();
            pool.shutdownNow();
            assertTrue(pool.awaitTermination(20, TimeUnit.SECONDS), "the pool terminated");
        }
    }

    /**
     * A factory that names its threads {@code name-1, name-2...}, keeps them, counts down {@code exited} when one
     * ends, and records what they throw instead of letting it reach the console.
     */
    static final class Workers implements ThreadFactory {
        private final String name;
        final List<Thread> threads = new ArrayList<>();              // guarded by this
        final List<Throwable> uncaught = new ArrayList<>();          // guarded by this
        final AtomicInteger made = new AtomicInteger();
        volatile CountDownLatch exited = new CountDownLatch(0);

        Workers(String name) {
            this.name = name;
        }

        @Override
        public Thread newThread(Runnable r) {
            Thread t = new Thread(() -> {
                try {
                    r.run();
                } finally {
                    exited.countDown();
                }
            }, name + "-" + made.incrementAndGet());
            t.setDaemon(true);
            t.setUncaughtExceptionHandler((th, e) -> {
                synchronized (this) {
                    uncaught.add(e);
                }
            });
            synchronized (this) {
                threads.add(t);
            }
            return t;
        }

        synchronized List<Thread> threads() {
            return List.copyOf(threads);
        }

        synchronized List<Throwable> uncaught() {
            return List.copyOf(uncaught);
        }

        /** Waits until every thread made so far has ended. */
        void joinAll() throws InterruptedException {
            for (Thread t : threads()) {
                t.join(TimeUnit.SECONDS.toMillis(20));
                assertTrue(!t.isAlive(), t.getName() + " ended");
            }
        }
    }
}
