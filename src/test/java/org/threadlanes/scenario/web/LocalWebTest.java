package org.threadlanes.scenario.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.threadlanes.executor.Units;
import org.threadlanes.trace.RunClock;

class LocalWebTest {
    private final RunClock clock = new RunClock();
    private final Units units = new Units(10);
    private LocalWeb web;
    private ExecutorService callers;

    @BeforeEach
    void start() throws IOException {
        web = LocalWeb.builder()
                .page("/", 0, "<a href='/a'>a</a>")
                .page("/slow", 1000, "slow")                      // 10 s: only ever interrupted
                .page("/one-unit", 1, "one")
                .file("/flag.gif", 0, "image/gif", new byte[] {'G', 'I', 'F'})
                .notFound("/missing", 0)
                .reset("/reset", 0)
                .start(clock, units);
        callers = Executors.newCachedThreadPool();
    }

    @AfterEach
    void stop() throws InterruptedException {
        clock.resume();
        web.close();
        callers.shutdownNow();
        assertTrue(callers.awaitTermination(10, TimeUnit.SECONDS), "test callers did not end");
    }

    /** The server listens on 127.0.0.1 and nowhere else, on a port the system chose. */
    @Test
    void listensOnLoopbackOnly() {
        assertEquals("127.0.0.1", web.base().getHost());
        assertTrue(web.port() > 0);
        assertEquals("http://127.0.0.1:" + web.port() + "/x", web.uri("/x").toString());
    }

    /** A page comes back with status 200 and its body; a file with its bytes. */
    @Test
    void servesPagesAndFiles() throws Exception {
        assertEquals("<a href='/a'>a</a>", WebClient.shared().text(web.uri("/")));
        assertEquals(List.of((byte) 'G', (byte) 'I', (byte) 'F'),
                List.of(box(WebClient.shared().bytes(web.uri("/flag.gif")))));
        assertEquals(1, web.hits("/"));
    }

    /**
     * connect() sends that many requests at once and returns when all are answered, so a lesson's burst then finds
     * connections open; the server keeps its handler threads ready whether or not they were used.
     */
    @Test
    void connectSendsThatManyRequestsAtOnce() throws Exception {
        WebClient.shared().connect(web.uri("/"), 7);
        assertEquals(7, web.hits("/"));
        assertEquals("one", WebClient.shared().text(web.uri("/one-unit")), "the connections stay usable");
        assertThrows(java.net.UnknownHostException.class,
                () -> WebClient.shared().connect(java.net.URI.create("http://x.invalid/"), 2));
        long handlers = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("local-web-") && t.isAlive()).count();
        assertTrue(handlers >= LocalWeb.HANDLERS, handlers + " handler threads ready");
    }

    /** A path marked not found, and any unknown path, answer 404, which text() turns into an HttpStatusException. */
    @Test
    void answers404ForMissingAndUnknownPaths() throws Exception {
        assertEquals(404, WebClient.shared().get(web.uri("/missing")).status());
        assertEquals(404, WebClient.shared().get(web.uri("/nowhere")).status());
        HttpStatusException e = assertThrows(HttpStatusException.class,
                () -> WebClient.shared().text(web.uri("/missing")));
        assertEquals(404, e.status());
    }

    /** The reset path drops the connection without an answer: the client sees an IOException, not a status. */
    @Test
    void resetPathDropsTheConnection() {
        IOException e = assertThrows(IOException.class, () -> WebClient.shared().get(web.uri("/reset")));
        assertFalse(e instanceof HttpStatusException, "a reset has no status: " + e);
        assertTrue(web.hits("/reset") >= 1);
    }

    /** Latency is slept on the run clock: while the run is paused, a one-unit page does not answer. */
    @Test
    void pausingTheRunClockStretchesTheLatency() throws Exception {
        clock.pause();
        CompletableFuture<String> answer = CompletableFuture.supplyAsync(() -> fetch("/one-unit"), callers);
        assertThrows(TimeoutException.class, () -> answer.get(300, TimeUnit.MILLISECONDS),
                "a paused run's page answered (30 unit latencies went by)");
        clock.resume();
        assertEquals("one", answer.get(10, TimeUnit.SECONDS));
    }

    /** Closing stops listening at once: the port refuses connections, and a request in flight fails. */
    @Test
    void closeRefusesConnectionsAndDropsRequestsInFlight() throws Exception {
        CompletableFuture<String> inFlight = CompletableFuture.supplyAsync(() -> fetch("/slow"), callers);
        awaitHits("/slow");
        web.close();
        ExecutionException e = assertThrows(ExecutionException.class, () -> inFlight.get(10, TimeUnit.SECONDS));
        assertInstanceOf(IOException.class, e.getCause().getCause(), "expected the connection to drop: " + e);
        assertThrows(ConnectException.class, () -> {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", web.port()), 2000);
            }
        });
        assertTrue(web.isClosed());
    }

    /** Closing ends every handler thread, even one sleeping out a long latency. */
    @Test
    void closeEndsTheHandlerThreads() throws Exception {
        CompletableFuture<String> inFlight = CompletableFuture.supplyAsync(() -> fetch("/slow"), callers);
        awaitHits("/slow");
        List<Thread> handlers = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("local-web-")).toList();
        assertFalse(handlers.isEmpty(), "no handler thread was found");
        web.close();
        for (Thread t : handlers) {
            t.join(5000);
            assertFalse(t.isAlive(), t.getName() + " is still alive");
        }
        assertThrows(ExecutionException.class, () -> inFlight.get(10, TimeUnit.SECONDS));
    }

    private String fetch(String path) {
        try {
            return WebClient.shared().text(web.uri(path));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Waits (at most 10 s) until the server has seen a request for {@code path}. */
    private void awaitHits(String path) throws InterruptedException {
        assertTrue(web.awaitHits(path, 1, 10, TimeUnit.SECONDS), "no request for " + path + " arrived");
    }

    private static Byte[] box(byte[] bytes) {
        Byte[] out = new Byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) out[i] = bytes[i];
        return out;
    }
}
