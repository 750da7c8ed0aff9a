package org.threadlanes.scenario.lessons;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.threadlanes.executor.Probe;
import org.threadlanes.scenario.Listing;
import org.threadlanes.scenario.Scenario;
import org.threadlanes.scenario.ScenarioContext;
import org.threadlanes.scenario.Settings;
import org.threadlanes.scenario.Timing;
import org.threadlanes.scenario.Topic;

/**
 * Lesson 3.2 (seed 003): why pools. Four tasks that each wait 1 unit, first one after another on the main thread,
 * then on a pool of {@code --workers} threads (default 4).
 *
 * <p>Teaches: waiting tasks do not need a CPU, so a pool overlaps them: the time falls from the sum of the waits to
 * the longest one when there are enough workers. Expect about 4 units sequential and 1 unit pooled with 4 workers
 * (2 with 2 workers, 4 with 1); result {@code {"workers":4,"sequentialUnits":4.0,"poolUnits":1.0,"speedup":4.0}},
 * each phase timed by the lesson itself (units rounded to 0.01).
 */
public final class SequentialVsPool implements Scenario {
    static final int TASKS = 4;

    private static final Listing LISTING = Listing.of("""
            import time
            from concurrent.futures import ThreadPoolExecutor

            def task(n):
                print('Starting task', n)
                time.sleep(1)                                  # blocked: 1 unit, like a slow download
                print('Finished task', n)

            start = time.perf_counter()
            for n in range(4):                                 # one after another: 4 units
                task(n)
            sequential = time.perf_counter() - start

            start = time.perf_counter()
            with ThreadPoolExecutor(max_workers=4) as pool:    # side by side: 1 unit
                pool.map(task, range(4))
            pooled = time.perf_counter() - start
            print('speedup', sequential / pooled)
            """, """
            static void task(int n) throws InterruptedException {
                System.out.println("Starting task " + n);
                Thread.sleep(1000);                             // blocked: 1 unit, like a slow download
                System.out.println("Finished task " + n);
            }

            long start = System.nanoTime();
            for (int n = 0; n < 4; n++) task(n);                // one after another: 4 units
            long sequential = System.nanoTime() - start;

            start = System.nanoTime();
            ExecutorService pool = Executors.newFixedThreadPool(4);
            for (int n = 0; n < 4; n++) { int k = n; pool.submit(() -> { task(k); return null; }); }
            pool.shutdown();
            pool.awaitTermination(1, TimeUnit.MINUTES);        // side by side: 1 unit
            long pooled = System.nanoTime() - start;
            System.out.println("speedup " + (double) sequential / pooled);
            """)
            .javaAt("def task(n):", "static void task(int n)")
            .javaAt("print('Starting task', n)", "println(\"Starting task \"")
            .javaAt("time.sleep(1)", "Thread.sleep(1000);")
            .javaAt("print('Finished task', n)", "println(\"Finished task \"")
            .javaAt("start = time.perf_counter()", 1, "start = System.nanoTime();", 1)
            .javaAt("for n in range(4):", "task(n);")
            .javaAt("    task(n)", "task(n);")
            .javaAt("sequential = time.perf_counter()", "long sequential =")
            .javaAt("start = time.perf_counter()", 2, "start = System.nanoTime();", 2)
            .javaAt("with ThreadPoolExecutor(max_workers=4)", "pool.awaitTermination(")
            .javaAt("pool.map(task, range(4))", "pool.submit(() -> { task(k)")
            .javaAt("pooled = time.perf_counter()", "long pooled =")
            .javaAt("print('speedup'", "println(\"speedup \"");

    /** Made by the library, through ServiceLoader. */
    public SequentialVsPool() {
        Warmup.ensure();
    }

    @Override public String id() { return "sequential-vs-pool"; }
    @Override public String title() { return "Why pools: four waits in a row, then side by side"; }
    @Override public String summary() { return "Four 1-unit tasks: 4 units one after another, 1 unit on 4 workers."; }
    @Override public Topic topic() { return Topic.POOLS_AND_FUTURES; }
    @Override public int order() { return 2; }
    @Override public Settings defaults() { return new Settings(4, 2, 1000); }
    @Override public Set<Setting> exposed() { return Set.of(Setting.WORKERS, Setting.CORES, Setting.UNIT); }
    @Override public Listing listing() { return LISTING; }

    /** Four 1-unit waits: 4 units in a row, then ceil(4 / workers) units on the pool. */
    @Override
    public List<Timing> timings(Settings settings) {
        int waves = (TASKS + settings.workers() - 1) / settings.workers();
        return List.of(new Timing("sequentialUnits", TASKS), new Timing("poolUnits", waves));
    }

    /** A sweep varies the pool: it plots the pooled phase, not the sequential baseline that every run repeats. */
    @Override
    public Optional<String> sweepFigure() {
        return Optional.of("poolUnits");
    }

    @Override
    public LessonText text() {
        return new LessonText(
                "First main sleeps four times in a row. Then four workers sleep at the same time while main waits"
                        + " for the pool: none of them needs a CPU to wait.",
                "With 2 workers, how long will the pooled part take? And with 8?",
                "about 4 units one after another, 1 unit with 4 workers: a speedup of 4.");
    }

    @Override
    public Object run(ScenarioContext ctx) throws Exception {
        Probe p = ctx.probe();
        int workers = ctx.settings().workers();
        int sleepLine = ctx.line("time.sleep(1)");
        int startingLine = ctx.line("print('Starting task'"), finishedLine = ctx.line("print('Finished task'");

        long t0 = ctx.recorder().now();
        for (int n = 0; n < TASKS; n++) {
            p.at(ctx.line("    task(n)")).step("task(" + n + ")");
            task(ctx, p, n, startingLine, sleepLine, finishedLine);
        }
        long sequential = ctx.recorder().now() - t0;

        long t1 = ctx.recorder().now();
        p.at(ctx.line("with ThreadPoolExecutor(max_workers=4)")).step("create the pool");
        PyExecutor pool = PyExecutor.of(ctx, workers, "worker");
        p.at(ctx.line("pool.map(task, range(4))")).step("map task over range(4)");
        for (int n = 0; n < TASKS; n++) {
            int k = n;
            pool.submit("task(" + k + ")", () -> {
                task(ctx, p, k, startingLine, sleepLine, finishedLine);
                return null;
            });
        }
        p.at(ctx.line("with ThreadPoolExecutor(max_workers=4)")).step("leave the with block: shutdown(wait=True)");
        pool.shutdown(true, false);
        long pooled = ctx.recorder().now() - t1;

        double seqUnits = round2(ctx.units().toUnits(sequential)), poolUnits = round2(ctx.units().toUnits(pooled));
        double speedup = round2(seqUnits / poolUnits);
        p.at(ctx.line("print('speedup'")).step("print");
        ctx.log("sequential " + seqUnits + " units, " + workers + " worker(s) " + poolUnits + " units: speedup "
                + speedup);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("workers", workers);
        result.put("sequentialUnits", seqUnits);
        result.put("poolUnits", poolUnits);
        result.put("speedup", speedup);
        return result;
    }

    private static void task(ScenarioContext ctx, Probe p, int n, int startingLine, int sleepLine, int finishedLine)
            throws InterruptedException {
        p.at(startingLine).step("print");
        ctx.log("Starting task " + n);
        p.at(sleepLine).sleep(1);
        p.at(finishedLine).step("print");
        ctx.log("Finished task " + n);
    }

    static double round2(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
