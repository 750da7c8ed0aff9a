package org.threadlanes.scenario;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Every lesson run once, quickly, to its end or its deadlock: for tests that check what its lanes would show. */
final class LessonRecordings {
    private static final double UNIT_MS = 2;

    private LessonRecordings() {
    }

    /** Every lesson's id, for a parameterized test. */
    static Stream<String> ids() {
        return Scenarios.all().stream().map(Scenario::id);
    }

    /**
     * Runs lesson {@code id} at its defaults and {@value #UNIT_MS} ms per unit until it completes or deadlocks (a
     * deadlocking lesson never completes: its run up to the deadlock is what the lanes show), then ends every thread.
     */
    static ScenarioRun record(String id) throws Exception {
        Scenario s = Scenarios.require(id);
        ScenarioRun run = new ScenarioRun(s, s.defaults().withUnitMs(UNIT_MS));
        try {
            run.start();
            CompletableFuture.anyOf(run.completion(), run.detector().firstDeadlock()).get(60, TimeUnit.SECONDS);
        } finally {
            run.cancel();
            assertTrue(run.awaitThreadsEnded(20, TimeUnit.SECONDS), "every thread of " + id + " ended");
        }
        return run;
    }
}
