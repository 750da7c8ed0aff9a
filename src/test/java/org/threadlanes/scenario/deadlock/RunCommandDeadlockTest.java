package org.threadlanes.scenario.deadlock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.threadlanes.cli.Main;

/** Issue 4, section 6: the headless run reports a deadlock as the lesson's outcome and replays step sequences. */
@Timeout(60)
class RunCommandDeadlockTest {
    private record Result(int code, String out, String err) {
    }

    private static Result run(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    /** A deadlocked lesson prints kind, threads, cycle and sentence, ends every thread and exits 0. */
    @Test
    void deadlockIsReportedAndTheRunEndsWithExitZero() {
        Result r = run("run", "single-worker-waits-on-itself", "--unit-ms", "10", "--timeout-s", "30");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("deadlock: POOL_STARVATION"), r.out());
        assertTrue(r.out().contains("threads: worker-1"), r.out());
        assertTrue(r.out().contains("Deadlock (pool starvation): task wait_on_future on worker-1 waits for pow(5, 2),"
                + " which is queued; the pool's only worker is worker-1."), r.out());
        assertTrue(r.out().contains("every thread of the run was ended"), r.out());
    }

    /** A fixed lesson prints its result and no deadlock. */
    @Test
    void fixedLessonPrintsItsResult() {
        Result r = run("run", "single-worker-waits-on-itself-fixed", "--unit-ms", "10");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("result: 25"), r.out());
        assertFalse(r.out().contains("deadlock:"), r.out());
    }

    /** --steps drives the interleaving: t1,t2 deadlocks the broken lesson, t1,t1,t1 lets it finish. */
    @Test
    void stepsChooseTheOutcome() {
        Result stuck = run("run", "lock-ordering", "--unit-ms", "10", "--steps", "t1,t2");
        assertEquals(0, stuck.code(), stuck.err());
        assertTrue(stuck.out().contains("stepped 2 of 2: t1,t2"), stuck.out());
        assertTrue(stuck.out().contains("deadlock: LOCK"), stuck.out());

        Result free = run("run", "lock-ordering", "--unit-ms", "10", "--steps", "t1,t1,t1");
        assertEquals(0, free.code(), free.err());
        assertTrue(free.out().contains("result: {\"moved\":2}"), free.out());
        assertFalse(free.out().contains("deadlock:"), free.out());
    }

    /** A step sequence that does not fit the lesson is bad input: one line, exit 2. */
    @Test
    void stepsNamingNoSuchThreadExitTwoWithOneLine() {
        Result r = run("run", "lock-ordering", "--unit-ms", "10", "--steps", "t1,nobody");
        assertEquals(Main.EXIT_BAD_INPUT, r.code());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("step 2: there is no thread 'nobody'"), r.err());
    }
}
