package org.threadlanes.ui.deadlock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The hand-over to the FX thread: one hop pending at most, values in order, nothing after close. */
@Timeout(30)
class FxMailboxTest {
    private final QueuedExecutor fx = new QueuedExecutor();
    private final List<List<Integer>> batches = new ArrayList<>();
    private final FxMailbox<Integer> box = new FxMailbox<>(fx, batches::add);

    /** A burst of values costs one hop, and the sink gets them all, in order, in one batch. */
    @Test
    void burstCostsOneHop() {
        for (int i = 0; i < 100; i++) box.offer(i);
        assertEquals(1, fx.handedOver());
        fx.drain();
        assertEquals(1, batches.size());
        assertEquals(100, batches.get(0).size());
        for (int i = 0; i < 100; i++) assertEquals(i, batches.get(0).get(i));

        box.offer(100);
        assertEquals(2, fx.handedOver(), "a value after the drain schedules a hop of its own");
        fx.drain();
        assertEquals(List.of(100), batches.get(1));
    }

    /** Values offered from many threads at once all arrive, with at most one hop pending at a time. */
    @Test
    void valuesFromManyThreadsAllArrive() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            CountDownLatch go = new CountDownLatch(1);
            for (int t = 0; t < 4; t++) {
                int base = t * 1000;
                pool.execute(() -> {
                    try {
                        go.await();
                    } catch (InterruptedException e) {
                        return;
                    }
                    for (int i = 0; i < 1000; i++) box.offer(base + i);
                });
            }
            go.countDown();
            pool.shutdown();
            assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
            assertEquals(1, fx.handedOver(), "nobody drained, so one hop");
            fx.drain();
            assertEquals(4000, batches.stream().mapToInt(List::size).sum());
        } finally {
            pool.shutdownNow();
        }
    }

    /** After close, a hop already queued delivers nothing and new values are dropped. */
    @Test
    void closeDropsWhatIsPending() {
        box.offer(1);
        box.close();
        box.offer(2);
        fx.drain();
        assertTrue(batches.isEmpty());
    }
}
