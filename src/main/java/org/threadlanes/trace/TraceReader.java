package org.threadlanes.trace;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongPredicate;

import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;

/**
 * Reads one trace document with a streaming parser, checking it as it goes, and builds the {@link TraceFile} only
 * at the end: a caller gets a whole trace or a {@link TraceFormatException}.
 *
 * <p>Error paths come from the parser's own context (so they are exact wherever the parser stands); problems found
 * after the fact (a reason next to a state read later, a thread listed after the events) carry the location saved
 * when the offending value was read. Not thread-safe: one reader per document.
 */
final class TraceReader {
    /** Detail strings repeat ("waiting for work", lock names): share one copy each, up to this many. */
    private static final int MAX_SHARED_STRINGS = 8192;
    private static final int MAX_SHOWN_CHARS = 40;

    private static final Map<String, EventKind> KINDS = index(EventKind.values());
    private static final Map<String, ThreadState> STATES = index(ThreadState.values());
    private static final Map<String, BlockReason> REASONS = index(BlockReason.values());
    private static final Map<String, TaskOutcome> OUTCOMES = index(TaskOutcome.values());

    private final JsonParser p;
    private final String source;
    private final LongPredicate atEnd;

    /** The threads list, by id, once read; {@code null} before (or if the file has none). */
    private Map<Long, ThreadRef> listed;
    /** Threads made up for events read before any threads list, by id; checked and replaced at the end. */
    private final Map<Long, ThreadRef> provisional = new LinkedHashMap<>();
    /** Where each provisional thread was first named, to report it if the threads list lacks it. */
    private final Map<Long, Place> firstUse = new HashMap<>();
    /** Where each task's thread was first named; checked once the threads are known. */
    private final Map<Long, Place> taskThreadUse = new LinkedHashMap<>();
    private final Map<String, String> shared = new HashMap<>();
    /** The thread of the previous event: events come in runs from one thread, so this saves most map lookups. */
    private ThreadRef lastRef;

    /** Where a value was read: enough to report it later. */
    private record Place(JsonLocation location, String path) {
    }

    /**
     * @param atEnd tells whether a byte offset is the end of the input, to recognise truncation that the parser
     *              reports as a syntax error
     */
    TraceReader(JsonParser p, String source, LongPredicate atEnd) {
        this.p = p;
        this.source = source;
        this.atEnd = atEnd;
    }

    TraceFile read() throws IOException, TraceFormatException {
        try {
            return document();
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String path = pathOf(p.getParsingContext());
            if (e instanceof JsonEOFException || cutShort()) throw truncated();
            throw fail(at, path, "not valid JSON: " + e.getOriginalMessage());
        }
    }

    // ------------------------------------------------------------------ the document

    private TraceFile document() throws IOException, TraceFormatException {
        JsonToken first = p.nextToken();
        if (first == null) {
            throw fail(p.currentLocation(), "", "the file is empty (expected a ThreadLanes trace, a JSON object)");
        }
        if (first != JsonToken.START_OBJECT) {
            throw fail("expected a JSON object holding a ThreadLanes trace, found " + describe());
        }
        boolean hasFormat = false, hasVersion = false;
        String scenario = null;
        Map<String, Object> settings = null;
        List<ThreadRef> threads = null;
        List<TaskRecord> tasks = null;
        List<Event> events = null;
        Object result = null, deadlock = null;
        Set<String> seen = new HashSet<>();

        String name;
        while ((name = p.nextFieldName()) != null) {
            if (!seen.add(name)) throw fail("field \"" + name + "\" appears twice");
            p.nextToken();
            switch (name) {
                case "format" -> {
                    String f = stringOrNull();
                    if (!TraceFile.FORMAT.equals(f)) {
                        throw fail("not a ThreadLanes trace (expected \"" + TraceFile.FORMAT + "\", found "
                                + describe() + ")");
                    }
                    hasFormat = true;
                }
                case "version" -> {
                    long v = whole();
                    if (v > TraceFile.VERSION) {
                        throw fail("version " + v + " is newer than this ThreadLanes reads (" + TraceFile.VERSION
                                + ")");
                    }
                    if (v < 1) throw fail("version " + v + " does not exist (versions start at 1)");
                    hasVersion = true;
                }
                case "scenario" -> scenario = stringOrNull();
                case "settings" -> settings = settings();
                case "threads" -> threads = threads();
                case "tasks" -> tasks = tasks();
                case "events" -> events = events();
                case "result" -> result = TraceFiles.MAPPER.readValue(p, Object.class);
                case "deadlock" -> deadlock = TraceFiles.MAPPER.readValue(p, Object.class);
                // Unknown fields are skipped: a version 1 file may carry extras (a converter's notes).
                default -> p.skipChildren();
            }
        }
        JsonLocation end = p.currentTokenLocation();
        if (!hasFormat) throw fail(end, "format", "missing (expected \"" + TraceFile.FORMAT + "\")");
        if (!hasVersion) throw fail(end, "version", "missing (expected " + TraceFile.VERSION + ")");
        if (events == null) throw fail(end, "events", "missing (every trace has an events array)");
        if (p.nextToken() != null) throw fail("unexpected content after the end of the trace");

        events = resolveThreads(threads, events);
        if (threads == null) threads = TraceFile.threadsOf(events);
        checkTaskThreads(threads, tasks);
        if (tasks == null) tasks = TraceFile.tasksOf(events);
        try {
            return new TraceFile(scenario, settings, threads, tasks, events, result, deadlock);
        } catch (IllegalArgumentException e) {
            // Everything the record checks was checked above with a location; this is the last line of defence.
            throw fail(end, "", e.getMessage());
        }
    }

    private Map<String, Object> settings() throws IOException, TraceFormatException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NULL) return null;
        if (t != JsonToken.START_OBJECT) throw fail("expected an object, found " + describe());
        @SuppressWarnings("unchecked")
        Map<String, Object> m = TraceFiles.MAPPER.readValue(p, Map.class);
        return m;
    }

    // ------------------------------------------------------------------ threads

    private List<ThreadRef> threads() throws IOException, TraceFormatException {
        if (p.currentToken() == JsonToken.VALUE_NULL) return null;
        expectArray();
        List<ThreadRef> out = new ArrayList<>();
        Map<Long, ThreadRef> byId = new HashMap<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            expectObject("a thread");
            long id = 0;
            boolean hasId = false;
            String name = null, role = null;
            String field;
            while ((field = p.nextFieldName()) != null) {
                p.nextToken();
                switch (field) {
                    case "id" -> {
                        id = whole();
                        if (byId.containsKey(id)) throw fail("thread " + id + " is listed twice");
                        hasId = true;
                    }
                    case "name" -> name = stringOrNull();
                    case "role" -> role = stringOrNull();
                    default -> p.skipChildren();
                }
            }
            if (!hasId) throw fail("missing id (every thread has one)");
            ThreadRef ref = new ThreadRef(id, name != null ? name : defaultName(id), role != null ? role : "thread");
            out.add(ref);
            byId.put(id, ref);
        }
        listed = byId;
        return out;
    }

    private static String defaultName(long id) {
        return "thread-" + id;
    }

    /** The thread an event names: listed, or made up until the list is known. */
    private ThreadRef threadRef(long id) throws TraceFormatException {
        ThreadRef last = lastRef;
        if (last != null && last.id() == id) return last;
        ThreadRef ref;
        if (listed != null) {
            ref = listed.get(id);
            if (ref == null) throw fail("thread " + id + " is not in the threads list");
        } else {
            ref = provisional.get(id);
            if (ref == null) {
                ref = new ThreadRef(id, defaultName(id), "thread");
                provisional.put(id, ref);
                firstUse.putIfAbsent(id, here());
            }
        }
        lastRef = ref;
        return ref;
    }

    /**
     * Events read before the threads list (or without one) hold made-up threads: check each against the list and
     * swap in the listed one, so lanes get their real names.
     */
    private List<Event> resolveThreads(List<ThreadRef> threads, List<Event> events) throws TraceFormatException {
        if (threads == null || provisional.isEmpty()) return events;
        Map<Long, ThreadRef> byId = listed;
        for (Long id : provisional.keySet()) {
            if (!byId.containsKey(id)) {
                Place where = firstUse.get(id);
                throw fail(where.location(), where.path(), "thread " + id + " is not in the threads list");
            }
        }
        List<Event> out = new ArrayList<>(events.size());
        for (Event e : events) {
            out.add(new Event(e.seq(), e.tNs(), byId.get(e.threadId()), e.kind(), e.state(), e.reason(), e.detail(),
                    e.task(), e.peer(), e.outcome(), e.line()));
        }
        return out;
    }

    // ------------------------------------------------------------------ tasks

    private List<TaskRecord> tasks() throws IOException, TraceFormatException {
        if (p.currentToken() == JsonToken.VALUE_NULL) return null;
        expectArray();
        List<TaskRecord> out = new ArrayList<>();
        Set<Long> ids = new HashSet<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            expectObject("a task");
            long id = 0;
            String label = null, result = null, error = null;
            Long thread = null, submitted = null, started = null, finished = null;
            TaskOutcome outcome = null;
            String field;
            while ((field = p.nextFieldName()) != null) {
                p.nextToken();
                switch (field) {
                    case "id" -> {
                        id = whole();
                        if (id <= 0) throw fail("a task id is positive, not " + id);
                        if (!ids.add(id)) throw fail("task " + id + " is listed twice");
                    }
                    case "label" -> label = stringOrNull();
                    case "thread" -> {
                        thread = wholeOrNull();
                        if (thread != null) taskThreadUse.putIfAbsent(thread, here());
                    }
                    case "submittedNs" -> submitted = wholeOrNull();
                    case "startedNs" -> started = wholeOrNull();
                    case "finishedNs" -> finished = wholeOrNull();
                    case "outcome" -> outcome = enumOrNull(OUTCOMES, "outcome");
                    case "result" -> result = stringOrNull();
                    case "error" -> error = stringOrNull();
                    default -> p.skipChildren();
                }
            }
            if (id == 0) throw fail("missing id (every task has one)");
            out.add(new TaskRecord(id, label, thread, submitted, started, finished, outcome, result, error));
        }
        return out;
    }

    private void checkTaskThreads(List<ThreadRef> threads, List<TaskRecord> tasks) throws TraceFormatException {
        if (tasks == null) return;
        Set<Long> ids = new HashSet<>();
        for (ThreadRef t : threads) ids.add(t.id());
        for (Map.Entry<Long, Place> use : taskThreadUse.entrySet()) {
            if (!ids.contains(use.getKey())) {
                throw fail(use.getValue().location(), use.getValue().path(),
                        "thread " + use.getKey() + " is not in the trace");
            }
        }
    }

    // ------------------------------------------------------------------ events

    private List<Event> events() throws IOException, TraceFormatException {
        if (p.currentToken() == JsonToken.VALUE_NULL) throw fail("expected an array of events, found null");
        expectArray();
        List<Event> out = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            out.add(event(out.size() + 1L));
        }
        return out;
    }

    /** One event object; the parser stands on its START_OBJECT and is left on its END_OBJECT. */
    private Event event(long expectedSeq) throws IOException, TraceFormatException {
        expectObject("an event");
        long seq = -1, tNs = -1;
        ThreadRef thread = null;
        EventKind kind = EventKind.STATE;
        ThreadState state = null;
        BlockReason reason = null;
        TaskOutcome outcome = null;
        JsonLocation reasonAt = null, outcomeAt = null;
        String detail = null;
        long task = 0, peer = 0;
        int line = 0;
        String field;
        while ((field = p.nextFieldName()) != null) {
            p.nextToken();
            switch (field) {
                case "seq" -> {
                    seq = whole();
                    if (seq != expectedSeq) {
                        throw fail("expected " + expectedSeq + ", found " + seq
                                + " (events are numbered 1, 2, 3... in order, without gaps)");
                    }
                }
                case "tNs" -> {
                    tNs = whole();
                    if (tNs < 0) throw fail("a time is nanoseconds since the run started, not negative: " + tNs);
                }
                case "thread" -> thread = threadRef(whole());
                case "kind" -> {
                    EventKind k = enumOrNull(KINDS, "kind");
                    kind = k == null ? EventKind.STATE : k;
                }
                case "state" -> state = enumOrNull(STATES, "state");
                case "reason" -> {
                    reason = enumOrNull(REASONS, "reason");
                    if (reason != null) reasonAt = p.currentTokenLocation();
                }
                case "detail" -> detail = share(stringOrNull());
                case "task" -> task = idOrZero();
                case "peer" -> peer = idOrZero();
                case "outcome" -> {
                    outcome = enumOrNull(OUTCOMES, "outcome");
                    if (outcome != null) outcomeAt = p.currentTokenLocation();
                }
                case "line" -> {
                    long l = idOrZero();
                    if (l > Event.MAX_LINE) throw fail("a listing line is 0.." + Event.MAX_LINE + ", not " + l);
                    line = (int) l;
                }
                default -> p.skipChildren();
            }
        }
        if (seq < 0) throw fail("missing seq (every event has one)");
        if (tNs < 0) throw fail("missing tNs (every event has one)");
        if (thread == null) throw fail("missing thread (every event has one)");
        if (kind == EventKind.STATE && state == null) throw fail("missing state (a STATE event needs one)");
        String here = pathOf(p.getParsingContext());
        if (reason != null && state != ThreadState.BLOCKED) {
            throw fail(reasonAt, here + ".reason", "a reason belongs to BLOCKED only, but the state is "
                    + (state == null ? "null" : state));
        }
        if (outcome != null && kind != EventKind.FINISHED) {
            throw fail(outcomeAt, here + ".outcome", "an outcome belongs to FINISHED events only, not " + kind);
        }
        return new Event(seq, tNs, thread, kind, state, reason, detail, task, peer, outcome, line);
    }

    private String share(String s) {
        if (s == null) return null;
        String known = shared.get(s);
        if (known != null) return known;
        if (shared.size() < MAX_SHARED_STRINGS) shared.put(s, s);
        return s;
    }

    // ------------------------------------------------------------------ values

    private void expectArray() throws IOException, TraceFormatException {
        if (p.currentToken() != JsonToken.START_ARRAY) throw fail("expected an array, found " + describe());
    }

    private void expectObject(String what) throws IOException, TraceFormatException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw fail("expected " + what + " (a JSON object), found " + describe());
        }
    }

    private long whole() throws IOException, TraceFormatException {
        if (p.currentToken() != JsonToken.VALUE_NUMBER_INT) throw fail("expected a whole number, found " + describe());
        if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) throw fail("number out of range: " + p.getText());
        return p.getLongValue();
    }

    private Long wholeOrNull() throws IOException, TraceFormatException {
        return p.currentToken() == JsonToken.VALUE_NULL ? null : whole();
    }

    /** A task, thread or line number: null means 0 (none). */
    private long idOrZero() throws IOException, TraceFormatException {
        if (p.currentToken() == JsonToken.VALUE_NULL) return 0;
        long v = whole();
        if (v < 0) throw fail("expected a number of at least 0 (or null), found " + v);
        return v;
    }

    private String stringOrNull() throws IOException, TraceFormatException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NULL) return null;
        if (t != JsonToken.VALUE_STRING) throw fail("expected a string, found " + describe());
        return p.getText();
    }

    private <E extends Enum<E>> E enumOrNull(Map<String, E> values, String what)
            throws IOException, TraceFormatException {
        String s = stringOrNull();
        if (s == null) return null;
        E e = values.get(s);
        if (e == null) {
            throw fail("unknown " + what + " " + quote(s) + " (expected one of " + String.join(", ", values.keySet())
                    + ")");
        }
        return e;
    }

    /** The current token, for a message: {@code string "x"}, {@code number 1.5}, {@code an object}. */
    private String describe() throws IOException {
        JsonToken t = p.currentToken();
        if (t == null) return "the end of the file";
        return switch (t) {
            case VALUE_STRING -> "string " + quote(p.getText());
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "number " + p.getText();
            case VALUE_TRUE -> "true";
            case VALUE_FALSE -> "false";
            case VALUE_NULL -> "null";
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            default -> t.asString() == null ? t.name() : t.asString();
        };
    }

    private static String quote(String s) {
        String shown = s.length() <= MAX_SHOWN_CHARS ? s : s.substring(0, MAX_SHOWN_CHARS) + "…";
        return '"' + shown + '"';
    }

    // ------------------------------------------------------------------ errors

    private Place here() {
        return new Place(p.currentTokenLocation(), pathOf(p.getParsingContext()));
    }

    /** A problem with the value the parser stands on. */
    private TraceFormatException fail(String problem) {
        return fail(p.currentTokenLocation(), pathOf(p.getParsingContext()), problem);
    }

    private TraceFormatException fail(JsonLocation at, String path, String problem) {
        // A value cut by the end of the file can look whole ("seq":1 of "seq":12) and fail a check; the real
        // problem is the truncation.
        if (cutShort()) return truncated();
        int line = at == null ? 0 : Math.max(0, at.getLineNr());
        int column = at == null ? 0 : Math.max(0, at.getColumnNr());
        return new TraceFormatException(source, line, column, path, problem);
    }

    /**
     * Whether the parser, still inside the document, stands at the end of the input: then whatever looks wrong
     * here was cut off.
     */
    private boolean cutShort() {
        JsonStreamContext ctx = p.getParsingContext();
        return ctx != null && !ctx.inRoot() && atEnd.test(p.currentLocation().getByteOffset());
    }

    private TraceFormatException truncated() {
        JsonLocation at = p.currentLocation();
        return new TraceFormatException(source, Math.max(0, at.getLineNr()), Math.max(0, at.getColumnNr()),
                pathOf(p.getParsingContext()), "unexpected end of file (the trace is truncated)");
    }

    /** {@code events[2].state} for the parser's context: field names joined by dots, array indexes in brackets. */
    static String pathOf(JsonStreamContext ctx) {
        if (ctx == null || ctx.inRoot()) return "";
        String parent = pathOf(ctx.getParent());
        if (ctx.inArray()) {
            return parent + "[" + Math.max(0, ctx.getCurrentIndex()) + "]";
        }
        String name = ctx.getCurrentName();
        if (name == null) return parent;
        return parent.isEmpty() ? name : parent + "." + name;
    }

    private static <E extends Enum<E>> Map<String, E> index(E[] values) {
        Map<String, E> m = new LinkedHashMap<>();
        for (E v : values) m.put(v.name(), v);
        return m;
    }
}
