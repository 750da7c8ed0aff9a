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

/**
 * Lesson 3.4 (seed 001): {@code loiter(n)} over {@code [4, 1, 2, 5, 3]} on three workers, read back with
 * {@code submit} + {@code as_completed}.
 *
 * <p>Teaches: {@code as_completed} hands futures back in the order they finish, not the order they were submitted,
 * so the main thread gets each result as soon as it exists. Expect loiter(5) to start when loiter(1) ends and
 * loiter(3) when loiter(2) ends; results arrive at units 1, 2, 4, 5 and 6; result
 * {@code {"completionOrder":[10,20,40,30,50]}} after 6 units with 3 workers.
 *
 * <p>The listing has a second variant, {@code with_map}, run by the lesson {@code loiter-as-completed-map}
 * ({@link LoiterAsCompletedMap}): the same work read through {@code executor.map}, in submission order.
 */
public class LoiterAsCompleted implements Scenario {
    static final List<Integer> NS = List.of(4, 1, 2, 5, 3);

    static final Listing LISTING = Listing.of("""
            from concurrent import futures
            from time import sleep

            def loiter(n):
                sleep(n)                                    # blocked: doing nothing for n units
                return n * 10

            def with_as_completed(executor):                # lesson loiter-as-completed
                to_do = [executor.submit(loiter, n) for n in [4, 1, 2, 5, 3]]
                for future in futures.as_completed(to_do):  # blocks until the next one is done
                    print(future.result())                  # completion order: 10 20 40 30 50

            def with_map(executor):                         # lesson loiter-as-completed-map
                results = executor.map(loiter, [4, 1, 2, 5, 3])
                for result in results:                      # blocks on loiter(4), later on loiter(5)
                    print(result)                           # submission order: 40 10 20 50 30

            with futures.ThreadPoolExecutor(max_workers=3) as executor:
                with_as_completed(executor)                 # or: with_map(executor)
            """, """
            static int loiter(int n) throws InterruptedException {
                Thread.sleep(n * 1000L);                    // doing nothing for n units
                return n * 10;
            }

            ExecutorService executor = Executors.newFixedThreadPool(3);
            List<Integer> ns = List.of(4, 1, 2, 5, 3);

            // loiter-as-completed: a CompletionService hands futures back as they finish
            CompletionService<Integer> done = new ExecutorCompletionService<>(executor);
            for (int n : ns) done.submit(() -> loiter(n));
            for (int i = 0; i < ns.size(); i++) {
                System.out.println(done.take().get());      // completion order: 10 20 40 30 50
            }

            // loiter-as-completed-map: futures read in submission order
            List<Future<Integer>> results = new ArrayList<>();
            for (int n : ns) results.add(executor.submit(() -> loiter(n)));
            for (Future<Integer> f : results) {
                System.out.println(f.get());                // blocks on loiter(4), later on loiter(5)
            }
            executor.shutdown();
            executor.awaitTermination(1, TimeUnit.MINUTES);
            """)
            .javaAt("def loiter(n):", "static int loiter(int n)")
            .javaAt("sleep(n)", "Thread.sleep(n * 1000L);")
            .javaAt("return n * 10", "return n * 10;")
            .javaAt("to_do = [executor.submit(", "done.submit(() -> loiter(n));")
            .javaAt("futures.as_completed(to_do)", "done.take().get()")
            .javaAt("print(future.result())", "done.take().get()")
            .javaAt("results = executor.map(", "results.add(executor.submit(")
            .javaAt("for result in results:", "System.out.println(f.get());")
            .javaAt("print(result)", "System.out.println(f.get());")
            .javaAt("with futures.ThreadPoolExecutor(", "ExecutorService executor =");

    private final boolean viaMap;

    /** The {@code as_completed} variant. */
    public LoiterAsCompleted() {
        this(false);
    }

    LoiterAsCompleted(boolean viaMap) {
        this.viaMap = viaMap;
        Warmup.ensure();
    }

    @Override
    public String id() {
        return viaMap ? "loiter-as-completed-map" : "loiter-as-completed";
    }

    @Override
    public String title() {
        return viaMap ? "executor.map: blocked on the slowest" : "submit + as_completed: results as they finish";
    }

    @Override
    public String summary() {
        return viaMap ? "loiter over [4, 1, 2, 5, 3] through map: results in submission order."
                : "loiter over [4, 1, 2, 5, 3] on three workers: results in completion order.";
    }

    @Override public Topic topic() { return Topic.POOLS_AND_FUTURES; }
    @Override public int order() { return viaMap ? 5 : 4; }
    @Override public Settings defaults() { return new Settings(3, 2, 1000); }
    @Override public Set<Setting> exposed() { return Set.of(Setting.WORKERS, Setting.CORES, Setting.UNIT); }
    @Override public Listing listing() { return LISTING; }

    /** With 3 workers: loiter(3) starts when loiter(2) ends, at unit 3, and ends at unit 6. */
    @Override
    public List<Timing> timings(Settings settings) {
        return settings.workers() == 3 ? List.of(new Timing(Timing.ELAPSED, 6)) : List.of();
    }

    @Override
    public LessonText text() {
        if (viaMap) {
            return new LessonText(
                    "The same five loiters, read through map: main blocks on loiter(4) although loiter(1) and"
                            + " loiter(2) are done, then collects them at once, then blocks again on loiter(5).",
                    "The work and the pool are the same as with as_completed: why does main get its first result"
                            + " 3 units later?",
                    "results in submission order [40, 10, 20, 50, 30]; 6 units in all, like as_completed.");
        }
        return new LessonText(
                "Three workers take loiter(4), (1), (2); loiter(5) starts when loiter(1) ends, loiter(3) when"
                        + " loiter(2) ends. main wakes each time a future is done and prints its result at once.",
                "Which result does main print first, and why is it not 40?",
                "completion order [10, 20, 40, 30, 50], at units 1, 2, 4, 5 and 6.");
    }

    @Override
    public Object run(ScenarioContext ctx) throws Exception {
        Probe p = ctx.probe();
        p.at(ctx.line("with futures.ThreadPoolExecutor")).step("create the pool");
        PyExecutor executor = PyExecutor.of(ctx, ctx.settings().workers(), "worker");
        int sleepLine = ctx.line("sleep(n)"), returnLine = ctx.line("return n * 10");

        p.at(ctx.line(viaMap ? "results = executor.map(" : "to_do = [executor.submit(")).step("submit");
        List<PyFuture<Integer>> toDo = new ArrayList<>();
        for (int n : NS) {
            toDo.add(executor.submit("loiter(" + n + ")", () -> {
                ctx.log("loiter(" + n + "): doing nothing for " + n + " units...");
                p.at(sleepLine).sleep(n);
                p.at(returnLine).step("return " + n * 10);
                return n * 10;
            }));
        }

        List<Integer> results = new ArrayList<>();
        if (viaMap) {
            int forLine = ctx.line("for result in results:");
            for (PyFuture<Integer> f : toDo) {
                int r = p.at(forLine).get(f);
                p.at(ctx.line("print(result)")).step("print");
                results.add(r);
                ctx.log("result: " + r);
            }
        } else {
            int printLine = ctx.line("print(future.result())");
            for (PyFuture<Integer> f : PyExecutor.asCompleted(p, toDo, ctx.line("futures.as_completed(to_do)"))) {
                int r = p.at(printLine).get(f);
                results.add(r);
                ctx.log("result: " + r);
            }
        }
        p.at(ctx.line("with futures.ThreadPoolExecutor")).step("leave the with block: shutdown(wait=True)");
        executor.shutdown(true, false);

        Map<String, Object> result = new LinkedHashMap<>();
        result.put(viaMap ? "submissionOrder" : "completionOrder", results);
        return result;
    }
}
