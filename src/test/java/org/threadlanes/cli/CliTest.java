package org.threadlanes.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.StringWriter;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The headless CLI: output and exit codes (0 ok, 2 bad input, 3 timeout). */
class CliTest {
    private final StringWriter out = new StringWriter(), err = new StringWriter();

    private int run(String... args) {
        return Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    /** list prints every lesson id. */
    @Test
    void listPrintsLessonIds() {
        assertEquals(0, run("list"));
        assertTrue(out.toString().contains("thread-lifecycle"));
        assertTrue(out.toString().contains("fibonacci-condition"));
        assertTrue(out.toString().contains("loiter-map"));
    }

    /** A successful run exits 0 and prints the result. */
    @Test
    void runPrintsTheResultAndExitsZero() {
        assertEquals(0, run("run", "loiter-map", "--unit-ms", "5"));
        assertTrue(out.toString().contains("result: [0,10,20,30,40]"), out::toString);
        assertTrue(out.toString().contains("worker-3"), "the summary has a line per thread");
    }

    /** run --trace writes a trace that show reads back, with the same result. */
    @Test
    void traceWrittenByRunReadsBackWithShow(@TempDir Path dir) {
        Path f = dir.resolve("f.json");
        assertEquals(0, run("run", "fibonacci-condition", "--unit-ms", "5", "--trace", f.toString()));
        assertTrue(Files.isRegularFile(f));
        out.getBuffer().setLength(0);
        assertEquals(0, run("show", f.toString()));
        assertTrue(out.toString().contains("result: {\"3\":2,\"10\":55,\"5\":5,\"7\":13}"), out::toString);
        assertTrue(out.toString().contains("consumer-4"), out::toString);
    }

    /** A truncated trace or a missing file exits 2 with one line naming the problem. */
    @Test
    void malformedTraceExitsTwoWithOneLine(@TempDir Path dir) throws IOException {
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"format\":\"threadlanes-trace\",\"version\":1,\"events\":[{\"seq\":1,");
        assertEquals(2, run("show", bad.toString()));
        assertTrue(err.toString().contains("unexpected end of file"), err::toString);
        assertEquals(1, err.toString().strip().lines().count(), err::toString);
        assertEquals(2, run("show", dir.resolve("missing.json").toString()));
        assertTrue(err.toString().contains("no such file"), err::toString);
    }

    /** An unknown id exits 2 with one line naming it. */
    @Test
    void unknownScenarioExitsTwoWithOneLine() {
        assertEquals(2, run("run", "fibonaci-condition"));
        String msg = err.toString().strip();
        assertEquals(1, msg.lines().count(), msg);
        assertTrue(msg.contains("unknown scenario 'fibonaci-condition'"), msg);
        assertTrue(msg.contains("did you mean 'fibonacci-condition'"), msg);
    }

    /** Out-of-range settings exit 2 naming the setting. */
    @Test
    void outOfRangeSettingsExitTwo() {
        assertEquals(2, run("run", "loiter-map", "--workers", "0"));
        assertTrue(err.toString().contains("workers must be"), err::toString);
        assertEquals(2, run("run", "loiter-map", "--cores", "1000"));
        assertEquals(2, run("run", "loiter-map", "--unit-ms", "-5"));
        assertEquals(2, run("run", "loiter-map", "--workers", "many"));
        assertEquals(2, run("run"));
        assertEquals(2, run("frobnicate"));
        assertTrue(err.toString().lines().noneMatch(l -> l.contains("\tat ")), "no stack trace");
    }

    /** A run that outlives its timeout exits 3 after ending every thread it started. */
    @Test
    void timeoutExitsThreeAndEndsEveryThread() {
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        assertEquals(3, run("run", "loiter-map", "--unit-ms", "2000", "--timeout-s", "0.3"));
        assertTrue(err.toString().contains("every thread it started was ended"), err::toString);
        Set<String> leftover = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> !before.contains(t) && t.isAlive())
                .filter(t -> !t.getName().equals("threadlanes-recorder"))
                .map(Thread::getName).collect(Collectors.toSet());
        assertEquals(Set.of(), leftover, "no thread of the run survives");
    }
}
