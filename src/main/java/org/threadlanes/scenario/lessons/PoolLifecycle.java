package org.threadlanes.scenario.lessons;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;

import org.threadlanes.executor.Probe;
import org.threadlanes.scenario.Listing;
import org.threadlanes.scenario.Scenario;
import org.threadlanes.scenario.ScenarioContext;
import org.threadlanes.scenario.Settings;
import org.threadlanes.scenario.Timing;
import org.threadlanes.scenario.Topic;
import org.threadlanes.scenario.lessons.PyExecutor.ReturnWhen;

/**
 * Lesson 3.3 (seed 003): the life of a pool: create, submit, wait, shut down; then a shutdown that cancels what is
 * still queued.
 *
 * <p>Teaches: a pool's workers are named with a prefix ({@code loader-1}, {@code loader-2}); an initializer runs once
 * on each worker, before its first task (0.5 unit: it "opens a connection"); {@code wait} blocks until every future
 * is done; {@code shutdown(wait=True)} waits for the workers. Then a second pool ({@code batch-1}, {@code batch-2})
 * gets six tasks and is shut down at once with {@code cancel_futures=True}: the two tasks already on a worker run to
 * their end, the four still queued are cancelled and never start.
 *
 * <p>Both pools have two workers (fixed: the lesson is about the lifecycle, not the size). Expect 3.5 units: round
 * one 0.5 + 2, round two 1. Result: what happened to each future, and how often the initializer ran on each worker:
 * <pre>{@code
 * {"initializer":{"loader-1":1,"loader-2":1},
 *  "roundOne":{"task(0)":"done: 0","task(1)":"done: 1","task(2)":"done: 4","task(3)":"done: 9"},
 *  "roundTwo":{"task(0)":"done: 0","task(1)":"done: 1","task(2)":"cancelled",...,"task(5)":"cancelled"}}
 * }</pre>
 */
public final class PoolLifecycle implements Scenario {
    static final int WORKERS = 2;

    private static final Listing LISTING = Listing.of("""
            from concurrent.futures import ThreadPoolExecutor, wait
            import threading, time

            local = threading.local()

            def init_worker():                                 # once in each worker, before its first task
                time.sleep(0.5)                                # e.g. open a connection
                local.conn = 'connection of ' + threading.current_thread().name

            def task(n):
                time.sleep(1)                                  # blocked: 1 unit of work
                return n * n

            # 1. create  2. submit  3. wait  4. shut down
            pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix='loader', initializer=init_worker)
            futures = [pool.submit(task, n) for n in range(4)]
            wait(futures)                                      # until all four are done
            pool.shutdown(wait=True)                           # the workers end

            # a shutdown that cancels what is still queued
            pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix='batch')
            futures = [pool.submit(task, n) for n in range(6)]
            pool.shutdown(wait=True, cancel_futures=True)      # 2 run to their end, 4 never start
            print([f.cancelled() for f in futures])
            """, """
            ThreadLocal<String> conn = new ThreadLocal<>();

            static void initWorker() throws InterruptedException {
                Thread.sleep(500);                              // e.g. open a connection
                conn.set("connection of " + Thread.currentThread().getName());
            }

            static int task(int n) throws InterruptedException {
                Thread.sleep(1000);                             // blocked: 1 unit of work
                return n * n;
            }

            ThreadFactory named = r -> new Thread(() -> {
                initWorker();                                   // once in each worker, before its first task
                r.run();
            }, "loader-" + count.incrementAndGet());

            ExecutorService pool = Executors.newFixedThreadPool(2, named);
            List<Future<Integer>> futures = new ArrayList<>();
            for (int n = 0; n < 4; n++) { int k = n; futures.add(pool.submit(() -> task(k))); }
            for (Future<Integer> f : futures) f.get();          // wait until all four are done
            pool.shutdown();
            pool.awaitTermination(1, TimeUnit.MINUTES);         // the workers end

            ExecutorService batch = Executors.newFixedThreadPool(2);
            List<Future<Integer>> more = new ArrayList<>();
            for (int n = 0; n < 6; n++) { int k = n; more.add(batch.submit(() -> task(k))); }
            batch.shutdown();
            List<Runnable> queued = new ArrayList<>();
            ((ThreadPoolExecutor) batch).getQueue().drainTo(queued);
            queued.forEach(r -> ((Future<?>) r).cancel(false)); // 2 run to their end, 4 never start
            batch.awaitTermination(1, TimeUnit.MINUTES);
            System.out.println(more.stream().map(Future::isCancelled).toList());
            """)
            .javaAt("local = threading.local()", "ThreadLocal<String> conn")
            .javaAt("def init_worker():", "static void initWorker()")
            .javaAt("time.sleep(0.5)", "Thread.sleep(500);")
            .javaAt("local.conn = ", "conn.set(")
            .javaAt("def task(n):", "static int task(int n)")
            .javaAt("time.sleep(1)", "Thread.sleep(1000);")
            .javaAt("return n * n", "return n * n;")
            .javaAt("thread_name_prefix='loader'", "ExecutorService pool =")
            .javaAt("futures = [pool.submit(task, n) for n in range(4)]", "futures.add(pool.submit(")
            .javaAt("wait(futures)", "f.get();")
            .javaAt("pool.shutdown(wait=True)", 1, "pool.awaitTermination(", 1)
            .javaAt("thread_name_prefix='batch'", "ExecutorService batch =")
            .javaAt("futures = [pool.submit(task, n) for n in range(6)]", "more.add(batch.submit(")
            .javaAt("cancel_futures=True", "batch.awaitTermination(")
            .javaAt("print([f.cancelled()", "System.out.println(more.stream()");

    /** Made by the library, through ServiceLoader. */
    public PoolLifecycle() {
        Warmup.ensure();
    }

    @Override public String id() { return "pool-lifecycle"; }
    @Override public String title() { return "A pool's life: create, submit, wait, shut down"; }
    @Override public String summary() { return "Named workers, an initializer per worker, and a shutdown that cancels."; }
    @Override public Topic topic() { return Topic.POOLS_AND_FUTURES; }
    @Override public int order() { return 3; }
    @Override public Settings defaults() { return new Settings(WORKERS, 2, 1000); }
    @Override public Set<Setting> exposed() { return Set.of(Setting.CORES, Setting.UNIT); }
    @Override public Listing listing() { return LISTING; }

    /** Both pools in turn, initializers included. */
    @Override
    public List<Timing> timings(Settings settings) {
        return List.of(new Timing(Timing.ELAPSED, 3.5));
    }

    @Override
    public LessonText text() {
        return new LessonText(
                "loader-1 and loader-2 each run init_worker once, before their first task, then two tasks each."
                        + " In the second pool only two tasks ever start: the shutdown cancels the four still"
                        + " queued.",
                "Why do exactly two tasks of the second pool run, and which two?",
                "round one: four tasks done, the initializer once per worker; round two: task(0) and task(1)"
                        + " done, task(2)..task(5) cancelled.");
    }

    @Override
    public Object run(ScenarioContext ctx) throws Exception {
        Probe p = ctx.probe();
        int sleepLine = ctx.line("time.sleep(1)"), returnLine = ctx.line("return n * n");
        int initSleepLine = ctx.line("time.sleep(0.5)"), initSetLine = ctx.line("local.conn =");
        Map<String, Integer> initRuns = new ConcurrentHashMap<>();

        // ---- round one: create, submit, wait, shut down
        p.at(ctx.line("thread_name_prefix='loader'")).step("create the pool");
        PyExecutor loaders = PyExecutor.of(ctx, WORKERS, "loader").initializer(() -> {
            String me = Thread.currentThread().getName();
            ctx.log(me + ": init_worker");
            p.at(initSleepLine).sleep(0.5);
            p.at(initSetLine).step("local.conn = ...");
            initRuns.merge(me, 1, Integer::sum);
        });
        p.at(ctx.line("futures = [pool.submit(task, n) for n in range(4)]")).step("submit");
        List<PyFuture<Integer>> first = submitAll(loaders, p, 4, sleepLine, returnLine);
        PyExecutor.wait(p, first, ReturnWhen.ALL_COMPLETED, ctx.line("wait(futures)"));
        p.at(ctx.line("pool.shutdown(wait=True)")).step("shutdown(wait=True)");
        loaders.shutdown(true, false);

        // ---- round two: shut down at once, cancelling what is still queued
        p.at(ctx.line("thread_name_prefix='batch'")).step("create the pool");
        PyExecutor batch = PyExecutor.of(ctx, WORKERS, "batch");
        p.at(ctx.line("futures = [pool.submit(task, n) for n in range(6)]")).step("submit");
        List<PyFuture<Integer>> second = submitAll(batch, p, 6, sleepLine, returnLine);
        p.at(ctx.line("cancel_futures=True")).step("shutdown(wait=True, cancel_futures=True)");
        batch.shutdown(true, true);
        p.at(ctx.line("print([f.cancelled()")).step("print");
        List<Boolean> cancelled = new ArrayList<>();
        for (PyFuture<Integer> f : second) cancelled.add(f.isCancelled());
        ctx.log(cancelled.toString());

        Map<String, Object> result = new LinkedHashMap<>();
        result.put("initializer", new TreeMap<>(initRuns));
        result.put("roundOne", outcomes(first));
        result.put("roundTwo", outcomes(second));
        return result;
    }

    private static List<PyFuture<Integer>> submitAll(PyExecutor pool, Probe p, int count, int sleepLine,
                                                     int returnLine) {
        List<PyFuture<Integer>> futures = new ArrayList<>();
        for (int n = 0; n < count; n++) {
            int k = n;
            futures.add(pool.submit("task(" + k + ")", () -> {
                p.at(sleepLine).sleep(1);
                p.at(returnLine).step("return " + k * k);
                return k * k;
            }));
        }
        return futures;
    }

    /** What happened to each future, by its label, in submission order. */
    private static Map<String, String> outcomes(List<PyFuture<Integer>> futures) throws InterruptedException {
        Map<String, String> out = new LinkedHashMap<>();
        for (PyFuture<Integer> f : futures) {
            String what;
            if (f.isCancelled()) {
                what = "cancelled";
            } else if (!f.isDone()) {
                what = "not done";
            } else {
                try {
                    what = "done: " + f.get();
                } catch (ExecutionException e) {
                    what = "failed: " + e.getCause();
                }
            }
            out.put(f.label(), what);
        }
        return out;
    }
}
