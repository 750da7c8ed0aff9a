package org.threadlanes.scenario.deadlock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.threadlanes.executor.ThreadRefs;
import org.threadlanes.scenario.ScenarioRun;
import org.threadlanes.scenario.Scenarios;
import org.threadlanes.scenario.Settings;
import org.threadlanes.trace.BlockReason;
import org.threadlanes.trace.ThreadState;

/** Issue 4, section 5: reset ends every thread of a deadlocked run, however often it is done. */
@Timeout(120)
class ResetFromDeadlockTest {
    private static final Settings FAST = Scenarios.require("single-worker-waits-on-itself").defaults().withUnitMs(1);

    /** 100 resets from a deadlocked state leave the live thread count at its baseline. */
    @Test
    void hundredResetsFromADeadlockLeaveTheThreadCountAtBaseline() throws Exception {
        resetFromDeadlock(true); // warm up: the recorder's shared drain thread starts once per JVM
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        int baseline = before.size();
        for (int i = 0; i < 100; i++) resetFromDeadlock(i % 10 == 0);
        Set<Thread> after = Thread.getAllStackTraces().keySet();
        assertEquals(baseline, after.size(), () -> "new threads: " + after.stream().filter(t -> !before.contains(t))
                .map(Thread::getName).collect(Collectors.joining(", ")));
    }

    /**
     * Runs the one-worker lesson until its worker is blocked on the queued task (a deadlock by construction), then
     * resets it and waits for every thread, the deadlock checker's included, to end. Every tenth time it also waits
     * for the checker to report the deadlock first.
     */
    private static void resetFromDeadlock(boolean awaitReport) throws Exception {
        ScenarioRun run = new ScenarioRun(Scenarios.require("single-worker-waits-on-itself"), FAST);
        CountDownLatch stuck = new CountDownLatch(1);
        run.recorder().addListener(batch -> batch.stream()
                .filter(e -> e.state() == ThreadState.BLOCKED && e.reason() == BlockReason.FUTURE
                        && e.thread().role().equals(ThreadRefs.WORKER))
                .findAny().ifPresent(e -> stuck.countDown()));
        try {
            run.start();
            assertTrue(stuck.await(10, TimeUnit.SECONDS), "the worker blocked on the queued task");
            if (awaitReport) Runs.awaitDeadlock(run);
        } finally {
            run.cancel();
            assertTrue(run.awaitThreadsEnded(10, TimeUnit.SECONDS), "every thread of the reset run ended");
        }
        assertEquals(ScenarioRun.Status.CANCELLED, run.completion().get(10, TimeUnit.SECONDS));
        assertTrue(run.detector().awaitStopped(10, TimeUnit.SECONDS), "the deadlock checker ended");
    }
}
