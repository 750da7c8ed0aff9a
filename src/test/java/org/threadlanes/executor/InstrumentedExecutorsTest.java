package org.threadlanes.executor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import org.threadlanes.executor.PoolKind.Cleaner;
import org.threadlanes.executor.PoolKind.Workers;
import org.threadlanes.trace.Event;
import org.threadlanes.trace.EventKind;
import org.threadlanes.trace.Recorder;

/** Each factory of {@link InstrumentedExecutors} configures its pool exactly as the matching JDK factory does. */
class InstrumentedExecutorsTest {
    private static final long WAIT_S = 20;

    /** Everything a pool's configuration consists of, as text, for comparing two pools. */
    private static String configuration(ThreadPoolExecutor p) {
        return "core=" + p.getCorePoolSize() + " max=" + p.getMaximumPoolSize()
                + " keepAlive=" + p.getKeepAliveTime(TimeUnit.NANOSECONDS) + "ns"
                + " coreTimeOut=" + p.allowsCoreThreadTimeOut()
                + " queue=" + p.getQueue().getClass().getName() + "/" + p.getQueue().remainingCapacity()
                + " handler=" + p.getRejectedExecutionHandler().getClass().getName();
    }

    /** newFixedThreadPool: n core threads and n at most, no keep-alive, an unbounded FIFO queue, AbortPolicy. */
    @Test
    void fixedThreadPoolIsConfiguredAsTheJdks() throws InterruptedException {
        Recorder recorder = new Recorder();
        ThreadFactory factory = new Workers("f");
        ThreadPoolExecutor jdk = (ThreadPoolExecutor) Executors.newFixedThreadPool(3);
        InstrumentedExecutor global = InstrumentedExecutors.newFixedThreadPool(3);
        InstrumentedExecutor withFactory = InstrumentedExecutors.newFixedThreadPool(3, factory);
        InstrumentedExecutor recorded = InstrumentedExecutors.newFixedThreadPool(recorder, 3);
        InstrumentedExecutor both = InstrumentedExecutors.newFixedThreadPool(recorder, 3, factory);
        try (Cleaner c1 = new Cleaner(jdk); Cleaner c2 = new Cleaner(global); Cleaner c3 = new Cleaner(withFactory);
             Cleaner c4 = new Cleaner(recorded); Cleaner c5 = new Cleaner(both)) {
            for (InstrumentedExecutor p : List.of(global, withFactory, recorded, both)) {
                assertEquals(configuration(jdk), configuration(p));
            }
            assertSame(Recorder.global(), global.recorder());
            assertSame(Recorder.global(), withFactory.recorder());
            assertSame(recorder, recorded.recorder());
            assertSame(recorder, both.recorder());
            assertSame(factory, withFactory.getThreadFactory());
            assertSame(factory, both.getThreadFactory());
            assertThrows(IllegalArgumentException.class, () -> InstrumentedExecutors.newFixedThreadPool(0));
            assertThrows(NullPointerException.class, () -> InstrumentedExecutors.newFixedThreadPool(2, null));
        }
    }

    /** newCachedThreadPool: no core threads, unbounded maximum, 60 s keep-alive, a hand-off queue. */
    @Test
    void cachedThreadPoolIsConfiguredAsTheJdks() throws Exception {
        Recorder recorder = new Recorder();
        Workers factory = new Workers("c");
        ThreadPoolExecutor jdk = (ThreadPoolExecutor) Executors.newCachedThreadPool();
        InstrumentedExecutor global = InstrumentedExecutors.newCachedThreadPool();
        InstrumentedExecutor withFactory = InstrumentedExecutors.newCachedThreadPool(factory);
        InstrumentedExecutor recorded = InstrumentedExecutors.newCachedThreadPool(recorder);
        InstrumentedExecutor both = InstrumentedExecutors.newCachedThreadPool(recorder, factory);
        try (Cleaner c1 = new Cleaner(jdk); Cleaner c2 = new Cleaner(global); Cleaner c3 = new Cleaner(withFactory);
             Cleaner c4 = new Cleaner(recorded); Cleaner c5 = new Cleaner(both)) {
            for (InstrumentedExecutor p : List.of(global, withFactory, recorded, both)) {
                assertEquals(configuration(jdk), configuration(p));
            }
            assertSame(Recorder.global(), global.recorder());
            assertSame(recorder, recorded.recorder());
            assertSame(recorder, both.recorder());
            assertSame(factory, both.getThreadFactory());
            assertEquals("c-1", both.submit(() -> Thread.currentThread().getName()).get(WAIT_S, TimeUnit.SECONDS));
            assertEquals(1, both.getPoolSize(), "a thread was made for the task");
        }
    }

    /**
     * newSingleThreadExecutor: one thread running tasks in submission order, behind a wrapper that cannot be cast
     * to the pool, publishing to the recorder given.
     */
    @Test
    void singleThreadExecutorRunsInOrderBehindAnUnconfigurableWrapper() throws Exception {
        Recorder recorder = new Recorder();
        Workers factory = new Workers("s");
        ExecutorService jdk = Executors.newSingleThreadExecutor();
        ExecutorService single = InstrumentedExecutors.newSingleThreadExecutor(recorder, factory);
        List<ExecutorService> others = List.of(InstrumentedExecutors.newSingleThreadExecutor(),
                InstrumentedExecutors.newSingleThreadExecutor(factory),
                InstrumentedExecutors.newSingleThreadExecutor(recorder));
        try {
            assertFalse(jdk instanceof ThreadPoolExecutor);
            assertFalse(single instanceof ThreadPoolExecutor, "it cannot be cast back to reconfigure it");
            for (ExecutorService e : others) assertFalse(e instanceof ThreadPoolExecutor);

            List<Integer> order = new ArrayList<>();
            List<Future<String>> names = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                int k = i;
                names.add(single.submit(() -> {
                    order.add(k);
                    return Thread.currentThread().getName();
                }));
            }
            for (Future<String> f : names) assertEquals("s-1", f.get(WAIT_S, TimeUnit.SECONDS));
            assertEquals(List.of(0, 1, 2, 3, 4), order);
            List<Callable<Integer>> two = List.of(() -> 1, () -> 2);
            assertEquals(2, single.invokeAll(two).size());
            assertEquals(1, single.invokeAny(List.of(two.get(0))));

            single.shutdown();
            assertTrue(single.isShutdown());
            assertThrows(RejectedExecutionException.class, () -> single.execute(() -> { }));
            assertTrue(single.awaitTermination(WAIT_S, TimeUnit.SECONDS));
            assertTrue(single.isTerminated());
            factory.joinAll();
            List<Event> events = recorder.snapshot();
            assertEquals(9, events.stream().filter(e -> e.kind() == EventKind.SUBMITTED).count(),
                    "five submits, two from invokeAll, one from invokeAny, one refused");
            assertEquals(8, events.stream().filter(e -> e.kind() == EventKind.FINISHED).count(),
                    "every task that ran, and none for the refused one");
            assertEquals(1, events.stream().filter(e -> e.kind() == EventKind.REJECTED).count());
            assertTrue(events.stream().anyMatch(e -> e.thread().name().equals("s-1")
                    && e.state() == org.threadlanes.trace.ThreadState.CONCLUDED));
        } finally {
            jdk.shutdownNow();
            single.shutdownNow();
            for (ExecutorService e : others) e.shutdownNow();
            assertTrue(jdk.awaitTermination(WAIT_S, TimeUnit.SECONDS));
            for (ExecutorService e : others) assertTrue(e.awaitTermination(WAIT_S, TimeUnit.SECONDS));
        }
    }

    /** shutdownNow through the single-thread wrapper returns the caller's queued tasks, as the JDK's does. */
    @Test
    void singleThreadShutdownNowReturnsTheQueuedTasks() throws Exception {
        ExecutorService single = InstrumentedExecutors.newSingleThreadExecutor(new Recorder());
        java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);
        try {
            single.execute(() -> {
                started.countDown();
                try {
                    new java.util.concurrent.CountDownLatch(1).await(WAIT_S, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            assertTrue(started.await(WAIT_S, TimeUnit.SECONDS));
            Runnable queued = () -> { };
            single.execute(queued);
            List<Runnable> left = single.shutdownNow();
            assertEquals(1, left.size());
            assertSame(queued, left.get(0));
        } finally {
            single.shutdownNow();
            assertTrue(single.awaitTermination(WAIT_S, TimeUnit.SECONDS));
        }
    }
}
