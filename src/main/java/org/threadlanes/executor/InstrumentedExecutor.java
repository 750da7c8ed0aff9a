package org.threadlanes.executor;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionHandler;
import java.util.concurrent.RunnableFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.threadlanes.trace.BlockReason;
import org.threadlanes.trace.EventKind;
import org.threadlanes.trace.Recorder;
import org.threadlanes.trace.TaskOutcome;
import org.threadlanes.trace.ThreadRef;
import org.threadlanes.trace.ThreadState;

/**
 * A {@link ThreadPoolExecutor} that publishes what its threads and tasks do, with the JDK's exact semantics.
 *
 * <h2>What it publishes, and from which thread</h2>
 * <pre>
 *  submitter:  SUBMITTED(task)          from execute(), before the task can start
 *              REJECTED(task)           from the rejection handler, before the caller's handler runs
 *  creator:    worker CREATED           when the thread factory makes a worker
 *  worker:     BLOCKED(WORK)            when it starts and after every task: waiting for its next task
 *              STARTED(task) RUNNING    in beforeExecute (READY first while it waits for a modelled core)
 *              FINISHED(task, outcome)  in afterExecute: OK (detail = result), FAILED (detail = message), CANCELLED
 *              CONCLUDED                when the worker exits
 * </pre>
 * No hook fires while a task waits in the queue, so the queued state is known from SUBMITTED.
 *
 * <h2>Staying a drop-in</h2>
 * The caller's thread factory and rejection handler are kept as given ({@link #getThreadFactory()} and
 * {@link #getRejectedExecutionHandler()} return exactly them); the pool itself holds wrappers that publish. The
 * queue holds the caller's own runnables (or, for {@code submit}, the pool's own futures, as the JDK does).
 */
public class InstrumentedExecutor extends ThreadPoolExecutor {
    private static final String WAITING_FOR_WORK = "waiting for work";
    private static final int MAX_RESULT_CHARS = 80;

    private final Recorder recorder;
    /** Task ids, unique within this pool's recorder for this pool. */
    private final AtomicLong taskIds;
    /** Ids of plain runnables given to execute(), until they start or leave the queue. */
    private final ConcurrentHashMap<Runnable, Long> plainIds = new ConcurrentHashMap<>();
    /** The caller's factory and handler, as given. Volatile: setters may run on any thread. */
    private volatile ThreadFactory userFactory;
    private volatile RejectedExecutionHandler userHandler;
    private volatile Probe probe;

    // --------------------------------------------------------------- the JDK's four constructors

    public InstrumentedExecutor(int corePoolSize, int maximumPoolSize, long keepAliveTime, TimeUnit unit,
                                BlockingQueue<Runnable> workQueue) {
        this(Recorder.global(), corePoolSize, maximumPoolSize, keepAliveTime, unit, workQueue,
                Executors.defaultThreadFactory(), new AbortPolicy());
    }

    public InstrumentedExecutor(int corePoolSize, int maximumPoolSize, long keepAliveTime, TimeUnit unit,
                                BlockingQueue<Runnable> workQueue, ThreadFactory threadFactory) {
        this(Recorder.global(), corePoolSize, maximumPoolSize, keepAliveTime, unit, workQueue, threadFactory,
                new AbortPolicy());
    }

    public InstrumentedExecutor(int corePoolSize, int maximumPoolSize, long keepAliveTime, TimeUnit unit,
                                BlockingQueue<Runnable> workQueue, RejectedExecutionHandler handler) {
        this(Recorder.global(), corePoolSize, maximumPoolSize, keepAliveTime, unit, workQueue,
                Executors.defaultThreadFactory(), handler);
    }

    public InstrumentedExecutor(int corePoolSize, int maximumPoolSize, long keepAliveTime, TimeUnit unit,
                                BlockingQueue<Runnable> workQueue, ThreadFactory threadFactory,
                                RejectedExecutionHandler handler) {
        this(Recorder.global(), corePoolSize, maximumPoolSize, keepAliveTime, unit, workQueue, threadFactory,
                handler);
    }

    // --------------------------------------------------------------- the same, recording to a given recorder

    public InstrumentedExecutor(Recorder recorder, int corePoolSize, int maximumPoolSize, long keepAliveTime,
                                TimeUnit unit, BlockingQueue<Runnable> workQueue) {
        this(recorder, corePoolSize, maximumPoolSize, keepAliveTime, unit, workQueue,
                Executors.defaultThreadFactory(), new AbortPolicy());
    }

    public InstrumentedExecutor(Recorder recorder, int corePoolSize, int maximumPoolSize, long keepAliveTime,
                                TimeUnit unit, BlockingQueue<Runnable> workQueue, ThreadFactory threadFactory) {
        this(recorder, corePoolSize, maximumPoolSize, keepAliveTime, unit, workQueue, threadFactory,
                new AbortPolicy());
    }

    public InstrumentedExecutor(Recorder recorder, int corePoolSize, int maximumPoolSize, long keepAliveTime,
                                TimeUnit unit, BlockingQueue<Runnable> workQueue, RejectedExecutionHandler handler) {
        this(recorder, corePoolSize, maximumPoolSize, keepAliveTime, unit, workQueue,
                Executors.defaultThreadFactory(), handler);
    }

    /**
     * The full constructor. Throws exactly what {@link ThreadPoolExecutor}'s does, in the same order: the wrappers
     * pass {@code null} through so that the JDK makes the checks.
     */
    public InstrumentedExecutor(Recorder recorder, int corePoolSize, int maximumPoolSize, long keepAliveTime,
                                TimeUnit unit, BlockingQueue<Runnable> workQueue, ThreadFactory threadFactory,
                                RejectedExecutionHandler handler) {
        this(recorder, new AtomicLong(), corePoolSize, maximumPoolSize, keepAliveTime, unit, workQueue,
                threadFactory, handler, new Hooks[1]);
    }

    private InstrumentedExecutor(Recorder recorder, AtomicLong ids, int corePoolSize, int maximumPoolSize,
                                 long keepAliveTime, TimeUnit unit, BlockingQueue<Runnable> workQueue,
                                 ThreadFactory threadFactory, RejectedExecutionHandler handler, Hooks[] hooks) {
        super(corePoolSize, maximumPoolSize, keepAliveTime, unit, workQueue,
                threadFactory == null ? null : (hooks[0] = new Hooks(recorder)).factory(),
                handler == null ? null : hooks0(hooks, recorder).handler());
        this.recorder = Objects.requireNonNull(recorder, "recorder");
        this.taskIds = ids;
        this.userFactory = threadFactory;
        this.userHandler = handler;
        hooks[0].bind(this);
    }

    private static Hooks hooks0(Hooks[] hooks, Recorder recorder) {
        if (hooks[0] == null) hooks[0] = new Hooks(recorder);
        return hooks[0];
    }

    // --------------------------------------------------------------- configuration

    public Recorder recorder() {
        return recorder;
    }

    /** The probe whose core model tasks run under, or {@code null} (tasks then never wait for a core). */
    public Probe probe() {
        return probe;
    }

    /** Attaches a probe: from the next task on, workers wait READY for a modelled core before running. */
    public void setProbe(Probe probe) {
        this.probe = probe;
    }

    /** Exactly the factory the caller gave. */
    @Override
    public ThreadFactory getThreadFactory() {
        // The JDK's Worker constructor asks for the factory to make its thread; it must get the publishing one.
        if (calledByWorkerConstructor()) return super.getThreadFactory();
        return userFactory;
    }

    @Override
    public void setThreadFactory(ThreadFactory threadFactory) {
        if (threadFactory == null) throw new NullPointerException();
        userFactory = threadFactory;
    }

    /** Exactly the handler the caller gave. */
    @Override
    public RejectedExecutionHandler getRejectedExecutionHandler() {
        return userHandler;
    }

    @Override
    public void setRejectedExecutionHandler(RejectedExecutionHandler handler) {
        if (handler == null) throw new NullPointerException();
        userHandler = handler;
    }

    // --------------------------------------------------------------- submission

    /** Submits a labelled task; its lane shows {@code label} while it runs. */
    public <T> Future<T> submit(String label, Callable<T> task) {
        if (task == null) throw new NullPointerException();
        RunnableFuture<T> f = new TracedFutureTask<>(taskIds.incrementAndGet(), label, task);
        execute(f);
        return f;
    }

    @Override
    protected <T> RunnableFuture<T> newTaskFor(Callable<T> callable) {
        long id = taskIds.incrementAndGet();
        String label = callable instanceof Labeled<?> l ? l.label() : "task #" + id;
        return new TracedFutureTask<>(id, label, callable);
    }

    @Override
    protected <T> RunnableFuture<T> newTaskFor(Runnable runnable, T value) {
        long id = taskIds.incrementAndGet();
        return new TracedFutureTask<>(id, "task #" + id, runnable, value);
    }

    @Override
    public void execute(Runnable command) {
        if (command == null) throw new NullPointerException();
        long id = idFor(command, true);
        recorder.record(ThreadRefs.current(), EventKind.SUBMITTED, null, null, labelOf(command, id), id, 0, null, 0);
        super.execute(command);
    }

    @Override
    public boolean remove(Runnable task) {
        boolean removed = super.remove(task);
        if (removed) cancelled(task);
        return removed;
    }

    @Override
    public List<Runnable> shutdownNow() {
        List<Runnable> drained = super.shutdownNow();
        for (Runnable r : drained) cancelled(r);
        return drained;
    }

    // --------------------------------------------------------------- hooks

    /** Publishes STARTED; the JDK's hook (and a subclass's override of it) comes last. */
    @Override
    protected void beforeExecute(Thread t, Runnable r) {
        long id = idFor(r, false);
        String label = labelOf(r, id);
        ThreadRef worker = ThreadRefs.current(ThreadRefs.WORKER);
        Probe p = probe;
        if (p != null) {
            p.taskStarting(worker, id, label);
        } else {
            recorder.record(worker, EventKind.STARTED, ThreadState.RUNNING, null, label, id, 0, null, 0);
        }
        super.beforeExecute(t, r);
    }

    /** The JDK's hook comes first; then FINISHED with its outcome, and the worker goes back to waiting. */
    @Override
    protected void afterExecute(Runnable r, Throwable t) {
        super.afterExecute(r, t);
        long id = r instanceof TracedTask tt ? tt.taskId() : lastPlainId.get();
        TaskOutcome outcome = TaskOutcome.OK;
        String detail = null;
        if (t != null) {
            outcome = TaskOutcome.FAILED;
            detail = messageOf(t);
        } else if (r instanceof Future<?> f && f.isDone()) {
            if (f.isCancelled()) {
                outcome = TaskOutcome.CANCELLED;
            } else {
                try {
                    Object v = f.get();
                    detail = v == null ? null : shorten(String.valueOf(v));
                } catch (ExecutionException e) {
                    outcome = TaskOutcome.FAILED;
                    detail = messageOf(e.getCause());
                } catch (CancellationException e) {
                    outcome = TaskOutcome.CANCELLED;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        ThreadRef worker = ThreadRefs.current(ThreadRefs.WORKER);
        recorder.record(worker, EventKind.FINISHED, null, null, detail, id, 0, outcome, 0);
        Probe p = probe;
        if (p != null) p.taskFinished();
        recorder.record(worker, EventKind.STATE, ThreadState.BLOCKED, BlockReason.WORK, WAITING_FOR_WORK, 0, 0, null,
                0);
    }

    /** The id of the plain runnable the current worker runs (set in beforeExecute, read in afterExecute). */
    private final ThreadLocal<Long> lastPlainId = ThreadLocal.withInitial(() -> 0L);

    // --------------------------------------------------------------- helpers

    private long idFor(Runnable r, boolean submitting) {
        if (r instanceof TracedTask tt) return tt.taskId();
        if (submitting) {
            long id = taskIds.incrementAndGet();
            plainIds.put(r, id);
            return id;
        }
        Long id = plainIds.remove(r);
        long v = id == null ? 0 : id;
        lastPlainId.set(v);
        return v;
    }

    private static String labelOf(Runnable r, long id) {
        if (r instanceof TracedTask tt) return tt.label();
        return "task #" + id;
    }

    private void cancelled(Runnable r) {
        long id = r instanceof TracedTask tt ? tt.taskId() : plainIds.getOrDefault(r, 0L);
        if (!(r instanceof TracedTask)) plainIds.remove(r);
        recorder.record(ThreadRefs.current(), EventKind.FINISHED, null, null, null, id, 0, TaskOutcome.CANCELLED, 0);
    }

    private static String messageOf(Throwable t) {
        String m = t.getMessage();
        return shorten(m == null ? t.getClass().getSimpleName() : t.getClass().getSimpleName() + ": " + m);
    }

    private static String shorten(String s) {
        return s.length() <= MAX_RESULT_CHARS ? s : s.substring(0, MAX_RESULT_CHARS - 1) + "…";
    }

    private static boolean calledByWorkerConstructor() {
        return StackWalker.getInstance().walk(s -> s.skip(2).findFirst()
                .map(f -> f.getMethodName().equals("<init>")
                        && f.getClassName().equals("java.util.concurrent.ThreadPoolExecutor$Worker"))
                .orElse(false));
    }

    /** The wrappers the pool holds: a publishing factory and a publishing rejection handler. */
    private static final class Hooks {
        private final Recorder recorder;
        private volatile InstrumentedExecutor pool;

        Hooks(Recorder recorder) {
            this.recorder = recorder;
        }

        void bind(InstrumentedExecutor pool) {
            this.pool = pool;
        }

        ThreadFactory factory() {
            return r -> {
                InstrumentedExecutor p = pool;
                Thread t = p.userFactory.newThread(() -> {
                    ThreadRef me = ThreadRefs.bindCurrent(ThreadRefs.WORKER);
                    recorder.record(me, EventKind.STATE, ThreadState.BLOCKED, BlockReason.WORK, WAITING_FOR_WORK, 0,
                            0, null, 0);
                    try {
                        r.run();
                    } finally {
                        recorder.state(me, ThreadState.CONCLUDED, 0);
                    }
                });
                if (t != null) recorder.state(ThreadRef.of(t, ThreadRefs.WORKER), ThreadState.CREATED, 0);
                return t;
            };
        }

        RejectedExecutionHandler handler() {
            return (r, executor) -> {
                InstrumentedExecutor p = pool;
                long id = p.idFor(r, false);
                if (!(r instanceof TracedTask)) p.lastPlainId.remove();
                recorder.record(ThreadRefs.current(), EventKind.REJECTED, null, null, labelOf(r, id), id, 0, null, 0);
                p.userHandler.rejectedExecution(r, executor);
            };
        }
    }
}
