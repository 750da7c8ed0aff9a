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
import org.threadlanes.scenario.web.LocalWeb;

/**
 * Lesson 4.1 (seeds 001, 002, 004): CPU-bound against I/O-bound threads, with one core ("the GIL") or several.
 *
 * <p>Teaches: threads that compute need a core the whole time, so with one core (CPython's GIL) six of them take
 * turns, READY while another runs, and finish no sooner than one after another; with N cores, N compute at once.
 * Threads that wait for I/O hold no core while they wait, so six downloads overlap even on one core.
 *
 * <p>The CPU-bound set is the course's {@code is_prime} over its six numbers, computed for real (the result's
 * {@code primes}). Java does each in about 10 ms, which no one could watch, so each task also holds its core for
 * the time CPython needs for the same loop, modelled as 1 unit per {@value #STEPS_PER_UNIT} loop steps counted by
 * the real computation (the core is held for that long in all, real computation included): about 1.06 units for each large prime, 0.33 for the last number (its factor 3306091 ends the
 * loop early), 5.6 units in all. The I/O-bound set is six pages of the local web that each take 2 units to answer.
 *
 * <p>Defaults: 6 workers, 1 core. Expect, with 1 core, the CPU-bound part to take about 5.6 units (speedup about 1)
 * and the I/O-bound part about 2 units (speedup about 6); with {@code --cores 6} the CPU-bound part takes about 1.1
 * units. Result, units measured by the lesson (rounded to 0.01):
 * <pre>{@code
 * {"primes":[true,true,true,true,true,false],"cores":1,
 *  "cpuBound":{"units":5.6,"oneAtATimeUnits":5.6,"speedup":1.0},
 *  "ioBound":{"units":2.0,"oneAtATimeUnits":12.0,"speedup":6.0}}
 * }</pre>
 */
public final class CpuVsIoGil implements Scenario {
    static final List<Long> PRIMES = List.of(112272535095293L, 112582705942171L, 112272535095293L,
            115280095190773L, 115797848077099L, 1099726899285419L);
    /** Loop steps of {@code is_prime} that CPython gets through in one unit (the modelled interpreter speed). */
    static final long STEPS_PER_UNIT = 5_000_000;
    /** Pages of the I/O-bound set and how long each takes to answer. */
    static final int PAGES = 6;
    static final double PAGE_LATENCY = 2;

    private static final Listing LISTING = Listing.of("""
            import math
            from concurrent.futures import ThreadPoolExecutor
            from urllib.request import urlopen

            PRIMES = [112272535095293, 112582705942171, 112272535095293,
                      115280095190773, 115797848077099, 1099726899285419]
            URLS = [web.url('/page/%d' % n) for n in range(1, 7)]

            def is_prime(n):                                   # CPU-bound: needs the interpreter all along
                if n % 2 == 0:
                    return False
                sqrt_n = int(math.floor(math.sqrt(n)))
                for i in range(3, sqrt_n + 1, 2):
                    if n % i == 0:
                        return False
                return True

            def fetch(url):                                    # I/O-bound: waits, holding nothing
                return urlopen(url).read()

            web = local_web()                                  # ThreadLanes' own server on 127.0.0.1
            with ThreadPoolExecutor(max_workers=6) as executor:
                primes = list(executor.map(is_prime, PRIMES))  # 1 core: one at a time, no faster
            with ThreadPoolExecutor(max_workers=6) as executor:
                pages = list(executor.map(fetch, URLS))        # the six waits overlap, even on 1 core
            print(primes)
            """, """
            static boolean isPrime(long n) {                    // CPU-bound
                if (n % 2 == 0) return false;
                long sqrtN = (long) Math.floor(Math.sqrt(n));
                for (long i = 3; i <= sqrtN; i += 2) {
                    if (n % i == 0) return false;
                }
                return true;
            }

            LocalWeb web = localWeb();                          // ThreadLanes' own server on 127.0.0.1
            ExecutorService executor = Executors.newFixedThreadPool(6);
            List<Future<Boolean>> primes = new ArrayList<>();
            for (long n : PRIMES) primes.add(executor.submit(() -> isPrime(n)));
            for (Future<Boolean> f : primes) System.out.println(f.get());  // no GIL in Java: all cores at once

            HttpClient client = HttpClient.newHttpClient();
            List<Future<byte[]>> pages = new ArrayList<>();
            for (URI url : urls) pages.add(executor.submit(() ->   // I/O-bound: waits, holding nothing
                    client.send(HttpRequest.newBuilder(url).build(), BodyHandlers.ofByteArray()).body()));
            for (Future<byte[]> f : pages) f.get();
            executor.shutdown();
            """)
            .javaAt("def is_prime(n):", "static boolean isPrime(long n)")
            .javaAt("if n % 2 == 0:", "if (n % 2 == 0)")
            .javaAt("return False", 1, "if (n % 2 == 0)", 1)
            .javaAt("sqrt_n = int(", "long sqrtN =")
            .javaAt("for i in range(3, sqrt_n + 1, 2):", "for (long i = 3; i <= sqrtN; i += 2)")
            .javaAt("if n % i == 0:", "if (n % i == 0)")
            .javaAt("return False", 2, "if (n % i == 0)", 1)
            .javaAt("return True", "return true;")
            .javaAt("def fetch(url):", "pages.add(executor.submit(() ->")
            .javaAt("return urlopen(url).read()", "client.send(HttpRequest")
            .javaAt("web = local_web()", "LocalWeb web = localWeb();")
            .javaAt("with ThreadPoolExecutor(max_workers=6)", 1, "ExecutorService executor =", 1)
            .javaAt("primes = list(executor.map(is_prime", "System.out.println(f.get());")
            .javaAt("with ThreadPoolExecutor(max_workers=6)", 2, "executor.shutdown();", 1)
            .javaAt("pages = list(executor.map(fetch", "for (Future<byte[]> f : pages) f.get();")
            .javaAt("print(primes)", "System.out.println(f.get());");

    /**
     * Gets is_prime compiled before any run: interpreted, the first calls take ten times longer than the 10 ms the
     * lesson relies on, and with several cores modelled they would pile up on the machine's real ones.
     */
    private static final boolean IS_PRIME_COMPILED = compileIsPrime();

    /** Made by the library, through ServiceLoader. */
    public CpuVsIoGil() {
        Warmup.ensure();
    }

    /** Runs is_prime often enough for the JIT to compile its loop; true (the number is prime) when it did. */
    private static boolean compileIsPrime() {
        long[] steps = {0};
        boolean all = true;
        for (int i = 0; i < 40; i++) all &= isPrime(1_000_000_007L, steps); // 15,800 loop steps each
        return all;
    }

    @Override public String id() { return "cpu-vs-io-gil"; }
    @Override public String title() { return "CPU-bound vs I/O-bound threads, and the GIL"; }
    @Override public String summary() { return "is_prime takes turns on one core; six downloads overlap even so."; }
    @Override public Topic topic() { return Topic.CPU_VS_IO; }
    @Override public int order() { return 1; }
    @Override public Settings defaults() { return new Settings(6, 1, 1000); }
    @Override public Set<Setting> exposed() { return Set.of(Setting.WORKERS, Setting.CORES, Setting.UNIT); }
    @Override public Listing listing() { return LISTING; }

    /**
     * The CPU-bound part takes the sum of the tasks on 1 core and the longest of them with a core each; the
     * I/O-bound part one page's latency, with a worker per page.
     */
    @Override
    public List<Timing> timings(Settings settings) {
        if (settings.workers() < 6) return List.of();
        if (settings.cores() == 1) {
            return List.of(new Timing("cpuBound.units", 5.6), new Timing("ioBound.units", 2));
        }
        if (settings.cores() >= 6) {
            return List.of(new Timing("cpuBound.units", 1.1), new Timing("ioBound.units", 2));
        }
        return List.of(new Timing("ioBound.units", 2));
    }

    @Override
    public LessonText text() {
        return new LessonText(
                "With one core only one is_prime lane is RUNNING; the others are READY, waiting for the core, and"
                        + " they take turns. The six fetches are all BLOCKED on I/O at once: waiting needs no core.",
                "Six threads and one core: why are the downloads six times faster but the primes not at all?"
                        + " What changes with --cores 6?",
                "primes [True, True, True, True, True, False]; 1 core: CPU part about 5.6 units (speedup 1), I/O"
                        + " part about 2 units (speedup 6).");
    }

    @Override
    public Object run(ScenarioContext ctx) throws Exception {
        Probe p = ctx.probe();
        int workers = ctx.settings().workers();
        LocalWeb.Builder site = LocalWeb.builder().page("/", 0, "<h1>pages</h1>");
        for (int n = 1; n <= PAGES; n++) {
            site.page("/page/" + n, PAGE_LATENCY, "<h1>page " + n + "</h1>" + "<p>lorem ipsum</p>".repeat(50 * n));
        }
        LocalWeb web = LessonWeb.start(ctx, site, ctx.line("web = local_web()"));

        // ---- CPU-bound
        int loopLine = ctx.line("for i in range(3, sqrt_n + 1, 2):"), mapLine = ctx.line("executor.map(is_prime");
        long t0 = ctx.recorder().now();
        p.at(ctx.line("with ThreadPoolExecutor(max_workers=6)")).step("create the pool");
        PyExecutor cpuPool = PyExecutor.of(ctx, workers, "prime");
        List<PyFuture<Check>> checks = new ArrayList<>();
        for (long n : PRIMES) {
            checks.add(cpuPool.submit("is_prime(" + n + ")", () -> {
                long[] steps = {0};
                long start = ctx.recorder().now();
                boolean prime = p.at(loopLine).compute("is_prime(" + n + ")", () -> isPrime(n, steps));
                double real = ctx.units().toUnits(ctx.recorder().now() - start);
                double cpython = steps[0] / (double) STEPS_PER_UNIT;
                // Keep the core for the rest of what CPython would spend on that loop.
                if (cpython > real) p.at(loopLine).compute(cpython - real);
                return new Check(prime, Math.max(real, cpython));
            }));
        }
        List<Boolean> primes = new ArrayList<>();
        double oneAtATimeCpu = 0;
        for (PyFuture<Check> f : checks) {
            Check c = p.at(mapLine).get(f);
            primes.add(c.prime());
            oneAtATimeCpu += c.units();
        }
        p.at(ctx.line("with ThreadPoolExecutor(max_workers=6)")).step("leave the with block");
        cpuPool.shutdown(true, false);
        double cpuUnits = ctx.units().toUnits(ctx.recorder().now() - t0);

        // ---- I/O-bound
        int fetchLine = ctx.line("return urlopen(url).read()"), pagesLine = ctx.line("executor.map(fetch");
        long t1 = ctx.recorder().now();
        p.at(ctx.line("with ThreadPoolExecutor(max_workers=6)", 2)).step("create the pool");
        PyExecutor ioPool = PyExecutor.of(ctx, workers, "fetch");
        List<PyFuture<Integer>> fetches = new ArrayList<>();
        for (int n = 1; n <= PAGES; n++) {
            String path = "/page/" + n;
            fetches.add(ioPool.submit("fetch(" + path + ")", () -> LessonWeb.get(p, fetchLine, web.uri(path)).length));
        }
        for (PyFuture<Integer> f : fetches) p.at(pagesLine).get(f);
        p.at(ctx.line("with ThreadPoolExecutor(max_workers=6)", 2)).step("leave the with block");
        ioPool.shutdown(true, false);
        double ioUnits = ctx.units().toUnits(ctx.recorder().now() - t1);

        p.at(ctx.line("print(primes)")).step("print");
        ctx.log("primes " + primes);
        double oneAtATimeIo = PAGES * PAGE_LATENCY;
        ctx.log("CPU-bound: " + round2(cpuUnits) + " units on " + ctx.settings().cores() + " core(s); one at a time "
                + round2(oneAtATimeCpu) + "; speedup " + round2(oneAtATimeCpu / cpuUnits));
        ctx.log("I/O-bound: " + round2(ioUnits) + " units; one at a time " + oneAtATimeIo + "; speedup "
                + round2(oneAtATimeIo / ioUnits));

        Map<String, Object> result = new LinkedHashMap<>();
        result.put("primes", primes);
        result.put("cores", ctx.settings().cores());
        result.put("cpuBound", part(cpuUnits, oneAtATimeCpu));
        result.put("ioBound", part(ioUnits, oneAtATimeIo));
        return result;
    }

    private static Map<String, Object> part(double units, double oneAtATime) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("units", round2(units));
        m.put("oneAtATimeUnits", round2(oneAtATime));
        m.put("speedup", round2(oneAtATime / units));
        return m;
    }

    /**
     * What one is_prime task found, and how long it held its core, in units. (A plain class, not a record: the pool
     * prints each result, and a record's first toString costs a cold JVM tens of milliseconds of bootstrapping.)
     */
    static final class Check {
        private final boolean prime;
        private final double units;

        Check(boolean prime, double units) {
            this.prime = prime;
            this.units = units;
        }

        boolean prime() {
            return prime;
        }

        double units() {
            return units;
        }

        @Override
        public String toString() {
            return prime ? "True" : "False";
        }
    }

    /** The course's is_prime, counting its loop steps into {@code steps[0]}. */
    static boolean isPrime(long n, long[] steps) {
        if (n % 2 == 0) return false;
        long sqrtN = (long) Math.floor(Math.sqrt(n));
        for (long i = 3; i <= sqrtN; i += 2) {
            steps[0]++;
            if (n % i == 0) return false;
        }
        return true;
    }

    static double round2(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
