package org.threadlanes.executor;

import java.util.concurrent.Callable;
import java.util.concurrent.FutureTask;

/** The future an {@link InstrumentedExecutor} hands out: a plain {@link FutureTask} with a task id and a label. */
public class TracedFutureTask<V> extends FutureTask<V> implements TracedTask {
    private final long taskId;
    private final String label;

    public TracedFutureTask(long taskId, String label, Callable<V> callable) {
        super(callable);
        this.taskId = taskId;
        this.label = label;
    }

    public TracedFutureTask(long taskId, String label, Runnable runnable, V result) {
        super(runnable, result);
        this.taskId = taskId;
        this.label = label;
    }

    @Override
    public long taskId() {
        return taskId;
    }

    @Override
    public String label() {
        return label;
    }

    @Override
    public String toString() {
        return "task #" + taskId + " " + label + " " + super.toString();
    }
}
