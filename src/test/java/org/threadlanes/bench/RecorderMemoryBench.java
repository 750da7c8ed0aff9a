package org.threadlanes.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.threadlanes.executor.InstrumentedExecutor;
import org.threadlanes.trace.Recorder;

/**
 * How much heap a recorder keeps per event: a million trivial tasks go through a two-worker
 * {@link InstrumentedExecutor} (a little over four million events), then the heap in use after full collections is
 * compared with the heap in use before the run, the pool gone and the recorder kept. Reported as the auxiliary
 * counters {@code retainedBytes} and {@code events}, whose quotient is the figure (target: at most 64 bytes per
 * event), printed as "bytes per recorded event" at the end. Run with
 * {@code mvn -B -Pbench -DskipTests verify -Dbench.args="RecorderMemoryBench"}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xms3g", "-Xmx3g"})
public class RecorderMemoryBench {
    private static final int TASKS = 1_000_000;

    /**
     * What one run keeps. JMH sums EVENTS counters over the iterations in its summary, so the figure is the summed
     * {@code retainedBytes} over the summed {@code events} (also printed at the end of the trial).
     */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Retained {
        public long retainedBytes;
        public long events;
        private long allBytes, allEvents;

        @Setup(Level.Iteration)
        public void reset() {
            retainedBytes = 0;
            events = 0;
        }

        void add(long bytes, long n) {
            retainedBytes = bytes;
            events = n;
            allBytes += bytes;
            allEvents += n;
        }

        @TearDown(Level.Trial)
        public void report() {
            System.out.printf("%nbytes per recorded event: %.1f (%d bytes kept for %d events)%n",
                    allBytes / (double) allEvents, allBytes, allEvents);
        }
    }

    /** Kept between invocations only so that the recorder measured is still reachable when the heap is read. */
    private Recorder kept;

    @Benchmark
    public Recorder millionTasks(Retained retained) throws InterruptedException {
        kept = null;
        long before = usedAfterGc();
        Recorder recorder = new Recorder();
        run(recorder);
        long events = recorder.flush();
        kept = recorder;
        long after = usedAfterGc();
        retained.add(after - before, events);
        return recorder;
    }

    private static void run(Recorder recorder) throws InterruptedException {
        Thread[] workers = new Thread[2];
        int[] made = {0};
        ThreadFactory factory = r -> workers[made[0]++] = new Thread(r);
        InstrumentedExecutor pool = new InstrumentedExecutor(recorder, 2, 2, 0L, TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(), factory);
        for (int i = 0; i < TASKS; i++) pool.execute(new Tiny());
        pool.shutdown();
        if (!pool.awaitTermination(5, TimeUnit.MINUTES)) throw new IllegalStateException("pool did not finish");
        for (Thread w : workers) {
            if (w != null) w.join(); // their CONCLUDED is the last event
        }
    }

    /** A distinct task object per submission, as real callers make them. */
    static final class Tiny implements Runnable {
        int runs;

        @Override
        public void run() {
            runs++;
        }
    }

    private static long usedAfterGc() throws InterruptedException {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long used = 0;
        // A few full collections, with pauses in between: a recorder that became unreachable has its buffers'
        // pages let go by the drainer on its next turn (every 5 ms), and only the collection after that frees them.
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(20);
            used = memory.getHeapMemoryUsage().getUsed();
        }
        return used;
    }
}
