package org.threadlanes.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import org.threadlanes.executor.InstrumentedExecutor;
import org.threadlanes.executor.TracedLock;

/** A reset that lands while a lesson is still setting up must end what the lesson makes afterwards too. */
class ResetRaceTest {

    /** A lesson that, after the reset, starts a thread that would wait forever and makes a pool. */
    private static final class LateStarter implements Scenario {
        final CountDownLatch inSetup = new CountDownLatch(1);
        final CountDownLatch goOn = new CountDownLatch(1);
        volatile InstrumentedExecutor latePool;

        @Override public String id() { return "late-starter"; }
        @Override public String title() { return "Late starter"; }
        @Override public String summary() { return "Starts a thread after a reset."; }
        @Override public Topic topic() { return Topic.THREADS; }
        @Override public int order() { return 99; }
        @Override public LessonText text() { return new LessonText("-", "-", "-"); }
        @Override public Settings defaults() { return new Settings(1, 1, 1); }
        @Override public Set<Setting> exposed() { return Set.of(); }
        @Override public Listing listing() { return Listing.of("start()", "start();"); }

        @Override
        public Object run(ScenarioContext ctx) throws Exception {
            TracedLock never = new TracedLock("never");
            Thread holder = new Thread(never::lock, "holder"); // holds the lock for good (not a lane)
            holder.setDaemon(true);
            holder.start();
            holder.join();
            inSetup.countDown();
            // Plain setup code that carries on through the reset's interrupt, as code between probes does.
            boolean interrupted = false;
            while (true) {
                try {
                    goOn.await();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) Thread.currentThread().interrupt();
            ctx.thread("late", () -> ctx.probe().lock(never)).start();
            latePool = ctx.pool(1, "late-worker");
            return null;
        }
    }

    /** Threads and pools a lesson makes after cancel() are ended all the same. */
    @Test
    void threadsStartedAfterAResetAreEndedToo() throws InterruptedException {
        LateStarter lesson = new LateStarter();
        ScenarioRun run = new ScenarioRun(lesson, lesson.defaults());
        try {
            run.start();
            assertTrue(lesson.inSetup.await(10, TimeUnit.SECONDS));
            run.cancel();
            lesson.goOn.countDown();
            assertTrue(run.awaitThreadsEnded(10, TimeUnit.SECONDS), "every thread of the run ended");
            assertEquals(ScenarioRun.Status.CANCELLED, run.status());
            assertTrue(lesson.latePool == null || lesson.latePool.isShutdown(), "a pool made after the reset is shut");
        } finally {
            run.cancel();
        }
    }
}
