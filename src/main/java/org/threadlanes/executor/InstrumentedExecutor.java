package org.threadlanes.executor;

import java.util.ArrayDeque;
import java.util.ConcurrentModificationException;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.LinkedTransferQueue;
import java.util.concurrent.RejectedExecutionHandler;
import java.util.concurrent.RunnableFuture;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.threadlanes.trace.BlockReason;
import org.threadlanes.trace.EventKind;
import org.threadlanes.trace.Recorder;
import org.threadlanes.trace.TaskOutcome;
import org.threadlanes.trace.ThreadRef;
import org.threadlanes.trace.ThreadState;

/**
 * A {@link ThreadPoolExecutor} that publishes what its threads and tasks do, with the JDK's exact semantics: use it
 * wherever a {@code ThreadPoolExecutor} is used (or take one from {@link InstrumentedExecutors}).
 *
 * <pre>{@code
 * Recorder recorder = new Recorder();
 * ExecutorService pool = new InstrumentedExecutor(recorder, 2, 2, 0L, TimeUnit.MILLISECONDS,
 *         new LinkedBlockingQueue<>());
 * }</pre>
 *
 * <h2>What it publishes, and from which thread</h2>
 * <pre>
 *  submitter:  SUBMITTED(task)          from execute(), before the task can start
 *              REJECTED(task)           when the pool refuses it, before the caller's handler runs
 *              RUNNING "runs #3 itself"  CallerRunsPolicy: the refused task runs on the submitter's own lane, which
 *                                       goes back to plain RUNNING after it
 *              FINISHED(task, CANCELLED) when a queued task leaves the queue unrun: remove(), purge(),
 *                                       shutdownNow(), DiscardOldestPolicy, or a queued future's cancel()
 *  creator:    worker CREATED           when the thread factory makes a worker
 *  worker:     BLOCKED(WORK)            when it starts and after a task: waiting for its next task (left out when
 *                                       enough tasks are queued that it cannot have to wait, unless it then leaves)
 *              STARTED(task) RUNNING    in beforeExecute (READY first while it waits for a modelled core)
 *              FINISHED(task, outcome)  in afterExecute: OK (detail = result), FAILED (detail = message), CANCELLED
 *              CONCLUDED                when the worker exits
 * </pre>
 * No hook fires while a task waits in the queue, so the queued state is known from SUBMITTED. A task's events carry
 * its id; its detail is its label ({@link Labeled}, {@link #submit(String, Callable)}), or nothing for an unlabelled
 * task. A caller's own {@code Runnable} is numbered by the recorder, which matches its milestones by identity (see
 * {@link Recorder.TaskLog}), so the pool keeps no table of queued tasks.
 *
 * <h2>Staying a drop-in</h2>
 * The caller's thread factory and rejection handler are kept as given ({@link #getThreadFactory()} and
 * {@link #getRejectedExecutionHandler()} return exactly them); the pool itself holds wrappers that publish. The
 * queue holds the caller's own runnables (or, for {@code submit}, the pool's own futures, as the JDK does), so
 * {@link #getQueue()}, {@link #remove}, {@link #purge()} and {@link #shutdownNow()} see exactly what the JDK's
 * would. Constructors check their arguments exactly as the JDK's do (they pass them through), after checking the
 * recorder.
 *
 * <h2>Subclassing</h2>
 * Hooks run as the JDK runs them. This class publishes STARTED in {@link #beforeExecute} before calling
 * {@code super.beforeExecute} last, and FINISHED in {@link #afterExecute} after calling {@code super.afterExecute}
 * first: a subclass that overrides them must call {@code super} to keep its tasks on the lanes.
 */
public class InstrumentedExecutor extends ThreadPoolExecutor {
    private static final String WAITING_FOR_WORK = "waiting for work";
    private static final int MAX_RESULT_CHARS = 80;
    private static final StackWalker WALKER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);

    private final Recorder recorder;
    private final Recorder.TaskLog log;
    /** Whether the queue's size is cheap to read (see {@link #mayWaitForWork()}). */
    private final boolean countedQueue;
    /** The caller's factory and handler, as given. Volatile: the setters may run on any thread. */
    private volatile ThreadFactory userFactory;
    private volatile RejectedExecutionHandler userHandler;
    private volatile Probe probe;
    /** Ids of plain runnables submitted while a probe was attached (its workers need them before STARTED). */
    private final ProbeIds probeIds = new ProbeIds();

    // --------------------------------------------------------------- the JDK's four constructors

    /** As the JDK's constructor of the same shape, recording to {@link Recorder#global()}. */
    public InstrumentedExecutor(int corePoolSize, int maximumPoolSize, long keepAliveTime, TimeUnit unit,
                                BlockingQueue<Runnable> workQueue) {
        this(Recorder.global(), corePoolSize, maximumPoolSize, keepAliveTime, unit, workQueue,
                Executors.defaultThreadFactory(), new AbortPolicy());
    }

    /** As the JDK's constructor with a thread factory, recording to {@link Recorder#global()}. */
    public InstrumentedExecutor(int corePoolSize, int maximumPoolSize, long keepAliveTime, TimeUnit unit,
                                BlockingQueue<Runnable> workQueue, ThreadFactory threadFactory) {
        this(Recorder.global(), corePoolSize, maximumPoolSize, keepAliveTime, unit, workQueue, threadFactory,
                new AbortPolicy());
    }

    /** As the JDK's constructor with a rejection handler, recording to {@link Recorder#global()}. */
    public InstrumentedExecutor(int corePoolSize, int maximumPoolSize, long keepAliveTime, TimeUnit unit,
                                BlockingQueue<Runnable> workQueue, RejectedExecutionHandler handler) {
        this(Recorder.global(), corePoolSize, maximumPoolSize, keepAliveTime, unit, workQueue,
                Executors.defaultThreadFactory(), handler);
    }

    /** As the JDK's full constructor, recording to {@link Recorder#global()}. */
    public InstrumentedExecutor(int corePoolSize, int maximumPoolSize, long keepAliveTime, TimeUnit unit,
                                BlockingQueue<Runnable> workQueue, ThreadFactory threadFactory,
                                RejectedExecutionHandler handler) {
        this(Recorder.global(), corePoolSize, maximumPoolSize, keepAliveTime, unit, workQueue, threadFactory,
                handler);
    }

    // --------------------------------------------------------------- the same, recording to a given recorder

    /** As the JDK's constructor of the same shape, recording to {@code recorder}. */
    public InstrumentedExecutor(Recorder recorder, int corePoolSize, int maximumPoolSize, long keepAliveTime,
                                TimeUnit unit, BlockingQueue<Runnable> workQueue) {
        this(recorder, corePoolSize, maximumPoolSize, keepAliveTime, unit, workQueue,
                Executors.defaultThreadFactory(), new AbortPolicy());
    }

    /** As the JDK's constructor of the same shape, recording to {@code recorder}. */
    public InstrumentedExecutor(Recorder recorder, int corePoolSize, int maximumPoolSize, long keepAliveTime,
                                TimeUnit unit, BlockingQueue<Runnable> workQueue, ThreadFactory threadFactory) {
        this(recorder, corePoolSize, maximumPoolSize, keepAliveTime, unit, workQueue, threadFactory,
                new AbortPolicy());
    }

    /** As the JDK's constructor of the same shape, recording to {@code recorder}. */
    public InstrumentedExecutor(Recorder recorder, int corePoolSize, int maximumPoolSize, long keepAliveTime,
                                TimeUnit unit, BlockingQueue<Runnable> workQueue, RejectedExecutionHandler handler) {
        this(recorder, corePoolSize, maximumPoolSize, keepAliveTime, unit, workQueue,
                Executors.defaultThreadFactory(), handler);
    }

    /**
     * The full constructor. Throws {@code NullPointerException} for a null recorder, then exactly what
     * {@link ThreadPoolExecutor}'s constructor throws, in the same order: the wrappers pass {@code null} through so
     * that the JDK makes its own checks.
     */
    public InstrumentedExecutor(Recorder recorder, int corePoolSize, int maximumPoolSize, long keepAliveTime,
                                TimeUnit unit, BlockingQueue<Runnable> workQueue, ThreadFactory threadFactory,
                                RejectedExecutionHandler handler) {
        this(new Hooks(Objects.requireNonNull(recorder, "recorder")), corePoolSize, maximumPoolSize, keepAliveTime,
                unit, workQueue, threadFactory, handler);
    }

    private InstrumentedExecutor(Hooks hooks, int corePoolSize, int maximumPoolSize, long keepAliveTime,
                                 TimeUnit unit, BlockingQueue<Runnable> workQueue, ThreadFactory threadFactory,
                                 RejectedExecutionHandler handler) {
        super(corePoolSize, maximumPoolSize, keepAliveTime, unit, workQueue,
                threadFactory == null ? null : hooks.factory, handler == null ? null : hooks.handler);
        this.recorder = hooks.recorder;
        this.log = recorder.taskLog(ThreadRefs::current, startsInOrder(workQueue));
        this.countedQueue = workQueue.getClass() == LinkedBlockingQueue.class;
        this.userFactory = threadFactory;
        this.userHandler = handler;
        hooks.bind(this);
    }

    /** Queues that hand tasks out in the order they took them in (so the recorder's match is a short scan). */
    private static boolean startsInOrder(BlockingQueue<Runnable> q) {
        Class<?> c = q.getClass();
        return c == LinkedBlockingQueue.class || c == ArrayBlockingQueue.class || c == LinkedBlockingDeque.class
                || c == SynchronousQueue.class || c == LinkedTransferQueue.class;
    }

    // --------------------------------------------------------------- configuration

    public Recorder recorder() {
        return recorder;
    }

    /**
     * A task id unique within this pool's recorder, for a {@link TracedFutureTask} made outside the pool and given
     * to {@link #execute}.
     */
    public long newTaskId() {
        return log.newTaskId();
    }

    /** The probe whose core model tasks run under, or {@code null} (tasks then never wait for a core). */
    public Probe probe() {
        return probe;
    }

    /** Attaches a probe: from the next task on, workers wait READY for a modelled core before running. */
    public void setProbe(Probe probe) {
        this.probe = probe;
    }

    /** Exactly the factory the caller gave (or set). */
    @Override
    public ThreadFactory getThreadFactory() {
        // The JDK's Worker constructor asks for the factory to make its thread; it must get the publishing one.
        if (calledFrom("getThreadFactory", "java.util.concurrent.ThreadPoolExecutor$Worker", "<init>")) {
            return super.getThreadFactory();
        }
        return userFactory;
    }

    /** Sets the factory for new workers; throws exactly what the JDK throws for {@code null}. */
    @Override
    public void setThreadFactory(ThreadFactory threadFactory) {
        if (threadFactory == null) super.setThreadFactory(null); // the JDK's own NullPointerException
        userFactory = threadFactory;
    }

    /** Exactly the handler the caller gave (or set). */
    @Override
    public RejectedExecutionHandler getRejectedExecutionHandler() {
        return userHandler;
    }

    /** Sets the handler for refused tasks; throws exactly what the JDK throws for {@code null}. */
    @Override
    public void setRejectedExecutionHandler(RejectedExecutionHandler handler) {
        if (handler == null) super.setRejectedExecutionHandler(null); // the JDK's own NullPointerException
        userHandler = handler;
    }

    // --------------------------------------------------------------- submission

    /** Submits a labelled task; its lane shows {@code label} while it runs. */
    public <T> Future<T> submit(String label, Callable<T> task) {
        if (task == null) throw new NullPointerException();
        RunnableFuture<T> f = new TracedFutureTask<>(log.newTaskId(), label, task);
        execute(f);
        return f;
    }

    @Override
    protected <T> RunnableFuture<T> newTaskFor(Callable<T> callable) {
        String label = callable instanceof Labeled<?> l ? l.label() : null;
        return new TracedFutureTask<>(log.newTaskId(), label, callable);
    }

    @Override
    protected <T> RunnableFuture<T> newTaskFor(Runnable runnable, T value) {
        return new TracedFutureTask<>(log.newTaskId(), null, runnable, value);
    }

    /** Publishes SUBMITTED, then executes as the JDK does. */
    @Override
    public void execute(Runnable command) {
        if (command == null) {
            super.execute(null); // the JDK's own NullPointerException
            return;
        }
        if (command instanceof TracedFutureTask<?> f) {
            f.queued(log);
            log.submitted(f.taskId(), null, f.givenLabel());
        } else if (command instanceof TracedTask t) {
            log.submitted(t.taskId(), null, t.label());
        } else if (probe != null) {
            // Its worker will need the id before STARTED, to wait for a core under it.
            long id = log.newTaskId();
            probeIds.put(command, id);
            log.submitted(id, null, null);
        } else {
            log.submitted(0, command, null);
        }
        super.execute(command);
    }

    /** Removes as the JDK does; a removed task is FINISHED(CANCELLED). */
    @Override
    public boolean remove(Runnable task) {
        boolean removed = super.remove(task);
        // execute() itself takes a task back out when the pool shut down meanwhile: that one ends REJECTED instead.
        if (removed && !calledFrom("remove", "java.util.concurrent.ThreadPoolExecutor", "execute")) withdrawn(task);
        return removed;
    }

    /** Purges as the JDK does; every cancelled future it removes is FINISHED(CANCELLED) (once). */
    @Override
    public void purge() {
        // The same pass as the JDK's, noting what leaves; the JDK's own pass then finds nothing left and terminates
        // the pool if it should.
        BlockingQueue<Runnable> q = super.getQueue();
        try {
            Iterator<Runnable> it = q.iterator();
            while (it.hasNext()) {
                Runnable r = it.next();
                if (r instanceof Future<?> f && f.isCancelled()) {
                    it.remove();
                    withdrawn(r);
                }
            }
        } catch (ConcurrentModificationException fallThrough) {
            for (Object r : q.toArray()) {
                if (r instanceof Future<?> f && f.isCancelled() && q.remove(r)) withdrawn((Runnable) r);
            }
        }
        super.purge();
    }

    /** Shuts down as the JDK does; every task it drains from the queue is FINISHED(CANCELLED). */
    @Override
    public List<Runnable> shutdownNow() {
        List<Runnable> drained = super.shutdownNow();
        for (Runnable r : drained) withdrawn(r);
        return drained;
    }

    // --------------------------------------------------------------- hooks

    /** Publishes STARTED; the JDK's hook (and a subclass's override of it) comes last. */
    @Override
    protected void beforeExecute(Thread t, Runnable r) {
        if (r instanceof TracedFutureTask<?> f) {
            // A future cancelled while queued is already FINISHED: the worker only passes through it.
            if (f.claim()) start(f.taskId(), null, f.givenLabel());
        } else if (r instanceof TracedTask tt) {
            start(tt.taskId(), null, tt.label());
        } else {
            long id = probeIds.isEmpty() ? 0 : probeIds.take(r);
            start(id, id == 0 ? r : null, null);
        }
        super.beforeExecute(t, r);
    }

    private void start(long id, Object key, String label) {
        Probe p = probe;
        if (p != null && id != 0) {
            p.taskStarting(ThreadRefs.current(ThreadRefs.WORKER), id, label);
        } else {
            log.started(id, key, label);
        }
    }

    /** The JDK's hook comes first; then FINISHED with its outcome, and the worker goes back to waiting. */
    @Override
    protected void afterExecute(Runnable r, Throwable t) {
        super.afterExecute(r, t);
        long id = 0; // 0: the task this worker started last
        TaskOutcome outcome = TaskOutcome.OK;
        String detail = null;
        if (r instanceof TracedFutureTask<?> f) {
            if (!f.release()) return; // cancelled while queued: nothing started, nothing ends
            id = f.taskId();
            if (f.isCancelled()) {
                outcome = TaskOutcome.CANCELLED;
            } else if (f.failure() != null) {
                outcome = TaskOutcome.FAILED;
                detail = messageOf(f.failure());
            } else {
                detail = resultOf(f.result());
            }
        } else if (t != null) {
            outcome = TaskOutcome.FAILED;
            detail = messageOf(t);
        } else if (r instanceof Future<?> f && f.isDone()) {
            if (f.isCancelled()) {
                outcome = TaskOutcome.CANCELLED;
            } else {
                try {
                    detail = resultOf(f.get(0, TimeUnit.NANOSECONDS));
                } catch (ExecutionException e) {
                    outcome = TaskOutcome.FAILED;
                    detail = messageOf(e.getCause());
                } catch (CancellationException e) {
                    outcome = TaskOutcome.CANCELLED;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt(); // not ours to swallow: the worker's next wait must see it
                } catch (TimeoutException | RuntimeException e) {
                    // A foreign future that will not say: it ended, outcome unknown beyond "no exception seen".
                }
            }
        }
        if (r instanceof TracedTask tt && !(r instanceof TracedFutureTask<?>)) id = tt.taskId();
        // A task that threw ends its worker: the JDK replaces it, so show it waiting as before.
        boolean waits = t != null || mayWaitForWork();
        log.finished(id, outcome, detail, waits ? BlockReason.WORK : null, WAITING_FOR_WORK);
        Probe p = probe;
        if (p != null) p.taskFinished(waits);
    }

    // --------------------------------------------------------------- helpers

    /**
     * Whether the calling worker may have to wait for its next task. Not if at least as many tasks are queued as the
     * pool can have workers: even if every other worker takes one first, one is left for this one, so it goes
     * straight on (a flood then costs three events per task, not four). Only asked of a LinkedBlockingQueue, whose
     * size is a single read.
     */
    private boolean mayWaitForWork() {
        return !countedQueue || super.getQueue().size() < getMaximumPoolSize();
    }

    /** A queued task left the queue unrun: FINISHED(CANCELLED), once. */
    private void withdrawn(Runnable r) {
        if (r instanceof TracedFutureTask<?> f) {
            f.withdrawn();
        } else if (r instanceof TracedTask t) {
            log.cancelled(t.taskId(), null);
        } else {
            long id = probeIds.isEmpty() ? 0 : probeIds.take(r);
            log.cancelled(id, id == 0 ? r : null);
        }
    }

    /** Publishes REJECTED; returns the task as a lane names it ("#3 fetch"), or null if it has no id here. */
    private String refused(Runnable r) {
        if (r instanceof TracedFutureTask<?> f) {
            f.refused();
            log.rejected(f.taskId(), null, f.givenLabel());
            return taskName(f.taskId(), f.givenLabel());
        } else if (r instanceof TracedTask t) {
            log.rejected(t.taskId(), null, t.label());
            return taskName(t.taskId(), t.label());
        } else {
            long id = probeIds.isEmpty() ? 0 : probeIds.take(r);
            log.rejected(id, id == 0 ? r : null, null);
            return id == 0 ? null : taskName(id, null);
        }
    }

    private static String taskName(long id, String label) {
        return "#" + id + (label == null ? "" : " " + label);
    }

    private static String resultOf(Object v) {
        if (v == null) return null;
        try {
            return shorten(String.valueOf(v));
        } catch (RuntimeException e) {
            // The result's toString() failed: the trace shows its type rather than losing the event.
            return v.getClass().getSimpleName();
        }
    }

    private static String messageOf(Throwable t) {
        String m = t.getMessage();
        return shorten(m == null ? t.getClass().getSimpleName() : t.getClass().getSimpleName() + ": " + m);
    }

    private static String shorten(String s) {
        return s.length() <= MAX_RESULT_CHARS ? s : s.substring(0, MAX_RESULT_CHARS - 1) + "…";
    }

    /**
     * Whether this pool's {@code method} (or a subclass's override that called it through {@code super}) was called
     * by {@code callerClass.callerMethod}. Only for rare calls: it walks the stack.
     */
    private static boolean calledFrom(String method, String callerClass, String callerMethod) {
        return WALKER.walk(frames -> frames.skip(1)
                .dropWhile(f -> f.getMethodName().equals(method)
                        && InstrumentedExecutor.class.isAssignableFrom(f.getDeclaringClass()))
                .findFirst()
                .map(f -> f.getClassName().equals(callerClass) && f.getMethodName().equals(callerMethod))
                .orElse(false));
    }

    /** The wrappers the pool itself holds: a publishing factory and a publishing rejection handler. */
    private static final class Hooks {
        final Recorder recorder;
        /** Set once, right after the pool's constructor has run; read when a worker is made or a task refused. */
        private volatile InstrumentedExecutor pool;
        final ThreadFactory factory = this::newWorker;
        final RejectedExecutionHandler handler = this::rejected;

        Hooks(Recorder recorder) {
            this.recorder = recorder;
        }

        void bind(InstrumentedExecutor pool) {
            this.pool = pool;
        }

        private Thread newWorker(Runnable worker) {
            InstrumentedExecutor p = pool;
            Thread t = p.userFactory.newThread(() -> {
                ThreadRef me = ThreadRefs.bindCurrent(ThreadRefs.WORKER);
                recorder.blocked(me, BlockReason.WORK, WAITING_FOR_WORK, 0, 0);
                try {
                    worker.run();
                } finally {
                    // Went straight on after its last task, but found none (or was retired): it looked first.
                    p.log.blockedAfterFinished(BlockReason.WORK, WAITING_FOR_WORK);
                    recorder.state(me, ThreadState.CONCLUDED, 0);
                }
            });
            if (t != null) recorder.state(ThreadRef.of(t, ThreadRefs.WORKER), ThreadState.CREATED, 0);
            return t;
        }

        private void rejected(Runnable r, ThreadPoolExecutor executor) {
            InstrumentedExecutor p = pool;
            String task = p.refused(r);
            RejectedExecutionHandler h = p.userHandler;
            if (h.getClass() == CallerRunsPolicy.class) {
                // The JDK policy's own step, made here so that the caller's lane shows it running the task.
                if (!executor.isShutdown()) {
                    ThreadRef me = ThreadRefs.current();
                    recorder.record(me, EventKind.STATE, ThreadState.RUNNING, null,
                            "runs " + (task == null ? "a refused task" : task) + " itself (caller-runs policy)",
                            0, 0, null, 0);
                    try {
                        r.run();
                    } finally {
                        recorder.record(me, EventKind.STATE, ThreadState.RUNNING, null, null, 0, 0, null, 0);
                    }
                }
            } else if (h.getClass() == DiscardOldestPolicy.class) {
                // The JDK policy's own steps, made here so that the task it drops is seen leaving the queue.
                if (!executor.isShutdown()) {
                    Runnable dropped = executor.getQueue().poll();
                    if (dropped != null) p.withdrawn(dropped);
                    executor.execute(r);
                }
            } else {
                h.rejectedExecution(r, executor);
            }
        }
    }

    /**
     * Ids of plain runnables submitted while a probe is attached: a worker needs the id before STARTED to wait for a
     * core under it. Lessons submit a handful of tasks, so a lock is fine; without a probe this stays empty.
     */
    private static final class ProbeIds {
        private final IdentityHashMap<Runnable, ArrayDeque<Long>> ids = new IdentityHashMap<>(); // guarded by this
        private volatile int size;                                                              // written under this

        boolean isEmpty() {
            return size == 0;
        }

        synchronized void put(Runnable r, long id) {
            ids.computeIfAbsent(r, k -> new ArrayDeque<>(1)).addLast(id);
            size++;
        }

        /** The oldest id of {@code r}, or 0 if it has none. */
        synchronized long take(Runnable r) {
            ArrayDeque<Long> q = ids.get(r);
            if (q == null) return 0;
            long id = q.pollFirst();
            if (q.isEmpty()) ids.remove(r);
            size--;
            return id;
        }
    }
}
