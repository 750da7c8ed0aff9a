package org.threadlanes.scenario.lessons;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeoutException;

import org.threadlanes.executor.Probe;
import org.threadlanes.scenario.Listing;
import org.threadlanes.scenario.Scenario;
import org.threadlanes.scenario.ScenarioContext;
import org.threadlanes.scenario.Settings;
import org.threadlanes.scenario.Timing;
import org.threadlanes.scenario.Topic;

/**
 * Lesson 3.6 (seeds 002, 003): the methods of a future, on a pool of one worker so that a second task has to queue.
 *
 * <p>Teaches: {@code cancel()} works only while a task waits in the queue; {@code done()} tells without blocking;
 * {@code result(timeout)} gives up with {@code TimeoutError}; {@code exception()} returns the task's exception
 * instead of raising it; and a done-callback runs on the thread that completes the future (the worker), or at once
 * on the caller if the future is already done. The callback writes a log line (0.25 unit of I/O), so its thread
 * shows it: {@code worker-1} BLOCKED(IO) at the callback's line at unit 3, {@code main} at unit 3.25.
 *
 * <p>Expect, in 3.5 units: {@code queued.cancel()} true, {@code slow.cancel()} false, {@code slow.done()} false,
 * {@code slow.result(timeout=1)} TimeoutError at unit 1.5, {@code slow.result()} "hello" at unit 3,
 * {@code slow.done()} true, {@code boom.exception()} "ValueError: bad input", the callback for {@code slow} on
 * {@code worker-1} and for {@code boom} on {@code main}, and {@code queued.cancelled()} true. The result maps each
 * call to what it returned.
 */
public final class FutureApi implements Scenario {
    /** How long the callback's log write takes, in units (long enough to see on a lane). */
    static final double LOG_WRITE_UNITS = 0.25;

    private static final Listing LISTING = Listing.of("""
            from concurrent.futures import ThreadPoolExecutor, TimeoutError
            import threading
            from time import sleep

            def return_after(units, message):
                sleep(units)                                   # blocked: the worker sleeps
                return message

            def fail(message):
                raise ValueError(message)

            def report(fut):                                   # a done-callback: logs the outcome
                log.write(threading.current_thread().name)     # I/O on whichever thread runs it

            pool = ThreadPoolExecutor(max_workers=1)           # one worker: a second task must queue
            slow = pool.submit(return_after, 3, 'hello')       # the worker takes it at once
            queued = pool.submit(return_after, 1, 'later')     # waits in the queue behind slow
            sleep(0.5)
            print(queued.cancel())                             # True: still queued, so it never runs
            print(slow.cancel())                               # False: already running
            print(slow.done())                                 # False
            try:
                slow.result(timeout=1)                         # blocks 1 unit, then gives up
            except TimeoutError:
                print('timed out')
            slow.add_done_callback(report)                     # not done yet: the worker will run it
            print(slow.result())                               # 'hello', at unit 3
            print(slow.done())                                 # True
            boom = pool.submit(fail, 'bad input')
            print(boom.exception())                            # ValueError('bad input'): returned, not raised
            boom.add_done_callback(report)                     # done already: runs now, on main
            pool.shutdown(wait=True)
            """, """
            static String returnAfter(int units, String message) {
                sleep(units * 1000L);                                    // blocked: the worker sleeps
                return message;
            }

            static String fail(String message) {
                throw new IllegalArgumentException(message);
            }

            static void report() {                                       // a done-callback: logs the outcome
                log.write(Thread.currentThread().getName());             // I/O on whichever thread runs it
            }

            ExecutorService pool = Executors.newFixedThreadPool(1);      // a second task must queue
            CompletableFuture<String> slow = CompletableFuture.supplyAsync(() -> returnAfter(3, "hello"), pool);
            CompletableFuture<String> queued = CompletableFuture.supplyAsync(() -> returnAfter(1, "later"), pool);
            Thread.sleep(500);
            System.out.println(queued.cancel(false));          // true: it never runs
            // no slow.cancel(false): a CompletableFuture would say true even while its task runs
            System.out.println(slow.isDone());                 // false
            try {
                slow.get(1, TimeUnit.SECONDS);                 // blocks 1 s, then gives up
            } catch (TimeoutException e) {
                System.out.println("timed out");
            }
            slow.whenComplete((r, e) -> report());             // runs on the thread that completes slow
            System.out.println(slow.get());                    // "hello"
            System.out.println(slow.isDone());                 // true
            CompletableFuture<String> boom = CompletableFuture.supplyAsync(() -> fail("bad input"), pool);
            Throwable t = boom.handle((r, e) -> e).join();     // the exception, returned rather than thrown
            boom.whenComplete((r, e) -> report());             // done already: runs now, on main
            pool.shutdown();
            """)
            .javaAt("def return_after(units, message):", "static String returnAfter(")
            .javaAt("sleep(units)", "sleep(units * 1000L);")
            .javaAt("return message", "return message;")
            .javaAt("def fail(message):", "static String fail(")
            .javaAt("raise ValueError(message)", "throw new IllegalArgumentException(message);")
            .javaAt("def report(fut):", "static void report()")
            .javaAt("log.write(", "log.write(")
            .javaAt("pool = ThreadPoolExecutor(max_workers=1)", "ExecutorService pool =")
            .javaAt("slow = pool.submit(", "CompletableFuture<String> slow =")
            .javaAt("queued = pool.submit(", "CompletableFuture<String> queued =")
            .javaAt("sleep(0.5)", "Thread.sleep(500);")
            .javaAt("print(queued.cancel())", "queued.cancel(false)")
            .javaAt("print(slow.cancel())", "// no slow.cancel(false)")
            .javaAt("print(slow.done())", 1, "System.out.println(slow.isDone());", 1)
            .javaAt("try:", "try {")
            .javaAt("slow.result(timeout=1)", "slow.get(1, TimeUnit.SECONDS);")
            .javaAt("except TimeoutError:", "catch (TimeoutException e)")
            .javaAt("print('timed out')", "println(\"timed out\")")
            .javaAt("slow.add_done_callback(report)", "slow.whenComplete(")
            .javaAt("print(slow.result())", "System.out.println(slow.get());")
            .javaAt("print(slow.done())", 2, "System.out.println(slow.isDone());", 2)
            .javaAt("boom = pool.submit(", "CompletableFuture<String> boom =")
            .javaAt("print(boom.exception())", "Throwable t = boom.handle(")
            .javaAt("boom.add_done_callback(report)", "boom.whenComplete(")
            .javaAt("pool.shutdown(wait=True)", "pool.shutdown();");

    /** Made by the library, through ServiceLoader. */
    public FutureApi() {
        Warmup.ensure();
    }

    @Override public String id() { return "future-api"; }
    @Override public String title() { return "A future's methods, and who runs its callback"; }
    @Override public String summary() { return "cancel, done, result(timeout), exception and add_done_callback."; }
    @Override public Topic topic() { return Topic.POOLS_AND_FUTURES; }
    @Override public int order() { return 6; }
    @Override public Settings defaults() { return new Settings(1, 2, 1000); }
    @Override public Set<Setting> exposed() { return Set.of(Setting.CORES, Setting.UNIT); }
    @Override public Listing listing() { return LISTING; }

    /** The slow task ends at unit 3, the last call at 3.5. */
    @Override
    public List<Timing> timings(Settings settings) {
        return List.of(new Timing(Timing.ELAPSED, 3.5));
    }

    @Override
    public LessonText text() {
        return new LessonText(
                "queued never runs: it was cancelled while it waited. main blocks 1 unit in result(timeout=1) and"
                        + " gives up. When slow finishes, worker-1 runs the callback (a short I/O on its lane); the"
                        + " second callback, added to a future already done, runs on main.",
                "Why can main cancel queued but not slow? And why does the same callback run on two different"
                        + " threads?",
                "cancel: True then False; done: False; TimeoutError; 'hello'; done: True; ValueError('bad input');"
                        + " callbacks on worker-1 and main.");
    }

    @Override
    public Object run(ScenarioContext ctx) throws Exception {
        Probe p = ctx.probe();
        Map<String, String> callbackThreads = new ConcurrentHashMap<>();
        int reportLine = ctx.line("log.write(");
        PyFuture.Callback<String> report = fut -> {
            String name = Thread.currentThread().getName();
            p.at(reportLine).io("log.write (callback for " + fut.label() + ")", () -> {
                ctx.log("callback for " + fut.label() + " runs on " + name);
                ctx.recorder().clock().sleep(ctx.units().toNanos(LOG_WRITE_UNITS));
                return null;
            });
            callbackThreads.put(fut.label(), name);
        };

        p.at(ctx.line("pool = ThreadPoolExecutor(max_workers=1)")).step("create the pool");
        PyExecutor pool = PyExecutor.of(ctx, 1, "worker");
        int sleepLine = ctx.line("sleep(units)"), returnLine = ctx.line("return message");
        CountDownLatch slowStarted = new CountDownLatch(1);

        p.at(ctx.line("slow = pool.submit(")).step("submit slow");
        PyFuture<String> slow = pool.submit("slow", () -> {
            slowStarted.countDown();
            p.at(sleepLine).sleep(3);
            p.at(returnLine).step("return 'hello'");
            return "hello";
        });
        p.at(ctx.line("queued = pool.submit(")).step("submit queued");
        PyFuture<String> queued = pool.submit("queued", () -> {
            p.at(sleepLine).sleep(1);
            return "later";
        });
        p.at(ctx.line("sleep(0.5)")).sleep(0.5);
        // Not in the listing: the course relies on the worker picking slow up within that half unit; on a loaded
        // machine make sure of it, so that slow.cancel() is always the "already running" case.
        slowStarted.await();

        Map<String, Object> result = new LinkedHashMap<>();
        p.at(ctx.line("print(queued.cancel())")).step("queued.cancel()");
        result.put("queued.cancel()", queued.cancel(false));
        p.at(ctx.line("print(slow.cancel())")).step("slow.cancel()");
        result.put("slow.cancel()", slow.cancel(false));
        p.at(ctx.line("print(slow.done())")).step("slow.done()");
        result.put("slow.done() at first", slow.isDone());
        try {
            p.at(ctx.line("slow.result(timeout=1)")).get(slow, 1);
            result.put("slow.result(timeout=1)", "returned");
        } catch (TimeoutException e) {
            p.at(ctx.line("print('timed out')")).step("print");
            result.put("slow.result(timeout=1)", "TimeoutError");
            ctx.log("timed out");
        }
        p.at(ctx.line("slow.add_done_callback(report)")).step("slow.add_done_callback(report)");
        slow.addDoneCallback(report);
        String hello = p.at(ctx.line("print(slow.result())")).get(slow);
        result.put("slow.result()", hello);
        ctx.log(hello);
        p.at(ctx.line("print(slow.done())", 2)).step("slow.done()");
        result.put("slow.done() after result()", slow.isDone());

        p.at(ctx.line("boom = pool.submit(")).step("submit boom");
        int raiseLine = ctx.line("raise ValueError(message)");
        PyFuture<String> boom = pool.submit("boom", () -> {
            p.at(raiseLine).step("raise ValueError");
            throw new PyExecutor.ValueError("bad input");
        });
        Throwable error = exception(p.at(ctx.line("print(boom.exception())")), boom);
        String shown = error == null ? "None" : error.getClass().getSimpleName() + ": " + error.getMessage();
        result.put("boom.exception()", shown);
        ctx.log(shown);
        p.at(ctx.line("boom.add_done_callback(report)")).step("boom.add_done_callback(report)");
        boom.addDoneCallback(report);

        p.at(ctx.line("pool.shutdown(wait=True)")).step("shutdown(wait=True)");
        pool.shutdown(true, false);
        // Safe to read: the workers have ended (shutdown waited for them), and main ran its own callback.
        result.put("callback for slow ran on", callbackThreads.get("slow"));
        result.put("callback for boom ran on", callbackThreads.get("boom"));
        result.put("queued.cancelled()", queued.isCancelled());
        return result;
    }

    /** Python's {@code future.exception()}: waits for the future, then returns its exception (or null). */
    private static Throwable exception(Probe p, PyFuture<?> f) throws InterruptedException {
        try {
            p.get(f);
            return null;
        } catch (java.util.concurrent.ExecutionException e) {
            return e.getCause();
        }
    }
}
