package org.threadlanes.scenario.lessons;

import java.io.IOException;
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
import org.threadlanes.scenario.web.HttpStatusException;
import org.threadlanes.scenario.web.LocalWeb;

/**
 * Lesson 3.12 (seed 001): the flags of the 20 most populous countries, downloaded from the local web by a pool of
 * {@code --workers} threads (default 8), with error handling and a progress bar.
 *
 * <p>Teaches: {@code download_one} handles the error it expects (404: a flag that does not exist) and lets the others
 * go up; {@code download_many} gets them from {@code future.result()} and counts them, so a failed download is a
 * number in the result, not a crash. Three flags are missing (404) and one connection is reset by the server. Each
 * flag takes 0.5 to 1.25 units to answer (the reset one twice: the HTTP client tries a dropped GET once more), 18.75
 * units in all, so one worker ({@code --workers 1}) downloads one after another and eight overlap: the log shows the
 * speedup.
 *
 * <p>Expect the progress bar to fill in completion order, 20/20 about 3.25 units after the local web is up with 8
 * workers (18.75 with 1); result {@code {"OK":16,"NOT_FOUND":3,"ERROR":1}}.
 */
public final class FlagsDownload implements Scenario {
    static final List<String> POP20_CC = List.of(
            "CN", "IN", "US", "ID", "BR", "PK", "NG", "BD", "RU", "JP",
            "MX", "PH", "VN", "ET", "EG", "DE", "IR", "TR", "CD", "FR");
    /** Flags the server does not have (404), and the one whose connection it drops. */
    static final Set<String> MISSING = Set.of("EG", "ID", "PH"), RESET = Set.of("JP");
    private static final int BAR = 20;

    private enum Status { OK, NOT_FOUND, ERROR }

    private static final Listing LISTING = Listing.of("""
            import collections
            from concurrent import futures
            import requests, tqdm

            POP20_CC = 'CN IN US ID BR PK NG BD RU JP MX PH VN ET EG DE IR TR CD FR'.split()
            web = local_web()                                  # ThreadLanes' own server on 127.0.0.1

            def get_flag(base_url, cc):
                url = '{}/{cc}/{cc}.gif'.format(base_url, cc=cc.lower())
                resp = requests.get(url)                       # blocked: I/O
                if resp.status_code != 200:
                    resp.raise_for_status()
                return resp.content

            def download_one(cc, base_url):
                try:
                    image = get_flag(base_url, cc)
                except requests.exceptions.HTTPError as exc:
                    if exc.response.status_code == 404:
                        return HTTPStatus.not_found            # expected: handled here
                    raise                                      # anything else goes up
                save_flag(image, cc.lower() + '.gif')
                return HTTPStatus.ok

            def download_many(cc_list, base_url, concur_req):
                counter = collections.Counter()
                with futures.ThreadPoolExecutor(max_workers=concur_req) as executor:
                    to_do_map = {}
                    for cc in sorted(cc_list):
                        future = executor.submit(download_one, cc, base_url)
                        to_do_map[future] = cc
                    done_iter = tqdm.tqdm(futures.as_completed(to_do_map), total=len(cc_list))
                    for future in done_iter:                   # blocks until the next one is done
                        try:
                            status = future.result()
                        except requests.exceptions.HTTPError:
                            status = HTTPStatus.error
                        except requests.exceptions.ConnectionError:
                            status = HTTPStatus.error          # the server reset the connection
                        counter[status] += 1
                return counter

            print(download_many(POP20_CC, web.url('/flags'), concur_req=8))
            """, """
            URI base = localWeb().base();                        // ThreadLanes' own server on 127.0.0.1

            enum Status { OK, NOT_FOUND, ERROR }

            Status downloadOne(String cc) throws IOException, InterruptedException {
                String c = cc.toLowerCase();
                HttpResponse<byte[]> resp = client.send(HttpRequest.newBuilder(base.resolve("flags/" + c + "/" + c + ".gif"))
                        .build(), BodyHandlers.ofByteArray());          // blocked: I/O
                if (resp.statusCode() == 404) return Status.NOT_FOUND;  // expected: handled here
                if (resp.statusCode() != 200) throw new IOException("HTTP " + resp.statusCode());
                saveFlag(resp.body(), c + ".gif");
                return Status.OK;
            }

            ExecutorService executor = Executors.newFixedThreadPool(8);
            CompletionService<Status> done = new ExecutorCompletionService<>(executor);
            for (String cc : new TreeSet<>(POP20_CC)) done.submit(() -> downloadOne(cc));
            Map<Status, Integer> counter = new EnumMap<>(Status.class);
            for (int i = 0; i < 20; i++) {
                Status status;
                try {
                    status = done.take().get();                          // blocks until the next one is done
                } catch (ExecutionException e) {
                    status = Status.ERROR;                               // reset connection, other HTTP errors
                }
                counter.merge(status, 1, Integer::sum);
            }
            executor.shutdown();
            System.out.println(counter);
            """)
            .javaAt("web = local_web()", "URI base = localWeb().base();")
            .javaAt("url = '{}/{cc}/{cc}.gif'", "HttpResponse<byte[]> resp = client.send(")
            .javaAt("resp = requests.get(url)", "// blocked: I/O")
            .javaAt("if resp.status_code != 200:", "if (resp.statusCode() != 200)")
            .javaAt("resp.raise_for_status()", "if (resp.statusCode() != 200)")
            .javaAt("def download_one(cc, base_url):", "Status downloadOne(String cc)")
            .javaAt("if exc.response.status_code == 404:", "if (resp.statusCode() == 404)")
            .javaAt("return HTTPStatus.not_found", "if (resp.statusCode() == 404)")
            .javaAt("# anything else goes up", "if (resp.statusCode() != 200)")
            .javaAt("save_flag(image", "saveFlag(resp.body()")
            .javaAt("return HTTPStatus.ok", "return Status.OK;")
            .javaAt("counter = collections.Counter()", "Map<Status, Integer> counter =")
            .javaAt("ThreadPoolExecutor(max_workers=concur_req)", "ExecutorService executor =")
            .javaAt("for cc in sorted(cc_list):", "done.submit(() -> downloadOne(cc));")
            .javaAt("future = executor.submit(download_one", "done.submit(() -> downloadOne(cc));")
            .javaAt("to_do_map[future] = cc", "done.submit(() -> downloadOne(cc));")
            .javaAt("for future in done_iter:", "status = done.take().get();")
            .javaAt("try:", 2, "try {", 1)
            .javaAt("status = future.result()", "status = done.take().get();")
            .javaAt("except requests.exceptions.HTTPError:", "catch (ExecutionException e)")
            .javaAt("status = HTTPStatus.error", 1, "status = Status.ERROR;", 1)
            .javaAt("except requests.exceptions.ConnectionError:", "catch (ExecutionException e)")
            .javaAt("status = HTTPStatus.error", 2, "status = Status.ERROR;", 1)
            .javaAt("counter[status] += 1", "counter.merge(status, 1, Integer::sum);")
            .javaAt("print(download_many(", "System.out.println(counter);");

    /** Made by the library, through ServiceLoader. */
    public FlagsDownload() {
        Warmup.ensure();
    }

    @Override public String id() { return "flags-download"; }
    @Override public String title() { return "Downloading flags with a progress bar and error handling"; }
    @Override public String summary() { return "20 flags on --workers threads: 16 OK, 3 not found, 1 reset."; }
    @Override public Topic topic() { return Topic.POOLS_AND_FUTURES; }
    @Override public int order() { return 12; }
    @Override public Settings defaults() { return new Settings(8, 2, 1000); }
    @Override public Set<Setting> exposed() { return Set.of(Setting.WORKERS, Setting.CORES, Setting.UNIT); }
    @Override public Listing listing() { return LISTING; }

    /** Twenty downloads after the local web is up: 3.25 units with 8 workers, 18.75 in a row. */
    @Override
    public List<Timing> timings(Settings settings) {
        double units = settings.workers() == 8 ? 3.25 : settings.workers() == 1 ? 18.75 : 0;
        return units > 0 ? List.of(new Timing(Timing.AFTER_SETUP, units)) : List.of();
    }

    @Override
    public LessonText text() {
        return new LessonText(
                "Eight workers blocked on I/O at once; each finished flag moves the bar. The three 404s are"
                        + " handled inside download_one; the reset connection surfaces in main, at future.result().",
                "Why is the 404 counted inside the worker but the reset only in main? What does --workers 1 do to"
                        + " the time?",
                "OK 16, NOT_FOUND 3, ERROR 1; about 3.25 units with 8 workers, 18.75 with 1.");
    }

    @Override
    public Object run(ScenarioContext ctx) throws Exception {
        Probe p = ctx.probe();
        LocalWeb.Builder site = LocalWeb.builder().page("/", 0, "<h1>flags</h1>");
        double oneAtATime = 0;
        List<String> sorted = POP20_CC.stream().sorted().toList();
        for (int i = 0; i < sorted.size(); i++) {
            String cc = sorted.get(i), c = cc.toLowerCase();
            String path = "/flags/" + c + "/" + c + ".gif";
            double latency = 0.5 + (i % 4) * 0.25;
            oneAtATime += RESET.contains(cc) ? 2 * latency : latency; // the client retries a dropped GET once
            if (MISSING.contains(cc)) {
                site.notFound(path, latency);
            } else if (RESET.contains(cc)) {
                site.reset(path, latency);
            } else {
                site.file(path, latency, "image/gif", Pages.gif());
            }
        }
        LocalWeb web = LessonWeb.start(ctx, site, ctx.line("web = local_web()"));

        int workers = ctx.settings().workers();
        int urlLine = ctx.line("url = '{}/{cc}/{cc}.gif'"), getLine = ctx.line("resp = requests.get(url)"),
                notFoundLine = ctx.line("return HTTPStatus.not_found"), raiseLine = ctx.line("        raise "),
                saveLine = ctx.line("save_flag(image"), okLine = ctx.line("return HTTPStatus.ok");
        long t0 = ctx.recorder().now();
        p.at(ctx.line("ThreadPoolExecutor(max_workers=concur_req)")).step("create the pool");
        PyExecutor executor = PyExecutor.of(ctx, workers, "worker");
        Map<PyFuture<Status>, String> toDoMap = new LinkedHashMap<>();
        int submitLine = ctx.line("future = executor.submit(download_one");
        for (String cc : sorted) {
            p.at(submitLine).step("submit download_one(" + cc + ")");
            toDoMap.put(executor.submit("download_one(" + cc + ")", () -> {
                String c = cc.toLowerCase();
                p.at(urlLine).step("format the url");
                try {
                    byte[] image = LessonWeb.get(p, getLine, web.uri("/flags/" + c + "/" + c + ".gif"));
                    p.at(saveLine).step("save_flag " + c + ".gif (" + image.length + " bytes)");
                    p.at(okLine).step("return ok");
                    return Status.OK;
                } catch (HttpStatusException e) {
                    if (e.status() == 404) {
                        p.at(notFoundLine).step("return not_found");
                        return Status.NOT_FOUND;
                    }
                    p.at(raiseLine).step("raise");
                    throw e;
                }
            }), cc);
        }

        Map<Status, Integer> counter = new LinkedHashMap<>();
        for (Status s : Status.values()) counter.put(s, 0);
        int resultLine = ctx.line("status = future.result()"), errorLine = ctx.line("# the server reset");
        List<PyFuture<Status>> futures = new ArrayList<>(toDoMap.keySet());
        int done = 0;
        for (PyFuture<Status> f : PyExecutor.asCompleted(p, futures, ctx.line("for future in done_iter:"))) {
            Status status;
            String cc = toDoMap.get(f);
            try {
                status = p.at(resultLine).get(f);
            } catch (ExecutionException e) {
                status = Status.ERROR;
                p.at(errorLine).step("count an error");
                ctx.log("*** Error for " + cc + ": " + (e.getCause() instanceof IOException io
                        && !(io instanceof HttpStatusException) ? "Connection error (" + io.getMessage() + ")"
                        : e.getCause().getMessage()));
            }
            counter.merge(status, 1, Integer::sum);
            done++;
            ctx.log(progressBar(done, sorted.size()) + " " + cc + " " + status);
        }
        p.at(ctx.line("ThreadPoolExecutor(max_workers=concur_req)")).step("leave the with block");
        executor.shutdown(true, false);
        double units = ctx.units().toUnits(ctx.recorder().now() - t0);

        p.at(ctx.line("print(download_many(")).step("print");
        ctx.log(sorted.size() + " flags in " + round2(units) + " units with " + workers + " worker(s); one at a time"
                + " " + round2(oneAtATime) + " units (the sum of the latencies): speedup "
                + round2(oneAtATime / units));
        Map<String, Object> result = new LinkedHashMap<>();
        for (Map.Entry<Status, Integer> e : counter.entrySet()) result.put(e.getKey().name(), e.getValue());
        return result;
    }

    /** A text progress bar, as tqdm draws one. */
    static String progressBar(int done, int total) {
        int filled = done * BAR / total;
        return "[" + "#".repeat(filled) + ".".repeat(BAR - filled) + "] " + String.format("%2d/%d", done, total);
    }

    private static double round2(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
