package org.threadlanes.scenario.lessons;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.threadlanes.executor.CoreModel;
import org.threadlanes.executor.InstrumentedExecutor;
import org.threadlanes.executor.Probe;
import org.threadlanes.executor.Units;
import org.threadlanes.trace.Recorder;

/**
 * Loads and links the pool machinery once, when the lesson library is loaded, so that a lesson's first unit is not
 * spent on it.
 *
 * <p>Why: on a cold JVM, the first pool, the first worker and the first future of a run cost some 50 ms of class
 * loading and linking, which is a whole unit at 50 ms per unit, and would put every timing lesson 10-20% off the
 * course's figures. The library is loaded (by {@code Scenarios}) before any run's clock starts, so paying here keeps
 * the lessons' timelines true.
 *
 * <p>It never waits for another thread (it may run on the JavaFX thread when the app lists the lessons): it builds a
 * throwaway pool with its own recorder, starts one task and shuts the pool down; the worker ends by itself.
 */
final class Warmup {
    private static final boolean DONE = run();

    private Warmup() {
    }

    /** Makes sure the warm-up has run (once per JVM). */
    static boolean ensure() {
        return DONE;
    }

    /**
     * The first string concatenation of a JVM bootstraps the concatenation machinery (some 20 ms); lessons build
     * labels and log lines with it from their first unit on.
     */
    private static String concatenate(long id, double units, Object o) {
        int n = (int) id;
        String a = "loiter(" + n + ")";
        String b = a + ": " + units + " units " + o;
        String c = "result " + n + ": " + id + " " + true;
        return a + b + c;
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
                probe.io("warm up", () -> null);
                return 1;
            });
            f.addDoneCallback(done -> { });
            pool.shutdown();
            recorder.flush();
            concatenate(f.taskId(), 2.5, f);
        } catch (RuntimeException | Error e) {
            // Only a head start: a lesson that runs cold is slower on its first unit, not wrong.
        }
        return true;
    }
}
