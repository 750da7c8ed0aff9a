package org.threadlanes.ui.deadlock;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;

import javafx.animation.AnimationTimer;

/**
 * Runs handed-over tasks on the FX thread at the next animation pulse: the demo's stand-in for {@code FxBridge.post}
 * (which lives on another branch), without a {@code Platform.runLater} of its own. {@link #execute} may be called from
 * any thread; {@link #start()} and {@link #stop()} on the FX thread.
 */
final class PulseExecutor implements Executor {
    private final ConcurrentLinkedQueue<Runnable> queue = new ConcurrentLinkedQueue<>();
    private final AnimationTimer timer = new AnimationTimer() {
        @Override
        public void handle(long now) {
            drain();
        }
    };

    @Override
    public void execute(Runnable task) {
        queue.add(task);
    }

    /** Runs every task queued so far, on the calling thread. */
    void drain() {
        for (Runnable r; (r = queue.poll()) != null; ) r.run();
    }

    /** Whether tasks wait. */
    boolean isEmpty() {
        return queue.isEmpty();
    }

    void start() {
        timer.start();
    }

    void stop() {
        timer.stop();
    }
}
