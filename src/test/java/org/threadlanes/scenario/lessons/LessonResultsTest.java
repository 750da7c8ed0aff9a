package org.threadlanes.scenario.lessons;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.threadlanes.scenario.lessons.LessonRuns.blockedDetails;
import static org.threadlanes.scenario.lessons.LessonRuns.complete;
import static org.threadlanes.scenario.lessons.LessonRuns.mostBlockedAtOnce;
import static org.threadlanes.scenario.lessons.LessonRuns.overRunningNs;
import static org.threadlanes.scenario.lessons.LessonRuns.readyWhileAnotherRuns;
import static org.threadlanes.scenario.lessons.LessonRuns.taskEvent;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.threadlanes.scenario.ScenarioRun;
import org.threadlanes.scenario.Scenarios;
import org.threadlanes.trace.BlockReason;
import org.threadlanes.trace.Event;
import org.threadlanes.trace.EventKind;
import org.threadlanes.trace.ThreadState;

/**
 * Every lesson of issue 5, run headless: its result is the course's figure, and its trace has the structure the
 * lesson teaches. Timings are only compared with each other (never with the wall clock): the machine may be loaded.
 * Lessons whose figure depends on an order of events 1 unit apart run at 100 ms per unit, so that a thread
 * scheduled late on a busy machine does not reorder them; the others run faster.
 */
class LessonResultsTest {
    private static final double UNIT_MS = 100;

    /** as_completed returns results in completion order, and freed workers take the queued tasks. */
    @Test
    void loiterAsCompletedReturnsResultsInCompletionOrder() throws Exception {
        ScenarioRun run = complete("loiter-as-completed", UNIT_MS);
        assertEquals(Map.of("completionOrder", List.of(10, 20, 40, 30, 50)), run.result());
        List<Event> events = run.recorder().snapshot();
        assertTakesOver(events, "loiter(1)", "loiter(5)");
        assertTakesOver(events, "loiter(2)", "loiter(3)");
    }

    /** map returns results in submission order; main blocks only on loiter(4), then on loiter(5), the slowest. */
    @Test
    void loiterMapVariantReturnsSubmissionOrderBlockingOnTheSlowest() throws Exception {
        ScenarioRun run = complete("loiter-as-completed-map", UNIT_MS);
        assertEquals(Map.of("submissionOrder", List.of(40, 10, 20, 50, 30)), run.result());
        List<String> waits = blockedDetails(run.recorder().snapshot(), "main").stream()
                .filter(d -> d.startsWith("future")).toList();
        assertEquals(2, waits.size(), waits::toString);
        assertTrue(waits.get(0).endsWith("loiter(4)"), waits::toString);
        assertTrue(waits.get(1).endsWith("loiter(5)"), waits::toString);
    }

    static Stream<Arguments> waitVariants() {
        return Stream.of(Arguments.of("wait-first-completed", 1, 4), Arguments.of("wait-all-completed", 5, 0),
                Arguments.of("wait-first-exception", 3, 2));
    }

    /** wait() splits the five futures as its return_when says: 1/4, 5/0 and (task 3 fails) 3/2. */
    @ParameterizedTest
    @MethodSource("waitVariants")
    void waitSplitsDoneAndNotDoneAsReturnWhenSays(String id, int done, int notDone) throws Exception {
        ScenarioRun run = complete(id, UNIT_MS);
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("done", done);
        expected.put("notDone", notDone);
        assertEquals(expected, run.result());
        Event failed = taskEvent(run.recorder().snapshot(), EventKind.FINISHED, "task(3)");
        assertEquals("ValueError: task 3 failed", failed.detail());
    }

    /** Each future method returns what the course says, and the callback runs on the completing thread. */
    @Test
    void futureApiCallsReturnWhatTheCourseSays() throws Exception {
        ScenarioRun run = complete("future-api", UNIT_MS);
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("queued.cancel()", true);
        expected.put("slow.cancel()", false);
        expected.put("slow.done() at first", false);
        expected.put("slow.result(timeout=1)", "TimeoutError");
        expected.put("slow.result()", "hello");
        expected.put("slow.done() after result()", true);
        expected.put("boom.exception()", "ValueError: bad input");
        expected.put("callback for slow ran on", "worker-1");
        expected.put("callback for boom ran on", "main");
        expected.put("queued.cancelled()", true);
        assertEquals(expected, run.result());

        List<Event> events = run.recorder().snapshot();
        int callbackLine = Scenarios.require("future-api").listing().lineOf("log.write(");
        assertTrue(blockedDetails(events, "worker-1").contains("log.write (callback for slow)"));
        assertTrue(blockedDetails(events, "main").contains("log.write (callback for boom)"));
        assertTrue(events.stream().anyMatch(e -> e.reason() == BlockReason.IO && e.line() == callbackLine
                && e.thread().name().equals("worker-1")), "the worker's lane does not show the callback's line");
        assertEquals(0, events.stream().filter(e -> e.kind() == EventKind.STARTED && "queued".equals(e.detail()))
                .count(), "the cancelled task started");
    }

    /** Four 1-unit waits take longer one after another than on four workers, each task on its own worker. */
    @Test
    void sequentialIsSlowerThanThePool() throws Exception {
        ScenarioRun run = complete("sequential-vs-pool", UNIT_MS);
        Map<?, ?> r = (Map<?, ?>) run.result();
        assertEquals(4, r.get("workers"));
        assertTrue((Double) r.get("sequentialUnits") > (Double) r.get("poolUnits"), r::toString);
        Set<String> workers = run.recorder().snapshot().stream().filter(e -> e.kind() == EventKind.STARTED)
                .map(e -> e.thread().name()).collect(Collectors.toSet());
        assertEquals(Set.of("worker-1", "worker-2", "worker-3", "worker-4"), workers);
    }

    /** The initializer runs once per worker, and shutdown(cancel_futures=True) cancels exactly the queued four. */
    @Test
    void poolLifecycleCancelsOnlyQueuedFutures() throws Exception {
        ScenarioRun run = complete("pool-lifecycle", UNIT_MS);
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("initializer", Map.of("loader-1", 1, "loader-2", 1));
        expected.put("roundOne", Map.of("task(0)", "done: 0", "task(1)", "done: 1", "task(2)", "done: 4",
                "task(3)", "done: 9"));
        expected.put("roundTwo", Map.of("task(0)", "done: 0", "task(1)", "done: 1", "task(2)", "cancelled",
                "task(3)", "cancelled", "task(4)", "cancelled", "task(5)", "cancelled"));
        assertEquals(expected, run.result());
    }

    /** Everything produced is consumed; producers block on a full queue, consumers on an empty one. */
    @Test
    void producerConsumerQueueConsumesEverything() throws Exception {
        ScenarioRun run = complete("producer-consumer-queue", UNIT_MS);
        assertEquals(Map.of("produced", 10, "consumed", 10), run.result());
        List<Event> events = run.recorder().snapshot();
        assertTrue(blockedDetails(events, "producer-1").stream().anyMatch(d -> d.contains("is full"))
                || blockedDetails(events, "producer-2").stream().anyMatch(d -> d.contains("is full")));
        assertTrue(blockedDetails(events, "consumer-1").stream().anyMatch(d -> d.contains("is empty"))
                || blockedDetails(events, "consumer-2").stream().anyMatch(d -> d.contains("is empty")));
    }

    /** Never more than two threads inside the semaphore; the others wait on its condition. */
    @Test
    void semaphoreLetsInAtMostTwo() throws Exception {
        ScenarioRun run = complete("semaphore-limits", UNIT_MS);
        assertEquals(Map.of("permits", 2, "maxInside", 2), run.result());
        assertTrue(run.recorder().snapshot().stream().anyMatch(e -> e.reason() == BlockReason.CONDITION
                && "condition a free slot".equals(e.detail())));
    }

    /** With one core the is_prime threads take turns and gain nothing, while six I/O waits overlap. */
    @Test
    void cpuBoundThreadsTakeTurnsOnOneCoreWhileIoOverlaps() throws Exception {
        ScenarioRun run = complete("cpu-vs-io-gil", UNIT_MS, s -> s.withCores(1));
        Map<?, ?> r = (Map<?, ?>) run.result();
        assertEquals(List.of(true, true, true, true, true, false), r.get("primes"));
        assertEquals(1, r.get("cores"));
        double cpu = (Double) ((Map<?, ?>) r.get("cpuBound")).get("speedup");
        assertTrue(cpu <= 1.05, "one core, yet the CPU-bound part gained: " + r);

        List<Event> events = run.recorder().snapshot();
        assertEquals(6, mostBlockedAtOnce(events, "fetch-", BlockReason.IO), "the six I/O waits did not overlap");
        assertTrue(readyWhileAnotherRuns(events, "prime-"), "no is_prime thread waited READY for the core");
        long cpuPartNs = run.units().toNanos((Double) ((Map<?, ?>) r.get("cpuBound")).get("units"));
        // Turns, not parallel work: two lanes show RUNNING together only in the instants a core changes hands.
        long together = overRunningNs(events, "prime-", 1);
        assertTrue(together < cpuPartNs / 4, "is_prime threads ran side by side on 1 core for " + together + " ns");
    }

    /** With six cores the same is_prime threads compute side by side. */
    @Test
    void cpuBoundThreadsGainWithMoreCores() throws Exception {
        ScenarioRun run = complete("cpu-vs-io-gil", UNIT_MS, s -> s.withCores(6));
        Map<?, ?> r = (Map<?, ?>) run.result();
        assertEquals(List.of(true, true, true, true, true, false), r.get("primes"));
        assertTrue((Double) ((Map<?, ?>) r.get("cpuBound")).get("speedup") > 2, r::toString);
        long cpuPartNs = run.units().toNanos((Double) ((Map<?, ?>) r.get("cpuBound")).get("units"));
        assertTrue(overRunningNs(run.recorder().snapshot(), "prime-", 1) > cpuPartNs / 4, "no side-by-side computing");
    }

    /** With one thread per request the 19 waits overlap, so it beats the same requests one after another. */
    @Test
    void threadPerRequestOverlapsTheWaits() throws Exception {
        ScenarioRun run = complete("thread-per-request", 50);
        Map<?, ?> r = (Map<?, ?>) run.result();
        assertEquals(Set.of("sequentialUnits", "concurrentUnits"), r.keySet());
        assertTrue((Double) r.get("sequentialUnits") > (Double) r.get("concurrentUnits"), r::toString);
        List<Event> events = run.recorder().snapshot();
        // All 19 overlap on an idle machine; on a busy one the last may start only after the first has its answer.
        int together = mostBlockedAtOnce(events, "item-", BlockReason.IO);
        assertTrue(together > 19 / 2, "the requests did not overlap: at most " + together + " at once");
        long mainRequests = blockedDetails(events, "main").stream().filter(d -> d.startsWith("GET /items/")).count();
        assertEquals(19, mainRequests, "main did not make the 19 requests one after another");
    }

    /** 16 flags download, 3 are missing and 1 connection is reset, with eight workers or one. */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(ints = {8, 1})
    void flagsDownloadCountsEachOutcome(int workers) throws Exception {
        ScenarioRun run = complete("flags-download", 20, s -> s.withWorkers(workers));
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("OK", 16);
        expected.put("NOT_FOUND", 3);
        expected.put("ERROR", 1);
        assertEquals(expected, run.result());
        long lanes = run.recorder().threads().stream().filter(t -> t.name().startsWith("worker-")).count();
        assertEquals(workers, lanes);
    }

    /** The crawler finds the links of four pages and logs, rather than dies of, the host that does not resolve. */
    @Test
    void crawlPoolExtractsLinksAndKeepsTheError() throws Exception {
        ScenarioRun run = complete("crawl-pool", 20);
        Map<?, ?> r = (Map<?, ?>) run.result();
        Map<?, ?> links = (Map<?, ?>) r.get("links"), errors = (Map<?, ?>) r.get("errors");
        Map<String, List<String>> byPath = new LinkedHashMap<>();
        links.forEach((url, found) -> byPath.put(java.net.URI.create((String) url).getPath(), castList(found)));
        assertEquals(Map.of(
                "/search/", List.of("/search/images", "/search/maps", "/news/", "https://example.org/about"),
                "/news/", List.of("/news/world", "/news/sport", "/news/science", "/search/"),
                "/wiki/", List.of("/wiki/Thread", "/wiki/Process", "/wiki/Lock", "/wiki/Queue"),
                "/code/", List.of("/code/explore", "/code/topics", "/code/trending", "/wiki/")), byPath);
        assertEquals(Set.of(CrawlPool.BAD_URL), errors.keySet());
        assertTrue(((String) errors.get(CrawlPool.BAD_URL)).contains("Name or service not known"), errors::toString);
        assertTrue(run.log().stream().anyMatch(l -> l.startsWith("ERROR " + CrawlPool.BAD_URL)), "the error was not logged");
    }

    /** Four pages load and the made-up host raises, handled in main. */
    @Test
    void loadUrlGetsFourPagesAndOneError() throws Exception {
        ScenarioRun run = complete("load-url-bad-host", 20);
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("pages", 4);
        expected.put("errors", 1);
        assertEquals(expected, run.result());
        assertTrue(run.log().stream().anyMatch(l -> l.contains("some-made-up-domain.invalid")
                && l.contains("generated an exception")));
    }

    /** The worker that finished {@code first} is the one that starts {@code next}, right after. */
    private static void assertTakesOver(List<Event> events, String first, String next) {
        Event finished = taskEvent(events, EventKind.FINISHED, first);
        Event started = taskEvent(events, EventKind.STARTED, next);
        assertEquals(finished.thread().name(), started.thread().name(), next + " ran elsewhere");
        assertTrue(started.seq() > finished.seq(), next + " started before " + first + " ended");
        assertFalse(events.stream().anyMatch(e -> e.seq() > finished.seq() && e.seq() < started.seq()
                        && e.thread().equals(started.thread()) && e.state() == ThreadState.RUNNING
                        && e.kind() == EventKind.STARTED),
                "the worker ran something else in between");
    }

    @SuppressWarnings("unchecked")
    private static List<String> castList(Object o) {
        return (List<String>) o;
    }
}
