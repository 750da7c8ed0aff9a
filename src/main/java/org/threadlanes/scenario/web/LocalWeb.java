package org.threadlanes.scenario.web;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import org.threadlanes.executor.Units;
import org.threadlanes.trace.RunClock;

/**
 * The lessons' own little internet: an HTTP server on 127.0.0.1 and a free port, serving pages with links, each path
 * answering after its own latency in lesson units.
 *
 * <pre>{@code
 * LocalWeb web = ctx.resource(LocalWeb.builder()
 *         .page("/news/", 2, "<a href='/news/world'>world</a>")
 *         .notFound("/flags/xx.gif", 1)
 *         .reset("/flaky", 1)
 *         .start(ctx.recorder().clock(), ctx.units()));
 * URI news = web.uri("/news/");
 * }</pre>
 *
 * <h2>What a path can do</h2>
 * <ul>
 *   <li>{@linkplain Builder#page page}: 200 with a body, after the path's latency;</li>
 *   <li>{@linkplain Builder#notFound not found}: 404, after the latency (an unknown path is a 404 at once);</li>
 *   <li>{@linkplain Builder#reset reset}: after the latency the server drops the connection without a byte of
 *       answer, so the client sees an {@link IOException}. The JDK client retries a GET once when that happens (RFC
 *       9110 allows it for idempotent requests), so such a path is hit twice and the client waits twice its
 *       latency.</li>
 * </ul>
 *
 * <h2>Time</h2>
 * Latencies are slept on the run's {@link RunClock}, so pausing a lesson stretches them and the lanes stay true.
 *
 * <h2>Threads and shutdown</h2>
 * The JDK server's dispatcher accepts connections; each exchange is handled on a daemon thread named
 * {@code local-web-N}, so slow paths answer in parallel. These threads are the "internet", not the lesson: they are not
 * lanes. {@link #close()} stops listening at once (the port then refuses connections), interrupts the handlers that
 * are still sleeping and waits briefly for them to end. Register the server with {@code ctx.resource(...)} so that the
 * end of the lesson, or a reset, closes it.
 *
 * <p>Thread-safe.
 */
public final class LocalWeb implements AutoCloseable {
    /**
     * How long {@link #close()} waits for handler threads that were interrupted. They end in microseconds (their
     * connections are closed under them too); the bound only keeps a reset from ever hanging on one.
     */
    private static final long CLOSE_WAIT_MS = 1_000;
    private static final AtomicInteger SERVERS = new AtomicInteger();
    /** Handler threads kept ready: as many requests as the busiest lesson has in flight at once (19). */
    public static final int HANDLERS = 20;

    static {
        // Without TCP_NODELAY the JDK server writes an answer's headers and body as two segments, and Nagle's
        // algorithm holds the body back until the client's delayed ACK (40 ms on Linux): every request would take
        // 40 ms more than its latency. The JDK reads this property once, when its first server is made.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final HttpServer server;
    private final ThreadPoolExecutor handlers;
    private final Map<String, Route> routes;
    private final RunClock clock;
    private final Units units;
    private final URI base;
    /** Requests seen per path, known or not. Writers notify on the map, for {@link #awaitHits}. */
    private final ConcurrentHashMap<String, AtomicInteger> hits = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /** What one path does. */
    private record Route(Kind kind, double latencyUnits, String contentType, byte[] body) {
    }

    private enum Kind { PAGE, NOT_FOUND, RESET }

    private LocalWeb(Map<String, Route> routes, RunClock clock, Units units) throws IOException {
        this.routes = Map.copyOf(routes);
        this.clock = clock;
        this.units = units;
        int serverNo = SERVERS.incrementAndGet();
        AtomicInteger threadNo = new AtomicInteger();
        // A cached pool: every exchange gets a thread at once, so slow paths are served in parallel. The first
        // HANDLERS are started now and stay: a lesson's burst of requests then finds its handlers waiting, rather
        // than paying for new threads inside its timed part.
        this.handlers = new ThreadPoolExecutor(HANDLERS, Integer.MAX_VALUE, 1, TimeUnit.SECONDS, new SynchronousQueue<>(),
                r -> {
                    Thread t = new Thread(r, "local-web-" + serverNo + "-" + threadNo.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        // 127.0.0.1 and nothing else: the lessons never listen on, nor reach, any other address.
        InetAddress loopback = InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
        this.server = HttpServer.create(new InetSocketAddress(loopback, 0), 64);
        handlers.prestartAllCoreThreads();
        server.setExecutor(handlers);
        server.createContext("/", this::handle);
        server.start();
        this.base = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    /** A new, empty site to fill with paths and {@linkplain Builder#start start}. */
    public static Builder builder() {
        return new Builder();
    }

    /** The site's root, {@code http://127.0.0.1:PORT/}. */
    public URI base() {
        return base;
    }

    /** The port the server listens on. */
    public int port() {
        return base.getPort();
    }

    /** The full URI of {@code path} (which starts with {@code /}). */
    public URI uri(String path) {
        if (!path.startsWith("/")) throw new IllegalArgumentException("a path starts with '/': " + path);
        return base.resolve(path);
    }

    /** How many requests have reached {@code path} so far. */
    public int hits(String path) {
        AtomicInteger n = hits.get(path);
        return n == null ? 0 : n.get();
    }

    /**
     * Waits until {@code path} has been requested at least {@code n} times, for tools and tests that must know a
     * request is in (say, before closing the server under it).
     *
     * @return whether it had, before the timeout
     */
    public boolean awaitHits(String path, int n, long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        synchronized (hits) {
            while (hits(path) < n) {
                long left = deadline - System.nanoTime();
                if (left <= 0) return false;
                TimeUnit.NANOSECONDS.timedWait(hits, left);
            }
            return true;
        }
    }

    /** The latency of {@code path} in units, or 0 for an unknown path. */
    public double latency(String path) {
        Route r = routes.get(path);
        return r == null ? 0 : r.latencyUnits();
    }

    /** Whether {@link #close()} has been called. */
    public boolean isClosed() {
        return closed;
    }

    /**
     * Stops listening at once, interrupts handlers still waiting out a latency, and waits (at most a second, in
     * practice microseconds) for them to end. Idempotent.
     */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        // stop(0) closes the listening socket and every open connection, then joins the JDK's dispatcher thread
        // (which ends within a select call); it does not wait for exchanges.
        server.stop(0);
        handlers.shutdownNow();
        try {
            handlers.awaitTermination(CLOSE_WAIT_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "local web at " + base + (closed ? " (closed)" : "");
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        hits.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
        synchronized (hits) {
            hits.notifyAll();
        }
        Route route = routes.get(path);
        try (exchange) {
            if (route == null) {
                answer(exchange, 404, "text/plain", "no such page: " + path);
                return;
            }
            try {
                clock.sleep(units.toNanos(route.latencyUnits()));
            } catch (InterruptedException e) {
                return; // closing: the connection is being dropped anyway
            }
            switch (route.kind()) {
                case PAGE -> answer(exchange, 200, route.contentType(), route.body());
                case NOT_FOUND -> answer(exchange, 404, "text/plain", "not found: " + path);
                case RESET -> {
                    // Closing an exchange before its headers are sent drops the connection with no answer at all.
                }
            }
        } catch (IOException e) {
            // The client went away (or the server is closing): nobody is left to tell.
        }
    }

    private static void answer(HttpExchange exchange, int status, String contentType, String text) throws IOException {
        answer(exchange, status, contentType, text.getBytes(StandardCharsets.UTF_8));
    }

    private static void answer(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /** The paths of a site, before it starts. Not thread-safe; use it on one thread. */
    public static final class Builder {
        private final Map<String, Route> routes = new LinkedHashMap<>();

        private Builder() {
        }

        /** An HTML page. */
        public Builder page(String path, double latencyUnits, String html) {
            return add(path, new Route(Kind.PAGE, latencyUnits, "text/html; charset=utf-8",
                    html.getBytes(StandardCharsets.UTF_8)));
        }

        /** Any content, such as an image. */
        public Builder file(String path, double latencyUnits, String contentType, byte[] body) {
            return add(path, new Route(Kind.PAGE, latencyUnits, Objects.requireNonNull(contentType), body.clone()));
        }

        /** A path that answers 404 after its latency. */
        public Builder notFound(String path, double latencyUnits) {
            return add(path, new Route(Kind.NOT_FOUND, latencyUnits, "text/plain", new byte[0]));
        }

        /** A path whose connection is dropped, without an answer, after its latency. */
        public Builder reset(String path, double latencyUnits) {
            return add(path, new Route(Kind.RESET, latencyUnits, "text/plain", new byte[0]));
        }

        private Builder add(String path, Route route) {
            if (!path.startsWith("/")) throw new IllegalArgumentException("a path starts with '/': " + path);
            if (!(route.latencyUnits() >= 0)) {
                throw new IllegalArgumentException("latency must be 0 or more units, not " + route.latencyUnits());
            }
            if (routes.putIfAbsent(path, route) != null) throw new IllegalArgumentException("path twice: " + path);
            return this;
        }

        /**
         * Binds 127.0.0.1 on a free port and starts serving.
         *
         * @param clock the run's clock, which latencies are slept on
         * @param units how long a unit lasts
         */
        public LocalWeb start(RunClock clock, Units units) throws IOException {
            return new LocalWeb(routes, Objects.requireNonNull(clock), Objects.requireNonNull(units));
        }
    }
}
