package org.threadlanes.scenario.lessons;

import java.net.URI;

import org.threadlanes.executor.Probe;
import org.threadlanes.scenario.ScenarioContext;
import org.threadlanes.scenario.web.LocalWeb;
import org.threadlanes.scenario.web.WebClient;

/** How lessons start the local web and fetch from it, with every wait on the calling thread's lane. */
final class LessonWeb {
    private LessonWeb() {
    }

    /**
     * Starts {@code site} on 127.0.0.1 for this run (it stops when the run ends or is reset), logs its address and
     * fetches its {@code /} with as many requests at once as the server keeps handlers ready, so that the server is
     * known to answer, and the client holds open connections to it, before the lesson starts timing anything (its
     * {@link org.threadlanes.scenario.Timing#AFTER_SETUP} figure counts from there). On a
     * cold JVM that first request also loads the HTTP client, which can take a few hundred milliseconds: the main
     * lane shows it as I/O at {@code line}.
     */
    static LocalWeb start(ScenarioContext ctx, LocalWeb.Builder site, int line) throws Exception {
        return ctx.probe().at(line).io("start the local web", () -> {
            LocalWeb web = ctx.resource(site.start(ctx.recorder().clock(), ctx.units()));
            ctx.log("local web at " + web.base());
            WebClient.shared().connect(web.uri("/"), LocalWeb.HANDLERS);
            ctx.setupDone();
            return web;
        });
    }

    /** {@code GET uri}: BLOCKED(IO) at {@code line} until the page is in; fails on any status but 200. */
    static byte[] get(Probe p, int line, URI uri) throws Exception {
        return p.at(line).io(label(uri), () -> WebClient.shared().bytes(uri));
    }

    /** As {@link #get}, decoded as UTF-8. */
    static String getText(Probe p, int line, URI uri) throws Exception {
        return p.at(line).io(label(uri), () -> WebClient.shared().text(uri));
    }

    /** "GET /path" on the local web, "GET http://host/path" anywhere else. */
    static String label(URI uri) {
        return "GET " + ("127.0.0.1".equals(uri.getHost()) ? uri.getPath() : uri.toString());
    }
}
