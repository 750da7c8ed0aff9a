package org.threadlanes.trace;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Objects;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.PrettyPrinter;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * Writes and reads trace files (format: see the {@linkplain org.threadlanes.trace package overview}).
 *
 * <p>Events are written and read with Jackson's streaming generator and parser, one at a time, so a trace of
 * millions of events never exists as one JSON text in memory; the small free-form parts go through databind.
 *
 * <pre>{@code
 * TraceFiles.write(TraceFile.of("fibonacci-condition", settings.asMap(), recorder.snapshot(), result, null), path);
 * try {
 *     TraceFile back = TraceFiles.read(path);
 * } catch (TraceFormatException e) {
 *     System.err.println(e.getMessage());   // one line: file, line, column, field path, problem
 * }
 * }</pre>
 *
 * <p>Thread-safe: every call works on its own generator or parser.
 */
public final class TraceFiles {
    /** Shared: an ObjectMapper is thread-safe once configured. */
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
            .disable(JsonParser.Feature.AUTO_CLOSE_SOURCE)
            .disable(SerializationFeature.FLUSH_AFTER_WRITE_VALUE)
            .build();
    private static final JsonFactory FACTORY = MAPPER.getFactory();

    private static final SerializableString SEQ = new SerializedString("seq"), T_NS = new SerializedString("tNs"),
            THREAD = new SerializedString("thread"), KIND = new SerializedString("kind"),
            STATE = new SerializedString("state"), REASON = new SerializedString("reason"),
            DETAIL = new SerializedString("detail"), TASK = new SerializedString("task"),
            PEER = new SerializedString("peer"), OUTCOME = new SerializedString("outcome"),
            LINE = new SerializedString("line");
    private static final SerializableString[] KINDS = names(EventKind.values()), STATES = names(ThreadState.values()),
            REASONS = names(BlockReason.values()), OUTCOMES = names(TaskOutcome.values());

    private TraceFiles() {
    }

    /**
     * Writes {@code trace} to {@code file}, replacing it. The text goes to a temporary file beside it first, so a
     * failed write never leaves a truncated trace under the final name.
     */
    public static void write(TraceFile trace, Path file) throws IOException {
        Objects.requireNonNull(trace, "trace");
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        Path tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                write(trace, out);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Writes {@code trace} as UTF-8 JSON to {@code out}, flushes it, and leaves it open. */
    public static void write(TraceFile trace, OutputStream out) throws IOException {
        Objects.requireNonNull(trace, "trace");
        try (JsonGenerator g = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
            g.setPrettyPrinter(new LinePrinter());
            g.writeStartObject();
            g.writeStringField("format", TraceFile.FORMAT);
            g.writeNumberField("version", TraceFile.VERSION);
            g.writeStringField("scenario", trace.scenario());
            g.writeFieldName("settings");
            MAPPER.writeValue(g, trace.settings());

            g.writeArrayFieldStart("threads");
            for (ThreadRef t : trace.threads()) {
                g.writeStartObject();
                g.writeNumberField("id", t.id());
                g.writeStringField("name", t.name());
                g.writeStringField("role", t.role());
                g.writeEndObject();
            }
            g.writeEndArray();

            g.writeArrayFieldStart("tasks");
            for (TaskRecord t : trace.tasks()) writeTask(g, t);
            g.writeEndArray();

            g.writeArrayFieldStart("events");
            for (Event e : trace.events()) writeEvent(g, e);
            g.writeEndArray();

            g.writeFieldName("result");
            MAPPER.writeValue(g, trace.result());
            g.writeFieldName("deadlock");
            MAPPER.writeValue(g, trace.deadlock());
            g.writeEndObject();
            g.writeRaw('\n');
        }
        out.flush();
    }

    /**
     * Reads a trace file.
     *
     * @throws TraceFormatException naming the file, line, column and field when the content is not a valid trace
     * @throws IOException          when the file cannot be read at all
     */
    public static TraceFile read(Path file) throws IOException, TraceFormatException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString());
        }
    }

    /**
     * Reads a trace from {@code in} (UTF-8 JSON), to its end; the stream is left open. Returns a complete trace or
     * throws: nothing half-read escapes.
     *
     * @param sourceName how error messages name the source, such as a file name
     * @throws TraceFormatException naming the source, line, column and field when the content is not a valid trace
     * @throws IOException          when the stream fails
     */
    public static TraceFile read(InputStream in, String sourceName) throws IOException, TraceFormatException {
        Objects.requireNonNull(sourceName, "sourceName");
        EndAwareInput input = new EndAwareInput(Objects.requireNonNull(in, "in"));
        try (JsonParser p = FACTORY.createParser(input)) {
            return new TraceReader(p, sourceName, input::endsAt).read();
        }
    }

    /**
     * Counts what the parser reads and notes the end of the input, so that an error the parser reports at the very
     * end can be told to the user as what it is: a truncated file. (Jackson reports some truncations, such as one
     * between array entries, as a plain syntax error rather than a {@code JsonEOFException}.)
     */
    private static final class EndAwareInput extends FilterInputStream {
        private long count;
        private boolean ended;

        EndAwareInput(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b < 0) ended = true;
            else count++;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n < 0) ended = true;
            else count += n;
            return n;
        }

        /** Whether the input has ended and {@code byteOffset} is at (or past) its end. */
        boolean endsAt(long byteOffset) {
            return ended && byteOffset >= count;
        }
    }

    private static void writeTask(JsonGenerator g, TaskRecord t) throws IOException {
        g.writeStartObject();
        g.writeNumberField("id", t.id());
        g.writeStringField("label", t.label());
        writeLongOrNull(g, "thread", t.thread());
        writeLongOrNull(g, "submittedNs", t.submittedNs());
        writeLongOrNull(g, "startedNs", t.startedNs());
        writeLongOrNull(g, "finishedNs", t.finishedNs());
        g.writeStringField("outcome", t.outcome() == null ? null : t.outcome().name());
        g.writeStringField("result", t.result());
        g.writeStringField("error", t.error());
        g.writeEndObject();
    }

    private static void writeLongOrNull(JsonGenerator g, String name, Long value) throws IOException {
        g.writeFieldName(name);
        if (value == null) g.writeNull();
        else g.writeNumber(value);
    }

    /** Every field, nulls included, except {@code kind}, which is left out for STATE events (the default). */
    private static void writeEvent(JsonGenerator g, Event e) throws IOException {
        g.writeStartObject();
        g.writeFieldName(SEQ);
        g.writeNumber(e.seq());
        g.writeFieldName(T_NS);
        g.writeNumber(e.tNs());
        g.writeFieldName(THREAD);
        g.writeNumber(e.threadId());
        if (e.kind() != EventKind.STATE) {
            g.writeFieldName(KIND);
            g.writeString(KINDS[e.kind().ordinal()]);
        }
        g.writeFieldName(STATE);
        writeEnum(g, STATES, e.state());
        g.writeFieldName(REASON);
        writeEnum(g, REASONS, e.reason());
        g.writeFieldName(DETAIL);
        g.writeString(e.detail());
        g.writeFieldName(TASK);
        writeIdOrNull(g, e.task());
        g.writeFieldName(PEER);
        writeIdOrNull(g, e.peer());
        g.writeFieldName(OUTCOME);
        writeEnum(g, OUTCOMES, e.outcome());
        g.writeFieldName(LINE);
        writeIdOrNull(g, e.line());
        g.writeEndObject();
    }

    private static void writeEnum(JsonGenerator g, SerializableString[] names, Enum<?> value) throws IOException {
        if (value == null) g.writeNull();
        else g.writeString(names[value.ordinal()]);
    }

    private static void writeIdOrNull(JsonGenerator g, long value) throws IOException {
        if (value == 0) g.writeNull();
        else g.writeNumber(value);
    }

    private static SerializableString[] names(Enum<?>[] values) {
        SerializableString[] out = new SerializableString[values.length];
        for (Enum<?> v : values) out[v.ordinal()] = new SerializedString(v.name());
        return out;
    }

    /**
     * Lays the file out for people and line-oriented tools: each top-level field on its own line, each element of a
     * top-level array (each event) on its own line, everything deeper compact. Error line numbers then point at
     * one event.
     */
    private static final class LinePrinter implements PrettyPrinter {
        /** Nesting depth of the value being written: 1 inside the root object. One generator, one thread. */
        private int depth;

        @Override
        public void writeRootValueSeparator(JsonGenerator g) throws IOException {
            g.writeRaw('\n');
        }

        @Override
        public void writeStartObject(JsonGenerator g) throws IOException {
            g.writeRaw('{');
            depth++;
        }

        @Override
        public void beforeObjectEntries(JsonGenerator g) throws IOException {
            if (depth == 1) g.writeRaw("\n  ");
        }

        @Override
        public void writeObjectFieldValueSeparator(JsonGenerator g) throws IOException {
            g.writeRaw(':');
        }

        @Override
        public void writeObjectEntrySeparator(JsonGenerator g) throws IOException {
            g.writeRaw(depth == 1 ? ",\n  " : ",");
        }

        @Override
        public void writeEndObject(JsonGenerator g, int entries) throws IOException {
            g.writeRaw(depth == 1 && entries > 0 ? "\n}" : "}");
            depth--;
        }

        @Override
        public void writeStartArray(JsonGenerator g) throws IOException {
            g.writeRaw('[');
            depth++;
        }

        @Override
        public void beforeArrayValues(JsonGenerator g) throws IOException {
            if (depth == 2) g.writeRaw("\n    ");
        }

        @Override
        public void writeArrayValueSeparator(JsonGenerator g) throws IOException {
            g.writeRaw(depth == 2 ? ",\n    " : ",");
        }

        @Override
        public void writeEndArray(JsonGenerator g, int values) throws IOException {
            g.writeRaw(depth == 2 && values > 0 ? "\n  ]" : "]");
            depth--;
        }
    }
}
