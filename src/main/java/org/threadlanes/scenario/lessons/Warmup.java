package org.threadlanes.scenario.lessons;

import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.threadlanes.executor.CoreModel;
import org.threadlanes.executor.InstrumentedExecutor;
import org.threadlanes.executor.NamedCondition;
import org.threadlanes.executor.Probe;
import org.threadlanes.executor.TracedLock;
import org.threadlanes.executor.Units;
import org.threadlanes.scenario.lessons.PyExecutor.ReturnWhen;
import org.threadlanes.trace.Recorder;

/**
 * Loads and links the pool and probe machinery once, when the lesson library is loaded, so that a lesson's first
 * unit is not spent on it.
 *
 * <p>Why: on a cold JVM, the first pool, worker, future, string concatenation and so on of a run cost some 50 ms of
 * class loading and linking, a whole unit at 50 ms per unit, which would put every timing lesson 10-20% off the
 * course's figures. The library is loaded (by {@code Scenarios}) before any run's clock starts, so paying here keeps
 * the lessons' timelines true.
 *
 * <p>It never waits for another thread (it may run on the JavaFX thread when the app lists the lessons): it drives
 * a throwaway probe, with its own recorder, through the waits that need no other thread, starts one pool task and
 * shuts the pool down; that worker ends by itself.
 */
final class Warmup {
    private static final boolean DONE = run();

    private Warmup() {
    }

    /** Makes sure the warm-up has run (once per JVM). */
    static boolean ensure() {
        return DONE;
    }

    private static boolean run() {
        try {
            Recorder recorder = new Recorder();
            Probe probe = new Probe(recorder, new CoreModel(2), new Units(1));
            InstrumentedExecutor pool = new InstrumentedExecutor(recorder, 1, 1, 0L, TimeUnit.MILLISECONDS,
                    new LinkedBlockingQueue<>(), probe.workerFactory("warm-up"));
            pool.setProbe(probe);
            PyExecutor executor = new PyExecutor(pool, probe, line -> { });
            PyFuture<Integer> f = executor.submit("warm up", () -> {
                probe.at(1).step("warm up");
                probe.sleep(0);
                return 1;
            });
            f.addDoneCallback(done -> { });
            pool.shutdown();

            // The same waits on this thread, each of which returns at once.
            PyFuture<Integer> ready = new PyFuture<>(executor, 0, "ready", () -> 2);
            ready.run();
            probe.get(ready);
            PyExecutor.wait(probe, List.of(ready), ReturnWhen.ALL_COMPLETED, 1);
            for (PyFuture<Integer> r : PyExecutor.asCompleted(probe, List.of(ready), 1)) probe.get(r);
            probe.io("warm up", () -> null);
            BlockingQueue<Integer> q = probe.name(new ArrayBlockingQueue<>(1), "warm-up");
            probe.put(q, 1);
            probe.take(q);
            TracedLock lock = new TracedLock("warm-up");
            NamedCondition condition = lock.newCondition("warm-up");
            probe.lock(lock);
            try {
                probe.await(condition, 0);
                probe.signalAll(condition);
            } finally {
                lock.unlock();
            }
            concatenate(f.taskId(), 2.5, f);
            recorder.flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // not ours to swallow: whoever loads the library sees it
        } catch (Exception | LinkageError e) {
            // Only a head start: a lesson that runs cold is slower on its first unit, not wrong.
        }
        return true;
    }

    /**
     * The first string concatenation (and double formatting) of a JVM bootstraps its machinery, some 20 ms; lessons
     * build labels and log lines from their first unit on.
     */
    private static String concatenate(long id, double units, Object o) {
        int n = (int) id;
        String a = "loiter(" + n + ")";
        String b = a + ": " + units + " units " + o + Math.round(units * 100) / 100.0;
        String c = "result " + n + ": " + id + " " + true;
        return a + b + c;
    }
}
