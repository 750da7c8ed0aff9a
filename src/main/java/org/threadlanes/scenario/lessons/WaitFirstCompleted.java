package org.threadlanes.scenario.lessons;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.threadlanes.executor.Probe;
import org.threadlanes.scenario.Listing;
import org.threadlanes.scenario.Scenario;
import org.threadlanes.scenario.ScenarioContext;
import org.threadlanes.scenario.Settings;
import org.threadlanes.scenario.Timing;
import org.threadlanes.scenario.Topic;
import org.threadlanes.scenario.lessons.PyExecutor.DoneAndNotDone;
import org.threadlanes.scenario.lessons.PyExecutor.ReturnWhen;

/**
 * Lesson 3.7 (seed 002): {@code concurrent.futures.wait(fs, return_when=FIRST_COMPLETED)} over five tasks that sleep
 * 1 to 5 units on a pool of five; task 3 raises {@code ValueError} when it wakes.
 *
 * <p>Teaches: {@code wait} returns two sets, done and not done, as soon as its condition holds; the tasks not done
 * keep running. Expect main BLOCKED until unit 1, result {@code {"done":1,"notDone":4}}, then main waits for the
 * other four at {@code shutdown(wait=True)}: 5 units in all.
 *
 * <p>The other two conditions are lessons of their own, on the same listing (the ids are the variants):
 * {@code wait-all-completed} ({@link WaitAllCompleted}: {@code {"done":5,"notDone":0}} at unit 5) and
 * {@code wait-first-exception} ({@link WaitFirstException}: {@code {"done":3,"notDone":2}} at unit 3, when task 3
 * fails; tasks 1 and 2 are done by then too).
 */
public class WaitFirstCompleted implements Scenario {
    /** The task that fails, as in the listing. */
    static final int FAILING = 3;

    private final ReturnWhen when;
    private final Listing listing;

    /** The FIRST_COMPLETED variant. */
    public WaitFirstCompleted() {
        this(ReturnWhen.FIRST_COMPLETED);
    }

    WaitFirstCompleted(ReturnWhen when) {
        this.when = when;
        this.listing = listing(when);
        Warmup.ensure();
    }

    private static Listing listing(ReturnWhen when) {
        String python = """
                from concurrent.futures import ThreadPoolExecutor, wait
                from concurrent.futures import FIRST_COMPLETED, FIRST_EXCEPTION, ALL_COMPLETED
                from time import sleep

                def task(n):
                    sleep(n)                                   # blocked: n units
                    if n == 3:
                        raise ValueError('task 3 failed')      # one task fails, at unit 3
                    return 'Return of {}'.format(n)

                pool = ThreadPoolExecutor(5)
                futures = [pool.submit(task, n) for n in range(1, 6)]
                done, not_done = wait(futures, return_when=%s)
                print(len(done), 'done,', len(not_done), 'not done')
                pool.shutdown(wait=True)                       # the others still run to their end
                """.formatted(when.name());
        String waitJava = switch (when) {
            case FIRST_COMPLETED -> """
                    CompletionService<String> cs = new ExecutorCompletionService<>(pool);
                    List<Future<String>> futures = new ArrayList<>();
                    for (int n = 1; n <= 5; n++) { int k = n; futures.add(cs.submit(() -> task(k))); }
                    cs.take();                                  // wait(FIRST_COMPLETED): the first one done
                    """;
            case ALL_COMPLETED -> """
                    List<Future<String>> futures = new ArrayList<>();
                    for (int n = 1; n <= 5; n++) { int k = n; futures.add(pool.submit(() -> task(k))); }
                    for (Future<String> f : futures) {          // wait(ALL_COMPLETED): every one done
                        try { f.get(); } catch (ExecutionException e) { /* done, with an exception */ }
                    }
                    """;
            case FIRST_EXCEPTION -> """
                    CompletionService<String> cs = new ExecutorCompletionService<>(pool);
                    List<Future<String>> futures = new ArrayList<>();
                    for (int n = 1; n <= 5; n++) { int k = n; futures.add(cs.submit(() -> task(k))); }
                    for (int i = 0; i < 5; i++) {               // wait(FIRST_EXCEPTION): the first failure
                        try { cs.take().get(); } catch (ExecutionException e) { break; }
                    }
                    """;
        };
        String java = """
                static String task(int n) throws Exception {
                    Thread.sleep(n * 1000L);                   // blocked: n units
                    if (n == 3) throw new IllegalArgumentException("task 3 failed");
                    return "Return of " + n;
                }

                ExecutorService pool = Executors.newFixedThreadPool(5);
                """ + waitJava + """
                long done = futures.stream().filter(Future::isDone).count();
                System.out.println(done + " done, " + (5 - done) + " not done");
                pool.shutdown();                               // the others still run to their end
                pool.awaitTermination(1, TimeUnit.MINUTES);
                """;
        String waitLine = switch (when) {
            case FIRST_COMPLETED -> "cs.take();";
            case ALL_COMPLETED -> "try { f.get(); }";
            case FIRST_EXCEPTION -> "try { cs.take().get(); }";
        };
        return Listing.of(python, java)
                .javaAt("def task(n):", "static String task(int n)")
                .javaAt("sleep(n)", "Thread.sleep(n * 1000L);")
                .javaAt("if n == 3:", "if (n == 3)")
                .javaAt("raise ValueError(", "if (n == 3)")
                .javaAt("return 'Return of", "return \"Return of \"")
                .javaAt("pool = ThreadPoolExecutor(5)", "ExecutorService pool =")
                .javaAt("futures = [pool.submit(task, n)", "futures.add(")
                .javaAt("done, not_done = wait(", waitLine)
                .javaAt("print(len(done)", "System.out.println(done")
                .javaAt("pool.shutdown(wait=True)", "pool.awaitTermination(");
    }

    @Override
    public String id() {
        return switch (when) {
            case FIRST_COMPLETED -> "wait-first-completed";
            case ALL_COMPLETED -> "wait-all-completed";
            case FIRST_EXCEPTION -> "wait-first-exception";
        };
    }

    @Override
    public String title() {
        return "wait(return_when=" + when + ")";
    }

    @Override
    public String summary() {
        return switch (when) {
            case FIRST_COMPLETED -> "Five sleeping tasks; wait returns as soon as one is done: 1 done, 4 not done.";
            case ALL_COMPLETED -> "Five sleeping tasks; wait returns when every one is done: 5 done, 0 not done.";
            case FIRST_EXCEPTION -> "Five sleeping tasks; wait returns when task 3 fails: 3 done, 2 not done.";
        };
    }

    @Override public Topic topic() { return Topic.POOLS_AND_FUTURES; }

    @Override
    public int order() {
        return switch (when) {
            case FIRST_COMPLETED -> 7;
            case ALL_COMPLETED -> 8;
            case FIRST_EXCEPTION -> 9;
        };
    }

    @Override public Settings defaults() { return new Settings(5, 2, 1000); }
    @Override public Set<Setting> exposed() { return Set.of(Setting.WORKERS, Setting.CORES, Setting.UNIT); }
    @Override public Listing listing() { return listing; }

    /** With a worker per task, the slowest (5 units) sets the end; so in all three variants. */
    @Override
    public List<Timing> timings(Settings settings) {
        return settings.workers() >= 5 ? List.of(new Timing(Timing.ELAPSED, 5)) : List.of();
    }

    @Override
    public LessonText text() {
        return switch (when) {
            case FIRST_COMPLETED -> new LessonText(
                    "main blocks in wait until task 1 wakes at unit 1, then goes on while four tasks still sleep;"
                            + " it blocks again at shutdown(wait=True) until the last one ends.",
                    "wait returned after 1 unit: why does the lesson still take 5?",
                    "1 done, 4 not done at unit 1; 5 units in all.");
            case ALL_COMPLETED -> new LessonText(
                    "main blocks in wait until all five tasks are done, the failing task 3 included: a failure"
                            + " counts as done.",
                    "Task 3 fails at unit 3. Why does wait not return then?",
                    "5 done, 0 not done at unit 5.");
            case FIRST_EXCEPTION -> new LessonText(
                    "main blocks in wait until task 3 raises at unit 3; tasks 1 and 2 are done by then, 4 and 5"
                            + " still sleep.",
                    "Why are there 3 futures in done, and not just the failed one?",
                    "3 done, 2 not done at unit 3; 5 units in all.");
        };
    }

    @Override
    public Object run(ScenarioContext ctx) throws Exception {
        Probe p = ctx.probe();
        p.at(ctx.line("pool = ThreadPoolExecutor(5)")).step("create the pool");
        PyExecutor pool = PyExecutor.of(ctx, ctx.settings().workers(), "worker");
        int sleepLine = ctx.line("sleep(n)"), raiseLine = ctx.line("raise ValueError"),
                returnLine = ctx.line("return 'Return of");

        p.at(ctx.line("futures = [pool.submit(")).step("submit");
        List<PyFuture<String>> futures = new ArrayList<>();
        for (int n = 1; n <= 5; n++) {
            int k = n;
            futures.add(pool.submit("task(" + k + ")", () -> {
                p.at(sleepLine).sleep(k);
                if (k == FAILING) {
                    p.at(raiseLine).step("raise ValueError");
                    throw new PyExecutor.ValueError("task " + k + " failed");
                }
                p.at(returnLine).step("return");
                return "Return of " + k;
            }));
        }

        long t0 = ctx.recorder().now();
        DoneAndNotDone<String> split = PyExecutor.wait(p, futures, when, ctx.line("wait(futures, return_when="));
        double at = ctx.units().toUnits(ctx.recorder().now() - t0);
        p.at(ctx.line("print(len(done)")).step("print");
        ctx.log(split.done().size() + " done, " + split.notDone().size() + " not done (wait returned after "
                + Math.round(at * 10) / 10.0 + " units)");

        p.at(ctx.line("pool.shutdown(wait=True)")).step("shutdown(wait=True)");
        pool.shutdown(true, false);

        Map<String, Object> result = new LinkedHashMap<>();
        result.put("done", split.done().size());
        result.put("notDone", split.notDone().size());
        return result;
    }
}
