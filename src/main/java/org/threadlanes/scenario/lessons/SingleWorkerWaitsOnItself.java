package org.threadlanes.scenario.lessons;

import java.util.Set;
import java.util.concurrent.Future;

import org.threadlanes.executor.InstrumentedExecutor;
import org.threadlanes.executor.Probe;
import org.threadlanes.scenario.Listing;
import org.threadlanes.scenario.Scenario;
import org.threadlanes.scenario.ScenarioContext;
import org.threadlanes.scenario.Settings;
import org.threadlanes.scenario.Topic;

/**
 * Deadlocks 3 (seed 002): a pool of one worker whose task submits another task and waits for it.
 *
 * <p>Teaches: a pool is a fixed set of workers. A task that blocks on a task queued behind it holds the very worker
 * that task needs: pool starvation. No lock, no cycle between threads the JVM could see: the cycle runs through the
 * pool's queue.
 *
 * <p>Run: {@code run single-worker-waits-on-itself}. Outcome to expect: worker-1 BLOCKED(FUTURE) on pow(5, 2),
 * which stays queued; a deadlock of kind {@code POOL_STARVATION}: "Deadlock (pool starvation): task wait_on_future
 * on worker-1 waits for pow(5, 2), which is queued; the pool's only worker is worker-1." With {@code --workers 2}
 * the same code completes with 25. The other fix: {@link SingleWorkerWaitsOnItselfFixed}.
 */
public final class SingleWorkerWaitsOnItself implements Scenario {
    private static final Listing LISTING = Listing.of("""
            from concurrent.futures import ThreadPoolExecutor

            def wait_on_future():
                f = pool.submit(pow, 5, 2)     # queued: the only worker is busy running this task
                return f.result()              # waits for a task that can never start

            pool = ThreadPoolExecutor(max_workers=1)
            outer = pool.submit(wait_on_future)
            print(outer.result())              # main waits on the stuck task
            """, """
            ExecutorService pool = Executors.newFixedThreadPool(1);
            Future<Integer> outer = pool.submit(() -> {
                Future<Integer> f = pool.submit(() -> (int) Math.pow(5, 2));  // queued behind this task
                return f.get();                                               // never returns
            });
            System.out.println(outer.get());
            """)
            .javaAt("def wait_on_future():", "Future<Integer> outer = pool.submit(() -> {")
            .javaAt("f = pool.submit(pow, 5, 2)", "Future<Integer> f = pool.submit(")
            .javaAt("return f.result()", "return f.get();")
            .javaAt("pool = ThreadPoolExecutor(", "ExecutorService pool =")
            .javaAt("outer = pool.submit(wait_on_future)", "Future<Integer> outer =")
            .javaAt("print(outer.result())", "System.out.println(outer.get());");

    @Override public String id() { return "single-worker-waits-on-itself"; }
    @Override public String title() { return "One worker waits on a task queued behind it"; }
    @Override public String summary() { return "max_workers=1; a task submits pow(5, 2) and waits on it."; }
    @Override public Topic topic() { return Topic.DEADLOCKS; }
    @Override public int order() { return 3; }
    @Override public Settings defaults() { return new Settings(1, 2, 1000); }
    @Override public Set<Setting> exposed() { return Set.of(Setting.WORKERS, Setting.CORES, Setting.UNIT); }
    @Override public Listing listing() { return LISTING; }

    @Override
    public LessonText text() {
        return new LessonText(
                "pow(5, 2) sits in the queue: the pool's only worker is the one waiting for it.",
                "What changes with two workers? And with a hundred tasks like wait_on_future on two workers?",
                "Deadlock (pool starvation) on worker-1; with --workers 2 it prints 25.");
    }

    @Override
    public Object run(ScenarioContext ctx) throws Exception {
        return play(ctx, false);
    }

    /** The lesson and its fix: with {@code fixed}, the task hands back the inner future and main waits for it. */
    static Object play(ScenarioContext ctx, boolean fixed) throws Exception {
        Probe p = ctx.probe();
        p.at(ctx.line("ThreadPoolExecutor(max_workers=1)")).step("create the pool");
        InstrumentedExecutor pool = ctx.pool();
        int submitLine = ctx.line("pool.submit(pow, 5, 2)");
        p.at(ctx.line("outer = pool.submit(wait_on_future)")).step("submit wait_on_future");
        Future<Future<Integer>> handed = null;
        Future<Integer> outer = null;
        if (fixed) {
            handed = pool.submit("wait_on_future", () -> submitPow(p, pool, submitLine));
        } else {
            int resultLine = ctx.line("return f.result()");
            outer = pool.submit("wait_on_future", () -> {
                Future<Integer> f = submitPow(p, pool, submitLine);
                return p.at(resultLine).get(f);
            });
        }
        int value;
        if (fixed) {
            Future<Integer> inner = p.at(ctx.line("inner = outer.result()")).get(handed);
            value = p.at(ctx.line("print(inner.result())")).get(inner);
        } else {
            value = p.at(ctx.line("print(outer.result())")).get(outer);
        }
        ctx.log(Integer.toString(value));
        return value;
    }

    private static Future<Integer> submitPow(Probe p, InstrumentedExecutor pool, int submitLine)
            throws InterruptedException {
        p.at(submitLine).step("submit pow(5, 2)");
        return pool.submit("pow(5, 2)", () -> {
            p.at(submitLine).compute(0.5);
            return (int) Math.pow(5, 2);
        });
    }
}
