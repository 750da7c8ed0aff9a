package org.threadlanes.scenario.lessons;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.threadlanes.scenario.Scenario;
import org.threadlanes.scenario.ScenarioRun;
import org.threadlanes.scenario.Scenarios;
import org.threadlanes.scenario.Topic;
import org.threadlanes.scenario.web.WebClient;
import org.threadlanes.trace.Event;

/** The library as a whole: every registered lesson runs clean, and the course reads in teaching order. */
class LessonLibraryTest {
    /** The lessons of the library so far, in the order the browser lists them (deadlock lessons come after). */
    static final List<String> COURSE = List.of(
            "thread-lifecycle", "thread-per-request",
            "fibonacci-condition", "producer-consumer-queue", "semaphore-limits",
            "loiter-map", "sequential-vs-pool", "pool-lifecycle", "loiter-as-completed", "loiter-as-completed-map",
            "future-api", "wait-first-completed", "wait-all-completed", "wait-first-exception", "load-url-bad-host",
            "crawl-pool", "flags-download",
            "cpu-vs-io-gil");
    private static final Pattern LOCAL_WEB = Pattern.compile("local web at http://127\\.0\\.0\\.1:(\\d+)/");
    /** Lessons that deadlock on purpose are cut short; the others must complete within this. */
    private static final long COMPLETE_S = 60, DEADLOCK_S = 3;

    @BeforeAll
    static void startSharedMachinery() {
        // Made once per JVM and kept: not something a lesson may leave behind.
        WebClient.shared();
        Scenarios.all();
    }

    static Stream<String> allIds() {
        return Scenarios.all().stream().map(Scenario::id);
    }

    /**
     * Run headless, a lesson names only lines of its own listing, and once it ends no thread it started is alive
     * and no server it started still accepts connections.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("allIds")
    void runNamesOnlyListingLinesAndLeavesNothingBehind(String id) throws Exception {
        Scenario scenario = Scenarios.require(id);
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        ScenarioRun run = new ScenarioRun(scenario, scenario.defaults().withUnitMs(10));
        run.start();
        boolean deadlocks = scenario.topic() == Topic.DEADLOCKS;
        boolean ended = run.await(deadlocks ? DEADLOCK_S : COMPLETE_S, TimeUnit.SECONDS);
        if (!ended) run.cancel();
        assertTrue(run.awaitThreadsEnded(10, TimeUnit.SECONDS), id + ": threads still running after the end");
        if (!deadlocks) {
            assertTrue(ended, id + " did not complete");
            assertEquals(ScenarioRun.Status.COMPLETED, run.status(), () -> id + " failed: " + run.failure());
        }

        List<String> leftovers = new ArrayList<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (before.contains(t)) continue;
            t.join(10_000);
            if (t.isAlive()) leftovers.add(t.getName());
        }
        assertEquals(List.of(), leftovers, id + " left threads behind");

        for (String line : run.log()) {
            Matcher m = LOCAL_WEB.matcher(line);
            if (!m.find()) continue;
            int port = Integer.parseInt(m.group(1));
            assertThrows(ConnectException.class, () -> connect(port), id + " left its server on port " + port);
        }

        int size = scenario.listing().python().size();
        for (Event e : run.recorder().snapshot()) {
            assertTrue(e.line() == 0 || scenario.listing().hasLine(e.line()),
                    () -> id + ": " + e + " names line " + e.line() + " of a " + size + "-line listing");
        }
    }

    /**
     * Each lesson of the course tells where its threads are: its events name lines of its Python listing, on main
     * and on the other threads. (A probe that changes no state publishes nothing, so only waits carry lines.)
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("courseIds")
    void courseLessonsLightTheirLines(String id) throws Exception {
        ScenarioRun run = LessonRuns.complete(id, 20);
        List<Event> withLines = run.recorder().snapshot().stream().filter(e -> e.line() > 0).toList();
        Set<Integer> lines = withLines.stream().map(Event::line).collect(Collectors.toSet());
        assertTrue(lines.size() >= 2, id + " names only lines " + lines);
        assertTrue(withLines.stream().anyMatch(e -> !e.thread().name().equals("main")),
                id + ": no thread but main names a line");
    }

    static Stream<String> courseIds() {
        return COURSE.stream();
    }

    /** The browser lists the course by topic in teaching order, and within a topic in the order above. */
    @Test
    void courseReadsInTeachingOrder() {
        List<Topic> expectedTopics = List.of(Topic.THREADS, Topic.SYNCHRONIZATION, Topic.POOLS_AND_FUTURES,
                Topic.CPU_VS_IO, Topic.DEADLOCKS);
        assertEquals(expectedTopics, List.of(Topic.values()).subList(0, expectedTopics.size()));
        List<String> listed = Scenarios.all().stream().map(Scenario::id).filter(COURSE::contains).toList();
        assertEquals(COURSE, listed);
        assertEquals(Topic.THREADS, Scenarios.require("thread-per-request").topic());
        assertEquals(Topic.CPU_VS_IO, Scenarios.require("cpu-vs-io-gil").topic());
    }

    /** No two lessons share an id, nor a place in the same topic. */
    @Test
    void idsAndPlacesAreUnique() {
        Set<String> ids = new HashSet<>(), places = new HashSet<>();
        for (Scenario s : Scenarios.all()) {
            assertTrue(ids.add(s.id()), "id twice: " + s.id());
            assertTrue(places.add(s.topic() + "#" + s.order()), s.id() + " shares its place " + s.topic() + " "
                    + s.order());
            assertTrue(s.id().matches("[a-z0-9]+(-[a-z0-9]+)*"), "not kebab-case: " + s.id());
        }
    }

    /** Each lesson of the course has a title, a summary, lesson text, and a Python and a Java listing. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("courseIds")
    void courseLessonsAreComplete(String id) {
        Scenario s = Scenarios.require(id);
        assertFalse(s.title().isBlank());
        assertFalse(s.summary().isBlank());
        assertFalse(s.text().watch().isBlank());
        assertFalse(s.text().question().isBlank());
        assertFalse(s.text().expected().isBlank());
        assertFalse(s.listing().python().isEmpty(), "no Python listing");
        assertFalse(s.listing().java().isEmpty(), "no Java listing");
        assertNotEquals(s.listing().python(), s.listing().java());
        assertFalse(s.exposed().isEmpty());
    }

    /** Every lesson in META-INF/services is also provided in module-info, so both the app and the jar find it. */
    @Test
    void lessonsAreRegisteredInBothPlaces() throws IOException {
        List<String> services = Files.readAllLines(
                Path.of("src/main/resources/META-INF/services/org.threadlanes.scenario.Scenario")).stream()
                .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        String moduleInfo = Files.readString(Path.of("src/main/java/module-info.java"));
        String clause = moduleInfo.substring(moduleInfo.indexOf("provides org.threadlanes.scenario.Scenario with"));
        clause = clause.substring("provides org.threadlanes.scenario.Scenario with".length(), clause.indexOf(';'))
                .replaceAll("//[^\n]*", "");
        Set<String> provided = Stream.of(clause.split("[,\\s]+")).filter(t -> !t.isEmpty())
                .collect(Collectors.toSet());
        assertEquals(new HashSet<>(services), provided, "module-info and META-INF/services list different lessons");
        assertEquals(services.size(), new HashSet<>(services).size(), "a provider is listed twice");
        Set<String> loaded = Scenarios.all().stream().map(s -> s.getClass().getName()).collect(Collectors.toSet());
        assertTrue(loaded.containsAll(services), "not every listed provider loads");
    }

    private static void connect(int port) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
        }
    }
}
