package org.threadlanes.scenario.lessons;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;

import org.threadlanes.executor.Probe;
import org.threadlanes.scenario.Listing;
import org.threadlanes.scenario.Scenario;
import org.threadlanes.scenario.ScenarioContext;
import org.threadlanes.scenario.Settings;
import org.threadlanes.scenario.Timing;
import org.threadlanes.scenario.Topic;
import org.threadlanes.scenario.web.Links;
import org.threadlanes.scenario.web.LocalWeb;

/**
 * Lesson 3.11 (seed 000): crawling with two pools of three. Five start URLs wait on a queue; the first pool takes
 * them off the queue into a dictionary ("groups" them), the second fetches each page for real and extracts its links
 * from the HTML.
 *
 * <p>Teaches: a crawler is I/O-bound, so a small pool keeps several downloads in flight; a task catches its own
 * failure, logs it and returns, so one bad URL does not stop the crawl. Four start pages come from the local web
 * (latencies 1 to 2 units, each with four links written in different styles of markup); the fifth URL's host is in
 * the reserved {@code .invalid} domain and fails at once, without network traffic.
 *
 * <p>Expect the grouping to be instant, then three crawlers busy on I/O, the fourth page taken by the crawler whose
 * URL failed at once; about 2 units after the local web is up. Result: the links found per URL (as written in the page) and the error per URL:
 * {@code {"links":{url:[...4 links],...4 URLs},"errors":{"http://no-such-search.invalid/":"...: Name or service not
 * known"}}}. The local URLs carry the server's port, which changes from run to run.
 */
public final class CrawlPool implements Scenario {
    static final String BAD_URL = "http://no-such-search.invalid/";
    /** Start pages: path, latency, links on the page. */
    private static final List<Site> SITES = List.of(
            new Site("/search/", 1, List.of("/search/images", "/search/maps", "/news/", "https://example.org/about")),
            new Site("/news/", 2, List.of("/news/world", "/news/sport", "/news/science", "/search/")),
            new Site("/wiki/", 1.5, List.of("/wiki/Thread", "/wiki/Process", "/wiki/Lock", "/wiki/Queue")),
            new Site("/code/", 1, List.of("/code/explore", "/code/topics", "/code/trending", "/wiki/")));

    private record Site(String path, double latency, List<String> links) {
    }

    private static final Listing LISTING = Listing.of("""
            import concurrent.futures, logging, queue, re, threading
            import requests

            html_link_regex = re.compile('<a\\s(?:.*?\\s)*?href=[\\'"](.*?)[\\'"].*?>', re.I)
            web = local_web()                                  # ThreadLanes' own server on 127.0.0.1
            urls = queue.Queue()
            for path in ['/search/', '/news/', '/wiki/', '/code/']:
                urls.put(web.url(path))
            urls.put('http://no-such-search.invalid/')         # a host that does not resolve
            result_dict, errors = {}, {}

            def group_urls_task(urls):
                url = urls.get(True, 0.05)
                result_dict[url] = None
                logging.info('[%s] putting url [%s] in dictionary...', threading.current_thread().name, url)

            def crawl_task(url):
                links = []
                try:
                    request_data = requests.get(url)           # blocked: I/O
                    links = html_link_regex.findall(request_data.text)
                except Exception as exc:
                    logging.error('%s: %s', url, exc)          # logged, not fatal
                    errors[url] = str(exc)
                return (url, links)

            with concurrent.futures.ThreadPoolExecutor(max_workers=3) as group_link_threads:
                for i in range(urls.qsize()):
                    group_link_threads.submit(group_urls_task, urls)

            with concurrent.futures.ThreadPoolExecutor(max_workers=3) as crawler_link_threads:
                future_tasks = {crawler_link_threads.submit(crawl_task, url): url for url in result_dict.keys()}
                for future in concurrent.futures.as_completed(future_tasks):
                    url, links = future.result()
                    if links:
                        result_dict[url] = links
            """, """
            LocalWeb web = localWeb();                        // ThreadLanes' own server on 127.0.0.1
            BlockingQueue<URI> urls = new LinkedBlockingQueue<>(startUrls);
            Map<URI, List<String>> resultDict = new ConcurrentHashMap<>();
            Map<URI, String> errors = new ConcurrentHashMap<>();

            ExecutorService group = Executors.newFixedThreadPool(3);
            for (int i = urls.size(); i > 0; i--) {
                group.submit(() -> {
                    URI url = urls.poll(50, TimeUnit.MILLISECONDS);
                    resultDict.put(url, List.of());
                    return null;
                });
            }
            group.shutdown();
            group.awaitTermination(1, TimeUnit.MINUTES);

            ExecutorService crawlers = Executors.newFixedThreadPool(3);
            CompletionService<Map.Entry<URI, List<String>>> done = new ExecutorCompletionService<>(crawlers);
            for (URI url : resultDict.keySet()) done.submit(() -> {
                try {
                    String html = client.send(HttpRequest.newBuilder(url).build(), BodyHandlers.ofString()).body();
                    return Map.entry(url, Links.hrefs(html));  // blocked on I/O above, then regex
                } catch (IOException e) {
                    errors.put(url, e.toString());            // logged, not fatal
                    return Map.entry(url, List.<String>of());
                }
            });
            for (int i = resultDict.size(); i > 0; i--) {
                Map.Entry<URI, List<String>> found = done.take().get();
                if (!found.getValue().isEmpty()) resultDict.put(found.getKey(), found.getValue());
            }
            crawlers.shutdown();
            """)
            .javaAt("web = local_web()", "LocalWeb web = localWeb();")
            .javaAt("urls = queue.Queue()", "BlockingQueue<URI> urls =")
            .javaAt("for path in [", "BlockingQueue<URI> urls =")
            .javaAt("urls.put(web.url(path))", "BlockingQueue<URI> urls =")
            .javaAt("urls.put('http://no-such-search.invalid/')", "BlockingQueue<URI> urls =")
            .javaAt("result_dict, errors = {}, {}", "Map<URI, List<String>> resultDict =")
            .javaAt("def group_urls_task(urls):", "group.submit(() -> {")
            .javaAt("url = urls.get(True, 0.05)", "URI url = urls.poll(")
            .javaAt("result_dict[url] = None", "resultDict.put(url, List.of());")
            .javaAt("def crawl_task(url):", "done.submit(() -> {")
            .javaAt("try:", "try {")
            .javaAt("request_data = requests.get(url)", "String html = client.send(")
            .javaAt("html_link_regex.findall", "Links.hrefs(html)")
            .javaAt("except Exception as exc:", "catch (IOException e)")
            .javaAt("logging.error(", "errors.put(url, e.toString());")
            .javaAt("errors[url] = str(exc)", "errors.put(url, e.toString());")
            .javaAt("return (url, links)", "return Map.entry(url, Links.hrefs(html));")
            .javaAt("as group_link_threads:", "ExecutorService group =")
            .javaAt("for i in range(urls.qsize()):", "for (int i = urls.size(); i > 0; i--)")
            .javaAt("group_link_threads.submit(", "group.submit(() -> {")
            .javaAt("as crawler_link_threads:", "ExecutorService crawlers =")
            .javaAt("future_tasks = {crawler_link_threads.submit(", "done.submit(() -> {")
            .javaAt("as_completed(future_tasks)", "done.take().get();")
            .javaAt("url, links = future.result()", "done.take().get();")
            .javaAt("if links:", "if (!found.getValue().isEmpty())")
            .javaAt("result_dict[url] = links", "resultDict.put(found.getKey(), found.getValue());");

    /** Made by the library, through ServiceLoader. */
    public CrawlPool() {
        Warmup.ensure();
    }

    @Override public String id() { return "crawl-pool"; }
    @Override public String title() { return "Crawling the web with a pool of three"; }
    @Override public String summary() { return "Five start URLs, grouped then crawled by pools of three; one bad host."; }
    @Override public Topic topic() { return Topic.POOLS_AND_FUTURES; }
    @Override public int order() { return 11; }
    @Override public Settings defaults() { return new Settings(3, 2, 1000); }
    @Override public Set<Setting> exposed() { return Set.of(Setting.WORKERS, Setting.CORES, Setting.UNIT); }
    @Override public Listing listing() { return LISTING; }

    /** Three crawlers over five URLs after the local web is up. */
    @Override
    public List<Timing> timings(Settings settings) {
        return settings.workers() == 3 ? List.of(new Timing(Timing.AFTER_SETUP, 2)) : List.of();
    }

    @Override
    public LessonText text() {
        return new LessonText(
                "The grouping pool empties the queue in no time. Then three crawlers block on I/O at once; the bad"
                        + " host fails at once and is logged, and the crawler that had it takes the fourth page.",
                "Why does one failing URL not stop the crawl, and where would its error go without the try?",
                "4 URLs with their links, 1 URL with an error (name not known); about 2 units.");
    }

    @Override
    public Object run(ScenarioContext ctx) throws Exception {
        Probe p = ctx.probe();
        LocalWeb.Builder site = LocalWeb.builder().page("/", 0, Pages.withLinks("home", List.of("/search/")));
        for (Site s : SITES) site.page(s.path(), s.latency(), Pages.withLinks(s.path(), s.links()));
        LocalWeb web = LessonWeb.start(ctx, site, ctx.line("web = local_web()"));

        BlockingQueue<URI> urls = p.name(new LinkedBlockingQueue<>(), "urls");
        p.at(ctx.line("urls.put(web.url(path))")).step("fill the queue");
        List<URI> start = new ArrayList<>();
        for (Site s : SITES) start.add(web.uri(s.path()));
        start.add(URI.create(BAD_URL));
        urls.addAll(start);
        Map<URI, Boolean> resultDict = new ConcurrentHashMap<>();
        Map<URI, String> errors = new ConcurrentHashMap<>();

        // ---- group: take the URLs off the queue
        int workers = ctx.settings().workers();
        p.at(ctx.line("as group_link_threads:")).step("create the grouping pool");
        PyExecutor group = PyExecutor.of(ctx, workers, "group");
        int getLine = ctx.line("url = urls.get(True, 0.05)"), putLine = ctx.line("result_dict[url] = None");
        int submitGroup = ctx.line("group_link_threads.submit(");
        for (int i = urls.size(); i > 0; i--) {
            p.at(submitGroup).step("submit group_urls_task");
            group.submit("group_urls_task", () -> {
                URI url = p.at(getLine).take(urls);
                p.at(putLine).step("result_dict[url] = None");
                resultDict.put(url, Boolean.TRUE);
                ctx.log("[" + Thread.currentThread().getName() + "] putting url [" + url + "] in dictionary...");
                return url;
            });
        }
        p.at(ctx.line("as group_link_threads:")).step("leave the with block");
        group.shutdown(true, false);

        // ---- crawl: fetch each page and extract its links
        p.at(ctx.line("as crawler_link_threads:")).step("create the crawling pool");
        PyExecutor crawlers = PyExecutor.of(ctx, workers, "crawler");
        int fetchLine = ctx.line("request_data = requests.get(url)"), findLine = ctx.line("html_link_regex.findall"),
                errorLine = ctx.line("logging.error(");
        p.at(ctx.line("future_tasks = {crawler_link_threads.submit(")).step("submit crawl_task");
        Map<PyFuture<List<String>>, URI> futureTasks = new LinkedHashMap<>();
        for (URI url : start) {
            if (!resultDict.containsKey(url)) continue; // every start URL was grouped; kept to mirror the listing
            futureTasks.put(crawlers.submit("crawl_task(" + url + ")", () -> {
                try {
                    String html = LessonWeb.getText(p, fetchLine, url);
                    p.at(findLine).step("findall links");
                    return Links.hrefs(html);
                } catch (Exception e) {
                    if (e instanceof InterruptedException) throw e;
                    p.at(errorLine).step("log the error");
                    ctx.log("ERROR " + url + ": " + e.getMessage());
                    errors.put(url, String.valueOf(e.getMessage()));
                    return List.of();
                }
            }), url);
        }
        Map<URI, List<String>> links = new ConcurrentHashMap<>();
        int resultLine = ctx.line("url, links = future.result()");
        List<PyFuture<List<String>>> futures = new ArrayList<>(futureTasks.keySet());
        for (PyFuture<List<String>> f : PyExecutor.asCompleted(p, futures, ctx.line("as_completed(future_tasks)"))) {
            List<String> found = p.at(resultLine).get(f);
            URI url = futureTasks.get(f);
            if (!found.isEmpty()) {
                p.at(ctx.line("result_dict[url] = links")).step("keep the links");
                links.put(url, found);
                ctx.log("[" + url + "] " + found.size() + " links");
            }
        }
        p.at(ctx.line("as crawler_link_threads:")).step("leave the with block");
        crawlers.shutdown(true, false);

        Map<String, Object> linksOut = new LinkedHashMap<>(), errorsOut = new LinkedHashMap<>();
        for (URI url : start) {
            if (links.containsKey(url)) linksOut.put(url.toString(), links.get(url));
            if (errors.containsKey(url)) errorsOut.put(url.toString(), errors.get(url));
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("links", linksOut);
        result.put("errors", errorsOut);
        return result;
    }
}
