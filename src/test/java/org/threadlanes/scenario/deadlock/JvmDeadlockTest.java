package org.threadlanes.scenario.deadlock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.threadlanes.analysis.Deadlock;
import org.threadlanes.analysis.DeadlockDetector;
import org.threadlanes.analysis.DeadlockReport;
import org.threadlanes.scenario.Listing;
import org.threadlanes.scenario.Scenario;
import org.threadlanes.scenario.ScenarioContext;
import org.threadlanes.scenario.ScenarioRun;
import org.threadlanes.scenario.Settings;
import org.threadlanes.scenario.Topic;

/** Lock cycles the probes never see are still found, through the JVM's own detector. */
@Timeout(30)
class JvmDeadlockTest {
    private ScenarioRun run;

    @AfterEach
    void end() throws InterruptedException {
        if (run == null) return;
        run.cancel();
        assertTrue(run.awaitThreadsEnded(10, TimeUnit.SECONDS));
    }

    /** Two threads locking plain ReentrantLocks in opposite orders, without probes: a LOCK deadlock seen by the JVM. */
    @Test
    void lockCycleUnseenByTheProbesIsReportedFromTheJvm() throws Exception {
        run = new ScenarioRun(new UnprobedLocks(), new Settings(1, 2, 10));
        CompletableFuture<String> listenerThread = new CompletableFuture<>();
        run.detector().addListener(r -> listenerThread.complete(Thread.currentThread().getName()));
        run.start();
        DeadlockReport r = Runs.awaitDeadlock(run);
        assertEquals(DeadlockReport.Source.JVM, r.source());
        Deadlock d = r.deadlock();
        assertEquals(Deadlock.Kind.LOCK, d.kind());
        assertEquals(Set.of("m1", "m2"), Set.copyOf(d.threads()));
        assertTrue(d.explanation().startsWith("Deadlock (lock order, seen by the JVM): "), d.explanation());
        assertTrue(d.explanation().contains("held by"), d.explanation());
        assertEquals(DeadlockDetector.THREAD_NAME, listenerThread.get(10, TimeUnit.SECONDS),
                "listeners run on the checker thread");
    }

    /** A lesson-like scenario whose locks bypass the probes (interruptible, so a reset can end it). */
    private static final class UnprobedLocks implements Scenario {
        @Override public String id() { return "unprobed-locks"; }
        @Override public String title() { return "unprobed locks"; }
        @Override public String summary() { return "two plain locks in opposite orders"; }
        @Override public Topic topic() { return Topic.EXPERIMENTS; }
        @Override public int order() { return 0; }
        @Override public LessonText text() { return new LessonText("", "", ""); }
        @Override public Settings defaults() { return new Settings(1, 2, 10); }
        @Override public Set<Setting> exposed() { return Set.of(); }
        @Override public Listing listing() { return Listing.of("join", ""); }

        @Override
        public Object run(ScenarioContext ctx) throws Exception {
            ReentrantLock left = new ReentrantLock(), right = new ReentrantLock();
            CountDownLatch bothHoldOne = new CountDownLatch(2);
            Thread m1 = ctx.thread("m1", () -> cross(left, right, bothHoldOne));
            Thread m2 = ctx.thread("m2", () -> cross(right, left, bothHoldOne));
            m1.start();
            m2.start();
            ctx.probe().at(1).join(m1);
            return null;
        }

        private static void cross(ReentrantLock first, ReentrantLock second, CountDownLatch bothHoldOne)
                throws InterruptedException {
            first.lockInterruptibly();
            try {
                bothHoldOne.countDown();
                bothHoldOne.await();
                second.lockInterruptibly();
                second.unlock();
            } finally {
                first.unlock();
            }
        }
    }
}
