package org.threadlanes.executor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.RejectedExecutionHandler;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor.AbortPolicy;
import java.util.concurrent.ThreadPoolExecutor.CallerRunsPolicy;
import java.util.concurrent.ThreadPoolExecutor.DiscardOldestPolicy;
import java.util.concurrent.ThreadPoolExecutor.DiscardPolicy;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import org.threadlanes.executor.PoolKind.Cleaner;
import org.threadlanes.executor.PoolKind.HookLog;
import org.threadlanes.executor.PoolKind.Workers;
import org.threadlanes.trace.Recorder;

/**
 * {@link InstrumentedExecutor} behaves exactly as {@link ThreadPoolExecutor}: every property runs against both
 * ({@link PoolKind}) with the same assertions, and the argument checks compare the two outcomes directly. The
 * properties follow those of the JDK's TCK for ThreadPoolExecutor; tasks are ordered with latches, never sleeps.
 */
class ThreadPoolConformanceTest {
    private static final long WAIT_S = 20;

    // ------------------------------------------------------------------ helpers

    private static void await(CountDownLatch latch) throws InterruptedException {
        assertTrue(latch.await(WAIT_S, TimeUnit.SECONDS), "timed out waiting for a latch");
    }

    /** A task that says it started, then waits for {@code release}. */
    private static Runnable blocker(CountDownLatch started, CountDownLatch release) {
        return new Named("blocker", () -> {
            started.countDown();
            try {
                release.await(WAIT_S, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    /** A runnable with a name, so that hook logs and failures are readable. */
    private record Named(String name, Runnable body) implements Runnable {
        @Override
        public void run() {
            body.run();
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private static Runnable noop(String name) {
        return new Named(name, () -> { });
    }

    /** The exception type and message a call ends with, or "ok"; a pool it made is shut down. */
    private static String outcome(Supplier<ThreadPoolExecutor> make) {
        try {
            make.get().shutdownNow();
            return "ok";
        } catch (RuntimeException e) {
            return e.getClass().getName() + ": " + e.getMessage();
        }
    }

    // ------------------------------------------------------------------ construction

    /** One constructor call's arguments; any of them may be bad. */
    private record Args(String name, int core, int max, long keepAlive, TimeUnit unit, BlockingQueue<Runnable> queue,
                        ThreadFactory factory, RejectedExecutionHandler handler) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Args> constructorArguments() {
        ThreadFactory f = Thread::new;
        RejectedExecutionHandler h = new AbortPolicy();
        BlockingQueue<Runnable> q = new ArrayBlockingQueue<>(10);
        TimeUnit s = TimeUnit.SECONDS;
        return Stream.of(
                new Args("all good", 1, 2, 1, s, q, f, h),
                new Args("core < 0", -1, 2, 1, s, q, f, h),
                new Args("max == 0", 0, 0, 1, s, q, f, h),
                new Args("max < 0", 1, -1, 1, s, q, f, h),
                new Args("max < core", 3, 2, 1, s, q, f, h),
                new Args("keepAlive < 0", 1, 2, -1, s, q, f, h),
                new Args("unit null", 1, 2, 1, null, q, f, h),
                new Args("queue null", 1, 2, 1, s, null, f, h),
                new Args("factory null", 1, 2, 1, s, q, null, h),
                new Args("handler null", 1, 2, 1, s, q, f, null),
                new Args("core < 0 and queue null", -1, 2, 1, s, null, f, h),
                new Args("keepAlive < 0 and unit null", 1, 2, -1, null, q, f, h),
                new Args("unit and queue null", 1, 2, 1, null, null, f, h),
                new Args("queue, factory and handler null", 1, 2, 1, s, null, null, null),
                new Args("factory and handler null", 1, 2, 1, s, q, null, null),
                new Args("unit and handler null", 1, 2, 1, null, q, f, null),
                new Args("everything bad", -1, 0, -1, null, null, null, null));
    }

    /** Each of the four constructors throws, for every bad argument (or mix), exactly what the JDK's throws. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("constructorArguments")
    void constructorsRefuseBadArgumentsAsTheJdkDoes(Args a) {
        Recorder r = new Recorder();
        assertEquals(outcome(() -> new ThreadPoolExecutor(a.core, a.max, a.keepAlive, a.unit, a.queue)),
                outcome(() -> new InstrumentedExecutor(a.core, a.max, a.keepAlive, a.unit, a.queue)));
        assertEquals(outcome(() -> new ThreadPoolExecutor(a.core, a.max, a.keepAlive, a.unit, a.queue)),
                outcome(() -> new InstrumentedExecutor(r, a.core, a.max, a.keepAlive, a.unit, a.queue)));
        assertEquals(outcome(() -> new ThreadPoolExecutor(a.core, a.max, a.keepAlive, a.unit, a.queue, a.factory)),
                outcome(() -> new InstrumentedExecutor(a.core, a.max, a.keepAlive, a.unit, a.queue, a.factory)));
        assertEquals(outcome(() -> new ThreadPoolExecutor(a.core, a.max, a.keepAlive, a.unit, a.queue, a.factory)),
                outcome(() -> new InstrumentedExecutor(r, a.core, a.max, a.keepAlive, a.unit, a.queue, a.factory)));
        assertEquals(outcome(() -> new ThreadPoolExecutor(a.core, a.max, a.keepAlive, a.unit, a.queue, a.handler)),
                outcome(() -> new InstrumentedExecutor(a.core, a.max, a.keepAlive, a.unit, a.queue, a.handler)));
        assertEquals(outcome(() -> new ThreadPoolExecutor(a.core, a.max, a.keepAlive, a.unit, a.queue, a.handler)),
                outcome(() -> new InstrumentedExecutor(r, a.core, a.max, a.keepAlive, a.unit, a.queue, a.handler)));
        assertEquals(
                outcome(() -> new ThreadPoolExecutor(a.core, a.max, a.keepAlive, a.unit, a.queue, a.factory,
                        a.handler)),
                outcome(() -> new InstrumentedExecutor(a.core, a.max, a.keepAlive, a.unit, a.queue, a.factory,
                        a.handler)));
        assertEquals(
                outcome(() -> new ThreadPoolExecutor(a.core, a.max, a.keepAlive, a.unit, a.queue, a.factory,
                        a.handler)),
                outcome(() -> new InstrumentedExecutor(r, a.core, a.max, a.keepAlive, a.unit, a.queue, a.factory,
                        a.handler)));
    }

    /** A null recorder is refused with a NullPointerException naming it. */
    @Test
    void aNullRecorderIsRefused() {
        NullPointerException e = assertThrows(NullPointerException.class, () -> new InstrumentedExecutor(null, 1,
                1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>()));
        assertEquals("recorder", e.getMessage());
    }

    /** Every getter reports the configuration given, as the JDK's does. */
    @ParameterizedTest
    @EnumSource(PoolKind.class)
    void gettersReturnTheConfigurationGiven(PoolKind kind) throws InterruptedException {
        BlockingQueue<Runnable> q = new ArrayBlockingQueue<>(10);
        ThreadFactory f = new Workers("w");
        RejectedExecutionHandler h = new DiscardPolicy();
        ThreadPoolExecutor p = kind.make(2, 5, 3, TimeUnit.SECONDS, q, f, h);
        try (Cleaner c = new Cleaner(p)) {
            assertEquals(2, p.getCorePoolSize());
            assertEquals(5, p.getMaximumPoolSize());
            assertEquals(3, p.getKeepAliveTime(TimeUnit.SECONDS));
            assertEquals(3000, p.getKeepAliveTime(TimeUnit.MILLISECONDS));
            assertSame(q, p.getQueue());
            assertSame(f, p.getThreadFactory());
            assertSame(h, p.getRejectedExecutionHandler());
            assertFalse(p.allowsCoreThreadTimeOut());
            assertEquals(0, p.getPoolSize());
            assertEquals(0, p.getActiveCount());
            assertEquals(0, p.getLargestPoolSize());
            assertEquals(0, p.getTaskCount());
            assertEquals(0, p.getCompletedTaskCount());
            assertFalse(p.isShutdown());
            assertFalse(p.isTerminating());
            assertFalse(p.isTerminated());
        }
    }

    /** Without a handler the pool aborts (AbortPolicy); without a factory its threads come from the JDK default. */
    @ParameterizedTest
    @EnumSource(PoolKind.class)
    void defaultsAreAbortPolicyAndTheDefaultThreadFactory(PoolKind kind) throws Exception {
        ThreadPoolExecutor p = kind.make(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>());
        try (Cleaner c = new Cleaner(p)) {
            assertInstanceOf(AbortPolicy.class, p.getRejectedExecutionHandler());
            Future<String> name = p.submit(() -> Thread.currentThread().getName());
            assertTrue(name.get(WAIT_S, TimeUnit.SECONDS).matches("pool-\\d+-thread-1"), name.get());
        }
        ThreadFactory plainThreads = Thread::new;
        ThreadPoolExecutor withFactory = kind.make(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                plainThreads);
        try (Cleaner c = new Cleaner(withFactory)) {
            assertInstanceOf(AbortPolicy.class, withFactory.getRejectedExecutionHandler());
        }
    }

    // ------------------------------------------------------------------ factory and handler

    /** setThreadFactory makes the new factory both the one reported and the one new workers come from. */
    @ParameterizedTest
    @EnumSource(PoolKind.class)
    void setThreadFactoryIsReportedAndUsed(PoolKind kind) throws InterruptedException {
        Workers first = new Workers("first"), second = new Workers("second");
        ThreadPoolExecutor p = kind.make(1, 2, 1, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), first);
        try (Cleaner c = new Cleaner(p)) {
            assertSame(first, p.getThreadFactory());
            assertTrue(p.prestartCoreThread());
            p.setThreadFactory(second);
            assertSame(second, p.getThreadFactory());
            p.setCorePoolSize(2);
            assertTrue(p.prestartCoreThread());
            assertEquals(1, first.made.get());
            assertEquals(1, second.made.get());
        }
    }

    /** setThreadFactory(null) and setRejectedExecutionHandler(null) throw the JDK's NullPointerException. */
    @ParameterizedTest
    @EnumSource(PoolKind.class)
    void nullFactoryOrHandlerIsRefusedAsTheJdkDoes(PoolKind kind) throws InterruptedException {
        ThreadPoolExecutor jdk = PoolKind.PLAIN.make(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>());
        ThreadPoolExecutor p = kind.make(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>());
        try (Cleaner c1 = new Cleaner(jdk); Cleaner c2 = new Cleaner(p)) {
            ThreadFactory f = p.getThreadFactory();
            RejectedExecutionHandler h = p.getRejectedExecutionHandler();
            NullPointerException expected = assertThrows(NullPointerException.class, () -> jdk.setThreadFactory(null));
            NullPointerException actual = assertThrows(NullPointerException.class, () -> p.setThreadFactory(null));
            assertEquals(expected.getMessage(), actual.getMessage());
            expected = assertThrows(NullPointerException.class, () -> jdk.setRejectedExecutionHandler(null));
            actual = assertThrows(NullPointerException.class, () -> p.setRejectedExecutionHandler(null));
            assertEquals(expected.getMessage(), actual.getMessage());
            assertSame(f, p.getThreadFactory(), "the factory is unchanged");
            assertSame(h, p.getRejectedExecutionHandler(), "the handler is unchanged");
        }
    }

    /** A factory that returns null leaves the pool without a worker: the task waits queued, as in the JDK. */
    @ParameterizedTest
    @EnumSource(PoolKind.class)
    void aFactoryReturningNullLeavesTheTaskQueued(PoolKind kind) throws InterruptedException {
        AtomicInteger calls = new AtomicInteger();
        BlockingQueue<Runnable> q = new LinkedBlockingQueue<>();
        ThreadPoolExecutor p = kind.make(1, 1, 0, TimeUnit.SECONDS, q, r -> {
            calls.incrementAndGet();
            return null;
        });
        try (Cleaner c = new Cleaner(p)) {
            Runnable task = noop("task");
            p.execute(task);
            assertEquals(0, p.getPoolSize());
            assertEquals(List.of(task), List.copyOf(q));
            assertEquals(2, calls.get(), "one try for the task, one for a worker to drain the queue");
            assertFalse(p.prestartCoreThread());
        }
    }

    /** A factory that returns null with a hand-off queue makes the pool refuse the task. */
    @ParameterizedTest
    @EnumSource(PoolKind.class)
    void aFactoryReturningNullWithAHandOffQueueRejects(PoolKind kind) throws InterruptedException {
        ThreadPoolExecutor p = kind.make(1, 1, 0, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> null);
        try (Cleaner c = new Cleaner(p)) {
            assertThrows(RejectedExecutionException.class, () -> p.execute(noop("task")));
            assertEquals(0, p.getPoolSize());
        }
    }

    /** A factory that throws makes execute throw that same exception, and leaves no worker behind. */
    @ParameterizedTest
    @EnumSource(PoolKind.class)
    void aFactoryThatThrowsMakesExecuteThrowIt(PoolKind kind) throws InterruptedException {
        IllegalStateException boom = new IllegalStateException("no threads today");
        ThreadPoolExecutor p = kind.make(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            throw boom;
        });
        try (Cleaner c = new Cleaner(p)) {
            assertSame(boom, assertThrows(IllegalStateException.class, () -> p.execute(noop("task"))));
            assertEquals(0, p.getPoolSize());
            assertEquals(0, p.getLargestPoolSize());
            assertSame(boom, assertThrows(IllegalStateException.class, p::prestartCoreThread));
        }
    }

    /** The handler gets the caller's own runnable and the pool itself. */
    @ParameterizedTest
    @EnumSource(PoolKind.class)
    void theHandlerGetsTheCallersRunnableAndThePool(PoolKind kind) throws InterruptedException {
        AtomicReference<Runnable> seenTask = new AtomicReference<>();
        AtomicReference<ThreadPoolExecutor> seenPool = new AtomicReference<>();
        RejectedExecutionHandler h = (r, e) -> {
            seenTask.set(r);
            seenPool.set(e);
        };
        ThreadPoolExecutor p = kind.make(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), h);
        p.shutdown();
        try (Cleaner c = new Cleaner(p)) {
            Runnable task = noop("late");
            p.execute(task);
            assertSame(task, seenTask.get());
            assertSame(p, seenPool.get());
            assertSame(h, p.getRejectedExecutionHandler());
        }
    }

    // ------------------------------------------------------------------ rejection policies

    /** A saturated pool: one worker busy with a blocker, one task queued; returns the queued task. */
    private static Runnable saturate(ThreadPoolExecutor p, CountDownLatch release) throws InterruptedException {
        CountDownLatch started = new CountDownLatch(1);
        p.execute(blocker(started, release));
        await(started);
        Runnable queued = noop("queued");
        p.execute(queued);
        return queued;
    }

    /** AbortPolicy throws RejectedExecutionException when saturated and after shutdown; nothing is queued. */
    @ParameterizedTest
    @EnumSource(PoolKind.class)
    void abortPolicyThrowsWhenSaturatedAndAfterShutdown(PoolKind kind) throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        BlockingQueue<Runnable> q = new ArrayBlockingQueue<>(1);
        ThreadPoolExecutor p = kind.make(1, 1, 0, TimeUnit.SECONDS, q, new AbortPolicy());
        try (Cleaner c = new Cleaner(p, release)) {
            Runnable queued = saturate(p, release);
            assertThrows(RejectedExecutionException.class, () -> p.execute(noop("refused")));
            assertEquals(List.of(queued), List.copyOf(q));
            p.shutdown();
            assertThrows(RejectedExecutionException.class, () -> p.execute(noop("after shutdown")));
            assertEquals(2, p.getTaskCount());
        }
    }

    /** CallerRunsPolicy runs the refused task on the caller's thread, unless the pool is shut down. */
    @ParameterizedTest
    @EnumSource(PoolKind.class)
    void callerRunsPolicyRunsOnTheCallerUnlessShutDown(PoolKind kind) throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        ThreadPoolExecutor p = kind.make(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(1),
                new CallerRunsPolicy());
        try (Cleaner c = new Cleaner(p, release)) {
            saturate(p, release);
            AtomicReference<Thread> ranOn = new AtomicReference<>();
            p.execute(new Named("refused", () -> ranOn.set(Thread.currentThread())));
            assertSame(Thread.currentThread(), ranOn.get());
            p.shutdown();
            AtomicInteger late = new AtomicInteger();
            p.execute(new Named("after shutdown", late::incrementAndGet));
            assertEquals(0, late.get(), "discarded once shut down");
        }
    }

    /** DiscardPolicy drops the refused task silently; it never runs. */
    @ParameterizedTest
    @EnumSource(PoolKind.class)
    void discardPolicyDropsTheRefusedTask(PoolKind kind) throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        BlockingQueue<Runnable> q = new ArrayBlockingQueue<>(1);
        ThreadPoolExecutor p = kind.make(1, 1, 0, TimeUnit.SECONDS, q, new DiscardPolicy());
        AtomicInteger ran = new AtomicInteger();
        try (Cleaner c = new Cleaner(p, release)) {
            Runnable queued = saturate(p, release);
            p.execute(new Named("refused", ran::incrementAndGet));
            assertEquals(List.of(queued), List.copyOf(q));
            p.shutdown();
            p.execute(new Named("after shutdown", ran::incrementAndGet));
            release.countDown();
            assertTrue(p.awaitTermination(WAIT_S, TimeUnit.SECONDS));
            assertEquals(0, ran.get());
            assertEquals(2, p.getCompletedTaskCount());
        }
    }

    /** DiscardOldestPolicy drops the oldest queued task for the new one; after shutdown it drops the new one. */
    @ParameterizedTest
    @EnumSource(PoolKind.class)
    void discardOldestPolicyDropsTheOldestQueuedTask(PoolKind kind) throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        BlockingQueue<Runnable> q = new ArrayBlockingQueue<>(1);
        ThreadPoolExecutor p = kind.make(1, 1, 0, TimeUnit.SECONDS, q, new DiscardOldestPolicy());
        try (Cleaner c = new Cleaner(p, release)) {
            saturate(p, release);
            Runnable newer = noop("newer");
            p.execute(newer);
            assertEquals(List.of(newer), List.copyOf(q), "the oldest made room for the newer");
            p.shutdown();
            p.execute(noop("after shutdown"));
            assertEquals(List.of(newer), List.copyOf(q), "after shutdown the new task is dropped");
        }
    }

    // ------------------------------------------------------------------ shutdown

    /** shutdown lets queued tasks finish, refuses new ones, terminates, and calls terminated() once. */
    @ParameterizedTest
    @EnumSource(PoolKind.class)
    void shutdownRunsQueuedTasksThenTerminatesOnce(PoolKind kind) throws InterruptedException {
        HookLog log = new HookLog();
        CountDownLatch started = new CountDownLatch(1), release = new CountDownLatch(1);
        ThreadPoolExecutor p = kind.withHooks(log, 1, 1, new LinkedBlockingQueue<>(), new Workers("w"));
        AtomicInteger ran = new AtomicInteger();
        try (Cleaner c = new Cleaner(p, release)) {
            p.execute(blocker(started, release));
            await(started);
            p.execute(new Named("queued", ran::incrementAndGet));
            p.shutdown();
            assertTrue(p.isShutdown());
            assertTrue(p.isTerminating(), "a task still runs");
            assertFalse(p.isTerminated());
            assertThrows(RejectedExecutionException.class, () -> p.execute(noop("late")));
            assertFalse(p.awaitTermination(1, TimeUnit.MILLISECONDS), "not while a task runs");
            release.countDown();
            assertTrue(p.awaitTermination(WAIT_S, TimeUnit.SECONDS));
            assertTrue(p.isTerminated());
            assertFalse(p.isTerminating());
            assertEquals(1, ran.get(), "the queued task ran");
            await(log.terminated);
            p.shutdown();
            assertEquals(1, log.terminations.get(), "terminated() is called once");
        }
    }

    /** shutdownNow returns exactly the caller's queued runnables, in order, and interrupts the running task. */
    @ParameterizedTest
    @EnumSource(PoolKind.class)
    void shutdownNowReturnsTheCallersQueuedRunnables(PoolKind kind) throws InterruptedException {
        CountDownLatch started = new CountDownLatch(1), interrupted = new CountDownLatch(1);
        BlockingQueue<Runnable> q = new LinkedBlockingQueue<>();
        ThreadPoolExecutor p = kind.make(1, 1, 0, TimeUnit.SECONDS, q);
        try (Cleaner c = new Cleaner(p)) {
            p.execute(new Named("sleeper", () -> {
                started.countDown();
                try {
                    new CountDownLatch(1).await(WAIT_S, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    interrupted.countDown();
                }
            }));
            await(started);
            Runnable a = noop("a"), b = noop("b");
            FutureTask<String> f = new FutureTask<>(() -> "c");
            p.execute(a);
            p.execute(b);
            p.execute(f);
            List<Runnable> left = p.shutdownNow();
            assertEquals(3, left.size());
            assertSame(a, left.get(0));
            assertSame(b, left.get(1));
            assertSame(f, left.get(2));
            assertTrue(q.isEmpty());
            await(interrupted);
            assertTrue(p.awaitTermination(WAIT_S, TimeUnit.SECONDS));
            assertEquals(1, p.getCompletedTaskCount());
        }
    }

    /** The futures submit returns are drained by shutdownNow as they are: the pool's own future objects. */
    @ParameterizedTest
    @EnumSource(PoolKind.class)
    void shutdownNowReturnsTheSubmittedFutures(PoolKind kind) throws InterruptedException {
        CountDownLatch started = new CountDownLatch(1), release = new CountDownLatch(1);
        ThreadPoolExecutor p = kind.make(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>());
        try (Cleaner c = new Cleaner(p, release)) {
            p.execute(blocker(started, release));
            await(started);
            Future<?> f1 = p.submit(noop("one"));
            Future<String> f2 = p.submit(() -> "two");
            List<Runnable> left = p.shutdownNow();
            assertEquals(List.of(f1, f2), left);
            assertFalse(f1.isDone(), "drained, not cancelled");
        }
    }

    /** awaitTermination times out on a running pool and returns true once it has terminated. */
    @ParameterizedTest
    @EnumSource(PoolKind.class)
    void awaitTerminationTimesOutUntilTerminated(PoolKind kind) throws InterruptedException {
        ThreadPoolExecutor p = kind.make(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>());
        try (Cleaner c = new Cleaner(p)) {
            p.prestartAllCoreThreads();
            assertFalse(p.awaitTermination(-1, TimeUnit.MILLISECONDS));
            assertFalse(p.awaitTermination(2, TimeUnit.MILLISECONDS));
            assertFalse(p.isTerminated());
            p.shutdown();
            assertTrue(p.awaitTermination(WAIT_S, TimeUnit.SECONDS));
            assertTrue(p.isTerminated());
            assertEquals(0, p.getPoolSize());
        }
    }

    // ------------------------------------------------------------------ sizes and counts

    /** prestartCoreThread adds one core thread at a time; prestartAllCoreThreads returns how many it started. */
    @ParameterizedTest
    @EnumSource(PoolKind.class)
    void prestartCountsFollowTheCoreSize(PoolKind kind) throws InterruptedException {
        ThreadPoolExecutor p = kind.make(2, 6, 1, TimeUnit.SECONDS, new ArrayBlockingQueue<>(10));
        try (Cleaner c = new Cleaner(p)) {
            assertTrue(p.prestartCoreThread());
            assertEquals(1, p.getPoolSize());
            assertTrue(p.prestartCoreThread());
            assertFalse(p.prestartCoreThread());
            assertEquals(2, p.getPoolSize());
            p.setCorePoolSize(4);
            assertEquals(2, p.prestartAllCoreThreads());
            assertEquals(0, p.prestartAllCoreThreads());
            assertEquals(4, p.getPoolSize());
            assertEquals(4, p.getLargestPoolSize());
        }
    }

    /** Resizing: bad sizes are refused as by the JDK; a larger core starts workers, a smaller one lets them go. */
    @ParameterizedTest
    @EnumSource(PoolKind.class)
    void resizingUpAndDownFollowsTheJdk(PoolKind kind) throws InterruptedException {
        Workers workers = new Workers("w");
        ThreadPoolExecutor p = kind.make(1, 3, 1, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), workers);
        try (Cleaner c = new Cleaner(p)) {
            assertThrows(IllegalArgumentException.class, () -> p.setCorePoolSize(-1));
            assertThrows(IllegalArgumentException.class, () -> p.setCorePoolSize(4));
            assertThrows(IllegalArgumentException.class, () -> p.setMaximumPoolSize(0));
            assertThrows(IllegalArgumentException.class, () -> p.setMaximumPoolSize(-1));
            assertEquals(1, p.getCorePoolSize());
            assertEquals(3, p.getMaximumPoolSize());

            CountDownLatch started = new CountDownLatch(3), release = new CountDownLatch(1);
            p.execute(blocker(started, release));
            p.execute(blocker(started, release));
            p.execute(blocker(started, release));
            assertEquals(1, p.getPoolSize(), "the queue takes tasks before the pool grows past its core");
            p.setCorePoolSize(3);
            await(started);
            assertEquals(3, p.getPoolSize());
            assertEquals(3, p.getActiveCount());

            workers.exited = new CountDownLatch(2);
            p.setCorePoolSize(1);
            release.countDown();
            await(workers.exited);
            assertEquals(1, p.getPoolSize(), "idle workers above the core end after their keep-alive");
            assertEquals(3, p.getLargestPoolSize());
            assertThrows(IllegalArgumentException.class, () -> p.setMaximumPoolSize(0));
            p.setMaximumPoolSize(1);
            assertEquals(1, p.getMaximumPoolSize());
        }
    }

    /** With core thread time-out on, idle core threads end after the keep-alive; a zero keep-alive is refused. */
    @ParameterizedTest
    @EnumSource(PoolKind.class)
    void coreThreadsTimeOutWhenAllowed(PoolKind kind) throws InterruptedException {
        ThreadPoolExecutor zero = kind.make(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>());
        try (Cleaner c = new Cleaner(zero)) {
            assertThrows(IllegalArgumentException.class, () -> zero.allowCoreThreadTimeOut(true));
            assertFalse(zero.allowsCoreThreadTimeOut());
        }
        Workers workers = new Workers("w");
        ThreadPoolExecutor p = kind.make(2, 2, 5, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), workers);
        try (Cleaner c = new Cleaner(p)) {
            assertEquals(2, p.prestartAllCoreThreads());
            workers.exited = new CountDownLatch(2);
            p.allowCoreThreadTimeOut(true);
            assertTrue(p.allowsCoreThreadTimeOut());
            assertThrows(IllegalArgumentException.class, () -> p.setKeepAliveTime(0, TimeUnit.MILLISECONDS));
            assertThrows(IllegalArgumentException.class, () -> p.setKeepAliveTime(-1, TimeUnit.MILLISECONDS));
            await(workers.exited);
            assertEquals(0, p.getPoolSize());
            p.setKeepAliveTime(2, TimeUnit.SECONDS);
            assertEquals(2, p.getKeepAliveTime(TimeUnit.SECONDS));
        }
    }

    /** Task, completed, active and largest counts move as the JDK's do, never overestimating. */
    @ParameterizedTest
    @EnumSource(PoolKind.class)
    void countsFollowTheTasks(PoolKind kind) throws InterruptedException {
        ThreadPoolExecutor p = kind.make(2, 2, 1, TimeUnit.SECONDS, new ArrayBlockingQueue<>(10));
        CountDownLatch started = new CountDownLatch(2), release = new CountDownLatch(1);
        try (Cleaner c = new Cleaner(p, release)) {
            p.execute(blocker(started, release));
            p.execute(blocker(started, release));
            await(started);
            p.execute(noop("queued"));
            assertEquals(3, p.getTaskCount());
            assertEquals(0, p.getCompletedTaskCount());
            assertEquals(2, p.getActiveCount());
            assertEquals(2, p.getLargestPoolSize());
            release.countDown();
            p.shutdown();
            assertTrue(p.awaitTermination(WAIT_S, TimeUnit.SECONDS));
            assertEquals(3, p.getTaskCount());
            assertEquals(3, p.getCompletedTaskCount());
            assertEquals(0, p.getActiveCount());
            assertEquals(2, p.getLargestPoolSize());
        }
    }

    // ------------------------------------------------------------------ queue, remove, purge

    /** getQueue is the queue given, holding the caller's own runnables. */
    @ParameterizedTest
    @EnumSource(PoolKind.class)
    void getQueueIsTheQueueGivenWithTheCallersRunnables(PoolKind kind) throws InterruptedException {
        BlockingQueue<Runnable> q = new ArrayBlockingQueue<>(10);
        ThreadPoolExecutor p = kind.make(1, 1, 1, TimeUnit.SECONDS, q);
        CountDownLatch started = new CountDownLatch(1), release = new CountDownLatch(1);
        try (Cleaner c = new Cleaner(p, release)) {
            p.execute(blocker(started, release));
            await(started);
            Runnable a = noop("a");
            FutureTask<Boolean> b = new FutureTask<>(() -> true);
            p.execute(a);
            p.execute(b);
            assertSame(q, p.getQueue());
            List<Runnable> inQueue = new ArrayList<>(p.getQueue());
            assertEquals(2, inQueue.size());
            assertSame(a, inQueue.get(0));
            assertSame(b, inQueue.get(1));
        }
    }

    /** remove takes a queued runnable out (it never runs) and cannot remove one that is running. */
    @ParameterizedTest
    @EnumSource(PoolKind.class)
    void removeTakesOutQueuedRunnablesOnly(PoolKind kind) throws InterruptedException {
        BlockingQueue<Runnable> q = new ArrayBlockingQueue<>(10);
        ThreadPoolExecutor p = kind.make(1, 1, 1, TimeUnit.SECONDS, q);
        CountDownLatch started = new CountDownLatch(1), release = new CountDownLatch(1);
        AtomicInteger ran = new AtomicInteger();
        try (Cleaner c = new Cleaner(p, release)) {
            Runnable running = blocker(started, release);
            p.execute(running);
            await(started);
            Runnable a = new Named("a", ran::incrementAndGet), b = new Named("b", ran::incrementAndGet);
            p.execute(a);
            p.execute(b);
            assertFalse(p.remove(running));
            assertTrue(p.remove(b));
            assertFalse(p.remove(b));
            assertEquals(List.of(a), List.copyOf(q));
            release.countDown();
            p.shutdown();
            assertTrue(p.awaitTermination(WAIT_S, TimeUnit.SECONDS));
            assertEquals(1, ran.get(), "only a ran");
        }
    }

    /** purge removes cancelled futures (submitted or the caller's own) from the queue, and the task count drops. */
    @ParameterizedTest
    @EnumSource(PoolKind.class)
    void purgeRemovesCancelledFutures(PoolKind kind) throws InterruptedException {
        BlockingQueue<Runnable> q = new ArrayBlockingQueue<>(10);
        ThreadPoolExecutor p = kind.make(1, 1, 1, TimeUnit.SECONDS, q);
        CountDownLatch started = new CountDownLatch(1), release = new CountDownLatch(1);
        try (Cleaner c = new Cleaner(p, release)) {
            p.execute(blocker(started, release));
            await(started);
            Future<String> submitted = p.submit(() -> "s");
            FutureTask<String> own = new FutureTask<>(() -> "o");
            p.execute(own);
            Future<String> kept = p.submit(() -> "k");
            assertEquals(4, p.getTaskCount());
            assertTrue(submitted.cancel(false));
            assertTrue(own.cancel(true));
            p.purge();
            assertEquals(List.of(kept), List.copyOf(q));
            assertEquals(2, p.getTaskCount());
            p.purge();
            assertEquals(1, q.size());
            release.countDown();
            assertThrows(CancellationException.class, submitted::get);
        }
    }

    // ------------------------------------------------------------------ hooks

    /** Hooks run on the worker, in order: beforeExecute, the task, afterExecute (with the task's exception). */
    @ParameterizedTest
    @EnumSource(PoolKind.class)
    void hooksRunOnTheWorkerAroundEachTask(PoolKind kind) throws Exception {
        HookLog log = new HookLog();
        Workers workers = new Workers("w");
        ThreadPoolExecutor p = kind.withHooks(log, 1, 1, new LinkedBlockingQueue<>(), workers);
        try (Cleaner c = new Cleaner(p)) {
            p.execute(new Named("plain", () -> log.add("run plain on " + Thread.currentThread().getName())));
            Future<?> failing = p.submit(new Named("failing", () -> {
                throw new IllegalStateException("boom");
            }));
            ExecutionException e = assertThrows(ExecutionException.class, () -> failing.get(WAIT_S, TimeUnit.SECONDS));
            assertInstanceOf(IllegalStateException.class, e.getCause());
            p.execute(new Named("thrower", () -> {
                throw new IllegalArgumentException("uncaught");
            }));
            p.shutdown();
            assertTrue(p.awaitTermination(WAIT_S, TimeUnit.SECONDS));
            await(log.terminated);
            List<String> calls = log.calls();
            assertEquals(8, calls.size(), calls::toString);
            assertEquals("before plain on w-1 (self)", calls.get(0));
            assertEquals("run plain on w-1", calls.get(1));
            assertEquals("after plain on w-1 with no error", calls.get(2));
            assertTrue(calls.get(3).startsWith("before ") && calls.get(3).endsWith(" on w-1 (self)"), calls::toString);
            assertTrue(calls.get(4).endsWith(" on w-1 with no error"), "a future catches its task's exception");
            assertEquals("before thrower on w-1 (self)", calls.get(5));
            assertEquals("after thrower on w-1 with IllegalArgumentException", calls.get(6));
            assertEquals("terminated", calls.get(7));
            workers.joinAll();
            assertEquals(1, workers.uncaught().size(), "the uncaught exception ended the worker");
            assertInstanceOf(IllegalArgumentException.class, workers.uncaught().get(0));
        }
    }

    /** When beforeExecute throws, the task does not run, afterExecute is skipped and a new worker takes over. */
    @ParameterizedTest
    @EnumSource(PoolKind.class)
    void aThrowingBeforeExecuteSkipsTheTaskAndReplacesTheWorker(PoolKind kind) throws Exception {
        HookLog log = new HookLog();
        Workers workers = new Workers("w");
        ThreadPoolExecutor p = kind.withHooks(log, 1, 1, new LinkedBlockingQueue<>(), workers);
        AtomicInteger ran = new AtomicInteger();
        try (Cleaner c = new Cleaner(p)) {
            Runnable poison = new Named("poison", ran::incrementAndGet);
            log.poison = poison;
            p.execute(poison);
            Future<String> next = p.submit(() -> Thread.currentThread().getName());
            assertEquals("w-2", next.get(WAIT_S, TimeUnit.SECONDS), "a replacement worker ran the next task");
            assertEquals(0, ran.get(), "the refused task never ran");
            assertEquals("before poison on w-1 (self)", log.calls().get(0));
            assertTrue(log.calls().get(1).startsWith("before "), "no afterExecute for the refused task");
            p.shutdown();
            assertTrue(p.awaitTermination(WAIT_S, TimeUnit.SECONDS));
            workers.joinAll();
            assertEquals(1, workers.uncaught().size());
            assertEquals("refused by beforeExecute", workers.uncaught().get(0).getMessage());
        }
    }

    /** A subclass's newTaskFor decides what submit hands out and what the queue holds. */
    @ParameterizedTest
    @EnumSource(PoolKind.class)
    void aSubclassNewTaskForIsUsedBySubmit(PoolKind kind) throws Exception {
        ThreadPoolExecutor p = kind == PoolKind.PLAIN
                ? new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>()) {
                    @Override
                    protected <T> java.util.concurrent.RunnableFuture<T> newTaskFor(Callable<T> c) {
                        return new CustomTask<>(c);
                    }
                }
                : new InstrumentedExecutor(new Recorder(), 1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>()) {
                    @Override
                    protected <T> java.util.concurrent.RunnableFuture<T> newTaskFor(Callable<T> c) {
                        return new CustomTask<>(c);
                    }
                };
        try (Cleaner c = new Cleaner(p)) {
            Future<String> f = p.submit(() -> "custom");
            assertInstanceOf(CustomTask.class, f);
            assertEquals("custom", f.get(WAIT_S, TimeUnit.SECONDS));
        }
    }

    private static final class CustomTask<V> extends FutureTask<V> {
        CustomTask(Callable<V> c) {
            super(c);
        }
    }

    // ------------------------------------------------------------------ misc

    /** execute(null) and submit(null) throw NullPointerException. */
    @ParameterizedTest
    @EnumSource(PoolKind.class)
    void nullTasksAreRefused(PoolKind kind) throws InterruptedException {
        ThreadPoolExecutor p = kind.make(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>());
        try (Cleaner c = new Cleaner(p)) {
            assertThrows(NullPointerException.class, () -> p.execute(null));
            assertThrows(NullPointerException.class, () -> p.submit((Runnable) null));
            assertThrows(NullPointerException.class, () -> p.submit((Callable<?>) null));
            assertEquals(0, p.getTaskCount());
        }
    }

    /** invokeAll and invokeAny return what the JDK's return. */
    @ParameterizedTest
    @EnumSource(PoolKind.class)
    void invokeAllAndAnyWork(PoolKind kind) throws Exception {
        ThreadPoolExecutor p = kind.make(2, 2, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>());
        try (Cleaner c = new Cleaner(p)) {
            List<Callable<Integer>> tasks = List.of(() -> 1, () -> 2, () -> 3);
            List<Integer> results = new ArrayList<>();
            for (Future<Integer> f : p.invokeAll(tasks)) results.add(f.get());
            assertEquals(List.of(1, 2, 3), results);
            List<Callable<Integer>> one = List.of(() -> 7);
            assertEquals(7, p.invokeAny(one));
        }
    }

    /** toString has the JDK's shape: class@hash[state, pool size, active threads, queued tasks, completed tasks]. */
    @Test
    void toStringHasTheJdksShape() throws InterruptedException {
        ThreadPoolExecutor jdk = PoolKind.PLAIN.make(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>());
        ThreadPoolExecutor ours = PoolKind.INSTRUMENTED.make(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>());
        try (Cleaner c1 = new Cleaner(jdk); Cleaner c2 = new Cleaner(ours)) {
            assertTrue(ours.toString().matches("org\\.threadlanes\\.executor\\.InstrumentedExecutor@[0-9a-f]+"
                    + "\\[Running, pool size = 0, active threads = 0, queued tasks = 0, completed tasks = 0]"),
                    ours::toString);
            assertEquals(tail(jdk), tail(ours));
            jdk.shutdown();
            ours.shutdown();
            assertTrue(jdk.awaitTermination(WAIT_S, TimeUnit.SECONDS));
            assertTrue(ours.awaitTermination(WAIT_S, TimeUnit.SECONDS));
            assertEquals(tail(jdk), tail(ours));
            assertTrue(tail(ours).startsWith("[Terminated,"));
        }
    }

    private static String tail(ThreadPoolExecutor p) {
        String s = p.toString();
        return s.substring(s.indexOf('['));
    }

    /**
     * Workers are made through the publishing wrapper while getThreadFactory reports the caller's factory, also when
     * a subclass overrides getThreadFactory and calls super.
     */
    @Test
    void workersComeFromThePublishingWrapperWhileTheCallersFactoryIsReported() throws InterruptedException {
        Workers workers = new Workers("mine");
        Recorder recorder = new Recorder();
        InstrumentedExecutor p = new InstrumentedExecutor(recorder, 2, 2, 0, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), workers) {
            @Override
            public ThreadFactory getThreadFactory() {
                return super.getThreadFactory();
            }
        };
        try (Cleaner c = new Cleaner(p)) {
            assertTrue(p.prestartCoreThread());
            assertSame(workers, p.getThreadFactory());
            assertEquals(1, workers.made.get(), "the caller's factory made the thread");
            p.shutdown();
            assertTrue(p.awaitTermination(WAIT_S, TimeUnit.SECONDS));
            workers.joinAll();
            List<String> states = recorder.snapshot().stream().filter(e -> e.thread().name().equals("mine-1"))
                    .map(e -> String.valueOf(e.state())).toList();
            assertEquals(List.of("CREATED", "BLOCKED", "CONCLUDED"), states, "the wrapper published the lane");
        }
    }
}
