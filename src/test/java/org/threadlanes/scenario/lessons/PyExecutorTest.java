package org.threadlanes.scenario.lessons;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.threadlanes.executor.CoreModel;
import org.threadlanes.executor.InstrumentedExecutor;
import org.threadlanes.executor.Probe;
import org.threadlanes.executor.Units;
import org.threadlanes.scenario.lessons.PyExecutor.DoneAndNotDone;
import org.threadlanes.scenario.lessons.PyExecutor.ReturnWhen;
import org.threadlanes.trace.Recorder;

/** The course's concurrent.futures semantics, as the lessons' helpers implement them. Latches, no sleeps. */
class PyExecutorTest {
    private final Recorder recorder = new Recorder();
    private final Probe probe = new Probe(recorder, new CoreModel(8), new Units(10));
    private final List<InstrumentedExecutor> pools = new ArrayList<>();
    private final List<CountDownLatch> gates = new CopyOnWriteArrayList<>();

    @AfterEach
    void endEverything() throws InterruptedException {
        gates.forEach(g -> {
            while (g.getCount() > 0) g.countDown();
        });
        for (InstrumentedExecutor p : pools) {
            p.shutdownNow();
            assertTrue(p.awaitTermination(10, TimeUnit.SECONDS), "a pool did not end");
        }
    }

    private PyExecutor pool(int workers, String prefix) {
        InstrumentedExecutor p = new InstrumentedExecutor(recorder, workers, workers, 0L, TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(), probe.workerFactory(prefix));
        p.setProbe(probe);
        pools.add(p);
        return new PyExecutor(p, probe, line -> { });
    }

    private CountDownLatch gate() {
        CountDownLatch g = new CountDownLatch(1);
        gates.add(g);
        return g;
    }

    /** A task that returns {@code value} once {@code gate} opens, after counting down {@code started}. */
    private PyFuture<Integer> held(PyExecutor pool, int value, CountDownLatch started, CountDownLatch gate) {
        return pool.submit("task(" + value + ")", () -> {
            started.countDown();
            assertTrue(gate.await(10, TimeUnit.SECONDS));
            return value;
        });
    }

    /** cancel() succeeds on a queued task, which then never runs, and fails on a running one. */
    @Test
    void cancelSucceedsOnlyWhileQueued() throws Exception {
        PyExecutor pool = pool(1, "w");
        CountDownLatch started = gate(), release = gate();
        PyFuture<Integer> running = held(pool, 1, started, release);
        AtomicBoolean queuedRan = new AtomicBoolean();
        PyFuture<Integer> queued = pool.submit("queued", () -> {
            queuedRan.set(true);
            return 2;
        });
        assertTrue(started.await(10, TimeUnit.SECONDS));

        assertTrue(queued.cancel(false));
        assertTrue(queued.cancel(true), "cancelling again still says cancelled");
        assertTrue(pool.pool().getQueue().isEmpty(), "a cancelled task leaves the queue");
        assertFalse(running.cancel(true));
        assertTrue(running.running());

        release.countDown();
        pool.shutdown(true, false);
        assertEquals(1, running.get());
        assertTrue(queued.isCancelled());
        assertFalse(queuedRan.get());
    }

    /** A done-callback runs on the thread that completes the future; added after, it runs at once on the caller. */
    @Test
    void doneCallbackRunsOnTheCompletingThreadOrAtOnce() throws Exception {
        PyExecutor pool = pool(1, "w");
        CountDownLatch started = gate(), release = gate();
        PyFuture<Integer> f = held(pool, 7, started, release);
        Map<String, String> ranOn = new ConcurrentHashMap<>();
        f.addDoneCallback(done -> ranOn.put("before", Thread.currentThread().getName()));
        release.countDown();
        pool.shutdown(true, false); // waits for the worker, so its callback has run
        f.addDoneCallback(done -> ranOn.put("after", Thread.currentThread().getName()));

        assertEquals(Map.of("before", "w-1", "after", Thread.currentThread().getName()), ranOn);
    }

    /** as_completed hands futures back in the order they finish, not the order they were submitted. */
    @Test
    void asCompletedFollowsCompletionOrder() throws Exception {
        PyExecutor pool = pool(3, "w");
        List<CountDownLatch> releases = List.of(gate(), gate(), gate());
        CountDownLatch started = new CountDownLatch(3);
        List<PyFuture<Integer>> fs = new ArrayList<>();
        for (int i = 0; i < 3; i++) fs.add(held(pool, i, started, releases.get(i)));

        List<Integer> order = new ArrayList<>();
        var it = PyExecutor.asCompleted(probe, fs, 1).iterator();
        for (int i : new int[] {2, 0, 1}) {
            releases.get(i).countDown();
            order.add(it.next().get());
        }
        assertFalse(it.hasNext());
        assertEquals(List.of(2, 0, 1), order);
    }

    /** wait(FIRST_COMPLETED) returns once one future is done, splitting the rest into not done. */
    @Test
    void waitFirstCompletedReturnsAtTheFirstDone() throws Exception {
        PyExecutor pool = pool(3, "w");
        CountDownLatch started = new CountDownLatch(3);
        List<CountDownLatch> releases = List.of(gate(), gate(), gate());
        List<PyFuture<Integer>> fs = new ArrayList<>();
        for (int i = 0; i < 3; i++) fs.add(held(pool, i, started, releases.get(i)));

        releases.get(1).countDown();
        DoneAndNotDone<Integer> split = PyExecutor.wait(probe, fs, ReturnWhen.FIRST_COMPLETED, 1);
        assertEquals(List.of(fs.get(1)), split.done());
        assertEquals(List.of(fs.get(0), fs.get(2)), split.notDone());
    }

    /** wait(FIRST_EXCEPTION) returns at the first failure; everything finished by then counts as done. */
    @Test
    void waitFirstExceptionReturnsAtTheFirstFailure() throws Exception {
        PyExecutor pool = pool(3, "w");
        CountDownLatch started = new CountDownLatch(2), okGate = gate(), failGate = gate(), lastGate = gate();
        PyFuture<Integer> ok = held(pool, 0, started, okGate);
        PyFuture<Integer> fails = pool.submit("fails", () -> {
            assertTrue(failGate.await(10, TimeUnit.SECONDS));
            throw new PyExecutor.ValueError("boom");
        });
        PyFuture<Integer> last = held(pool, 2, started, lastGate);

        okGate.countDown();
        ok.get(10, TimeUnit.SECONDS);
        failGate.countDown();
        DoneAndNotDone<Integer> split = PyExecutor.wait(probe, List.of(ok, fails, last), ReturnWhen.FIRST_EXCEPTION, 1);
        assertEquals(List.of(ok, fails), split.done());
        assertEquals(List.of(last), split.notDone());
        assertTrue(PyExecutor.failed(fails));
        assertFalse(PyExecutor.failed(ok));
    }

    /** wait(ALL_COMPLETED) returns only when every future is done, failed ones included. */
    @Test
    void waitAllCompletedWaitsForEveryFuture() throws Exception {
        PyExecutor pool = pool(2, "w");
        CountDownLatch started = new CountDownLatch(1), gate = gate();
        PyFuture<Integer> slow = held(pool, 1, started, gate);
        PyFuture<Integer> fails = pool.submit("fails", () -> {
            throw new PyExecutor.ValueError("boom");
        });
        CountDownLatch waited = new CountDownLatch(1);
        List<DoneAndNotDone<Integer>> out = new CopyOnWriteArrayList<>();
        Thread waiter = new Thread(() -> {
            try {
                out.add(PyExecutor.wait(probe, List.of(slow, fails), ReturnWhen.ALL_COMPLETED, 1));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            waited.countDown();
        }, "waiter");
        waiter.start();
        try {
            assertFalse(waited.await(100, TimeUnit.MILLISECONDS), "wait returned while a future was running");
            gate.countDown();
            assertTrue(waited.await(10, TimeUnit.SECONDS));
            assertEquals(2, out.get(0).done().size());
            assertEquals(0, out.get(0).notDone().size());
        } finally {
            waiter.interrupt();
            waiter.join(10_000);
        }
    }

    /** shutdown(cancel_futures=True) cancels what is queued; the running task still finishes. */
    @Test
    void shutdownCancelsQueuedFuturesOnly() throws Exception {
        PyExecutor pool = pool(1, "w");
        CountDownLatch started = gate(), release = gate();
        PyFuture<Integer> running = held(pool, 1, started, release);
        PyFuture<Integer> a = pool.submit("a", () -> 2), b = pool.submit("b", () -> 3);
        assertTrue(started.await(10, TimeUnit.SECONDS));

        pool.shutdown(false, true);
        assertTrue(a.isCancelled() && b.isCancelled());
        release.countDown();
        assertEquals(1, running.get(10, TimeUnit.SECONDS));
        assertTrue(pool.pool().awaitTermination(10, TimeUnit.SECONDS));
    }

    /** An initializer runs once on each worker, before that worker's first task. */
    @Test
    void initializerRunsOncePerWorker() throws Exception {
        Map<String, Integer> runs = new ConcurrentHashMap<>();
        PyExecutor pool = pool(2, "w").initializer(() -> runs.merge(Thread.currentThread().getName(), 1, Integer::sum));
        List<PyFuture<String>> fs = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            fs.add(pool.submit("t" + i, () -> Thread.currentThread().getName()));
        }
        pool.shutdown(true, false);
        assertEquals(Map.of("w-1", 1, "w-2", 1), runs);
        for (PyFuture<String> f : fs) assertTrue(f.get().startsWith("w-"));
    }
}
