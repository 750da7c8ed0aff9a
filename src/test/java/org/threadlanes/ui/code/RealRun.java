package org.threadlanes.ui.code;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.threadlanes.scenario.ScenarioRun;
import org.threadlanes.scenario.Settings;
import org.threadlanes.scenario.lessons.FibonacciCondition;
import org.threadlanes.trace.Event;

/** A real fibonacci-condition run at 20 ms per unit whose event batches are collected for a test to replay. */
final class RealRun implements AutoCloseable {
    final FibonacciCondition lesson = new FibonacciCondition();
    final ScenarioRun run = new ScenarioRun(lesson, new Settings(4, 2, 20));
    /** Filled by the recorder's drainer thread, emptied by the test. */
    final LinkedBlockingQueue<List<Event>> batches = new LinkedBlockingQueue<>();

    RealRun() {
        run.recorder().addListener(batches::add);
    }

    /** Starts the run and waits (up to 30 s) until it ended; every batch is then in {@link #batches}. */
    List<List<Event>> runToEnd() throws Exception {
        run.start();
        if (!run.await(30, TimeUnit.SECONDS)) throw new AssertionError("the run did not end in 30 s");
        run.recorder().flush();
        List<List<Event>> all = new ArrayList<>();
        batches.drainTo(all);
        return all;
    }

    /** The Python line holding {@code marker}. */
    int line(String marker) {
        return lesson.listing().lineOf(marker);
    }

    @Override
    public void close() throws InterruptedException {
        run.cancel();
        run.awaitThreadsEnded(10, TimeUnit.SECONDS);
    }
}
