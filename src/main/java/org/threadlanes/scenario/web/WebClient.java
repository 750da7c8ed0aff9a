package org.threadlanes.scenario.web;

import java.io.IOException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * How lessons fetch pages: {@link java.net.http.HttpClient} over HTTP/1.1, and only ever to 127.0.0.1.
 *
 * <pre>{@code
 * String html = probe.io("GET /news/", () -> WebClient.shared().text(web.uri("/news/")));
 * }</pre>
 *
 * <h2>No outside traffic</h2>
 * Before a request leaves, the host is checked here, not by DNS: {@code 127.0.0.1} is fetched; a name in the reserved
 * {@code .invalid} domain (RFC 6761: it never resolves) fails at once with an {@link UnknownHostException}, the way
 * an unknown host fails in the course; any other host is refused with an {@link IllegalArgumentException}. So no
 * lookup ever reaches a resolver, nothing can hang on one, and no packet leaves the machine.
 *
 * <h2>Threads</h2>
 * One client serves every lesson, for the life of the JVM: the JDK client keeps a selector thread for as long as it
 * lives (on Java 17 it cannot be closed), so a client per run would leave one behind each time. Its background work
 * runs on two daemon threads named {@code threadlanes-http-N}, started with it. None of these is a lane: a lesson's
 * thread that calls {@link #get} blocks in it, and that thread's lane shows the wait.
 *
 * <p>Thread-safe.
 */
public final class WebClient {
    private static final String RESERVED_INVALID = "invalid";

    private final HttpClient client;

    private WebClient() {
        AtomicInteger n = new AtomicInteger();
        ThreadPoolExecutor executor = new ThreadPoolExecutor(2, 2, 0, TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "threadlanes-http-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        executor.prestartAllCoreThreads();
        HttpClient.Builder builder = HttpClient.newBuilder();
        try {
            // Plain http only: an SSL context that is never initialized spares loading the default trust store,
            // which is most of the client's start-up time on a cold JVM.
            builder.sslContext(SSLContext.getInstance("TLS")).sslParameters(new SSLParameters());
        } catch (NoSuchAlgorithmException e) {
            // Every JDK has TLS; without it the client simply builds its default context.
        }
        client = builder
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5))
                .executor(executor)
                .build();
    }

    private static final class Holder {
        static final WebClient SHARED = new WebClient();
    }

    /** The client every lesson uses (created on first use). */
    public static WebClient shared() {
        return Holder.SHARED;
    }

    /** An answer: its status and body. */
    public record Response(URI uri, int status, byte[] body) {
        /** The body as UTF-8 text. */
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /**
     * GETs {@code uri} and returns whatever status comes back. Blocks until the answer is complete.
     *
     * @throws UnknownHostException     for a host in the reserved {@code .invalid} domain, at once
     * @throws IOException              when the connection is dropped or refused
     * @throws IllegalArgumentException for any host other than 127.0.0.1 (ThreadLanes never leaves the machine)
     * @throws InterruptedException     if the calling thread is interrupted (a reset)
     */
    public Response get(URI uri) throws IOException, InterruptedException {
        checkHost(uri);
        HttpRequest request = HttpRequest.newBuilder(uri).GET().build();
        HttpResponse<byte[]> r = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        return new Response(uri, r.statusCode(), r.body());
    }

    /**
     * GETs {@code uri} {@code connections} times at once and waits for every answer, so that the client then holds
     * that many open connections to its server, ready for reuse (HTTP/1.1 keep-alive), and the paths of a
     * concurrent exchange are loaded. A lesson's local web does this before the lesson times anything: opening a
     * connection costs far less than a lesson unit, but many opened at once by a cold JVM on a small machine add up
     * to a good part of one.
     *
     * @throws IOException          if a request fails
     * @throws InterruptedException if the calling thread is interrupted (a reset); the requests are abandoned
     */
    public void connect(URI uri, int connections) throws IOException, InterruptedException {
        checkHost(uri);
        HttpRequest request = HttpRequest.newBuilder(uri).GET().build();
        List<CompletableFuture<HttpResponse<Void>>> answers = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            answers.add(client.sendAsync(request, HttpResponse.BodyHandlers.discarding()));
        }
        try {
            CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        } catch (InterruptedException e) {
            answers.forEach(a -> a.cancel(true));
            throw e;
        }
    }

    /**
     * GETs {@code uri} and returns its body if the status is 200.
     *
     * @throws HttpStatusException for any other status (such as 404)
     * @see #get(URI) for the other failures
     */
    public byte[] bytes(URI uri) throws IOException, InterruptedException {
        Response r = get(uri);
        if (r.status() != 200) throw new HttpStatusException(uri, r.status());
        return r.body();
    }

    /** As {@link #bytes}, decoded as UTF-8. */
    public String text(URI uri) throws IOException, InterruptedException {
        return new String(bytes(uri), StandardCharsets.UTF_8);
    }

    /**
     * Fails unless {@code uri} names 127.0.0.1 over http.
     *
     * @throws UnknownHostException     for a {@code .invalid} host, as a failed lookup would
     * @throws IllegalArgumentException for anything else that is not 127.0.0.1
     */
    static void checkHost(URI uri) throws UnknownHostException {
        String host = uri.getHost();
        if (host == null || !"http".equalsIgnoreCase(uri.getScheme())) {
            throw new IllegalArgumentException("not an http URL with a host: " + uri);
        }
        String h = host.toLowerCase(Locale.ROOT);
        if (h.endsWith(".")) h = h.substring(0, h.length() - 1);
        if (h.equals(RESERVED_INVALID) || h.endsWith("." + RESERVED_INVALID)) {
            throw new UnknownHostException(host + ": Name or service not known");
        }
        if (!h.equals("127.0.0.1")) {
            throw new IllegalArgumentException("ThreadLanes only fetches from 127.0.0.1, not " + host);
        }
    }
}
