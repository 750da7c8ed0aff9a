package org.threadlanes.executor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor.CallerRunsPolicy;
import java.util.concurrent.ThreadPoolExecutor.DiscardOldestPolicy;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;

import org.threadlanes.executor.PoolKind.Cleaner;
import org.threadlanes.executor.PoolKind.Workers;
import org.threadlanes.trace.BlockReason;
import org.threadlanes.trace.Event;
import org.threadlanes.trace.EventKind;
import org.threadlanes.trace.Recorder;
import org.threadlanes.trace.TaskOutcome;
import org.threadlanes.trace.ThreadState;

/**
 * What an {@link InstrumentedExecutor} publishes: each lane's exact events for known task sets, the task ids that
 * tie a task's milestones together, and the order between lanes that causes impose. Tasks are ordered with latches;
 * workers are joined before the recorder is read, so that their CONCLUDED is in.
 */
class InstrumentedExecutorEventsTest {
    private static final long WAIT_S = 20;

    private static void await(CountDownLatch latch) throws InterruptedException {
        assertTrue(latch.await(WAIT_S, TimeUnit.SECONDS), "timed out waiting for a latch");
    }

    /** A task that says it started, then waits for {@code release}. */
    private static Runnable blocker(CountDownLatch started, CountDownLatch release) {
        return () -> {
            started.countDown();
            try {
                release.await(WAIT_S, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
    }

    /** Ends the pool, waits for its workers to end, and returns every event, checking their numbering. */
    private static List<Event> finish(InstrumentedExecutor p, Workers workers) throws InterruptedException {
        p.shutdown();
        assertTrue(p.awaitTermination(WAIT_S, TimeUnit.SECONDS));
        workers.joinAll();
        List<Event> events = p.recorder().snapshot();
        for (int i = 0; i < events.size(); i++) assertEquals(i + 1, events.get(i).seq(), "contiguous from 1");
        return events;
    }

    /** One lane's events, each as a short word: "SUBMITTED #1", "STARTED #1 RUNNING", "BLOCKED(WORK)"... */
    private static List<String> lane(List<Event> events, String thread) {
        List<String> out = new ArrayList<>();
        long lastT = Long.MIN_VALUE;
        for (Event e : events) {
            if (!e.thread().name().equals(thread)) continue;
            assertTrue(e.tNs() >= lastT, () -> "a lane's times never go back: " + e);
            lastT = e.tNs();
            out.add(word(e));
        }
        return out;
    }

    private static String word(Event e) {
        StringBuilder sb = new StringBuilder();
        if (e.kind() != EventKind.STATE) sb.append(e.kind()).append(" #").append(e.task());
        if (e.state() != null && !(e.kind() == EventKind.STARTED && e.state() == ThreadState.RUNNING)) {
            if (sb.length() > 0) sb.append(' ');
            sb.append(e.state());
            if (e.reason() != null) sb.append('(').append(e.reason()).append(')');
        }
        if (e.outcome() != null) sb.append(' ').append(e.outcome());
        if (e.detail() != null && e.kind() != EventKind.STATE) sb.append(" \"").append(e.detail()).append('"');
        return sb.toString();
    }

    private static long seqOf(List<Event> events, Predicate<Event> p) {
        return events.stream().filter(p).mapToLong(Event::seq).findFirst()
                .orElseThrow(() -> new AssertionError("no such event"));
    }

    private static Predicate<Event> is(EventKind kind, long task) {
        return e -> e.kind() == kind && e.task() == task;
    }

    private static String me() {
        return Thread.currentThread().getName();
    }

    // ------------------------------------------------------------------ sequences

    /**
     * Two workers, three tasks: each lane shows exactly its worker's life and tasks, ids tie each task's milestones,
     * and a task's SUBMITTED comes before its STARTED, which comes before its FINISHED.
     */
    @Test
    void twoWorkersThreeTasksPublishTheExactLanes() throws InterruptedException {
        Recorder recorder = new Recorder();
        Workers workers = new Workers("w");
        InstrumentedExecutor p = new InstrumentedExecutor(recorder, 2, 2, 0, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), workers);
        CountDownLatch s1 = new CountDownLatch(1), s2 = new CountDownLatch(1), r1 = new CountDownLatch(1),
                r2 = new CountDownLatch(1), done3 = new CountDownLatch(1);
        try (Cleaner c = new Cleaner(p, r1, r2)) {
            p.execute(blocker(s1, r1));
            p.execute(blocker(s2, r2));
            await(s1);
            await(s2);
            p.execute(done3::countDown); // both workers are busy: it waits in the queue
            r1.countDown();              // w-1 is free first, so it takes the third task
            await(done3);
            r2.countDown();
            List<Event> events = finish(p, workers);

            assertEquals(List.of("SUBMITTED #1", "SUBMITTED #2", "SUBMITTED #3"), lane(events, me()));
            assertEquals(List.of("CREATED", "BLOCKED(WORK)", "STARTED #1", "FINISHED #1 OK", "BLOCKED(WORK)",
                    "STARTED #3", "FINISHED #3 OK", "BLOCKED(WORK)", "CONCLUDED"), lane(events, "w-1"));
            assertEquals(List.of("CREATED", "BLOCKED(WORK)", "STARTED #2", "FINISHED #2 OK", "BLOCKED(WORK)",
                    "CONCLUDED"), lane(events, "w-2"));
            assertEquals(18, events.size());
            for (long task = 1; task <= 3; task++) {
                long submitted = seqOf(events, is(EventKind.SUBMITTED, task));
                long started = seqOf(events, is(EventKind.STARTED, task));
                long finished = seqOf(events, is(EventKind.FINISHED, task));
                assertTrue(submitted < started && started < finished, "task " + task + " in causal order");
            }
            assertTrue(seqOf(events, is(EventKind.FINISHED, 1)) < seqOf(events, is(EventKind.STARTED, 3)));
            assertTrue(seqOf(events, e -> e.thread().name().equals("w-1") && e.state() == ThreadState.CREATED)
                    < seqOf(events, is(EventKind.STARTED, 1)));
            Event started = events.get((int) seqOf(events, is(EventKind.STARTED, 1)) - 1);
            assertEquals(ThreadState.RUNNING, started.state());
            assertEquals("worker", started.thread().role());
            Event waiting = events.stream().filter(e -> e.reason() == BlockReason.WORK).findFirst().orElseThrow();
            assertEquals("waiting for work", waiting.detail());
        }
    }

    /**
     * A worker that finishes a task while at least as many tasks are queued as the pool has room for workers cannot
     * have to wait, so it goes straight to the next one without BLOCKED(WORK); once it may wait, it shows it.
     */
    @Test
    void aWorkerWithQueuedWorkGoesStraightOnWithoutWaiting() throws InterruptedException {
        Recorder recorder = new Recorder();
        Workers workers = new Workers("w");
        InstrumentedExecutor p = new InstrumentedExecutor(recorder, 1, 1, 0, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), workers);
        CountDownLatch started = new CountDownLatch(1), release = new CountDownLatch(1);
        try (Cleaner c = new Cleaner(p, release)) {
            p.execute(blocker(started, release));
            await(started);
            for (int i = 0; i < 3; i++) p.execute(() -> { });
            release.countDown();
            List<Event> events = finish(p, workers);
            assertEquals(List.of("CREATED", "BLOCKED(WORK)", "STARTED #1", "FINISHED #1 OK", "STARTED #2",
                    "FINISHED #2 OK", "STARTED #3", "FINISHED #3 OK", "STARTED #4", "FINISHED #4 OK", "BLOCKED(WORK)",
                    "CONCLUDED"), lane(events, "w-1"));
        }
    }

    /**
     * A worker that went straight on after a task but is then retired (the pool shrank) shows BLOCKED(WORK) before
     * it concludes: it looked for work and was told to leave.
     */
    @Test
    void aRetiredWorkerLooksForWorkBeforeItConcludes() throws InterruptedException {
        Recorder recorder = new Recorder();
        Workers workers = new Workers("w");
        InstrumentedExecutor p = new InstrumentedExecutor(recorder, 2, 2, 0, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), workers);
        CountDownLatch started = new CountDownLatch(2), release = new CountDownLatch(1);
        try (Cleaner c = new Cleaner(p, release)) {
            p.execute(blocker(started, release));
            p.execute(blocker(started, release));
            await(started);
            for (int i = 0; i < 4; i++) p.execute(() -> { });
            workers.exited = new CountDownLatch(1);
            p.setCorePoolSize(1);
            p.setMaximumPoolSize(1);
            release.countDown();
            await(workers.exited); // one of the two has been retired
            List<Event> events = finish(p, workers);
            for (String w : List.of("w-1", "w-2")) {
                List<String> lane = lane(events, w);
                assertEquals(List.of("BLOCKED(WORK)", "CONCLUDED"), lane.subList(lane.size() - 2, lane.size()), w);
            }
            assertEquals(6, events.stream().filter(e -> e.kind() == EventKind.FINISHED).count());
        }
    }

    /** A labelled task carries its label on SUBMITTED and STARTED, and its result on FINISHED; others carry none. */
    @Test
    void labelsAndResultsAreTheDetails() throws Exception {
        Recorder recorder = new Recorder();
        Workers workers = new Workers("w");
        InstrumentedExecutor p = new InstrumentedExecutor(recorder, 1, 1, 0, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), workers);
        CountDownLatch started = new CountDownLatch(1), release = new CountDownLatch(1);
        try (Cleaner c = new Cleaner(p, release)) {
            p.execute(blocker(started, release)); // #1: the others queue behind it, so the worker goes straight on
            await(started);
            Future<Integer> answer = p.submit(Labeled.of("answer", () -> 42));
            Future<String> named = p.submit("named", () -> "pi");
            Future<String> x = p.submit(() -> "x");
            Future<?> none = p.submit(() -> { });
            String longResult = "y".repeat(200);
            Future<String> longOne = p.submit(() -> longResult);
            release.countDown();
            assertEquals(42, answer.get(WAIT_S, TimeUnit.SECONDS));
            assertEquals("pi", named.get(WAIT_S, TimeUnit.SECONDS));
            assertEquals("x", x.get(WAIT_S, TimeUnit.SECONDS));
            none.get(WAIT_S, TimeUnit.SECONDS);
            assertEquals(longResult, longOne.get(WAIT_S, TimeUnit.SECONDS));
            List<Event> events = finish(p, workers);

            assertEquals(List.of("SUBMITTED #1", "SUBMITTED #2 \"answer\"", "SUBMITTED #3 \"named\"", "SUBMITTED #4",
                    "SUBMITTED #5", "SUBMITTED #6"), lane(events, me()));
            assertEquals(List.of("CREATED", "BLOCKED(WORK)", "STARTED #1", "FINISHED #1 OK",
                    "STARTED #2 \"answer\"", "FINISHED #2 OK \"42\"",
                    "STARTED #3 \"named\"", "FINISHED #3 OK \"pi\"",
                    "STARTED #4", "FINISHED #4 OK \"x\"",
                    "STARTED #5", "FINISHED #5 OK"), lane(events, "w-1").subList(0, 12));
            String shortened = events.stream().filter(is(EventKind.FINISHED, 6)).findFirst().orElseThrow().detail();
            assertEquals(80, shortened.length(), "long results are shortened");
            assertTrue(shortened.endsWith("…"));
        }
    }

    /** A failing task is FINISHED(FAILED) with its exception's message, for a runnable and for a future. */
    @Test
    void failingTasksFinishFailedWithTheirMessage() throws Exception {
        Recorder recorder = new Recorder();
        Workers workers = new Workers("w");
        InstrumentedExecutor p = new InstrumentedExecutor(recorder, 1, 1, 0, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), workers);
        CountDownLatch started = new CountDownLatch(1), release = new CountDownLatch(1);
        try (Cleaner c = new Cleaner(p, release)) {
            p.execute(blocker(started, release));
            await(started);
            Future<?> f = p.submit(() -> {
                throw new IllegalArgumentException("bad input");
            });
            p.execute(() -> {
                throw new IllegalStateException("boom");
            });
            workers.exited = new CountDownLatch(1);
            release.countDown();
            await(workers.exited); // the JDK makes the replacement before the old worker's thread ends
            assertThrows(java.util.concurrent.ExecutionException.class, () -> f.get(WAIT_S, TimeUnit.SECONDS));
            List<Event> events = finish(p, workers);

            assertEquals(List.of("CREATED", "BLOCKED(WORK)", "STARTED #1", "FINISHED #1 OK", "STARTED #2",
                    "FINISHED #2 FAILED \"IllegalArgumentException: bad input\"", "STARTED #3",
                    "FINISHED #3 FAILED \"IllegalStateException: boom\"", "BLOCKED(WORK)", "CONCLUDED"),
                    lane(events, "w-1"));
            assertEquals(List.of("CREATED", "BLOCKED(WORK)", "CONCLUDED"), lane(events, "w-2"),
                    "the JDK replaced the worker the uncaught exception ended");
        }
    }

    /**
     * A future cancelled while queued is FINISHED(CANCELLED) at once, on the cancelling thread, and never STARTED;
     * a plain runnable taken out with remove() and a caller's own cancelled future taken out with purge() likewise.
     */
    @Test
    void tasksLeavingTheQueueUnrunFinishCancelled() throws Exception {
        Recorder recorder = new Recorder();
        Workers workers = new Workers("w");
        InstrumentedExecutor p = new InstrumentedExecutor(recorder, 1, 1, 0, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), workers);
        CountDownLatch started = new CountDownLatch(1), release = new CountDownLatch(1);
        try (Cleaner c = new Cleaner(p, release)) {
            p.execute(blocker(started, release));                // #1
            await(started);
            Future<String> f = p.submit(() -> "never");          // #2
            Runnable plain = () -> { };                          // #3
            p.execute(plain);
            FutureTask<String> own = new FutureTask<>(() -> "own");
            p.execute(own);                                      // #4
            p.execute(() -> { });                                // #5 runs

            assertTrue(f.cancel(false));
            List<Event> now = recorder.snapshot();
            assertEquals(List.of("SUBMITTED #1", "SUBMITTED #2", "SUBMITTED #3", "SUBMITTED #4", "SUBMITTED #5",
                    "FINISHED #2 CANCELLED"), lane(now, me()), "cancelled at once, on the cancelling thread");
            assertTrue(p.remove(plain));
            assertTrue(own.cancel(false));
            p.purge();
            release.countDown();
            List<Event> events = finish(p, workers);

            assertEquals(List.of("SUBMITTED #1", "SUBMITTED #2", "SUBMITTED #3", "SUBMITTED #4", "SUBMITTED #5",
                    "FINISHED #2 CANCELLED", "FINISHED #3 CANCELLED", "FINISHED #4 CANCELLED"), lane(events, me()));
            assertEquals(List.of("CREATED", "BLOCKED(WORK)", "STARTED #1", "FINISHED #1 OK", "STARTED #5",
                    "FINISHED #5 OK", "BLOCKED(WORK)", "CONCLUDED"), lane(events, "w-1"),
                    "the worker goes straight to the one task left, without a trace of the cancelled ones");
        }
    }

    /** A future cancelled while it runs is FINISHED(CANCELLED) by its worker. */
    @Test
    void aFutureCancelledWhileRunningFinishesCancelled() throws Exception {
        Recorder recorder = new Recorder();
        Workers workers = new Workers("w");
        InstrumentedExecutor p = new InstrumentedExecutor(recorder, 1, 1, 0, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), workers);
        CountDownLatch started = new CountDownLatch(1), release = new CountDownLatch(1);
        try (Cleaner c = new Cleaner(p, release)) {
            Future<?> f = p.submit(blocker(started, release));
            await(started);
            assertTrue(f.cancel(true));
            List<Event> events = finish(p, workers);
            assertEquals(List.of("CREATED", "BLOCKED(WORK)", "STARTED #1", "FINISHED #1 CANCELLED", "BLOCKED(WORK)",
                    "CONCLUDED"), lane(events, "w-1"));
            assertEquals(List.of("SUBMITTED #1"), lane(events, me()));
        }
    }

    /** A refused task is REJECTED, with the id of its SUBMITTED, on the submitting thread. */
    @Test
    void aRefusedTaskIsRejected() throws Exception {
        Recorder recorder = new Recorder();
        Workers workers = new Workers("w");
        InstrumentedExecutor p = new InstrumentedExecutor(recorder, 1, 1, 0, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(1), workers);
        CountDownLatch started = new CountDownLatch(1), release = new CountDownLatch(1);
        try (Cleaner c = new Cleaner(p, release)) {
            p.execute(blocker(started, release));
            await(started);
            p.execute(() -> { });
            assertThrows(RejectedExecutionException.class, () -> p.execute(() -> { }));
            assertThrows(RejectedExecutionException.class, () -> p.submit(Labeled.of("late", () -> 1)));
            release.countDown();
            List<Event> events = finish(p, workers);
            assertEquals(List.of("SUBMITTED #1", "SUBMITTED #2", "SUBMITTED #3", "REJECTED #3",
                    "SUBMITTED #4 \"late\"", "REJECTED #4 \"late\""), lane(events, me()));
        }
    }

    /** shutdownNow ends every task it drains FINISHED(CANCELLED). */
    @Test
    void shutdownNowCancelsTheQueuedTasks() throws Exception {
        Recorder recorder = new Recorder();
        Workers workers = new Workers("w");
        InstrumentedExecutor p = new InstrumentedExecutor(recorder, 1, 1, 0, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), workers);
        CountDownLatch started = new CountDownLatch(1), release = new CountDownLatch(1);
        try (Cleaner c = new Cleaner(p, release)) {
            p.execute(blocker(started, release));
            await(started);
            p.execute(() -> { });
            p.submit(() -> 2);
            assertEquals(2, p.shutdownNow().size());
            assertTrue(p.awaitTermination(WAIT_S, TimeUnit.SECONDS));
            workers.joinAll();
            List<Event> events = recorder.snapshot();
            assertEquals(List.of("SUBMITTED #1", "SUBMITTED #2", "SUBMITTED #3", "FINISHED #2 CANCELLED",
                    "FINISHED #3 CANCELLED"), lane(events, me()));
        }
    }

    /**
     * CallerRunsPolicy: the refused task is REJECTED by the pool, then runs on the submitter's own lane, which says so
     * while it runs and is plain RUNNING again after; once the pool is shut down nothing runs.
     */
    @Test
    void callerRunsPolicyShowsTheTaskOnTheCallersLane() throws Exception {
        Recorder recorder = new Recorder();
        Workers workers = new Workers("w");
        InstrumentedExecutor p = new InstrumentedExecutor(recorder, 1, 1, 0, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(1), workers, new CallerRunsPolicy());
        CountDownLatch started = new CountDownLatch(1), release = new CountDownLatch(1);
        try (Cleaner c = new Cleaner(p, release)) {
            p.execute(blocker(started, release));
            await(started);
            p.execute(() -> { });
            List<Thread> ranOn = new ArrayList<>();
            Future<Integer> f = p.submit(Labeled.of("crunch", () -> {
                ranOn.add(Thread.currentThread());
                return 7;
            }));
            assertEquals(7, f.get(0, TimeUnit.SECONDS), "done before submit returned");
            assertEquals(List.of(Thread.currentThread()), ranOn);
            release.countDown();
            p.shutdown();
            p.execute(() -> ranOn.add(Thread.currentThread()));
            List<Event> events = finish(p, workers);
            assertEquals(1, ranOn.size(), "nothing runs once the pool is shut down");
            assertEquals(List.of("SUBMITTED #1", "SUBMITTED #2", "SUBMITTED #3 \"crunch\"", "REJECTED #3 \"crunch\"",
                    "RUNNING", "RUNNING", "SUBMITTED #4", "REJECTED #4"), lane(events, me()));
            List<String> details = events.stream().filter(e -> e.thread().name().equals(me())
                    && e.kind() == EventKind.STATE).map(e -> String.valueOf(e.detail())).toList();
            assertEquals(List.of("runs #3 crunch itself (caller-runs policy)", "null"), details);
        }
    }

    /** DiscardOldestPolicy: the dropped task is CANCELLED, the new one REJECTED then submitted again as a new task. */
    @Test
    void discardOldestCancelsTheDroppedTaskAndResubmitsTheNewOne() throws Exception {
        Recorder recorder = new Recorder();
        Workers workers = new Workers("w");
        InstrumentedExecutor p = new InstrumentedExecutor(recorder, 1, 1, 0, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(1), workers, new DiscardOldestPolicy());
        CountDownLatch started = new CountDownLatch(1), release = new CountDownLatch(1);
        try (Cleaner c = new Cleaner(p, release)) {
            p.execute(blocker(started, release));
            await(started);
            p.execute(() -> { });             // #2, dropped
            p.execute(() -> { });             // #3 refused, then #4 queued
            release.countDown();
            List<Event> events = finish(p, workers);
            assertEquals(List.of("SUBMITTED #1", "SUBMITTED #2", "SUBMITTED #3", "REJECTED #3",
                    "FINISHED #2 CANCELLED", "SUBMITTED #4"), lane(events, me()));
            assertTrue(lane(events, "w-1").contains("STARTED #4"));
        }
    }

    // ------------------------------------------------------------------ probe and core model

    /** With a probe and one modelled core, the second worker is READY until the first releases the core. */
    @Test
    void aSecondWorkerIsReadyUntilTheOnlyCoreIsFree() throws Exception {
        Recorder recorder = new Recorder();
        Probe probe = new Probe(recorder, new CoreModel(1), new Units(5));
        Workers workers = new Workers("w");
        InstrumentedExecutor p = new InstrumentedExecutor(recorder, 2, 2, 0, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), workers);
        p.setProbe(probe);
        CountDownLatch started = new CountDownLatch(1), release = new CountDownLatch(1);
        CountDownLatch secondReady = new CountDownLatch(1);
        recorder.addListener(batch -> {
            for (Event e : batch) {
                if (e.thread().name().equals("w-2") && e.state() == ThreadState.READY) secondReady.countDown();
            }
        });
        try (Cleaner c = new Cleaner(p, release)) {
            p.execute(blocker(started, release));
            await(started);
            Future<String> second = p.submit(Labeled.of("second", () -> "ran"));
            await(secondReady);
            assertFalse(second.isDone(), "it waits for the core");
            assertEquals(1, probe.cores().waiting());
            release.countDown();
            assertEquals("ran", second.get(WAIT_S, TimeUnit.SECONDS));
            List<Event> events = finish(p, workers);

            assertEquals(List.of("CREATED", "BLOCKED(WORK)", "READY", "STARTED #2 \"second\"",
                    "FINISHED #2 OK \"ran\"", "BLOCKED(WORK)", "CONCLUDED"), lane(events, "w-2"));
            long ready = seqOf(events, e -> e.thread().name().equals("w-2") && e.state() == ThreadState.READY);
            assertTrue(ready < seqOf(events, is(EventKind.FINISHED, 1)), "READY while the first still runs");
            assertTrue(seqOf(events, is(EventKind.FINISHED, 1)) < seqOf(events, is(EventKind.STARTED, 2)),
                    "RUNNING only once the first has given the core back");
            assertEquals(0, probe.cores().busy(), "every core is back");
        }
    }

    // ------------------------------------------------------------------ ids under load

    /**
     * Thousands of tasks on two workers, some the very same runnable object submitted again and again: every task
     * id has exactly one SUBMITTED, one STARTED and one FINISHED, in that order, and no milestone lacks its id.
     */
    @Test
    void everyTaskOfAFloodKeepsOneIdAcrossItsMilestones() throws Exception {
        Recorder recorder = new Recorder();
        Workers workers = new Workers("w");
        InstrumentedExecutor p = new InstrumentedExecutor(recorder, 2, 2, 0, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), workers);
        int tasks = 20_000;
        CountDownLatch ran = new CountDownLatch(tasks);
        Runnable shared = ran::countDown;
        try (Cleaner c = new Cleaner(p)) {
            for (int i = 0; i < tasks; i++) p.execute(i % 3 == 0 ? shared : (Runnable) ran::countDown);
            await(ran);
            List<Event> events = finish(p, workers);
            assertEveryTaskHasOneLife(events, tasks);
        }
    }

    /** The same holds for a queue that reorders tasks (a priority queue): ids still follow their task. */
    @Test
    void idsFollowTheirTasksThroughAReorderingQueue() throws Exception {
        Recorder recorder = new Recorder();
        Workers workers = new Workers("w");
        InstrumentedExecutor p = new InstrumentedExecutor(recorder, 1, 1, 0, TimeUnit.SECONDS,
                new PriorityBlockingQueue<>(), workers);
        CountDownLatch started = new CountDownLatch(1), release = new CountDownLatch(1);
        List<Integer> order = new ArrayList<>();
        try (Cleaner c = new Cleaner(p, release)) {
            p.execute(new Prioritized(-1, () -> {
                started.countDown();
                try {
                    release.await(WAIT_S, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
            await(started);
            for (int k : new int[] {5, 1, 4, 2, 3}) {
                p.execute(new Prioritized(k, () -> {
                    synchronized (order) {
                        order.add(k);
                    }
                }));
            }
            release.countDown();
            List<Event> events = finish(p, workers);
            assertEquals(List.of(1, 2, 3, 4, 5), order, "the queue reordered them");
            assertEveryTaskHasOneLife(events, 6);
            // Task ids follow submission (#2 is priority 5, #3 priority 1...), so starts go #3, #5, #6, #4, #2.
            List<Long> starts = events.stream().filter(e -> e.kind() == EventKind.STARTED).map(Event::task).toList();
            assertEquals(List.of(1L, 3L, 5L, 6L, 4L, 2L), starts);
        }
    }

    private record Prioritized(int priority, Runnable body) implements Runnable, Comparable<Prioritized> {
        @Override
        public void run() {
            body.run();
        }

        @Override
        public int compareTo(Prioritized o) {
            return Integer.compare(priority, o.priority);
        }
    }

    /** Two pools sharing a recorder never give two tasks the same id. */
    @Test
    void poolsSharingARecorderGiveDistinctIds() throws Exception {
        Recorder recorder = new Recorder();
        Workers wa = new Workers("a"), wb = new Workers("b");
        InstrumentedExecutor a = new InstrumentedExecutor(recorder, 1, 1, 0, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), wa);
        InstrumentedExecutor b = new InstrumentedExecutor(recorder, 1, 1, 0, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), wb);
        try (Cleaner ca = new Cleaner(a); Cleaner cb = new Cleaner(b)) {
            for (int i = 0; i < 50; i++) {
                a.execute(() -> { });
                b.submit(() -> 1);
            }
            finish(a, wa);
            List<Event> events = finish(b, wb);
            assertEveryTaskHasOneLife(events, 100);
            assertNotEquals(a.newTaskId(), b.newTaskId());
        }
    }

    private static void assertEveryTaskHasOneLife(List<Event> events, int tasks) {
        Map<Long, List<Event>> byTask = new HashMap<>();
        for (Event e : events) {
            if (e.kind() == EventKind.STATE) continue;
            assertTrue(e.task() > 0, () -> "a milestone without its id: " + e);
            byTask.computeIfAbsent(e.task(), k -> new ArrayList<>()).add(e);
        }
        assertEquals(tasks, byTask.size(), "one id per task");
        Set<String> shapes = new HashSet<>();
        for (List<Event> life : byTask.values()) {
            List<EventKind> kinds = life.stream().map(Event::kind).toList();
            assertEquals(List.of(EventKind.SUBMITTED, EventKind.STARTED, EventKind.FINISHED), kinds,
                    () -> "one life per task, in order: " + life);
            assertEquals(life.get(1).thread(), life.get(2).thread(), "started and finished by the same worker");
            assertEquals(TaskOutcome.OK, life.get(2).outcome());
            shapes.add(life.get(1).thread().role());
        }
        assertEquals(Set.of("worker"), shapes);
    }
}
