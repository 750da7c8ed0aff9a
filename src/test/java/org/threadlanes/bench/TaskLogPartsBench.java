package org.threadlanes.bench;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.threadlanes.trace.BlockReason;
import org.threadlanes.trace.EventKind;
import org.threadlanes.trace.Recorder;
import org.threadlanes.trace.TaskOutcome;
import org.threadlanes.trace.ThreadRef;
import org.threadlanes.trace.ThreadState;

/**
 * What each part of an instrumented task costs on its own, single-threaded, so that the pool benchmark's overhead
 * can be read against them: a submitter's SUBMITTED, a worker's STARTED and FINISHED (with BLOCKED(WORK)), an exact
 * {@code record}, a clock read, and the drain per event. Run with
 * {@code mvn -B -Pbench -DskipTests verify -Dbench.args="TaskLogPartsBench"}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms3g", "-Xmx3g"})
public class TaskLogPartsBench {
    private static final ThreadRef ME = new ThreadRef(Long.MAX_VALUE, "bench", "worker");
    private Recorder recorder;
    private Recorder.TaskLog log;
    private final Object key = new Object();

    @Setup(Level.Iteration)
    public void newRecorder() {
        recorder = new Recorder();
        log = recorder.taskLog(() -> ME, true);
    }

    @TearDown(Level.Iteration)
    public void dropEvents() {
        recorder.clear();
    }

    @Benchmark
    public long submitted() {
        return log.submitted(0, key, null);
    }

    @Benchmark
    public void started() {
        log.started(0, key, null);
    }

    @Benchmark
    public void finishedThenWaiting() {
        log.finished(0, TaskOutcome.OK, null, BlockReason.WORK, "waiting for work");
    }

    @Benchmark
    public void recordWithClock() {
        recorder.record(ME, EventKind.STATE, ThreadState.RUNNING, null, null, 0, 0, null, 0);
    }

    @Benchmark
    public long clockRead() {
        return System.nanoTime();
    }

    /** Publishing and draining 64 Ki events (16 Ki tasks' worth), per event. */
    @Benchmark
    @OperationsPerInvocation(1 << 16)
    public long publishAndDrainPerEvent() {
        for (int i = 0; i < 1 << 14; i++) {
            Object k = new Object();
            log.submitted(0, k, null);
            log.started(0, k, null);
            log.finished(0, TaskOutcome.OK, null, BlockReason.WORK, "waiting for work");
        }
        return recorder.flush();
    }
}
