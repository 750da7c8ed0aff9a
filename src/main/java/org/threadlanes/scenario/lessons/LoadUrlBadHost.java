package org.threadlanes.scenario.lessons;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;

import org.threadlanes.executor.Probe;
import org.threadlanes.scenario.Listing;
import org.threadlanes.scenario.Scenario;
import org.threadlanes.scenario.ScenarioContext;
import org.threadlanes.scenario.Settings;
import org.threadlanes.scenario.Timing;
import org.threadlanes.scenario.Topic;
import org.threadlanes.scenario.web.LocalWeb;

/**
 * Lesson 3.10 (seed 002): {@code load_url} over five URLs with {@code submit} + {@code as_completed}; one host does
 * not exist.
 *
 * <p>Teaches: an exception raised in a task is kept in its future and raised again by {@code result()}, in the
 * main thread, where one {@code try} handles it; the other downloads are not disturbed. The four pages come from the
 * local web (latencies 1 to 3 units); the fifth URL's host is in the reserved {@code .invalid} domain, so its lookup
 * fails at once, without any network traffic.
 *
 * <p>Expect the failure first (at once), then the pages in order of latency: news 1, radio 1.5, tv 2, paper 3
 * units; about 3 units; result {@code {"pages":4,"errors":1}}.
 */
public final class LoadUrlBadHost implements Scenario {
    static final String BAD_URL = "http://some-made-up-domain.invalid/";
    /** The four good pages: path, latency in units, size in bytes. */
    private static final List<Page> PAGES = List.of(new Page("/tv/", 2, 22514), new Page("/news/", 1, 15494),
            new Page("/paper/", 3, 91114), new Page("/radio/", 1.5, 27439));

    private record Page(String path, double latency, int bytes) {
    }

    private static final Listing LISTING = Listing.of("""
            import concurrent.futures
            import urllib.request

            web = local_web()                                  # ThreadLanes' own server on 127.0.0.1
            URLS = [web.url('/tv/'), web.url('/news/'), web.url('/paper/'), web.url('/radio/'),
                    'http://some-made-up-domain.invalid/']     # this host does not exist

            def load_url(url, timeout):
                with urllib.request.urlopen(url, timeout=timeout) as conn:   # blocked: I/O
                    return conn.read()

            with concurrent.futures.ThreadPoolExecutor(max_workers=5) as executor:
                future_to_url = {executor.submit(load_url, url, 60): url for url in URLS}
                for future in concurrent.futures.as_completed(future_to_url):
                    url = future_to_url[future]
                    try:
                        data = future.result()                 # raises the task's exception here
                    except Exception as exc:
                        print('%r generated an exception: %s' % (url, exc))
                    else:
                        print('%r page is %d bytes' % (url, len(data)))
            """, """
            LocalWeb web = localWeb();                                  // ThreadLanes' own server on 127.0.0.1
            HttpClient client = HttpClient.newHttpClient();
            ExecutorService executor = Executors.newFixedThreadPool(5);
            CompletionService<byte[]> done = new ExecutorCompletionService<>(executor);
            Map<Future<byte[]>, URI> futureToUrl = new HashMap<>();
            for (URI url : urls) {
                futureToUrl.put(done.submit(() -> client.send(HttpRequest.newBuilder(url).build(),
                        BodyHandlers.ofByteArray()).body()), url);      // blocked: I/O
            }
            for (int i = 0; i < urls.size(); i++) {
                Future<byte[]> future = done.take();
                URI url = futureToUrl.get(future);
                try {
                    byte[] data = future.get();                         // throws the task's exception here
                    System.out.println(url + " page is " + data.length + " bytes");
                } catch (ExecutionException e) {
                    System.out.println(url + " generated an exception: " + e.getCause());
                }
            }
            executor.shutdown();
            """)
            .javaAt("web = local_web()", "LocalWeb web = localWeb();")
            .javaAt("def load_url(url, timeout):", "futureToUrl.put(done.submit(() -> client.send(")
            .javaAt("with urllib.request.urlopen(url", "// blocked: I/O")
            .javaAt("return conn.read()", "// blocked: I/O")
            .javaAt("with concurrent.futures.ThreadPoolExecutor(max_workers=5)", "ExecutorService executor =")
            .javaAt("future_to_url = {executor.submit(", "futureToUrl.put(done.submit(")
            .javaAt("as_completed(future_to_url)", "Future<byte[]> future = done.take();")
            .javaAt("url = future_to_url[future]", "URI url = futureToUrl.get(future);")
            .javaAt("try:", "try {")
            .javaAt("data = future.result()", "byte[] data = future.get();")
            .javaAt("except Exception as exc:", "catch (ExecutionException e)")
            .javaAt("generated an exception", "generated an exception: \"")
            .javaAt("page is %d bytes", "page is \"");

    /** Made by the library, through ServiceLoader. */
    public LoadUrlBadHost() {
        Warmup.ensure();
    }

    @Override public String id() { return "load-url-bad-host"; }
    @Override public String title() { return "load_url: one host that does not exist"; }
    @Override public String summary() { return "Five downloads through as_completed: four pages and one exception."; }
    @Override public Topic topic() { return Topic.POOLS_AND_FUTURES; }
    @Override public int order() { return 10; }
    @Override public Settings defaults() { return new Settings(5, 2, 1000); }
    @Override public Set<Setting> exposed() { return Set.of(Setting.WORKERS, Setting.CORES, Setting.UNIT); }
    @Override public Listing listing() { return LISTING; }

    /** The slowest page (3 units) sets the end, once the local web is up. */
    @Override
    public List<Timing> timings(Settings settings) {
        return settings.workers() == 5 ? List.of(new Timing(Timing.AFTER_SETUP, 3)) : List.of();
    }

    @Override
    public LessonText text() {
        return new LessonText(
                "The task for the made-up host fails at once; its exception waits in the future until main calls"
                        + " result() and prints it. The four other workers stay blocked on I/O, undisturbed.",
                "In which thread is the lookup error raised, and in which thread is it handled?",
                "1 exception (first), then 4 pages in order of latency: 4 pages, 1 error.");
    }

    @Override
    public Object run(ScenarioContext ctx) throws Exception {
        Probe p = ctx.probe();
        LocalWeb.Builder site = LocalWeb.builder().page("/", 0, "<h1>front page</h1>");
        for (Page page : PAGES) site.page(page.path(), page.latency(), Pages.html(page.path(), page.bytes()));
        LocalWeb web = LessonWeb.start(ctx, site, ctx.line("web = local_web()"));
        List<URI> urls = new ArrayList<>();
        for (Page page : PAGES) urls.add(web.uri(page.path()));
        urls.add(URI.create(BAD_URL));

        p.at(ctx.line("ThreadPoolExecutor(max_workers=5)")).step("create the pool");
        PyExecutor executor = PyExecutor.of(ctx, ctx.settings().workers(), "worker");
        int readLine = ctx.line("with urllib.request.urlopen(url");
        p.at(ctx.line("future_to_url = {executor.submit(")).step("submit");
        Map<PyFuture<byte[]>, URI> futureToUrl = new LinkedHashMap<>();
        for (URI url : urls) {
            futureToUrl.put(executor.submit("load_url(" + url + ")", () -> LessonWeb.get(p, readLine, url)), url);
        }

        int pages = 0, errors = 0;
        int resultLine = ctx.line("data = future.result()"), exceptLine = ctx.line("generated an exception"),
                sizeLine = ctx.line("page is %d bytes");
        List<PyFuture<byte[]>> futures = new ArrayList<>(futureToUrl.keySet());
        for (PyFuture<byte[]> future : PyExecutor.asCompleted(p, futures, ctx.line("as_completed(future_to_url)"))) {
            URI url = futureToUrl.get(future);
            try {
                byte[] data = p.at(resultLine).get(future);
                p.at(sizeLine).step("print");
                ctx.log("'" + url + "' page is " + data.length + " bytes");
                pages++;
            } catch (ExecutionException e) {
                p.at(exceptLine).step("print");
                ctx.log("'" + url + "' generated an exception: " + e.getCause().getMessage());
                errors++;
            }
        }
        p.at(ctx.line("ThreadPoolExecutor(max_workers=5)")).step("leave the with block");
        executor.shutdown(true, false);

        Map<String, Object> result = new LinkedHashMap<>();
        result.put("pages", pages);
        result.put("errors", errors);
        return result;
    }
}
