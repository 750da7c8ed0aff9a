package org.threadlanes.scenario.lessons;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Future;

import org.threadlanes.executor.InstrumentedExecutor;
import org.threadlanes.executor.Probe;
import org.threadlanes.scenario.Listing;
import org.threadlanes.scenario.Scenario;
import org.threadlanes.scenario.ScenarioContext;
import org.threadlanes.scenario.Settings;
import org.threadlanes.scenario.Timing;
import org.threadlanes.scenario.Topic;

/**
 * Lesson 3.1 (seed 001): {@code executor.map(loiter, range(5))} on a pool of three.
 *
 * <p>Teaches: map hands back results in submission order, so the main thread blocks on each future in turn, while
 * the pool runs three tasks at a time. Expect results {@code [0, 10, 20, 30, 40]} after 5 units with 3 workers:
 * loiter(3) starts when loiter(0) ends, loiter(4) when loiter(1) ends, and finishes at 1 + 4 = 5.
 */
public final class LoiterMap implements Scenario {
    private static final Listing LISTING = Listing.of("""
            from concurrent import futures
            from time import sleep

            def loiter(n):
                sleep(n)                         # blocked: doing nothing for n units
                return n * 10

            def main():
                executor = futures.ThreadPoolExecutor(max_workers=3)
                results = executor.map(loiter, range(5))
                for i, result in enumerate(results):   # blocks on each future in order
                    print('result {}: {}'.format(i, result))
                executor.shutdown(wait=True)
            """, """
            ExecutorService executor = Executors.newFixedThreadPool(3);
            List<Future<Integer>> results = new ArrayList<>();
            for (int n = 0; n < 5; n++) {
                int k = n;
                results.add(executor.submit(() -> { Thread.sleep(k * 1000L); return k * 10; }));
            }
            for (int i = 0; i < results.size(); i++) {
                System.out.println("result " + i + ": " + results.get(i).get());  // blocks in order
            }
            executor.shutdown();
            executor.awaitTermination(1, TimeUnit.MINUTES);
            """)
            .javaAt("def loiter(n):", "results.add(executor.submit(")
            .javaAt("sleep(n)", "results.add(executor.submit(")
            .javaAt("return n * 10", "results.add(executor.submit(")
            .javaAt("executor = futures.ThreadPoolExecutor(", "ExecutorService executor =")
            .javaAt("results = executor.map(", "results.add(executor.submit(")
            .javaAt("for i, result in enumerate(results):", "results.get(i).get()")
            .javaAt("print('result {}: {}'", "results.get(i).get()")
            .javaAt("executor.shutdown(wait=True)", "executor.shutdown();");

    @Override public String id() { return "loiter-map"; }
    @Override public String title() { return "executor.map: results in submission order"; }
    @Override public String summary() { return "loiter(0..4) on a pool of three; main blocks on each result in turn."; }
    @Override public Topic topic() { return Topic.POOLS_AND_FUTURES; }
    @Override public int order() { return 1; }
    @Override public Settings defaults() { return new Settings(3, 2, 1000); }
    @Override public Set<Setting> exposed() { return Set.of(Setting.WORKERS, Setting.CORES, Setting.UNIT); }
    @Override public Listing listing() { return LISTING; }

    /** With 3 workers: loiter(4) starts when loiter(0) ends and ends at unit 5. */
    @Override
    public List<Timing> timings(Settings settings) {
        return settings.workers() == 3 ? List.of(new Timing(Timing.ELAPSED, 5)) : List.of();
    }

    @Override
    public LessonText text() {
        return new LessonText(
                "Three workers take loiter(0), (1), (2) at once; loiter(3) and (4) wait in the queue. main blocks on"
                        + " each future in submission order, even when a later one is already done.",
                "With 3 workers, why does the run take 5 units and not 4 (the longest loiter)?",
                "results [0, 10, 20, 30, 40] after 5 units with 3 workers.");
    }

    @Override
    public Object run(ScenarioContext ctx) throws Exception {
        Probe p = ctx.probe();
        p.at(ctx.line("ThreadPoolExecutor(max_workers=3)")).step("create the pool");
        InstrumentedExecutor executor = ctx.pool();
        p.at(ctx.line("executor.map(loiter, range(5))")).step("map loiter over range(5)");
        List<Future<Integer>> futures = new ArrayList<>();
        int sleepLine = ctx.line("sleep(n)"), returnLine = ctx.line("return n * 10");
        for (int n = 0; n < 5; n++) {
            int k = n;
            futures.add(executor.submit("loiter(" + k + ")", () -> {
                p.at(sleepLine).sleep(k);
                p.at(returnLine);
                return k * 10;
            }));
        }
        List<Integer> results = new ArrayList<>();
        int forLine = ctx.line("for i, result in enumerate(results)");
        for (int i = 0; i < futures.size(); i++) {
            int r = p.at(forLine).get(futures.get(i));
            results.add(r);
            ctx.log("result " + i + ": " + r);
        }
        p.at(ctx.line("executor.shutdown(wait=True)")).step("shutdown");
        executor.shutdown();
        return results;
    }
}
