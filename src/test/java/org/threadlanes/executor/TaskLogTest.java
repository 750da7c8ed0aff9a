package org.threadlanes.executor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import org.threadlanes.trace.BlockReason;
import org.threadlanes.trace.Event;
import org.threadlanes.trace.EventKind;
import org.threadlanes.trace.Recorder;
import org.threadlanes.trace.TaskOutcome;
import org.threadlanes.trace.ThreadRef;
import org.threadlanes.trace.ThreadState;

/**
 * {@link Recorder.TaskLog}, the recorder's fast path for pool milestones that {@link InstrumentedExecutor} is built
 * on: ids, matching of keyed tasks by identity whatever order workers start them in, and the causal order of a
 * task's milestones. Threads play submitter and workers directly, ordered by joins.
 */
class TaskLogTest {
    private static final ThreadRef OUTSIDE = new ThreadRef(-7, "outside", "thread");

    private static Recorder.TaskLog log(Recorder r, boolean fifo) {
        return r.taskLog(ThreadRefs::current, fifo);
    }

    /** Runs {@code body} on a new thread named {@code name} and waits for it. */
    private static void on(String name, Runnable body) throws InterruptedException {
        Thread t = new Thread(() -> {
            ThreadRefs.bindCurrent(ThreadRefs.WORKER);
            body.run();
        }, name);
        t.start();
        t.join(TimeUnit.SECONDS.toMillis(20));
        assertFalse(t.isAlive(), name + " ended");
    }

    private static Map<String, List<Long>> startsByWorker(List<Event> events) {
        Map<String, List<Long>> out = new HashMap<>();
        for (Event e : events) {
            if (e.kind() == EventKind.STARTED) out.computeIfAbsent(e.thread().name(), k -> new ArrayList<>()).add(e.task());
        }
        return out;
    }

    /** A single submitter gets ids 1, 2, 3...; clear() starts them again at 1. */
    @Test
    void idsFollowSubmissionAndRestartAfterClear() {
        Recorder r = new Recorder();
        Recorder.TaskLog log = log(r, true);
        assertEquals(1, log.submitted(0, new Object(), null));
        assertEquals(2, log.newTaskId());
        assertEquals(3, log.submitted(0, new Object(), null));
        log.submitted(2, null, "two");
        r.clear();
        assertEquals(1, log.submitted(0, new Object(), null));
        assertEquals(List.of(1L), r.snapshot().stream().map(Event::task).toList());
    }

    /**
     * Keys submitted in one order and started by two workers in another (each in a run of its own) still get their
     * own ids; FINISHED with task 0 is the worker's current task.
     */
    @Test
    void keyedTasksKeepTheirIdsWhateverOrderWorkersTakeThem() throws InterruptedException {
        Recorder r = new Recorder();
        Recorder.TaskLog log = log(r, true);
        int n = 2_000;
        Object[] keys = new Object[n];
        long[] ids = new long[n];
        for (int i = 0; i < n; i++) ids[i] = log.submitted(0, keys[i] = new Object(), null);
        on("odd", () -> {
            for (int i = 1; i < n; i += 2) {
                log.started(0, keys[i], null);
                log.finished(0, TaskOutcome.OK, null, BlockReason.WORK, "waiting");
            }
        });
        on("even", () -> {
            for (int i = n - 2; i >= 0; i -= 2) { // backwards: the worst order for a FIFO scan
                log.started(0, keys[i], null);
                log.finished(0, TaskOutcome.OK, null, null, null);
            }
        });
        List<Event> events = r.snapshot();
        Map<String, List<Long>> starts = startsByWorker(events);
        for (int k = 0; k < n / 2; k++) {
            assertEquals(ids[2 * k + 1], starts.get("odd").get(k));
            assertEquals(ids[n - 2 - 2 * k], starts.get("even").get(k));
        }
        Event lastOdd = null;
        for (Event e : events) {
            if (!e.thread().name().equals("odd")) continue;
            if (e.kind() == EventKind.FINISHED) assertEquals(lastOdd.task(), e.task(), "FINISHED is the current task");
            if (e.kind() == EventKind.STARTED) lastOdd = e;
        }
        assertEquals(n / 2, events.stream().filter(e -> e.reason() == BlockReason.WORK).count());
    }

    /** The same object submitted several times is several tasks; a rejection takes the newest submission. */
    @Test
    void aRepeatedKeyIsSeveralTasksAndARejectionTakesTheNewest() throws InterruptedException {
        Recorder r = new Recorder();
        Recorder.TaskLog log = log(r, true);
        Object same = new Object();
        long a = log.submitted(0, same, null), b = log.submitted(0, same, null), c = log.submitted(0, same, null);
        log.rejected(0, same, null);
        on("w", () -> {
            log.started(0, same, null);
            log.finished(0, TaskOutcome.OK, null, null, null);
            log.started(0, same, null);
            log.finished(0, TaskOutcome.OK, null, null, null);
        });
        log.cancelled(0, same); // nothing of it is left: the milestone cannot name a task
        List<Event> events = r.snapshot();
        assertEquals(List.of(c), events.stream().filter(e -> e.kind() == EventKind.REJECTED).map(Event::task).toList());
        assertEquals(List.of(a, b), startsByWorker(events).get("w"));
        assertEquals(0, events.get(events.size() - 1).task());
    }

    /** A task taken out of the queue unseen does not stop the tasks behind it from being matched. */
    @Test
    void aTaskThatNeverStartsDoesNotHoldUpTheOthers() throws InterruptedException {
        Recorder r = new Recorder();
        Recorder.TaskLog log = log(r, true);
        int n = 100_000;
        log.submitted(0, new Object(), null); // lost: never started, never cancelled
        Object[] keys = new Object[n];
        long[] ids = new long[n];
        for (int i = 0; i < n; i++) ids[i] = log.submitted(0, keys[i] = new Object(), null);
        on("w", () -> {
            for (int i = 0; i < n; i++) {
                log.started(0, keys[i], null);
                log.finished(0, TaskOutcome.OK, null, null, null);
                if (i % 10_000 == 0) r.flush(); // drains in between, as the drainer would
            }
        });
        List<Long> starts = startsByWorker(r.snapshot()).get("w");
        for (int i = 0; i < n; i++) assertEquals(ids[i], starts.get(i));
    }

    /** A log for a reordering queue matches by identity alone. */
    @Test
    void aLogForAReorderingQueueMatchesByIdentity() throws InterruptedException {
        Recorder r = new Recorder();
        Recorder.TaskLog log = log(r, false);
        Object x = new Object(), y = new Object(), z = new Object();
        long ix = log.submitted(0, x, null), iy = log.submitted(0, y, null), iz = log.submitted(0, z, null);
        on("w", () -> {
            for (Object k : new Object[] {z, x, y}) {
                log.started(0, k, null);
                log.finished(0, TaskOutcome.OK, null, null, null);
            }
        });
        assertEquals(List.of(iz, ix, iy), startsByWorker(r.snapshot()).get("w"));
    }

    /**
     * A task's STARTED comes after its SUBMITTED even when the worker's last reading of the clock is older than the
     * submitter's, and a flood of events keeps every thread's times in order.
     */
    @Test
    void startedAlwaysFollowsSubmittedEvenInAFlood() throws InterruptedException {
        Recorder r = new Recorder();
        Recorder.TaskLog log = log(r, true);
        int n = 50_000;
        Object[] keys = new Object[n];
        CountDownLatch submitted = new CountDownLatch(n);
        Thread worker = new Thread(() -> {
            ThreadRefs.bindCurrent(ThreadRefs.WORKER);
            for (int i = 0; i < n; i++) {
                while (submitted.getCount() > n - 1 - i) Thread.onSpinWait(); // as if it took it from a queue
                log.started(0, keys[i], null);
                log.finished(0, TaskOutcome.OK, null, BlockReason.WORK, null);
            }
        }, "w");
        worker.start();
        for (int i = 0; i < n; i++) {
            log.submitted(0, keys[i] = new Object(), null);
            submitted.countDown();
        }
        worker.join(TimeUnit.SECONDS.toMillis(30));
        assertFalse(worker.isAlive());
        Map<Long, Long> submittedAt = new HashMap<>();
        Map<String, Long> lastT = new HashMap<>();
        for (Event e : r.snapshot()) {
            Long before = lastT.put(e.thread().name(), e.tNs());
            assertTrue(before == null || before <= e.tNs(), () -> "time went back at " + e);
            if (e.kind() == EventKind.SUBMITTED) submittedAt.put(e.task(), e.seq());
            if (e.kind() == EventKind.STARTED) {
                assertTrue(submittedAt.containsKey(e.task()), () -> "STARTED before its SUBMITTED: " + e);
            }
        }
        assertEquals(n, submittedAt.size());
    }

    /** Milestones with explicit ids carry them and their labels; ids of keyed tasks never collide with them. */
    @Test
    void explicitIdsAndLabelsAreKept() throws InterruptedException {
        Recorder r = new Recorder();
        Recorder.TaskLog log = log(r, true);
        long id = log.newTaskId();
        log.submitted(id, null, "job");
        long keyed = log.submitted(0, new Object(), null);
        on("w", () -> {
            log.started(id, null, "job");
            log.finished(id, TaskOutcome.FAILED, "IllegalStateException: x", null, null);
        });
        r.recordAt(5, OUTSIDE, EventKind.STATE, ThreadState.RUNNING, null, null, 0, 0, null, 0);
        List<Event> events = r.snapshot();
        assertEquals(5, events.stream().filter(e -> e.thread().equals(OUTSIDE)).findFirst().orElseThrow().tNs(),
                "a given time is kept as given");
        assertTrue(keyed != id);
        Event started = events.stream().filter(e -> e.kind() == EventKind.STARTED).findFirst().orElseThrow();
        assertEquals("job", started.detail());
        assertEquals(ThreadState.RUNNING, started.state());
        Event finished = events.stream().filter(e -> e.kind() == EventKind.FINISHED).findFirst().orElseThrow();
        assertEquals(id, finished.task());
        assertEquals(TaskOutcome.FAILED, finished.outcome());
        assertEquals("IllegalStateException: x", finished.detail());
    }

    /** Peers (the thread a LOCK or JOIN waits for, the task a FUTURE waits for) come back as recorded, large or not. */
    @Test
    void peersAreKeptWhateverTheirSize() {
        Recorder r = new Recorder();
        r.blocked(OUTSIDE, BlockReason.LOCK, "lock A", 3, 1);
        r.blocked(OUTSIDE, BlockReason.JOIN, "join", 123_456_789_012L, 2);
        r.blocked(OUTSIDE, BlockReason.FUTURE, "future", Long.MAX_VALUE, 3);
        r.state(OUTSIDE, ThreadState.RUNNING, 4);
        assertEquals(List.of(3L, 123_456_789_012L, Long.MAX_VALUE, 0L), r.snapshot().stream().map(Event::peer).toList());
        assertEquals(List.of(1, 2, 3, 4), r.snapshot().stream().map(Event::line).toList());
    }
}
