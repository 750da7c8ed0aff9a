package org.threadlanes.scenario;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.threadlanes.executor.Units;
import org.threadlanes.trace.Recorder;

/**
 * One unseen run of a lesson at the fastest unit, before a run whose timings count.
 *
 * <p>Why: a JVM pays once for every code path a lesson takes (class loading, linking its lambdas, the HTTP client's
 * first connections, compiling). On a fresh JVM that is several milliseconds inside the lesson's first unit, which
 * at 50 ms per unit puts a 1-unit figure 10-30% off. A rehearsal at 1 ms per unit takes the lesson's own paths in a
 * few dozen milliseconds, the way a benchmark harness warms up; the measured run then shows what the lesson does,
 * not what the JVM does the first time. Its events, log and result are thrown away.
 */
public final class Rehearsal {
    /** Longest a rehearsal may take by default; a lesson still running then is ended. */
    public static final long TIMEOUT_S = 30;

    private Rehearsal() {
    }

    /**
     * Runs {@code scenario} once with {@code settings}' workers and cores at {@value Units#MIN_MS} ms per unit, and
     * returns once every thread it started has ended. Whatever the run does (even fail or deadlock) is ignored.
     *
     * @throws InterruptedException if the caller is interrupted; the rehearsal's threads are ended first
     */
    public static void run(Scenario scenario, Settings settings) throws InterruptedException {
        run(scenario, settings, TIMEOUT_S, TimeUnit.SECONDS);
    }

    /** As {@link #run(Scenario, Settings)}, ending a rehearsal that takes longer than {@code timeout}. */
    public static void run(Scenario scenario, Settings settings, long timeout, TimeUnit unit)
            throws InterruptedException {
        ScenarioRun run = new ScenarioRun(scenario, new Settings(settings.workers(), settings.cores(), Units.MIN_MS),
                new Recorder(), line -> { });
        run.start();
        try {
            // A deadlock would never complete: it ends the rehearsal as well.
            CompletableFuture.anyOf(run.completion(), run.detector().firstDeadlock()).get(timeout, unit);
            if (!run.completion().isDone()) run.cancel();
        } catch (ExecutionException | TimeoutException e) {
            run.cancel();
        } catch (InterruptedException e) {
            run.cancel();
            throw e;
        } finally {
            run.awaitThreadsEnded(10, TimeUnit.SECONDS);
        }
    }
}
