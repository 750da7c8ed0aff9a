package org.threadlanes.executor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.ref.WeakReference;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import org.threadlanes.executor.PoolKind.Workers;
import org.threadlanes.trace.EventKind;
import org.threadlanes.trace.Recorder;
import org.threadlanes.trace.ThreadState;

/**
 * A recorder's memory goes when the recorder does: the buffers it leaves in its threads' thread-local maps (this
 * test's thread among them) must not keep it, its task logs or its events reachable.
 */
class RecorderLifetimeTest {

    /** A recorder that a pool and this thread recorded to is collected once nothing refers to it. */
    @Test
    void aDroppedRecorderIsCollectedWhileItsThreadsLiveOn() throws Exception {
        WeakReference<Recorder> gone = recordThenDrop();
        for (int i = 0; i < 50 && gone.get() != null; i++) System.gc();
        assertNull(gone.get(), "nothing kept the recorder reachable");
    }

    private static WeakReference<Recorder> recordThenDrop() throws Exception {
        Recorder recorder = new Recorder();
        Workers workers = new Workers("w");
        InstrumentedExecutor pool = new InstrumentedExecutor(recorder, 2, 2, 0, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), workers);
        try {
            for (int i = 0; i < 1_000; i++) pool.execute(() -> { });
            assertEquals(1, pool.submit(() -> 1).get(20, TimeUnit.SECONDS));
            recorder.state(ThreadRefs.current(), ThreadState.RUNNING, 0);
            // Left undrained on purpose: a keyed SUBMITTED still holds its task (and the log) in this thread's page.
            pool.shutdown();
            assertTrue(pool.awaitTermination(20, TimeUnit.SECONDS));
            workers.joinAll();
            assertTrue(recorder.snapshot().stream().anyMatch(e -> e.kind() == EventKind.FINISHED));
        } finally {
            pool.shutdownNow();
        }
        recorder.taskLog(ThreadRefs::current, true).submitted(0, new Object(), null); // never drained
        return new WeakReference<>(recorder);
    }

    /**
     * A subclass that overrides the hooks without calling super never starts its tasks on the lanes; the keys the
     * recorder waits to match are then capped, so the tasks themselves are not kept: the earliest are collected.
     */
    @Test
    void tasksOfAPoolWhoseHooksAreBypassedAreNotKeptForever() throws Exception {
        Recorder recorder = new Recorder();
        InstrumentedExecutor p = new InstrumentedExecutor(recorder, 1, 1, 0, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>()) {
            @Override
            protected void beforeExecute(Thread t, Runnable r) {
                // no super: the lanes never see these tasks start
            }

            @Override
            protected void afterExecute(Runnable r, Throwable t) {
                // no super
            }
        };
        try {
            Runnable first = new Runnable() { // an object of its own: a lambda without captures is a shared one
                @Override
                public void run() {
                }
            };
            WeakReference<Runnable> firstGone = new WeakReference<>(first);
            p.execute(first);
            first = null;
            int n = (1 << 21) + 10;
            java.util.concurrent.CountDownLatch ran = new java.util.concurrent.CountDownLatch(n);
            for (int i = 0; i < n; i++) {
                p.execute(ran::countDown);
                if (i % 100_000 == 0) recorder.flush();
            }
            assertTrue(ran.await(120, TimeUnit.SECONDS));
            recorder.flush();
            for (int i = 0; i < 50 && firstGone.get() != null; i++) System.gc();
            assertNull(firstGone.get(), "the first task, never matched, was let go");
        } finally {
            p.shutdownNow();
            assertTrue(p.awaitTermination(20, TimeUnit.SECONDS));
        }
    }
}
