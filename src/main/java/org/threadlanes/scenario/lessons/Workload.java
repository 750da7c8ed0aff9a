package org.threadlanes.scenario.lessons;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Future;

import org.threadlanes.analysis.SweepProfile;
import org.threadlanes.executor.InstrumentedExecutor;
import org.threadlanes.executor.Probe;
import org.threadlanes.executor.Units;
import org.threadlanes.scenario.Listing;
import org.threadlanes.scenario.Scenario;
import org.threadlanes.scenario.ScenarioContext;
import org.threadlanes.scenario.Settings;
import org.threadlanes.scenario.SweepShape;
import org.threadlanes.scenario.Topic;

/*
 * Experiments 1 (seeds 003 and 004: "use threads for I/O-bound tasks"): a workload made for pool-size experiments.
 *
 * Teaches: a task that computes for C units and then waits on I/O for W units keeps a core busy only C / (C + W)
 * of its time, so one core can serve 1 + W / C workers before it saturates. Adding workers shortens the run until
 * workers = cores x (1 + W / C) (the knee), and then stops helping: the CPU is the bottleneck.
 *
 * Run it: java -jar target/threadlanes.jar run workload --workers 4 --cores 1 --unit-ms 20
 *         java -jar target/threadlanes.jar sweep workload --workers 1..8 --cores 1,2 --unit-ms 20
 * Expect (defaults: 20 tasks of 1 CPU + 3 I/O units): 80 units on 1 worker; about 20 units from 4 workers on with
 * 1 core, about 10 units from 8 workers on with 2 cores.
 */

/**
 * The {@code workload} lesson: {@value #DEFAULT_TASKS} tasks, each computing for {@value #DEFAULT_CPU} unit
 * (RUNNING, holding a modelled core) and then fetching for {@value #DEFAULT_IO} units (BLOCKED(IO), holding none),
 * on a pool of the run's size. Task {@code i} returns {@link #expected(int)}, so a run can check every result.
 *
 * <p>The task count and the CPU / I/O mix are not {@link Settings} (those are the same three knobs for every
 * lesson): the library registers the defaults, and the sweep command's {@code --tasks}, {@code --cpu} and
 * {@code --io} options make a {@link #Workload(int, double, double) custom instance}.
 */
public final class Workload implements Scenario, SweepShape {
    /** The registered lesson's task count. */
    public static final int DEFAULT_TASKS = 20;
    /** The registered lesson's CPU units per task. */
    public static final double DEFAULT_CPU = 1;
    /** The registered lesson's I/O units per task. */
    public static final double DEFAULT_IO = 3;
    /** Largest task count a custom workload may have. */
    public static final int MAX_TASKS = 10_000;
    /** Largest CPU or I/O units per task a custom workload may have. */
    public static final double MAX_UNITS = 100;

    private static final Listing LISTING = Listing.of("""
            from concurrent.futures import ThreadPoolExecutor

            TASKS, CPU, IO = 20, 1, 3            # a task: 1 unit of work, then 3 of waiting

            def job(i):
                digest = crunch(i, CPU)          # running: needs a CPU core
                page = fetch(i, IO)              # blocked on I/O: needs no core
                return digest + page

            def main():
                with ThreadPoolExecutor(max_workers=WORKERS) as executor:
                    futures = [executor.submit(job, i) for i in range(TASKS)]
                    results = [f.result() for f in futures]
                print(len(results), 'tasks done')
            """, """
            static long job(int i) throws Exception {
                long digest = crunch(i, CPU);    // running: needs a CPU core
                long page = fetch(i, IO);        // blocked on I/O: needs no core
                return digest + page;
            }

            ExecutorService executor = Executors.newFixedThreadPool(workers);
            List<Future<Long>> futures = new ArrayList<>();
            for (int i = 0; i < TASKS; i++) {
                int k = i;
                futures.add(executor.submit(() -> job(k)));
            }
            List<Long> results = new ArrayList<>();
            for (Future<Long> f : futures) results.add(f.get());
            executor.shutdown();
            System.out.println(results.size() + " tasks done");
            """)
            .javaAt("def job(i):", "static long job(int i)")
            .javaAt("digest = crunch(i, CPU)", "long digest = crunch(i, CPU);")
            .javaAt("page = fetch(i, IO)", "long page = fetch(i, IO);")
            .javaAt("return digest + page", "return digest + page;")
            .javaAt("with ThreadPoolExecutor(max_workers=WORKERS)", "ExecutorService executor =")
            .javaAt("executor.submit(job, i)", "executor.submit(() -> job(k))")
            .javaAt("results = [f.result() for f in futures]", "results.add(f.get());")
            .javaAt("print(len(results)", "System.out.println(results.size()");

    private final int tasks;
    private final double cpuUnits;
    private final double ioUnits;

    /** The registered lesson: {@value #DEFAULT_TASKS} tasks of {@value #DEFAULT_CPU} CPU + {@value #DEFAULT_IO} I/O. */
    public Workload() {
        this(DEFAULT_TASKS, DEFAULT_CPU, DEFAULT_IO);
    }

    /**
     * A workload of another shape, for experiments.
     *
     * @throws IllegalArgumentException naming the first value out of range (tasks 1..{@value #MAX_TASKS}; CPU and
     *                                  I/O 0..{@value #MAX_UNITS} units, not both 0)
     */
    public Workload(int tasks, double cpuUnits, double ioUnits) {
        if (tasks < 1 || tasks > MAX_TASKS) {
            throw new IllegalArgumentException("tasks must be 1.." + MAX_TASKS + ", not " + tasks);
        }
        if (!(cpuUnits >= 0 && cpuUnits <= MAX_UNITS)) {
            throw new IllegalArgumentException("cpu must be 0.." + fmt(MAX_UNITS) + " units, not " + cpuUnits);
        }
        if (!(ioUnits >= 0 && ioUnits <= MAX_UNITS)) {
            throw new IllegalArgumentException("io must be 0.." + fmt(MAX_UNITS) + " units, not " + ioUnits);
        }
        if (cpuUnits + ioUnits == 0) throw new IllegalArgumentException("a task needs some cpu or io units");
        this.tasks = tasks;
        this.cpuUnits = cpuUnits;
        this.ioUnits = ioUnits;
    }

    /** Number of tasks the lesson submits. */
    public int tasks() {
        return tasks;
    }

    /** CPU units per task. */
    public double cpuUnits() {
        return cpuUnits;
    }

    /** I/O units per task. */
    public double ioUnits() {
        return ioUnits;
    }

    /**
     * Where adding workers stops helping: {@code cores × (1 + io / cpu)}, the number of workers that keeps every
     * core busy. Infinite when the tasks do no CPU work.
     */
    public double knee(int cores) {
        return cpuUnits == 0 ? Double.POSITIVE_INFINITY : cores * (1 + ioUnits / cpuUnits);
    }

    /** The shape a sweep's ideal curve uses: {@link #tasks()} tasks of {@link #cpuUnits()} + {@link #ioUnits()}. */
    @Override
    public SweepProfile sweepProfile() {
        return new SweepProfile(tasks, cpuUnits, ioUnits);
    }

    /** What task {@code i} returns: its digest ({@code i * i}) plus its page ({@code 1000 + i}). */
    public static long expected(int i) {
        return (long) i * i + 1000 + i;
    }

    @Override public String id() { return "workload"; }
    @Override public String title() { return "Workload: CPU and I/O, and the knee of the pool size"; }

    @Override
    public String summary() {
        return tasks + " tasks of " + fmt(cpuUnits) + " CPU + " + fmt(ioUnits) + " I/O units; more workers help "
                + "until the cores are busy.";
    }

    @Override public Topic topic() { return Topic.EXPERIMENTS; }
    @Override public int order() { return 1; }
    @Override public Settings defaults() { return new Settings(2, 2, 250); }
    @Override public Set<Setting> exposed() { return Set.of(Setting.WORKERS, Setting.CORES, Setting.UNIT); }
    @Override public Listing listing() { return LISTING; }

    @Override
    public LessonText text() {
        return new LessonText(
                "Each worker computes (running) for " + fmt(cpuUnits) + " unit, then waits on I/O (blocked) for "
                        + fmt(ioUnits) + ". While it waits, its core is free for another worker. Change the workers"
                        + " while it runs and watch throughput and core utilization.",
                "With 2 cores, how many workers keep both cores busy? What do more workers than that buy?",
                "The run gets shorter up to workers = cores x (1 + I/O / CPU) = " + fmt(knee(1))
                        + " per core, then stays flat: the cores are saturated.");
    }

    @Override
    public Object run(ScenarioContext ctx) throws Exception {
        Probe p = ctx.probe();
        p.at(ctx.line("ThreadPoolExecutor(max_workers=WORKERS)")).step("create the pool");
        InstrumentedExecutor executor = ctx.pool();
        int submitLine = ctx.line("executor.submit(job, i)");
        int crunchLine = ctx.line("crunch(i, CPU)"), fetchLine = ctx.line("fetch(i, IO)");
        int returnLine = ctx.line("return digest + page");
        List<Future<Long>> futures = new ArrayList<>(tasks);
        for (int i = 0; i < tasks; i++) {
            int k = i;
            p.at(submitLine);
            futures.add(executor.submit("job(" + k + ")", () -> {
                p.at(crunchLine).compute(cpuUnits);
                long digest = (long) k * k;
                long page = p.at(fetchLine).io("fetch " + k, () -> {
                    // I/O in run time, so pausing the run pauses the fetch too.
                    ctx.recorder().clock().sleep(ctx.units().toNanos(ioUnits));
                    return 1000L + k;
                });
                p.at(returnLine);
                return digest + page;
            }));
        }
        List<Long> results = new ArrayList<>(tasks);
        int resultLine = ctx.line("f.result() for f in futures");
        for (Future<Long> f : futures) results.add(p.at(resultLine).get(f));
        executor.shutdown();
        p.at(ctx.line("print(len(results)")).step("print");
        ctx.log(results.size() + " tasks done");
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("tasks", tasks);
        out.put("results", results);
        return out;
    }

    private static String fmt(double v) {
        return Units.format(v);
    }
}
