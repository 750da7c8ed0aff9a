package org.threadlanes.scenario.lessons;

import java.util.Set;

import org.threadlanes.scenario.Listing;
import org.threadlanes.scenario.Scenario;
import org.threadlanes.scenario.ScenarioContext;
import org.threadlanes.scenario.Settings;
import org.threadlanes.scenario.Topic;

/**
 * Deadlocks 4, the fix of {@link SingleWorkerWaitsOnItself}: do not block inside the pool.
 *
 * <p>Teaches: a task that needs another task's result can hand back the future instead of waiting for it; the
 * waiting then happens outside the pool (here on main), and the single worker is free to run pow(5, 2).
 *
 * <p>Run: {@code run single-worker-waits-on-itself-fixed}. Outcome to expect: worker-1 runs wait_on_future, then
 * pow(5, 2); main BLOCKED(FUTURE) twice; result {@code 25}; no deadlock, still with one worker.
 */
public final class SingleWorkerWaitsOnItselfFixed implements Scenario {
    private static final Listing LISTING = Listing.of("""
            from concurrent.futures import ThreadPoolExecutor

            def wait_on_future():
                return pool.submit(pow, 5, 2)  # hand the future back: no waiting inside the pool

            pool = ThreadPoolExecutor(max_workers=1)
            outer = pool.submit(wait_on_future)
            inner = outer.result()             # main waits, from outside the pool
            print(inner.result())              # 25
            """, """
            ExecutorService pool = Executors.newFixedThreadPool(1);
            Future<Future<Integer>> outer = pool.submit(() -> pool.submit(() -> (int) Math.pow(5, 2)));
            Future<Integer> inner = outer.get();   // main waits, outside the pool
            System.out.println(inner.get());       // 25
            """)
            .javaAt("def wait_on_future():", "Future<Future<Integer>> outer =")
            .javaAt("return pool.submit(pow, 5, 2)", "Future<Future<Integer>> outer =")
            .javaAt("pool = ThreadPoolExecutor(", "ExecutorService pool =")
            .javaAt("outer = pool.submit(wait_on_future)", "Future<Future<Integer>> outer =")
            .javaAt("inner = outer.result()", "Future<Integer> inner = outer.get();")
            .javaAt("print(inner.result())", "System.out.println(inner.get());");

    @Override public String id() { return "single-worker-waits-on-itself-fixed"; }
    @Override public String title() { return "One worker, no waiting inside the pool (fixed)"; }
    @Override public String summary() { return "The task hands back pow(5, 2)'s future; main waits for it."; }
    @Override public Topic topic() { return Topic.DEADLOCKS; }
    @Override public int order() { return 4; }
    @Override public Settings defaults() { return new Settings(1, 2, 1000); }
    @Override public Set<Setting> exposed() { return Set.of(Setting.WORKERS, Setting.CORES, Setting.UNIT); }
    @Override public Listing listing() { return LISTING; }

    @Override
    public LessonText text() {
        return new LessonText(
                "worker-1 never blocks: it finishes wait_on_future, then takes pow(5, 2) from the queue.",
                "Which thread waits now, and why is that safe?",
                "25, with one worker; no deadlock.");
    }

    @Override
    public Object run(ScenarioContext ctx) throws Exception {
        return SingleWorkerWaitsOnItself.play(ctx, true);
    }
}
