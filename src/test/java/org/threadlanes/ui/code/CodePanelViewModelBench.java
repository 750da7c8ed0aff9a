package org.threadlanes.ui.code;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import org.threadlanes.scenario.lessons.FibonacciCondition;
import org.threadlanes.trace.BlockReason;
import org.threadlanes.trace.Event;
import org.threadlanes.trace.EventKind;
import org.threadlanes.trace.ThreadRef;
import org.threadlanes.trace.ThreadState;

/**
 * What one batch costs the code panel's view-model: {@code threads} threads hopping over the fibonacci-condition
 * listing, one event each per batch (the FX bridge delivers about one batch per frame). Target: well under a
 * millisecond for a 64-thread batch, so that following lines never costs a frame.
 * Run with {@code mvn -B -Pbench -DskipTests verify -Dbench.args="CodePanelViewModelBench"}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class CodePanelViewModelBench {
    @Param({"8", "64"})
    public int threads;

    private CodePanelViewModel vm;
    private List<List<Event>> batches;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        vm = new CodePanelViewModel();
        FibonacciCondition lesson = new FibonacciCondition();
        vm.setScenario(lesson);
        vm.selectLine(lesson.listing().lineOf("cond.wait()"));
        int lines = lesson.listing().python().size();
        Random random = new Random(42);
        List<ThreadRef> refs = new ArrayList<>();
        for (int i = 0; i < threads; i++) refs.add(new ThreadRef(100 + i, "t-" + i, "thread"));
        batches = new ArrayList<>();
        long seq = 0;
        for (int b = 0; b < 1024; b++) {
            List<Event> batch = new ArrayList<>(threads);
            for (ThreadRef t : refs) {
                int line = 1 + random.nextInt(lines);
                boolean blocked = random.nextBoolean();
                batch.add(new Event(++seq, seq * 1000, t, EventKind.STATE,
                        blocked ? ThreadState.BLOCKED : ThreadState.RUNNING,
                        blocked ? BlockReason.LOCK : null, blocked ? "lock L" : null, 0, 0, null, line));
            }
            batches.add(List.copyOf(batch));
        }
    }

    @Benchmark
    public long acceptOneBatch() {
        vm.accept(batches.get(next++ & 1023));
        return vm.versionProperty().get();
    }
}
