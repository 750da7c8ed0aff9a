package org.threadlanes.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.threadlanes.scenario.Scenario;
import org.threadlanes.scenario.ScenarioRun;
import org.threadlanes.scenario.Settings;
import org.threadlanes.scenario.lessons.FibonacciCondition;
import org.threadlanes.scenario.lessons.LoiterMap;

/** Traces of real lesson runs, and the sample traces shipped in assets/traces, read back whole. */
class TraceFileRunTest {
    @TempDir
    Path dir;

    /** A real FibonacciCondition run, written and read back, equals the trace taken from its recorder. */
    @Test
    void fibonacciConditionRunRoundTrips() throws Exception {
        Scenario lesson = new FibonacciCondition();
        Settings settings = lesson.defaults().withUnitMs(5);
        ScenarioRun run = runToEnd(lesson, settings);
        TraceFile trace = TraceFile.of(lesson.id(), settings.asMap(), run.recorder().snapshot(), run.result(), null);
        Path file = dir.resolve("fibonacci-condition.json");

        TraceFiles.write(trace, file);
        TraceFile back = TraceFiles.read(file);

        assertEquals(trace, back);
        TraceFilesTest.assertSameThreadNames(trace, back);
        assertEquals(Map.of("3", 2L, "10", 55L, "5", 5L, "7", 13L), back.result());
        assertEquals(Map.of("workers", 4L, "cores", 2L, "unitMs", 5L), back.settings());
        List<String> names = back.threads().stream().map(ThreadRef::name).toList();
        assertTrue(names.containsAll(List.of("main", "consumer-1", "consumer-2", "consumer-3", "consumer-4",
                "producer")), names.toString());
        assertTrue(back.events().stream().anyMatch(e -> e.reason() == BlockReason.CONDITION),
                "consumers wait on the condition");
    }

    /** A pool lesson's tasks are derived with label, worker, ordered times and their results. */
    @Test
    void loiterMapRunRecordsItsTasks() throws Exception {
        Scenario lesson = new LoiterMap();
        Settings settings = lesson.defaults().withUnitMs(5);
        ScenarioRun run = runToEnd(lesson, settings);
        TraceFile trace = TraceFile.of(lesson.id(), settings.asMap(), run.recorder().snapshot(), run.result(), null);
        Path file = dir.resolve("loiter-map.json");

        TraceFiles.write(trace, file);
        TraceFile back = TraceFiles.read(file);

        assertEquals(trace, back);
        assertEquals(List.of("loiter(0)", "loiter(1)", "loiter(2)", "loiter(3)", "loiter(4)"),
                back.tasks().stream().map(TaskRecord::label).toList());
        for (TaskRecord t : back.tasks()) {
            assertEquals(TaskOutcome.OK, t.outcome(), t.toString());
            assertEquals(Long.toString((t.id() - back.tasks().get(0).id()) * 10), t.result(), t.toString());
            assertNotNull(t.thread(), t.toString());
            assertTrue(t.submittedNs() <= t.startedNs() && t.startedNs() <= t.finishedNs(), t.toString());
        }
        assertEquals(List.of(0L, 10L, 20L, 30L, 40L), back.result());
    }

    /** Every sample trace under assets/traces reads as a complete, showable trace. */
    @Test
    void everyShippedSampleTraceReads() throws Exception {
        Path assets = Path.of("assets", "traces");
        List<Path> files;
        try (Stream<Path> s = Files.list(assets)) {
            files = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        assertFalse(files.isEmpty(), "assets/traces has sample traces");
        for (Path f : files) {
            TraceFile t = TraceFiles.read(f);
            TraceFilesTest.assertShowable(t);
            assertEquals(f.getFileName().toString(), t.scenario() + ".json", "a sample is named for its lesson");
        }
    }

    /** Runs a lesson to its end; ends its threads even when the run or an assertion fails. */
    private static ScenarioRun runToEnd(Scenario lesson, Settings settings) throws InterruptedException {
        ScenarioRun run = new ScenarioRun(lesson, settings);
        try {
            run.start();
            assertTrue(run.await(30, TimeUnit.SECONDS), "the run ends in time");
            assertEquals(ScenarioRun.Status.COMPLETED, run.status(), () -> String.valueOf(run.failure()));
            return run;
        } finally {
            if (run.anyAlive()) {
                run.cancel();
                run.awaitThreadsEnded(10, TimeUnit.SECONDS);
            }
        }
    }
}
