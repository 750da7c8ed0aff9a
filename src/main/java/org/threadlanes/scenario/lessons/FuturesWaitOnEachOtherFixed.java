package org.threadlanes.scenario.lessons;

import java.util.Set;

import org.threadlanes.scenario.Listing;
import org.threadlanes.scenario.Scenario;
import org.threadlanes.scenario.ScenarioContext;
import org.threadlanes.scenario.Settings;
import org.threadlanes.scenario.Topic;

/**
 * Deadlocks 2, the fix of {@link FuturesWaitOnEachOther}: dependencies between tasks go one way only.
 *
 * <p>Teaches: waiting on another task's future is safe as long as the waits form no cycle. Here wait_on_b needs
 * nothing and wait_on_a waits for a; with two workers both run at once and nothing waits in a circle.
 *
 * <p>Run: {@code run futures-wait-on-each-other-fixed}. Outcome to expect: worker-2 BLOCKED(FUTURE) on a until
 * worker-1 finishes; result {@code [5, 6]} after about one unit; no deadlock.
 */
public final class FuturesWaitOnEachOtherFixed implements Scenario {
    private static final Listing LISTING = Listing.of("""
            from concurrent.futures import ThreadPoolExecutor
            import time

            def wait_on_b():
                time.sleep(1)
                return 5                       # needs no other task

            def wait_on_a():
                time.sleep(1)
                return a.result() + 1          # one way only: a never waits for b

            pool = ThreadPoolExecutor(max_workers=2)
            a = pool.submit(wait_on_b)
            b = pool.submit(wait_on_a)
            print(a.result(), b.result())      # 5 6
            """, """
            ExecutorService pool = Executors.newFixedThreadPool(2);
            Future<Integer> a = pool.submit(() -> { Thread.sleep(1000); return 5; });          // needs nothing
            Future<Integer> b = pool.submit(() -> { Thread.sleep(1000); return a.get() + 1; }); // one way only
            System.out.println(a.get() + " " + b.get());                                         // 5 6
            """)
            .javaAt("def wait_on_b():", "Future<Integer> a =")
            .javaAt("time.sleep(1)", 1, "Future<Integer> a =", 1)
            .javaAt("return 5", "Future<Integer> a =")
            .javaAt("def wait_on_a():", "Future<Integer> b =")
            .javaAt("time.sleep(1)", 2, "Future<Integer> b =", 1)
            .javaAt("return a.result() + 1", "Future<Integer> b =")
            .javaAt("pool = ThreadPoolExecutor(", "ExecutorService pool =")
            .javaAt("a = pool.submit(wait_on_b)", "Future<Integer> a =")
            .javaAt("b = pool.submit(wait_on_a)", "Future<Integer> b =")
            .javaAt("print(a.result(), b.result())", "System.out.println(");

    @Override public String id() { return "futures-wait-on-each-other-fixed"; }
    @Override public String title() { return "Two futures, one-way dependency (fixed)"; }
    @Override public String summary() { return "wait_on_a waits for wait_on_b, never the other way round."; }
    @Override public Topic topic() { return Topic.DEADLOCKS; }
    @Override public int order() { return 2; }
    @Override public Settings defaults() { return new Settings(2, 2, 1000); }
    @Override public Set<Setting> exposed() { return Set.of(Setting.CORES, Setting.UNIT); }
    @Override public Listing listing() { return LISTING; }

    @Override
    public LessonText text() {
        return new LessonText(
                "worker-2 still blocks on a future, but the arrow leads to worker-1, which waits for nothing.",
                "Which arrow of the broken version did this fix remove?",
                "[5, 6] after about one unit; no deadlock.");
    }

    @Override
    public Object run(ScenarioContext ctx) throws Exception {
        return FuturesWaitOnEachOther.play(ctx, true);
    }
}
