package org.threadlanes.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Writing and reading trace files: round trips, defaults for outside sources, and one clear message per fault. */
class TraceFilesTest {
    static final ThreadRef MAIN = new ThreadRef(1, "main", "main");
    static final ThreadRef WORKER = new ThreadRef(7, "pool-1-worker-1", "worker");
    static final ThreadRef OTHER = new ThreadRef(12, "consumer \"ü\"", "thread");

    @TempDir
    Path dir;

    /** A trace with every kind of event, every optional field both set and absent, survives write then read. */
    @Test
    void roundTripKeepsEveryField() throws Exception {
        TraceFile trace = TraceFile.of("loiter-map", settings(), sampleEvents(), sampleResult(), sampleDeadlock());

        TraceFile back = roundTrip(trace);

        assertEquals(trace, back);
        assertSameThreadNames(trace, back);
        assertEquals(Long.class, ((Map<?, ?>) back.result()).get("count").getClass(), "whole numbers read as Long");
    }

    /** A trace with no scenario, settings, events, result or deadlock reads back equal, nulls staying null. */
    @Test
    void roundTripKeepsAbsentParts() throws Exception {
        TraceFile trace = TraceFile.of(null, null, List.of(), null, null);

        TraceFile back = roundTrip(trace);

        assertEquals(trace, back);
        assertNull(back.scenario());
        assertEquals(Map.of(), back.settings());
        assertTrue(back.events().isEmpty() && back.threads().isEmpty() && back.tasks().isEmpty());
        assertNull(back.result());
        assertNull(back.deadlock());
    }

    /** The file on disk uses the documented layout: fixed header, one event per line, kind left out for STATE. */
    @Test
    void writtenFileHasTheDocumentedLayout() throws Exception {
        Path file = dir.resolve("t.json");
        TraceFiles.write(TraceFile.of("s", settings(), sampleEvents(), null, null), file);

        List<String> lines = Files.readAllLines(file);

        assertEquals("{", lines.get(0));
        assertEquals("  \"format\":\"threadlanes-trace\",", lines.get(1));
        assertEquals("  \"version\":1,", lines.get(2));
        assertTrue(lines.contains("    {\"seq\":1,\"tNs\":0,\"thread\":1,\"state\":\"RUNNING\",\"reason\":null,"
                + "\"detail\":null,\"task\":null,\"peer\":null,\"outcome\":null,\"line\":3},"), String.join("\n", lines));
        assertTrue(lines.stream().anyMatch(l -> l.contains("\"kind\":\"SUBMITTED\"")));
        assertTrue(lines.stream().noneMatch(l -> l.contains("\"kind\":\"STATE\"")));
        assertEquals("}", lines.get(lines.size() - 1));
    }

    /** Writing to a path replaces an existing file and leaves no temporary file behind. */
    @Test
    void writeReplacesTheFileAndLeavesNoTemporary() throws Exception {
        Path file = dir.resolve("t.json");
        Files.writeString(file, "old");

        TraceFiles.write(TraceFile.of("s", null, sampleEvents(), null, null), file);

        assertEquals("s", TraceFiles.read(file).scenario());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList());
        }
    }

    /** A file from an outside source with only the required fields reads, with the documented defaults. */
    @Test
    void minimalFileReadsWithDefaults() throws Exception {
        String json = """
                {"format":"threadlanes-trace","version":1,"events":[
                  {"seq":1,"tNs":0,"thread":5,"state":"RUNNING"},
                  {"seq":2,"tNs":10,"thread":5,"kind":"SUBMITTED","detail":"job","task":3},
                  {"seq":3,"tNs":20,"thread":9,"state":"BLOCKED","reason":"IO","detail":"socket"},
                  {"seq":4,"tNs":30,"thread":5,"kind":"FINISHED","task":3,"outcome":"OK","detail":"42","extra":[1,{}]}
                ]}""";

        TraceFile t = read(json);

        assertNull(t.scenario());
        assertEquals(Map.of(), t.settings());
        assertEquals(List.of(5L, 9L), t.threads().stream().map(ThreadRef::id).toList());
        assertEquals("thread-5", t.threads().get(0).name());
        assertEquals("thread", t.threads().get(0).role());
        Event first = t.events().get(0);
        assertEquals(EventKind.STATE, first.kind());
        assertEquals(0, first.task());
        assertEquals(0, first.line());
        assertNull(first.detail());
        assertEquals(List.of(new TaskRecord(3, "job", null, 10L, null, 30L, TaskOutcome.OK, "42", null)), t.tasks());
    }

    /** A threads list that comes after the events still names their lanes. */
    @Test
    void threadsListedAfterEventsNameTheLanes() throws Exception {
        String json = """
                {"format":"threadlanes-trace","version":1,
                 "events":[{"seq":1,"tNs":0,"thread":5,"state":"READY"}],
                 "threads":[{"id":5,"name":"producer","role":"thread"}]}""";

        TraceFile t = read(json);

        assertEquals("producer", t.events().get(0).thread().name());
        assertEquals("producer", t.threads().get(0).name());
    }

    /** Milestone events make task records: label, worker, times, and the result or error by outcome. */
    @Test
    void tasksAreDerivedFromMilestones() {
        TraceFile t = TraceFile.of("s", null, sampleEvents(), null, null);

        Map<Long, TaskRecord> byId = new LinkedHashMap<>();
        t.tasks().forEach(r -> byId.put(r.id(), r));
        assertEquals(List.of(1L, 2L, 3L, 4L), List.copyOf(byId.keySet()), "order of first appearance");
        assertEquals(new TaskRecord(1, "loiter(2)", 7L, 100L, 150L, 300L, TaskOutcome.OK, "20", null), byId.get(1L));
        assertEquals(new TaskRecord(2, "boom", 7L, 110L, 310L, 320L, TaskOutcome.FAILED, null,
                "IllegalStateException: no"), byId.get(2L));
        assertEquals(new TaskRecord(3, "late", null, 120L, null, 330L, TaskOutcome.CANCELLED, null, null),
                byId.get(3L));
        assertEquals(new TaskRecord(4, "refused", null, 130L, null, 131L, null, null, TaskRecord.REJECTED),
                byId.get(4L));
        assertEquals(List.of(MAIN, WORKER, OTHER), t.threads(), "threads in order of first appearance");
    }

    /** A trace whose parts do not fit together cannot be built, so it can never be written unreadable. */
    @Test
    void inconsistentTraceCannotBeBuilt() {
        List<Event> gap = List.of(state(1, 0, MAIN, ThreadState.RUNNING), state(3, 1, MAIN, ThreadState.CONCLUDED));
        assertThrows(IllegalArgumentException.class, () -> TraceFile.of("s", null, gap, null, null));

        List<Event> one = List.of(state(1, 0, MAIN, ThreadState.RUNNING));
        assertThrows(IllegalArgumentException.class,
                () -> new TraceFile("s", Map.of(), List.of(WORKER), List.of(), one, null, null));
        assertThrows(IllegalArgumentException.class, () -> TraceFile.of("s", null, one, new Object(), null));
        assertThrows(IllegalArgumentException.class, () -> TraceFile.of("s", null, one, Double.NaN, null));
    }

    // ------------------------------------------------------------------ malformed input

    static Stream<Arguments> malformed() {
        String head = "{\"format\":\"threadlanes-trace\",\"version\":1,";
        String ok = "{\"seq\":1,\"tNs\":0,\"thread\":1,\"state\":\"RUNNING\"}";
        return Stream.of(
                Arguments.of("not JSON", "hello trace", new String[] {"line 1, column 1", "not valid JSON"}),
                Arguments.of("empty file", "", new String[] {"the file is empty"}),
                Arguments.of("only whitespace", "  \n ", new String[] {"the file is empty"}),
                Arguments.of("not an object", "[1,2]", new String[] {"line 1, column 1",
                        "expected a JSON object holding a ThreadLanes trace, found an array"}),
                Arguments.of("truncated", head + "\"events\":[" + ok + ",{\"seq\":2,\"tN",
                        new String[] {"unexpected end of file"}),
                Arguments.of("truncated between events", head + "\n\"events\":[" + ok + ",\n",
                        new String[] {"line 3", "events", "unexpected end of file"}),
                Arguments.of("wrong format tag", "{\"format\":\"chrome-trace\",\"version\":1,\"events\":[]}",
                        new String[] {"format: not a ThreadLanes trace", "found string \"chrome-trace\""}),
                Arguments.of("missing format", "{\"version\":1,\"events\":[]}", new String[] {"format: missing"}),
                Arguments.of("newer version", "{\"format\":\"threadlanes-trace\",\"version\":2,\"events\":[]}",
                        new String[] {"line 1, column 41", "version: version 2 is newer than this ThreadLanes reads (1)"}),
                Arguments.of("version as text", "{\"format\":\"threadlanes-trace\",\"version\":\"1\"}",
                        new String[] {"version: expected a whole number, found string \"1\""}),
                Arguments.of("missing events", head + "\"threads\":[]}",
                        new String[] {"events: missing (every trace has an events array)"}),
                Arguments.of("events not an array", head + "\"events\":{}}",
                        new String[] {"events: expected an array, found an object"}),
                Arguments.of("unknown state", head + "\"events\":[" + ok + ",{\"seq\":2,\"tNs\":0,\"thread\":1,"
                        + "\"state\":\"RUNING\"}]}", new String[] {"events[1].state: unknown state \"RUNING\" "
                        + "(expected one of CREATED, READY, RUNNING, BLOCKED, CONCLUDED)"}),
                Arguments.of("unknown reason", head + "\"events\":[{\"seq\":1,\"tNs\":0,\"thread\":1,"
                        + "\"state\":\"BLOCKED\",\"reason\":\"NAP\"}]}",
                        new String[] {"events[0].reason: unknown reason \"NAP\" (expected one of SLEEP, IO"}),
                Arguments.of("non-contiguous seq", head + "\"events\":[" + ok + ",{\"seq\":3,\"tNs\":0,\"thread\":1,"
                        + "\"state\":\"READY\"}]}", new String[] {"events[1].seq: expected 2, found 3"}),
                Arguments.of("seq of wrong type", head + "\"events\":[{\"seq\":\"x\",\"tNs\":0,\"thread\":1,"
                        + "\"state\":\"READY\"}]}", new String[] {"events[0].seq: expected a whole number, found string \"x\""}),
                Arguments.of("fractional time", head + "\"events\":[{\"seq\":1,\"tNs\":1.5,\"thread\":1,"
                        + "\"state\":\"READY\"}]}", new String[] {"events[0].tNs: expected a whole number, found number 1.5"}),
                Arguments.of("reason without BLOCKED", head + "\"events\":[{\"seq\":1,\"tNs\":0,\"thread\":1,"
                        + "\"reason\":\"SLEEP\",\"state\":\"RUNNING\"}]}", new String[] {"line 1, column 90",
                        "events[0].reason: a reason belongs to BLOCKED only, but the state is RUNNING"}),
                Arguments.of("outcome without FINISHED", head + "\"events\":[{\"seq\":1,\"tNs\":0,\"thread\":1,"
                        + "\"state\":\"RUNNING\",\"outcome\":\"OK\"}]}",
                        new String[] {"events[0].outcome: an outcome belongs to FINISHED events only, not STATE"}),
                Arguments.of("missing state", head + "\"events\":[{\"seq\":1,\"tNs\":0,\"thread\":1}]}",
                        new String[] {"events[0]: missing state"}),
                Arguments.of("missing thread", head + "\"events\":[{\"seq\":1,\"tNs\":0,\"state\":\"READY\"}]}",
                        new String[] {"events[0]: missing thread"}),
                Arguments.of("unlisted thread", head + "\"threads\":[{\"id\":1,\"name\":\"main\"}],\"events\":["
                        + ok + ",{\"seq\":2,\"tNs\":0,\"thread\":9,\"state\":\"READY\"}]}",
                        new String[] {"events[1].thread: thread 9 is not in the threads list"}),
                Arguments.of("unlisted thread, list after events", head + "\n\"events\":[" + ok + ",\n"
                        + "{\"seq\":2,\"tNs\":0,\"thread\":9,\"state\":\"READY\"}],\n\"threads\":[{\"id\":1}]}",
                        new String[] {"line 3, column 27", "events[1].thread: thread 9 is not in the threads list"}),
                Arguments.of("thread listed twice", head + "\"threads\":[{\"id\":1},{\"id\":1}],\"events\":[]}",
                        new String[] {"threads[1].id: thread 1 is listed twice"}),
                Arguments.of("negative time", head + "\"events\":[{\"seq\":1,\"tNs\":-5,\"thread\":1,"
                        + "\"state\":\"READY\"}]}", new String[] {"events[0].tNs: a time is nanoseconds"}),
                Arguments.of("line out of range", head + "\"events\":[{\"seq\":1,\"tNs\":0,\"thread\":1,"
                        + "\"state\":\"READY\",\"line\":70000}]}", new String[] {"events[0].line: a listing line is 0..65535"}),
                Arguments.of("task without id", head + "\"tasks\":[{\"label\":\"x\"}],\"events\":[]}",
                        new String[] {"tasks[0]: missing id"}),
                Arguments.of("field twice", head + "\"events\":[],\"events\":[]}",
                        new String[] {"field \"events\" appears twice"}),
                Arguments.of("content after the end", head + "\"events\":[]} {}",
                        new String[] {"unexpected content after the end of the trace"}),
                Arguments.of("broken JSON inside", head + "\"events\":[{\"seq\":1,,}]}",
                        new String[] {"events[0]", "not valid JSON"}));
    }

    /** Each kind of malformed input is rejected with one line naming the source, the place and the problem. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void malformedInputIsRejectedWithWhereAndWhat(String name, String content, String[] fragments) {
        TraceFormatException e = assertThrows(TraceFormatException.class, () -> read(content));

        String m = e.getMessage();
        assertTrue(m.startsWith("f.json: "), m);
        for (String f : fragments) assertTrue(m.contains(f), "expected \"" + f + "\" in: " + m);
        assertFalse(m.contains("\n") || m.contains("Exception") || m.contains("\tat ") || m.contains("[Source"),
                "one line, no stack trace or parser internals: " + m);
    }

    /** The example message of the format documentation comes out exactly, with line and column of the value. */
    @Test
    void unknownStateMessageNamesFileLineColumnAndPath() {
        String json = "{\"format\":\"threadlanes-trace\",\"version\":1,\"threads\":[{\"id\":1}],\"events\":[\n"
                + "{\"seq\":1,\"tNs\":0,\"thread\":1,\"state\":\"READY\"},{\"seq\":2,\"tNs\":1,\"thread\":1,\"state\":\"RUNNING\"},\n"
                + "{\"seq\":3,\"state\":\"RUNING\",\"tNs\":2,\"thread\":1}]}";

        TraceFormatException e = assertThrows(TraceFormatException.class, () -> read(json));

        assertEquals("f.json: line 3, column 18: events[2].state: unknown state \"RUNING\" (expected one of CREATED, "
                + "READY, RUNNING, BLOCKED, CONCLUDED)", e.getMessage());
        assertEquals(3, e.line());
        assertEquals(18, e.column());
        assertEquals("events[2].state", e.path());
    }

    /** A trace file cut anywhere is rejected as truncated, never half-loaded nor blamed on a cut-off value. */
    @Test
    void everyTruncationOfAValidFileIsRejected() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TraceFiles.write(TraceFile.of("s", settings(), sampleEvents(), sampleResult(), null), out);
        byte[] whole = out.toByteArray();
        // The last bytes are "}\n": cutting the newline still leaves a whole document.
        for (int cut = 0; cut < whole.length - 1; cut++) {
            byte[] part = java.util.Arrays.copyOf(whole, cut);
            TraceFormatException e = assertThrows(TraceFormatException.class,
                    () -> TraceFiles.read(new ByteArrayInputStream(part), "f.json"), "cut at " + cut);
            String expected = cut == 0 ? "the file is empty" : "unexpected end of file (the trace is truncated)";
            assertTrue(e.getMessage().startsWith("f.json: ") && e.getMessage().contains(expected),
                    "cut at " + cut + ": " + e.getMessage());
        }
    }

    /** A file that does not exist is an I/O error, not a format error. */
    @Test
    void missingFileIsAnIoError() {
        assertThrows(IOException.class, () -> TraceFiles.read(dir.resolve("nope.json")));
    }

    // ------------------------------------------------------------------ helpers

    private TraceFile roundTrip(TraceFile trace) throws Exception {
        Path file = dir.resolve("trace.json");
        TraceFiles.write(trace, file);
        return TraceFiles.read(file);
    }

    static TraceFile read(String json) throws IOException, TraceFormatException {
        return TraceFiles.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "f.json");
    }

    static void assertSameThreadNames(TraceFile expected, TraceFile actual) {
        // ThreadRef equality looks at ids only.
        assertEquals(expected.threads().stream().map(t -> t.id() + "/" + t.name() + "/" + t.role()).toList(),
                actual.threads().stream().map(t -> t.id() + "/" + t.name() + "/" + t.role()).toList());
        for (int i = 0; i < expected.events().size(); i++) {
            assertEquals(expected.events().get(i).thread().name(), actual.events().get(i).thread().name());
        }
    }

    static Map<String, Object> settings() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("workers", 3);
        s.put("cores", 2);
        s.put("unitMs", 12.5);
        return s;
    }

    static Event state(long seq, long tNs, ThreadRef t, ThreadState s) {
        return new Event(seq, tNs, t, EventKind.STATE, s, null, null, 0, 0, null, 0);
    }

    /** Every kind, nulls and values in every optional field, a non-ASCII detail with quotes. */
    static List<Event> sampleEvents() {
        List<Event> e = new ArrayList<>();
        e.add(new Event(1, 0, MAIN, EventKind.STATE, ThreadState.RUNNING, null, null, 0, 0, null, 3));
        e.add(new Event(2, 100, MAIN, EventKind.SUBMITTED, null, null, "loiter(2)", 1, 0, null, 4));
        e.add(new Event(3, 110, MAIN, EventKind.SUBMITTED, null, null, "boom", 2, 0, null, 0));
        e.add(new Event(4, 120, MAIN, EventKind.SUBMITTED, null, null, "late", 3, 0, null, 0));
        e.add(new Event(5, 130, MAIN, EventKind.SUBMITTED, null, null, "refused", 4, 0, null, 0));
        e.add(new Event(6, 131, MAIN, EventKind.REJECTED, null, null, "refused", 4, 0, null, 0));
        e.add(new Event(7, 140, WORKER, EventKind.STATE, ThreadState.READY, null, "loiter(2)", 1, 0, null, 0));
        e.add(new Event(8, 150, WORKER, EventKind.STARTED, ThreadState.RUNNING, null, "loiter(2)", 1, 0, null, 0));
        e.add(new Event(9, 160, MAIN, EventKind.STATE, ThreadState.BLOCKED, BlockReason.FUTURE, "loiter(2)", 0, 1,
                null, 65535));
        e.add(new Event(10, 170, OTHER, EventKind.STATE, ThreadState.BLOCKED, BlockReason.LOCK, "lock \"A\" → ü", 0,
                1, null, 9));
        e.add(new Event(11, 300, WORKER, EventKind.FINISHED, null, null, "20", 1, 0, TaskOutcome.OK, 0));
        e.add(new Event(12, 310, WORKER, EventKind.STARTED, ThreadState.RUNNING, null, "boom", 2, 0, null, 0));
        e.add(new Event(13, 320, WORKER, EventKind.FINISHED, null, null, "IllegalStateException: no", 2, 0,
                TaskOutcome.FAILED, 0));
        e.add(new Event(14, 330, MAIN, EventKind.FINISHED, null, null, null, 3, 0, TaskOutcome.CANCELLED, 0));
        e.add(new Event(15, 340, WORKER, EventKind.STATE, ThreadState.BLOCKED, BlockReason.WORK, "waiting for work",
                0, 0, null, 0));
        e.add(new Event(16, 400, MAIN, EventKind.STATE, ThreadState.CONCLUDED, null, null, 0, 0, null, 0));
        return e;
    }

    static Map<String, Object> sampleResult() {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("count", 3);
        r.put("values", List.of(0, 10, 20.5, "x", true));
        r.put("nothing", null);
        r.put("nested", Map.of("k", List.of()));
        return r;
    }

    static Map<String, Object> sampleDeadlock() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("cycle", List.of(1, 12));
        d.put("resources", List.of("lock A", "lock B"));
        return d;
    }

    /** Asserts that a read trace has what a view needs: settings, events and threads. */
    static void assertShowable(TraceFile t) {
        assertNotNull(t.settings());
        assertFalse(t.events().isEmpty(), "has events");
        assertFalse(t.threads().isEmpty(), "has threads");
    }
}
