package org.threadlanes.scenario.deadlock;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.threadlanes.analysis.DeadlockReport;
import org.threadlanes.scenario.ScenarioRun;
import org.threadlanes.scenario.Scenarios;
import org.threadlanes.scenario.Settings;

/** Makes runs for a test and ends every one of them afterwards, even when the test fails. */
final class Runs implements AutoCloseable {
    /** Small units keep the tests fast; the lessons pace their races themselves. */
    static final double UNIT_MS = 10;
    static final long WAIT_S = 20;

    private final List<ScenarioRun> runs = new ArrayList<>();

    /** A run of the lesson with its defaults at {@link #UNIT_MS}. */
    ScenarioRun of(String id) {
        var s = Scenarios.require(id);
        return of(id, s.defaults().withUnitMs(UNIT_MS));
    }

    ScenarioRun of(String id, Settings settings) {
        ScenarioRun run = new ScenarioRun(Scenarios.require(id), settings);
        runs.add(run);
        return run;
    }

    /** Waits for the run's first deadlock; fails the test if none comes. */
    static DeadlockReport awaitDeadlock(ScenarioRun run) throws Exception {
        return run.detector().firstDeadlock().get(WAIT_S, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        for (ScenarioRun r : runs) r.cancel();
        for (ScenarioRun r : runs) {
            assertTrue(r.awaitThreadsEnded(WAIT_S, TimeUnit.SECONDS), "every thread of " + r.scenario().id() + " ended");
        }
    }
}
