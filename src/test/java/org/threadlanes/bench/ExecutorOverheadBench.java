package org.threadlanes.bench;

import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.threadlanes.executor.InstrumentedExecutor;
import org.threadlanes.trace.Recorder;

/**
 * What instrumentation costs a busy pool: one million trivial tasks through two workers, plain
 * {@link ThreadPoolExecutor} against {@link InstrumentedExecutor}, each run ending when the pool has terminated and
 * (instrumented) every event is in the recorder's store. Run with
 * {@code mvn -B -Pbench -DskipTests verify -Dbench.args="ExecutorOverheadBench"}; the figure is ns per task, and the
 * target is {@code instrumented / plain <= 1.10}. Both pools run in forks with a fixed, pre-touched heap, so that
 * neither pays the operating system's first-touch page faults (the recorder's pages are fresh memory, and would).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@OperationsPerInvocation(ExecutorOverheadBench.TASKS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 3, jvmArgsAppend = {"-Xms3g", "-Xmx3g", "-XX:+AlwaysPreTouch"})
public class ExecutorOverheadBench {
    static final int TASKS = 1_000_000;

    @Param({"plain", "instrumented"})
    public String pool;

    private ThreadPoolExecutor executor;
    private Recorder recorder;
    private Tiny[] tasks;

    /** A distinct task object per submission, as real callers make them. */
    static final class Tiny implements Runnable {
        int runs;

        @Override
        public void run() {
            runs++;
        }
    }

    @Setup(Level.Trial)
    public void makeTasks() {
        tasks = new Tiny[TASKS];
        for (int i = 0; i < TASKS; i++) tasks[i] = new Tiny();
    }

    @Setup(Level.Invocation)
    public void startPool() {
        if (pool.equals("plain")) {
            executor = new ThreadPoolExecutor(2, 2, 0L, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
                    Executors.defaultThreadFactory());
        } else {
            recorder = new Recorder();
            executor = new InstrumentedExecutor(recorder, 2, 2, 0L, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
                    Executors.defaultThreadFactory());
        }
        executor.prestartAllCoreThreads();
    }

    @Benchmark
    public long millionTasks() throws InterruptedException {
        ThreadPoolExecutor p = executor;
        for (Tiny t : tasks) p.execute(t);
        p.shutdown();
        if (!p.awaitTermination(5, TimeUnit.MINUTES)) throw new IllegalStateException("pool did not finish");
        // Draining is part of the cost: the events must be in the store before the run counts as done.
        return recorder == null ? p.getCompletedTaskCount() : recorder.flush();
    }

    @TearDown(Level.Invocation)
    public void dropRecorder() {
        recorder = null;
        executor = null;
    }
}
