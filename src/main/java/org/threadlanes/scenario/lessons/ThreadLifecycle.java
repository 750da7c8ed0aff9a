package org.threadlanes.scenario.lessons;

import java.util.Map;
import java.util.Set;

import org.threadlanes.executor.Probe;
import org.threadlanes.scenario.Listing;
import org.threadlanes.scenario.Scenario;
import org.threadlanes.scenario.ScenarioContext;
import org.threadlanes.scenario.Settings;
import org.threadlanes.scenario.Topic;

/**
 * Lesson 1.1: the five states of a thread.
 *
 * <p>Teaches: a thread is created, waits ready, runs, blocks on I/O (using no CPU), runs again and concludes.
 * Expect one {@code reader} lane going CREATED → READY → RUNNING → BLOCKED(IO) → RUNNING → CONCLUDED while
 * {@code main} waits for it (BLOCKED on join).
 */
public final class ThreadLifecycle implements Scenario {
    private static final Listing LISTING = Listing.of("""
            import threading, time

            def read_file():
                data = compute_header()        # running: on a CPU
                time.sleep(2)                  # blocked: waiting for the disk
                return parse(data)             # running again

            reader = threading.Thread(name='reader', target=read_file)  # created
            reader.start()                     # ready: waits for a CPU
            reader.join()                      # main blocks until reader concludes
            print('reader concluded')
            """, """
            Thread reader = new Thread(() -> {
                byte[] data = computeHeader();  // running: on a CPU
                Thread.sleep(2000);             // blocked: waiting for the disk
                parse(data);                    // running again
            }, "reader");                       // created
            reader.start();                     // ready: waits for a CPU
            reader.join();                      // main blocks until reader concludes
            System.out.println("reader concluded");
            """)
            .javaAt("def read_file():", "new Thread(() -> {")
            .javaAt("compute_header()", "computeHeader()")
            .javaAt("time.sleep(2)", "Thread.sleep(2000);")
            .javaAt("parse(data)", "parse(data);")
            .javaAt("reader = threading.Thread(", "}, \"reader\");")
            .javaAt("reader.start()", "reader.start();")
            .javaAt("reader.join()", "reader.join();")
            .javaAt("print('reader concluded')", "println(\"reader concluded\")");

    @Override public String id() { return "thread-lifecycle"; }
    @Override public String title() { return "The life of a thread"; }
    @Override public String summary() { return "Created, ready, running, blocked on I/O, running, concluded."; }
    @Override public Topic topic() { return Topic.THREADS; }
    @Override public int order() { return 1; }
    @Override public Settings defaults() { return new Settings(1, 2, 1000); }
    @Override public Set<Setting> exposed() { return Set.of(Setting.CORES, Setting.UNIT); }
    @Override public Listing listing() { return LISTING; }

    @Override
    public LessonText text() {
        return new LessonText(
                "Follow the reader lane through all five states. While it waits for the disk it is blocked and uses"
                        + " no CPU; main is blocked too, on join.",
                "Why does the reader pass through READY before RUNNING, and why again after the I/O?",
                "reader: created → ready → running → blocked (I/O) → running → concluded; then main concludes.");
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
        p.at(ctx.line("reader.start()")).step("start reader");
        reader.start();
        p.at(ctx.line("reader.join()")).join(reader);
        p.at(ctx.line("print('reader concluded')")).step("print");
        ctx.log("reader concluded");
        return Map.of("reader", "concluded");
    }
}
