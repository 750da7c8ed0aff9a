package org.threadlanes.scenario.lessons;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.threadlanes.executor.Probe;
import org.threadlanes.scenario.Listing;
import org.threadlanes.scenario.Scenario;
import org.threadlanes.scenario.ScenarioContext;
import org.threadlanes.scenario.Settings;
import org.threadlanes.scenario.Topic;
import org.threadlanes.trace.Event;

/**
 * Lesson 1.1: the five states of a thread.
 *
 * <p>Teaches: a thread is created, waits ready for a CPU, runs, blocks on I/O (using no CPU), runs again and
 * concludes. With its one modelled core, expect the {@code reader} lane to show every state for a while: CREATED
 * (0.5 units, while main loads its settings), READY (0.5, while main keeps the only core to draw its window), RUNNING
 * (1), BLOCKED(IO) (2), RUNNING (1), CONCLUDED; {@code main} blocks on join meanwhile and concludes last. With two
 * cores (the app's GIL switch off) READY lasts no time at all: the question for the class.
 */
public final class ThreadLifecycle implements Scenario {
    private static final Listing LISTING = Listing.of("""
            import threading, time

            def read_file():
                data = compute_header()        # running: on a CPU
                time.sleep(2)                  # blocked: waiting for the disk
                return parse(data)             # running again

            reader = threading.Thread(name='reader', target=read_file)  # created
            load_settings()                    # main runs on: reader stays created
            reader.start()                     # ready: waits for a CPU
            draw_window()                      # main keeps the CPU a while
            reader.join()                      # main blocks until reader concludes
            print('reader concluded')
            """, """
            Thread reader = new Thread(() -> {
                byte[] data = computeHeader();  // running: on a CPU
                Thread.sleep(2000);             // blocked: waiting for the disk
                parse(data);                    // running again
            }, "reader");                       // created
            loadSettings();                     // main runs on: reader stays created
            reader.start();                     // ready: waits for a CPU
            drawWindow();                       // main keeps the CPU a while
            reader.join();                      // main blocks until reader concludes
            System.out.println("reader concluded");
            """)
            .javaAt("def read_file():", "new Thread(() -> {")
            .javaAt("compute_header()", "computeHeader()")
            .javaAt("time.sleep(2)", "Thread.sleep(2000);")
            .javaAt("parse(data)", "parse(data);")
            .javaAt("reader = threading.Thread(", "}, \"reader\");")
            .javaAt("load_settings()", "loadSettings();")
            .javaAt("reader.start()", "reader.start();")
            .javaAt("draw_window()", "drawWindow();")
            .javaAt("reader.join()", "reader.join();")
            .javaAt("print('reader concluded')", "println(\"reader concluded\")");

    @Override public String id() { return "thread-lifecycle"; }
    @Override public String title() { return "The life of a thread"; }
    @Override public String summary() { return "Created, ready, running, blocked on I/O, running, concluded."; }
    @Override public Topic topic() { return Topic.THREADS; }
    @Override public int order() { return 1; }
    @Override public Settings defaults() { return new Settings(1, 1, 1000); }
    @Override public Set<Setting> exposed() { return Set.of(Setting.CORES, Setting.UNIT); }
    @Override public Listing listing() { return LISTING; }

    @Override
    public LessonText text() {
        return new LessonText(
                "Follow the reader lane through all five states: created while main loads its settings, ready while"
                        + " main keeps the only CPU, running, blocked on the disk (using no CPU), running again,"
                        + " concluded. Main is blocked too meanwhile, on join.",
                "Switch the GIL off (two cores) and run it again: why does the reader no longer wait READY?",
                "reader: created → ready → running → blocked → running → concluded; then main concludes.");
    }

    @Override
    public Object run(ScenarioContext ctx) throws Exception {
        Probe p = ctx.probe();
        Thread reader = ctx.thread("reader", () -> {
            p.at(ctx.line("compute_header()")).compute(1);
            p.at(ctx.line("time.sleep(2)")).io("read from disk", () -> {
                ctx.recorder().clock().sleep(ctx.units().toNanos(2)); // a slow disk
                return null;
            });
            p.at(ctx.line("parse(data)")).compute(1);
        });
        p.at(ctx.line("load_settings()")).compute(0.5);
        p.at(ctx.line("reader.start()")).step("start reader");
        reader.start();
        p.at(ctx.line("draw_window()")).compute(0.5);
        p.at(ctx.line("reader.join()")).join(reader);
        p.at(ctx.line("print('reader concluded')")).step("print");
        ctx.log("reader concluded");
        // The path the reader's lane took, as this run recorded it: what the class compares with the expected one.
        return Map.of("reader", path(ctx.recorder().snapshot(), reader));
    }

    /** The states a thread went through, in order, each once per stretch: "created → ready → ...". */
    static String path(List<Event> events, Thread t) {
        List<String> states = new ArrayList<>();
        for (Event e : events) {
            if (e.threadId() != t.getId() || e.state() == null) continue;
            String s = e.state().name().toLowerCase(Locale.ROOT);
            if (states.isEmpty() || !states.get(states.size() - 1).equals(s)) states.add(s);
        }
        return String.join(" → ", states);
    }
}
