package org.threadlanes.scenario.lessons;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;

import org.threadlanes.executor.InstrumentedExecutor;
import org.threadlanes.executor.Probe;
import org.threadlanes.scenario.Listing;
import org.threadlanes.scenario.Scenario;
import org.threadlanes.scenario.ScenarioContext;
import org.threadlanes.scenario.Settings;
import org.threadlanes.scenario.Topic;

/**
 * Deadlocks 1 (seed 002): two tasks on a pool of two, each waiting for the other's result.
 *
 * <p>Teaches: a future's {@code result()} blocks until its task ends, so two tasks that each wait for the other
 * never end. No lock is involved, which is why the JVM's own deadlock finder sees nothing: a future has no owner.
 *
 * <p>Run: {@code run futures-wait-on-each-other}. Outcome to expect: both workers BLOCKED(FUTURE), main blocked
 * behind them, and a deadlock of kind {@code FUTURE} with the cycle worker-1 → future of wait_on_a → task
 * wait_on_a → worker-2 → future of wait_on_b → task wait_on_b → worker-1. The run never ends by itself; the CLI
 * reports the deadlock, ends every thread and exits 0. The fix: {@link FuturesWaitOnEachOtherFixed}.
 */
public final class FuturesWaitOnEachOther implements Scenario {
    private static final Listing LISTING = Listing.of("""
            from concurrent.futures import ThreadPoolExecutor
            import time

            def wait_on_b():
                time.sleep(1)                  # let both tasks get going
                return 5 + b.result()          # b is waiting for this very task

            def wait_on_a():
                time.sleep(1)
                return 6 + a.result()          # a is waiting for this very task

            pool = ThreadPoolExecutor(max_workers=2)
            a = pool.submit(wait_on_b)
            b = pool.submit(wait_on_a)
            print(a.result(), b.result())      # main waits too; nobody finishes
            """, """
            ExecutorService pool = Executors.newFixedThreadPool(2);
            AtomicReference<Future<Integer>> a = new AtomicReference<>(), b = new AtomicReference<>();
            a.set(pool.submit(() -> { Thread.sleep(1000); return 5 + b.get().get(); }));  // waits for b
            b.set(pool.submit(() -> { Thread.sleep(1000); return 6 + a.get().get(); }));  // waits for a
            System.out.println(a.get().get() + " " + b.get().get());                     // never prints
            """)
            .javaAt("def wait_on_b():", "a.set(pool.submit(")
            .javaAt("time.sleep(1)", 1, "a.set(pool.submit(", 1)
            .javaAt("return 5 + b.result()", "a.set(pool.submit(")
            .javaAt("def wait_on_a():", "b.set(pool.submit(")
            .javaAt("time.sleep(1)", 2, "b.set(pool.submit(", 1)
            .javaAt("return 6 + a.result()", "b.set(pool.submit(")
            .javaAt("pool = ThreadPoolExecutor(", "ExecutorService pool =")
            .javaAt("a = pool.submit(wait_on_b)", "a.set(pool.submit(")
            .javaAt("b = pool.submit(wait_on_a)", "b.set(pool.submit(")
            .javaAt("print(a.result(), b.result())", "System.out.println(");

    @Override public String id() { return "futures-wait-on-each-other"; }
    @Override public String title() { return "Two futures waiting on each other"; }
    @Override public String summary() { return "wait_on_a and wait_on_b each wait for the other's result."; }
    @Override public Topic topic() { return Topic.DEADLOCKS; }
    @Override public int order() { return 1; }
    @Override public Settings defaults() { return new Settings(2, 2, 1000); }
    @Override public Set<Setting> exposed() { return Set.of(Setting.CORES, Setting.UNIT); }
    @Override public Listing listing() { return LISTING; }

    @Override
    public LessonText text() {
        return new LessonText(
                "Both workers sleep, then block on a future. Follow the arrows: each future's task is the other"
                        + " worker's task. main blocks behind them.",
                "Would a third worker help? Why does the JVM's deadlock detector not see this one?",
                "Deadlock (futures): worker-1 and worker-2 wait on each other's futures; the run never ends.");
    }

    @Override
    public Object run(ScenarioContext ctx) throws Exception {
        return play(ctx, false);
    }

    /** The lesson and its fix: with {@code fixed}, wait_on_b needs nothing and wait_on_a waits for a only. */
    static Object play(ScenarioContext ctx, boolean fixed) throws Exception {
        Probe p = ctx.probe();
        p.at(ctx.line("ThreadPoolExecutor(max_workers=2)")).step("create the pool");
        InstrumentedExecutor pool = ctx.pool();
        AtomicReference<Future<Integer>> a = new AtomicReference<>(), b = new AtomicReference<>();
        // The tasks read a and b, which main assigns only once submit returns: the course's sleep covers that; the
        // latch makes sure of it on any machine (a data dependency, so it holds in step mode too).
        CountDownLatch assigned = new CountDownLatch(1);
        int sleepB = ctx.line("time.sleep(1)", 1), sleepA = ctx.line("time.sleep(1)", 2);
        int returnB = ctx.line("return 5"), returnA = ctx.line(fixed ? "return a.result()" : "return 6");

        p.at(ctx.line("a = pool.submit(wait_on_b)")).step("submit wait_on_b");
        a.set(pool.submit("wait_on_b", () -> {
            p.at(sleepB).sleep(1);
            assigned.await();
            if (fixed) {
                p.at(returnB).step("return 5");
                return 5;
            }
            return 5 + p.at(returnB).get(b.get());
        }));
        p.at(ctx.line("b = pool.submit(wait_on_a)")).step("submit wait_on_a");
        b.set(pool.submit("wait_on_a", () -> {
            p.at(sleepA).sleep(1);
            assigned.await();
            return (fixed ? 1 : 6) + p.at(returnA).get(a.get());
        }));
        assigned.countDown();
        int printLine = ctx.line("print(a.result(), b.result())");
        int ra = p.at(printLine).get(a.get());
        int rb = p.at(printLine).get(b.get());
        ctx.log(ra + " " + rb);
        return List.of(ra, rb);
    }
}
