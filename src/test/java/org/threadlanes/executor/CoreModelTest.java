package org.threadlanes.executor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** The modelled cores: holders, the FIFO ready line, and telling a parked-but-moving thread from a stuck one. */
class CoreModelTest {
    /**
     * A thread in the ready line with no core free is stuck until a holder lets go; once a core is free it is about
     * to run (admitting), even before the scheduler gets round to it, which a step replay must not mistake for
     * settled.
     */
    @Test
    void aWaiterIsAdmittingOnlyWhileACoreIsFree() throws Exception {
        CoreModel cores = new CoreModel(1);
        assertTrue(cores.tryAcquire());
        CountDownLatch acquired = new CountDownLatch(1);
        Thread waiter = new Thread(() -> {
            try {
                cores.acquire();
                acquired.countDown();
                cores.release();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "waiter");
        waiter.setDaemon(true);
        waiter.start();
        try {
            awaitInLine(cores);
            assertFalse(cores.admitting(), "no core free: the waiter is stuck");
            synchronized (cores) {
                // Holding the model's monitor keeps the woken waiter from taking the core: the moment a busy
                // machine stretches out.
                cores.setCores(2);
                assertTrue(cores.admitting(), "a core is free: the waiter is on its way");
            }
            assertTrue(acquired.await(10, TimeUnit.SECONDS), "the waiter got its core");
            assertFalse(cores.admitting());
        } finally {
            waiter.interrupt();
            waiter.join(10_000);
        }
        assertEquals(1, cores.busy(), "only the test thread holds a core");
    }

    /** Waits, without sleeping, until the waiter is parked in the ready line (the model offers no event for it). */
    private static void awaitInLine(CoreModel cores) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (cores.waiting() == 0) {
            assertTrue(System.nanoTime() < deadline, "the waiter never joined the ready line");
            Thread.onSpinWait();
        }
    }
}
