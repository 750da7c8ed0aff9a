package org.threadlanes.scenario.lessons;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.threadlanes.executor.Probe;
import org.threadlanes.scenario.Listing;
import org.threadlanes.scenario.Scenario;
import org.threadlanes.scenario.ScenarioContext;
import org.threadlanes.scenario.Settings;
import org.threadlanes.scenario.Timing;
import org.threadlanes.scenario.Topic;
import org.threadlanes.scenario.web.LocalWeb;
import org.threadlanes.scenario.web.WebClient;

/**
 * Lesson 1.2 (seed 004): 19 requests to the local web, first one after another on the main thread, then with one
 * thread per request.
 *
 * <p>Teaches: concurrency without a pool. A request spends its time waiting for the server, so starting a thread
 * for each lets the waits overlap: the time falls from the sum of the waits to about the longest one. Each item
 * answers after {@value #LATENCY} units (the course fetches items 1 to 19 of a web API).
 *
 * <p>Expect main BLOCKED on I/O 19 times in a row (about 38 units), then 19 lanes {@code item-1..item-19} BLOCKED on
 * I/O side by side while main joins them (about 2 units); result {@code {"sequentialUnits":38.0,
 * "concurrentUnits":2.0}}, each phase timed by the lesson (units rounded to 0.01).
 */
public final class ThreadPerRequest implements Scenario {
    static final int FIRST = 1, LAST = 19;
    /** How long each item takes to answer, in units. */
    static final double LATENCY = 2;

    private static final Listing LISTING = Listing.of("""
            import threading
            import requests
            from timeit import Timer

            web = local_web()                                  # ThreadLanes' own server on 127.0.0.1

            def request_item(item_id, return_dict):
                try:
                    r = requests.get(web.url('/items/%s' % item_id))   # blocked: I/O, 2 units
                except requests.RequestException:
                    return None
                if r.status_code != 404:
                    return_dict[item_id] = r.json()

            def request_sequential(index_min=1, index_max=20):
                for item_id in range(index_min, index_max):
                    request_item(item_id, {})                  # one after another

            def request_concurrent(index_min=1, index_max=20):
                jobs = []
                return_dict = {}
                for i in range(index_min, index_max):
                    thread = threading.Thread(name=i, target=request_item, args=(i, return_dict))
                    jobs.append(thread)
                    thread.start()                             # one thread per request
                for j in jobs:
                    j.join()
                return return_dict

            print('sequential', Timer(lambda: request_sequential()).timeit(1))
            print('threads', Timer(lambda: request_concurrent()).timeit(1))
            """, """
            URI base = localWeb().base();                       // ThreadLanes' own server on 127.0.0.1

            static void requestItem(int id, Map<Integer, String> returnDict) {
                try {
                    HttpResponse<String> r = client.send(HttpRequest.newBuilder(base.resolve("items/" + id)).build(),
                            BodyHandlers.ofString());           // blocked: I/O
                    if (r.statusCode() != 404) returnDict.put(id, r.body());
                } catch (IOException | InterruptedException e) {
                    // like the course: a failed request is skipped
                }
            }

            long start = System.nanoTime();
            for (int id = 1; id < 20; id++) requestItem(id, new HashMap<>());   // one after another
            System.out.println("sequential " + (System.nanoTime() - start) / 1e9);

            start = System.nanoTime();
            Map<Integer, String> returnDict = new ConcurrentHashMap<>();
            List<Thread> jobs = new ArrayList<>();
            for (int id = 1; id < 20; id++) {
                int i = id;
                Thread thread = new Thread(() -> requestItem(i, returnDict), String.valueOf(i));
                jobs.add(thread);
                thread.start();                                 // one thread per request
            }
            for (Thread j : jobs) j.join();
            System.out.println("threads " + (System.nanoTime() - start) / 1e9);
            """)
            .javaAt("web = local_web()", "URI base = localWeb().base();")
            .javaAt("def request_item(item_id, return_dict):", "static void requestItem(")
            .javaAt("try:", "try {")
            .javaAt("r = requests.get(", "HttpResponse<String> r = client.send(")
            .javaAt("except requests.RequestException:", "catch (IOException | InterruptedException e)")
            .javaAt("return None", "// like the course: a failed request is skipped")
            .javaAt("if r.status_code != 404:", "if (r.statusCode() != 404)")
            .javaAt("return_dict[item_id] = r.json()", "if (r.statusCode() != 404)")
            .javaAt("for item_id in range(index_min, index_max):", "requestItem(id, new HashMap<>());")
            .javaAt("request_item(item_id, {})", "requestItem(id, new HashMap<>());")
            .javaAt("return_dict = {}", "Map<Integer, String> returnDict =")
            .javaAt("jobs = []", "List<Thread> jobs =")
            .javaAt("for i in range(index_min, index_max):", "for (int id = 1; id < 20; id++) {")
            .javaAt("thread = threading.Thread(", "Thread thread = new Thread(")
            .javaAt("jobs.append(thread)", "jobs.add(thread);")
            .javaAt("thread.start()", "thread.start();")
            .javaAt("for j in jobs:", "for (Thread j : jobs) j.join();")
            .javaAt("j.join()", "for (Thread j : jobs) j.join();")
            .javaAt("print('sequential'", "System.out.println(\"sequential \"")
            .javaAt("print('threads'", "System.out.println(\"threads \"");

    /** Made by the library, through ServiceLoader. */
    public ThreadPerRequest() {
        Warmup.ensure();
    }

    @Override public String id() { return "thread-per-request"; }
    @Override public String title() { return "One thread per request"; }
    @Override public String summary() { return "19 requests in a row, then 19 threads at once."; }
    @Override public Topic topic() { return Topic.THREADS; }
    @Override public int order() { return 2; }
    /** Half-second units by default: 19 requests in a row then take about 19 s, which a class can sit through. */
    @Override public Settings defaults() { return new Settings(1, 2, 500); }
    @Override public Set<Setting> exposed() { return Set.of(Setting.CORES, Setting.UNIT); }
    @Override public Listing listing() { return LISTING; }

    /** 19 waits of {@value #LATENCY} units: their sum in a row, about one of them with a thread each. */
    @Override
    public List<Timing> timings(Settings settings) {
        int requests = LAST - FIRST + 1;
        return List.of(new Timing("sequentialUnits", requests * LATENCY), new Timing("concurrentUnits", LATENCY));
    }

    @Override
    public LessonText text() {
        return new LessonText(
                "First main waits for each answer before asking the next question. Then 19 threads each ask one"
                        + " question, and their waits overlap; main only joins them.",
                "The threads each wait as long as before: where does the time go?",
                "about 38 units one after another, about 2 units with a thread per request.");
    }

    @Override
    public Object run(ScenarioContext ctx) throws Exception {
        Probe p = ctx.probe();
        LocalWeb.Builder site = LocalWeb.builder().page("/", 0, "<h1>items</h1>");
        for (int id = FIRST; id <= LAST; id++) {
            site.file("/items/" + id, LATENCY, "application/json",
                    ("{\"id\":" + id + ",\"type\":\"story\",\"title\":\"Item " + id + "\"}")
                            .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        LocalWeb web = LessonWeb.start(ctx, site, ctx.line("web = local_web()"));
        int getLine = ctx.line("r = requests.get("), keepLine = ctx.line("return_dict[item_id] = r.json()"),
                failLine = ctx.line("return None");

        // ---- one after another, on main
        long t0 = ctx.recorder().now();
        int seqLine = ctx.line("request_item(item_id, {})");
        for (int id = FIRST; id <= LAST; id++) {
            p.at(seqLine).step("request_item(" + id + ")");
            requestItem(ctx, p, web.uri("/items/" + id), id, new ConcurrentHashMap<>(), getLine, keepLine, failLine);
        }
        long sequential = ctx.recorder().now() - t0;
        ctx.log("sequential " + round2(ctx.units().toUnits(sequential)) + " units");

        // ---- one thread per request
        long t1 = ctx.recorder().now();
        Map<Integer, String> returnDict = new ConcurrentHashMap<>();
        List<Thread> jobs = new ArrayList<>();
        int startLine = ctx.line("thread.start()");
        for (int id = FIRST; id <= LAST; id++) {
            int i = id;
            URI uri = web.uri("/items/" + id);
            Thread thread = ctx.thread("item-" + id,
                    () -> requestItem(ctx, p, uri, i, returnDict, getLine, keepLine, failLine));
            jobs.add(thread);
            p.at(startLine).step("start item-" + id);
            thread.start();
        }
        int joinLine = ctx.line("j.join()");
        for (Thread j : jobs) p.at(joinLine).join(j);
        long concurrent = ctx.recorder().now() - t1;
        ctx.log("threads " + round2(ctx.units().toUnits(concurrent)) + " units (" + returnDict.size() + " items)");

        Map<String, Object> result = new LinkedHashMap<>();
        result.put("sequentialUnits", round2(ctx.units().toUnits(sequential)));
        result.put("concurrentUnits", round2(ctx.units().toUnits(concurrent)));
        return result;
    }

    private static void requestItem(ScenarioContext ctx, Probe p, URI uri, int id, Map<Integer, String> returnDict,
                                    int getLine, int keepLine, int failLine) throws Exception {
        WebClient.Response r;
        try {
            r = p.at(getLine).io(LessonWeb.label(uri), () -> WebClient.shared().get(uri));
        } catch (java.io.IOException e) {
            p.at(failLine).step("return None");
            ctx.log("item " + id + ": " + e.getMessage());
            return;
        }
        if (r.status() != 404) {
            p.at(keepLine).step("keep item " + id);
            returnDict.put(id, r.text());
        }
    }

    private static double round2(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
