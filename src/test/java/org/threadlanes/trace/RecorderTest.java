package org.threadlanes.trace;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

/**
 * The recorder's contract under concurrency, checked through its public API only (its internals may change):
 * numbering, per-thread order, listener batches, clearing, dead producers and field validation. No toolkit, no
 * sleeps: producers start together on a latch and are joined.
 */
class RecorderTest {
    private static final int PRODUCERS = 8;
    private static final int PER_PRODUCER = 125_000;
    private static final int TOTAL = PRODUCERS * PER_PRODUCER;
    private static final long THREAD_ID_BASE = 1_000;

    /**
     * Eight threads publishing a million events in all: every event is kept, numbered 1..1M without gaps, each
     * thread's events in its publishing order with times that never go back.
     */
    @Test
    void millionEventsFromEightThreadsAreNumberedContiguouslyInPublishingOrder() throws Exception {
        Recorder recorder = new Recorder();

        runProducers(PRODUCERS, k -> publish(recorder, k, PER_PRODUCER));
        recorder.flush();

        assertEquals(TOTAL, recorder.size());
        long[] lastCount = new long[PRODUCERS];
        long[] lastTime = new long[PRODUCERS];
        long expectedSeq = 1;
        for (long from = 1; from <= TOTAL; from += 65_536) {
            for (Event e : recorder.range(from, Math.min(from + 65_536, TOTAL + 1L))) {
                assertEquals(expectedSeq++, e.seq(), "sequence numbers are contiguous");
                int k = (int) (e.threadId() - THREAD_ID_BASE);
                // The task field carries the producer's own counter: 1, 2, 3... in publishing order.
                assertEquals(lastCount[k] + 1, e.task(), () -> "thread " + k + " order at " + e);
                assertTrue(e.tNs() >= lastTime[k], () -> "time went back for thread " + k + " at " + e);
                lastCount[k] = e.task();
                lastTime[k] = e.tNs();
            }
        }
        assertEquals(TOTAL + 1L, expectedSeq);
        for (int k = 0; k < PRODUCERS; k++) assertEquals(PER_PRODUCER, lastCount[k], "all of thread " + k);
        assertEquals(PRODUCERS, recorder.threads().size());
    }

    /** Listener batches are contiguous, in order, and together hold each of a million events exactly once. */
    @Test
    void listenerBatchesCoverAMillionEventsExactlyOnceInOrder() throws Exception {
        Recorder recorder = new Recorder();
        Queue<long[]> batches = new ConcurrentLinkedQueue<>();       // {first seq, last seq, size}
        AtomicReference<String> broken = new AtomicReference<>();
        recorder.addListener(batch -> {
            for (int i = 1; i < batch.size(); i++) {
                if (batch.get(i).seq() != batch.get(i - 1).seq() + 1) {
                    broken.compareAndSet(null, "gap inside a batch at " + batch.get(i));
                }
            }
            if (batch.isEmpty()) broken.compareAndSet(null, "empty batch");
            else batches.add(new long[] {batch.get(0).seq(), batch.get(batch.size() - 1).seq(), batch.size()});
        });

        runProducers(PRODUCERS, k -> publish(recorder, k, PER_PRODUCER));
        recorder.flush();

        assertEquals(null, broken.get());
        long next = 1, total = 0;
        for (long[] b : batches) {
            assertEquals(next, b[0], "each batch starts right after the previous one");
            assertEquals(b[1] - b[0] + 1, b[2]);
            next = b[1] + 1;
            total += b[2];
        }
        assertEquals(TOTAL, total);
        assertEquals(TOTAL + 1L, next);
    }

    /** Concatenated, the batches a listener receives are exactly the recorder's snapshot, field for field. */
    @Test
    void listenerBatchesConcatenateToTheSnapshot() throws Exception {
        Recorder recorder = new Recorder();
        List<Event> seen = Collections.synchronizedList(new ArrayList<>());
        recorder.addListener(seen::addAll);

        runProducers(4, k -> {
            ThreadRef me = ref(k);
            for (int i = 1; i <= 5_000; i++) {
                recorder.blocked(me, BlockReason.LOCK, "lock " + (i % 3), k + 1, i % 100);
                recorder.state(me, ThreadState.RUNNING, i % 100);
            }
        });
        recorder.flush();

        List<Event> snapshot = recorder.snapshot();
        assertEquals(40_000, snapshot.size());
        synchronized (seen) {
            assertEquals(snapshot, seen);
        }
    }

    /** After clear() the recorder is empty, numbering restarts at 1 and only new threads are known. */
    @Test
    void clearRestartsNumberingAtOne() throws Exception {
        Recorder recorder = new Recorder();
        ThreadRef before = ref(0), after = ref(1);
        for (int i = 0; i < 10; i++) recorder.state(before, ThreadState.RUNNING, 0);
        assertEquals(10, recorder.size());

        recorder.clear();
        assertEquals(0, recorder.size());
        recorder.state(after, ThreadState.READY, 0);
        recorder.state(after, ThreadState.RUNNING, 0);

        List<Event> events = recorder.snapshot();
        assertEquals(List.of(1L, 2L), events.stream().map(Event::seq).toList());
        assertEquals(List.of(after), recorder.threads());
        assertTrue(events.get(0).tNs() >= 0 && events.get(1).tNs() <= recorder.now(), "times from the new start");
    }

    /** Events published by threads that have since ended are all kept. */
    @Test
    void eventsOfThreadsThatHaveDiedAreNotLost() throws Exception {
        Recorder recorder = new Recorder();
        int threads = 20, each = 500;
        // One after another, so most have died before the drainer's next turn.
        for (int k = 0; k < threads; k++) {
            int id = k;
            runProducers(1, unused -> publish(recorder, id, each));
        }

        recorder.flush();

        assertEquals((long) threads * each, recorder.size());
        assertEquals(threads, recorder.threads().size());
        long[] count = new long[threads];
        for (Event e : recorder.snapshot()) count[(int) (e.threadId() - THREAD_ID_BASE)]++;
        for (int k = 0; k < threads; k++) assertEquals(each, count[k], "events of thread " + k);
    }

    /** Fields that do not fit together are refused with IllegalArgumentException, and nothing is recorded. */
    @Test
    void invalidFieldCombinationsAreRejected() {
        Recorder recorder = new Recorder();
        ThreadRef t = ref(0);

        assertThrows(IllegalArgumentException.class,
                () -> recorder.record(t, EventKind.STATE, null, null, null, 0, 0, null, 0), "STATE without a state");
        assertThrows(IllegalArgumentException.class,
                () -> recorder.record(t, EventKind.STATE, ThreadState.RUNNING, BlockReason.SLEEP, null, 0, 0, null, 0),
                "reason without BLOCKED");
        assertThrows(IllegalArgumentException.class,
                () -> recorder.record(t, EventKind.SUBMITTED, null, BlockReason.IO, "x", 1, 0, null, 0),
                "reason on a milestone without state");
        assertThrows(IllegalArgumentException.class,
                () -> recorder.record(t, EventKind.STATE, ThreadState.READY, null, null, 0, 0, TaskOutcome.OK, 0),
                "outcome on a STATE event");
        assertThrows(IllegalArgumentException.class,
                () -> recorder.record(t, EventKind.STARTED, ThreadState.RUNNING, null, "x", 1, 0, TaskOutcome.OK, 0),
                "outcome on STARTED");
        assertThrows(IllegalArgumentException.class,
                () -> recorder.state(t, ThreadState.RUNNING, -1), "negative line");
        assertThrows(IllegalArgumentException.class,
                () -> recorder.state(t, ThreadState.RUNNING, Event.MAX_LINE + 1), "line too large");
        assertThrows(NullPointerException.class, () -> recorder.state(null, ThreadState.RUNNING, 0));
        assertThrows(NullPointerException.class,
                () -> recorder.record(t, null, ThreadState.RUNNING, null, null, 0, 0, null, 0));
        assertEquals(0, recorder.size(), "a refused event is not recorded");

        assertDoesNotThrow(() -> recorder.state(t, ThreadState.RUNNING, Event.MAX_LINE));
        assertDoesNotThrow(() -> recorder.record(t, EventKind.FINISHED, null, null, "42", 1, 0, TaskOutcome.OK, 0));
        assertDoesNotThrow(() -> recorder.blocked(t, BlockReason.JOIN, "worker", 9, 1));
        assertEquals(3, recorder.size());
    }

    // ------------------------------------------------------------------ helpers

    private static ThreadRef ref(int k) {
        return new ThreadRef(THREAD_ID_BASE + k, "producer-" + k, "thread");
    }

    /** Publishes {@code n} events for producer {@code k}, numbering them 1..n in the task field. */
    private static void publish(Recorder recorder, int k, int n) {
        ThreadRef me = ref(k);
        for (int i = 1; i <= n; i++) {
            recorder.record(me, EventKind.STATE, (i & 1) == 0 ? ThreadState.RUNNING : ThreadState.READY, null, null, i,
                    0, null, 0);
        }
    }

    private interface Body {
        void run(int k) throws Exception;
    }

    /**
     * Runs {@code body} on {@code n} fresh threads released together by a latch, waits for all of them, and fails
     * with the first error any of them hit. The threads are joined (interrupted first, if the wait fails) before
     * this returns or throws.
     */
    private static void runProducers(int n, Body body) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        Queue<Throwable> errors = new ConcurrentLinkedQueue<>();
        List<Thread> threads = new ArrayList<>();
        try {
            for (int k = 0; k < n; k++) {
                int id = k;
                Thread t = new Thread(() -> {
                    try {
                        start.await();
                        body.run(id);
                    } catch (Throwable e) {
                        errors.add(e);
                    }
                }, "recorder-test-producer-" + k);
                threads.add(t);
                t.start();
            }
            start.countDown();
            for (Thread t : threads) {
                t.join(TimeUnit.SECONDS.toMillis(60));
                assertFalse(t.isAlive(), t.getName() + " ended in time");
            }
        } finally {
            start.countDown();
            for (Thread t : threads) {
                if (t.isAlive()) {
                    t.interrupt();
                    t.join(TimeUnit.SECONDS.toMillis(10));
                }
            }
        }
        if (!errors.isEmpty()) {
            AssertionError failure = new AssertionError("a producer failed", errors.peek());
            errors.stream().skip(1).forEach(failure::addSuppressed);
            throw failure;
        }
    }
}
