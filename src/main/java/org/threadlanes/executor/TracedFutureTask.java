package org.threadlanes.executor;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.Callable;
import java.util.concurrent.FutureTask;

import org.threadlanes.trace.Recorder;

/**
 * The future an {@link InstrumentedExecutor} hands out: a plain {@link FutureTask} with a task id and a label.
 *
 * <p>It also remembers where its lane stands, so that each of its milestones is published once whichever thread
 * gets there first: a task cancelled while it waits in the queue is FINISHED(CANCELLED) at once, on the cancelling
 * thread, and the worker that later takes it out of the queue publishes nothing for it.
 *
 * <p>Subclasses may override {@link #run()}, {@link #done()} and {@link #cancel(boolean)} (calling {@code super} for
 * the last two is not needed for the trace, but {@code cancel} must call {@code super.cancel} to cancel at all).
 */
public class TracedFutureTask<V> extends FutureTask<V> implements TracedTask {
    /** Where the task's lane stands. */
    private static final int NEW = 0, QUEUED = 1, RUNNING = 2, ENDED = 3;
    private static final VarHandle PHASE;

    static {
        try {
            PHASE = MethodHandles.lookup().findVarHandle(TracedFutureTask.class, "phase", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final long taskId;
    /** The label given, or {@code null}: events then carry no detail and {@link #label()} says "task #id". */
    private final String label;
    /** Changed only by compare-and-set, except when a pool queues the task. */
    @SuppressWarnings("unused")
    private volatile int phase = NEW;
    /** The log of the pool that queued it last; written before {@code phase} becomes QUEUED. */
    private volatile Recorder.TaskLog log;
    /** What {@link #run()} produced; written and read by the thread that runs the task. */
    private Object result;
    private Throwable failure;

    /**
     * A task running {@code callable}.
     *
     * @param taskId the id its events carry; unique within the recorder (see {@link InstrumentedExecutor#newTaskId()})
     * @param label  what its lane shows, or {@code null} for none
     */
    public TracedFutureTask(long taskId, String label, Callable<V> callable) {
        super(callable);
        this.taskId = taskId;
        this.label = label;
    }

    /** A task running {@code runnable} and then returning {@code result}. Arguments as for the other constructor. */
    public TracedFutureTask(long taskId, String label, Runnable runnable, V result) {
        super(runnable, result);
        this.taskId = taskId;
        this.label = label;
    }

    @Override
    public long taskId() {
        return taskId;
    }

    /** The label given, or {@code "task #<id>"} when there was none. */
    @Override
    public String label() {
        return label != null ? label : "task #" + taskId;
    }

    /** The label given, or {@code null}: what the events' detail carries. */
    String givenLabel() {
        return label;
    }

    /**
     * Cancels as {@link FutureTask} does; a task that was still queued in an instrumented pool is published
     * FINISHED(CANCELLED) on the calling thread.
     */
    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        boolean cancelled = super.cancel(mayInterruptIfRunning);
        if (cancelled) withdrawn();
        return cancelled;
    }

    @Override
    protected void set(V v) {
        result = v;
        super.set(v);
    }

    @Override
    protected void setException(Throwable t) {
        failure = t;
        super.setException(t);
    }

    @Override
    public String toString() {
        return "task #" + taskId + (label == null ? "" : " " + label) + " " + super.toString();
    }

    // ------------------------------------------------------------------ for the pool

    /** The task is in {@code log}'s pool's queue (or handed to a new worker). */
    void queued(Recorder.TaskLog log) {
        this.log = log;
        PHASE.setVolatile(this, QUEUED);
    }

    /** A worker takes it; false if it left the queue (cancelled, removed) before: it then publishes nothing. */
    boolean claim() {
        return PHASE.compareAndSet(this, QUEUED, RUNNING);
    }

    /** The worker is done with it; false if it never claimed it. */
    boolean release() {
        return PHASE.compareAndSet(this, RUNNING, ENDED);
    }

    /** The task left the queue without running; publishes FINISHED(CANCELLED) if nobody has ended its lane yet. */
    void withdrawn() {
        if (PHASE.compareAndSet(this, QUEUED, ENDED)) {
            Recorder.TaskLog l = log;
            if (l != null) l.cancelled(taskId, null);
        }
    }

    /** The pool refused it; true if the task was waiting for that verdict (its lane ends with REJECTED). */
    boolean refused() {
        return PHASE.compareAndSet(this, QUEUED, ENDED);
    }

    /** The result of the run that just ended on the calling thread, or {@code null}. */
    Object result() {
        return result;
    }

    /** The exception of the run that just ended on the calling thread, or {@code null}. */
    Throwable failure() {
        return failure;
    }
}
