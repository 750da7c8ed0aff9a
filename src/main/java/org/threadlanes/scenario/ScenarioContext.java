package org.threadlanes.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.threadlanes.executor.InstrumentedExecutor;
import org.threadlanes.executor.Probe;
import org.threadlanes.executor.Units;
import org.threadlanes.trace.Recorder;

/**
 * What a running lesson gets: its settings, the probe its threads call, and factories for threads and pools that a
 * reset can find and end. Everything made here is closed when the run ends or is reset.
 */
public final class ScenarioContext {
    private final Scenario scenario;
    private final Settings settings;
    private final Probe probe;
    private final Consumer<String> log;
    /**
     * Set by closeAll before it walks the pools and resources; something registered afterwards sees it and is ended
     * at once, so nothing made during a reset survives it.
     */
    private volatile boolean closed;
    /** See {@link #setupDone()}: set once, by the lesson's main lane, read by whoever reports on the run. */
    private final AtomicLong setupEndNs = new AtomicLong(-1);
    /** Pools and other resources to end, most recent first. Any thread may add. */
    private final ConcurrentLinkedDeque<AutoCloseable> resources = new ConcurrentLinkedDeque<>();
    private final ConcurrentLinkedDeque<InstrumentedExecutor> pools = new ConcurrentLinkedDeque<>();
    /** Pools made by {@link #pool()}: they follow the live workers setting. Guarded by {@code this}. */
    private final List<InstrumentedExecutor> tunable = new ArrayList<>();
    /** The live workers setting; starts at the settings' value. Guarded by {@code this}. */
    private int workers;

    ScenarioContext(Scenario scenario, Settings settings, Probe probe, Consumer<String> log) {
        this.scenario = scenario;
        this.settings = settings;
        this.probe = probe;
        this.log = log;
        this.workers = settings.workers();
    }

    public Settings settings() {
        return settings;
    }

    public Probe probe() {
        return probe;
    }

    public Recorder recorder() {
        return probe.recorder();
    }

    public Units units() {
        return probe.units();
    }

    /** The 1-based listing line containing {@code marker}; fails fast if the listing lacks it. */
    public int line(String marker) {
        return scenario.listing().lineOf(marker);
    }

    /** The 1-based listing line of the {@code occurrence}-th line containing {@code marker}. */
    public int line(String marker, int occurrence) {
        return scenario.listing().lineOf(marker, occurrence);
    }

    /** Writes a line to the run's log (the CLI prints it; the app shows it). */
    public void log(String message) {
        log.accept(message);
    }

    /**
     * A fixed pool of {@code workers} threads named {@code prefix-1..N}, recording to this run and holding modelled
     * cores while tasks run. Shut down (now) when the run ends.
     */
    public InstrumentedExecutor pool(int workers, String prefix) {
        InstrumentedExecutor pool = new InstrumentedExecutor(recorder(), workers, workers, 0L, TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(), probe.workerFactory(prefix));
        pool.setProbe(probe);
        pools.add(pool);
        // Made after the run was closed (a reset racing the lesson's setup): end it now, as closeAll would have.
        if (closed) pool.shutdownNow();
        return pool;
    }

    /**
     * A pool of the run's live size ({@link #workers()}), with workers named {@code worker-N}. Unlike a pool of an
     * explicit size, it follows {@link ScenarioRun#setWorkers(int)} while the lesson runs.
     */
    public synchronized InstrumentedExecutor pool() {
        InstrumentedExecutor pool = pool(workers, "worker");
        tunable.add(pool);
        return pool;
    }

    /**
     * Marks the end of the lesson's setup (such as starting the local web): the run's {@link Timing#AFTER_SETUP}
     * figure counts from here. The first call counts; later ones are ignored.
     */
    public void setupDone() {
        setupEndNs.compareAndSet(-1, recorder().now());
    }

    /** When {@link #setupDone()} was first called, on the run's clock; -1 if never. */
    long setupEndNs() {
        return setupEndNs.get();
    }

    /** The live pool size: the settings' value until {@link ScenarioRun#setWorkers(int)} changes it. */
    public synchronized int workers() {
        return workers;
    }

    /**
     * Resizes every pool made by {@link #pool()} to {@code n} workers (core and maximum size), now.
     *
     * <p>The two sizes change in the order the JDK accepts ({@code setCorePoolSize} refuses a core size above the
     * maximum and {@code setMaximumPoolSize} one below the core): growing raises the maximum first, shrinking lowers
     * the core first. Growing starts new workers at once for tasks already queued (the JDK starts no idle ones);
     * shrinking interrupts idle workers, which then exit, and busy ones exit when their task ends. Each retiring
     * worker publishes CONCLUDED on its own lane (the instrumented pool's thread factory does it).
     */
    synchronized void resizePools(int n) {
        workers = n;
        for (InstrumentedExecutor p : tunable) {
            if (n >= p.getMaximumPoolSize()) {
                p.setMaximumPoolSize(n);
                p.setCorePoolSize(n);
            } else {
                p.setCorePoolSize(n);
                p.setMaximumPoolSize(n);
            }
        }
    }

    /** A new (not yet started) lane thread. */
    public Thread thread(String name, Probe.ThrowingRunnable body) {
        return probe.newThread(name, body);
    }

    /** Registers something to close when the run ends (a server, a client). */
    public <T extends AutoCloseable> T resource(T resource) {
        resources.addFirst(Objects.requireNonNull(resource));
        if (closed) closeResources(); // registered after the run was closed: close it now
        return resource;
    }

    /** Every pool made so far. */
    public List<InstrumentedExecutor> pools() {
        return new ArrayList<>(pools);
    }

    /** Ends what the run made: pools now, resources in reverse order. Never blocks on scenario threads. */
    void closeAll() {
        closed = true;
        for (InstrumentedExecutor p : pools) p.shutdownNow();
        closeResources();
    }

    private void closeResources() {
        AutoCloseable r;
        while ((r = resources.pollFirst()) != null) {
            try {
                r.close();
            } catch (Exception e) {
                log.accept("closing " + r + " failed: " + e.getMessage());
            }
        }
    }
}
