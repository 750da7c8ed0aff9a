package org.threadlanes.trace;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.ref.WeakReference;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * Keeps every event of a run, in order, and hands them to listeners in batches.
 *
 * <h2>How an event travels</h2>
 * A producer thread writes into its own buffer (one per thread and recorder: a chain of column pages) and takes no
 * lock: the only shared write on its path is a release-store of the page's fill count. A drain, run by the shared
 * background thread {@value #DRAINER_NAME} every few milliseconds or by any caller of {@link #flush()}, merges what
 * the buffers have published by timestamp and only then assigns sequence numbers. So numbers are contiguous from 1
 * with no gaps, and each thread's events keep the order in which it published them (as in JFR, numbering happens at
 * drain time, not at the event). Events are never copied: the pages are the store, and a drain only records the
 * merged order as runs (a stretch of one page, with the number of its first event).
 *
 * <p>A drain reads every buffer twice. An event that happened before one it has already read (a task's SUBMITTED
 * before its STARTED on another thread) but that was published just after its buffer's first read is taken from the
 * second, so a batch never holds an effect without its cause.
 *
 * <h2>Times</h2>
 * {@link #record} reads the {@linkplain #clock() run clock} for every event. A {@link TaskLog}, built for pools that
 * publish millions of milestones, reads it only when the times would otherwise drift: while a thread publishes
 * faster than one event per microsecond it reads the clock once every few dozen events (never less than once per
 * drain period, about 5 ms) and numbers the events in between one nanosecond apart. A worker's STARTED is always
 * later than the task's SUBMITTED, and a thread's times never go back.
 *
 * <h2>Memory</h2>
 * An event takes 32 bytes in its page (time, task, packed kind/state/reason/outcome/line, and references to its
 * thread, its detail and, rarely, its peer); {@link Event} objects are made only when someone reads them. A busy
 * thread's pages grow to a quarter of a million events, sized so that the JVM allocates them outside the young
 * generation. Memory follows the events kept: the buffers of threads that have ended are dropped once drained (their
 * pages stay as long as their events), and task keys are let go as soon as they are matched.
 *
 * <p>Thread-safe. {@link #clear()} is meant for between runs, when no producer is active.
 */
public final class Recorder {
    /** Name of the shared daemon thread that drains every live recorder. */
    public static final String DRAINER_NAME = "threadlanes-recorder";
    private static final long DRAIN_PERIOD_NS = TimeUnit.MILLISECONDS.toNanos(5);

    /**
     * Bumped by the drainer every period and by {@link #clear()}: a {@link TaskLog} stamp reads the clock again when
     * it changes, which bounds how far a counted time can trail the clock.
     */
    private static final AtomicInteger TICK = new AtomicInteger();

    private static final Recorder GLOBAL = new Recorder();

    /** The default recorder, used by instrumented pools built without an explicit one. */
    public static Recorder global() {
        return GLOBAL;
    }

    private final ThreadLocal<Buffer> local = ThreadLocal.withInitial(this::register);
    /** Every producer buffer not yet retired. Producers add; only a drain removes. */
    private final ConcurrentLinkedQueue<Buffer> buffers = new ConcurrentLinkedQueue<>();
    private final CopyOnWriteArrayList<RecorderListener> listeners = new CopyOnWriteArrayList<>();
    /** The run's clock; event times are read from it. */
    private final RunClock clock = new RunClock();
    /** How many times {@link #clear()} ran: producers forget their last time when it changes. */
    private volatile int clears; // written under drainLock
    /** Task ids, for every {@link TaskLog} of this recorder. */
    private final AtomicLong taskIds = new AtomicLong();

    /** Guards the store, the thread table, every buffer's consumer side and every task log's pending keys. */
    private final Object drainLock = new Object();
    private final Store store = new Store();               // guarded by drainLock
    private final List<ThreadRef> threads = new ArrayList<>();         // guarded by drainLock
    private final Map<ThreadRef, Integer> threadIndex = new HashMap<>(); // guarded by drainLock
    private Cursor[] cursors = new Cursor[8];                           // guarded by drainLock

    public Recorder() {
        Drainer.watch(this);
    }

    // ------------------------------------------------------------------ producing

    /**
     * Records one event now. Safe from any thread; never blocks.
     *
     * @throws IllegalArgumentException if the fields do not fit together (see {@link Event})
     */
    public void record(ThreadRef thread, EventKind kind, ThreadState state, BlockReason reason, String detail,
                       long task, long peer, TaskOutcome outcome, int line) {
        int packed = check(thread, kind, state, reason, outcome, line);
        Buffer b = local.get();
        b.append(b.exact(this), thread, packed, detail, task, peer, null);
    }

    /**
     * Records one event with a given time (nanoseconds since the run's start), for sources that bring their own
     * clock: trace files, JFR recordings, outside probes.
     */
    public void recordAt(long tNs, ThreadRef thread, EventKind kind, ThreadState state, BlockReason reason,
                         String detail, long task, long peer, TaskOutcome outcome, int line) {
        int packed = check(thread, kind, state, reason, outcome, line);
        Buffer b = local.get();
        b.given(this, tNs);
        b.append(tNs, thread, packed, detail, task, peer, null);
    }

    private static int check(ThreadRef thread, EventKind kind, ThreadState state, BlockReason reason,
                             TaskOutcome outcome, int line) {
        Objects.requireNonNull(thread, "thread");
        Objects.requireNonNull(kind, "kind");
        if (kind == EventKind.STATE && state == null) throw new IllegalArgumentException("a STATE event needs a state");
        if (reason != null && state != ThreadState.BLOCKED) throw new IllegalArgumentException("reason without BLOCKED");
        if (outcome != null && kind != EventKind.FINISHED) throw new IllegalArgumentException("outcome without FINISHED");
        if (line < 0 || line > Event.MAX_LINE) throw new IllegalArgumentException("line out of range: " + line);
        return pack(kind, state, reason, outcome, line);
    }

    /** Records a state change of {@code thread}. */
    public void state(ThreadRef thread, ThreadState state, int line) {
        record(thread, EventKind.STATE, state, null, null, 0, 0, null, line);
    }

    /** Records that {@code thread} blocks for {@code reason}. */
    public void blocked(ThreadRef thread, BlockReason reason, String detail, long peer, int line) {
        record(thread, EventKind.STATE, ThreadState.BLOCKED, reason, detail, 0, peer, null, line);
    }

    /** Run time now: nanoseconds since the run's start, not counting pauses. */
    public long now() {
        return clock.now();
    }

    /** The clock event times come from; pausing it pauses the run's time. */
    public RunClock clock() {
        return clock;
    }

    /**
     * A log for the task milestones of one pool, for the calling threads' own lanes. See {@link TaskLog}.
     *
     * @param self names the calling thread the first time it publishes through a task log of this recorder
     * @param fifo whether the pool starts its tasks in about the order they were submitted (a FIFO queue): the
     *             recorder then matches a task's milestones to its submission with a short scan instead of a hash
     */
    public TaskLog taskLog(Supplier<ThreadRef> self, boolean fifo) {
        return new TaskLog(Objects.requireNonNull(self, "self"), fifo);
    }

    // ------------------------------------------------------------------ reading

    /** The number of events recorded so far (drains pending events first). */
    public long size() {
        synchronized (drainLock) {
            drain();
            return store.size;
        }
    }

    /** Moves every published event into the store and notifies listeners; returns the new size. */
    public long flush() {
        return size();
    }

    /** Every event so far, in sequence order. */
    public List<Event> snapshot() {
        synchronized (drainLock) {
            drain();
            return range(1, store.size + 1);
        }
    }

    /** Events with {@code from <= seq < to}, already drained; no drain is forced. */
    public List<Event> range(long from, long to) {
        synchronized (drainLock) {
            long lo = Math.max(1, from), hi = Math.min(to, store.size + 1);
            List<Event> out = new ArrayList<>((int) Math.max(0, hi - lo));
            store.copy(lo, hi, out);
            return out;
        }
    }

    /** The event with this sequence number. */
    public Event get(long seq) {
        synchronized (drainLock) {
            drain();
            if (seq < 1 || seq > store.size) throw new IndexOutOfBoundsException("no event #" + seq);
            return store.event(seq);
        }
    }

    /** Every thread that appears in the recorded events, in order of first appearance. */
    public List<ThreadRef> threads() {
        synchronized (drainLock) {
            drain();
            return List.copyOf(threads);
        }
    }

    /** Forgets every event and thread, restarts numbering (of events and of task ids) at 1 and the clock at 0. */
    public void clear() {
        synchronized (drainLock) {
            drain();
            store.clear();
            threads.clear();
            threadIndex.clear();
            for (Buffer b : buffers) b.lastRef = null; // it was entered in the table just emptied
            taskIds.set(0);
            clock.reset();
            clears++;
            TICK.incrementAndGet(); // every producer reads the reset clock for its next task-log stamp
        }
    }

    /** Adds a listener; it sees only events drained from now on. */
    public void addListener(RecorderListener listener) {
        listeners.add(Objects.requireNonNull(listener));
    }

    public void removeListener(RecorderListener listener) {
        listeners.remove(listener);
    }

    /** Bytes the store's columns take per event (excluding detail strings, which are usually shared). */
    public static int storedBytesPerEvent() {
        return Store.BYTES_PER_EVENT;
    }

    // ------------------------------------------------------------------ task logs

    /**
     * The task milestones of one pool, published cheaply enough for millions of tasks. Each method records on the
     * calling thread's own lane (named once by the {@code self} supplier given to {@link #taskLog}).
     *
     * <p>A task is known either by an id the pool gave it ({@link #newTaskId()}, for tasks that carry their id, such
     * as futures) or, for tasks the pool cannot number (a caller's own {@link Runnable}), by the task object itself:
     * its {@code key}. The recorder numbers a keyed task when it drains its SUBMITTED event and gives its later
     * milestones the same id, matching them by identity; so the pool needs no table of its own and its threads
     * share nothing but their buffers. A keyed task that leaves the pool's queue without the pool seeing it (taken
     * out of the queue directly) is never matched and keeps its SUBMITTED alone.
     *
     * <p>Thread-safe.
     */
    public final class TaskLog {
        private static final VarHandle LAST_SUBMIT;

        static {
            try {
                LAST_SUBMIT = MethodHandles.lookup().findVarHandle(TaskLog.class, "lastSubmit", long.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        private final Supplier<ThreadRef> self;
        private final boolean fifo;
        /** The latest SUBMITTED time: every STARTED is stamped after it. Raised by submitters, read by workers. */
        @SuppressWarnings("unused")
        private volatile long lastSubmit = Long.MIN_VALUE;
        /** Keyed tasks submitted and not yet matched. Guarded by drainLock; made on first use. */
        private Pending pending;

        private TaskLog(Supplier<ThreadRef> self, boolean fifo) {
            this.self = self;
            this.fifo = fifo;
        }

        /** The recorder this log writes to. */
        public Recorder recorder() {
            return Recorder.this;
        }

        /**
         * A task id unique within the recorder (until it is cleared). A thread gets ids one at a time, so ids follow
         * submission order (1, 2, 3...); while it submits very fast it takes them in blocks, and ids then follow
         * submission order per thread.
         */
        public long newTaskId() {
            return local.get().nextId(Recorder.this);
        }

        /**
         * SUBMITTED: the calling thread handed a task to the pool.
         *
         * @param task  the task's id, or 0 when it is known by {@code key}: it then gets a {@linkplain #newTaskId()
         *              new id}, which its later milestones find by the key
         * @param key   the task object, when {@code task} is 0
         * @param label what its lane shows, or {@code null}
         * @return the task's id
         */
        public long submitted(long task, Object key, String label) {
            Buffer b = local.get();
            long t = b.fast(Recorder.this);
            long seen;
            while (t > (seen = (long) LAST_SUBMIT.getOpaque(this)) && !LAST_SUBMIT.weakCompareAndSet(this, seen, t)) {
                Thread.onSpinWait();
            }
            int packed = pack(EventKind.SUBMITTED, null, null, null, 0);
            if (task != 0) {
                b.append(t, b.self(self), packed, label, task, 0, null);
                return task;
            }
            long id = b.nextId(Recorder.this);
            // A keyed task has no label of its own: the detail slot carries the key until the drain.
            b.append(t, b.self(self), packed | KEYED, Objects.requireNonNull(key, "key"), id, 0, this);
            return id;
        }

        /** STARTED: the calling worker starts the task and is RUNNING. Arguments as for {@link #submitted}. */
        public void started(long task, Object key, String label) {
            Buffer b = local.get();
            long t = b.fast(Recorder.this);
            long after = (long) LAST_SUBMIT.getOpaque(this);
            if (t <= after) t = b.last = after + 1;
            publish(b, t, EventKind.STARTED, ThreadState.RUNNING, task, key, label);
        }

        /**
         * FINISHED: the task the calling worker ran has ended; then, if {@code then} is given, the worker is BLOCKED
         * for that reason (a worker waiting for its next task) from the same moment.
         *
         * @param task       the task's id, or 0 for the task this thread last started through this log
         * @param detail     the result as text, or the failure's message, or {@code null}
         * @param then       the reason the worker blocks right after, or {@code null}
         * @param thenDetail the detail of that BLOCKED event
         */
        public void finished(long task, TaskOutcome outcome, String detail, BlockReason then, String thenDetail) {
            Objects.requireNonNull(outcome, "outcome");
            Buffer b = local.get();
            ThreadRef me = b.self(self);
            long t = b.fast(Recorder.this);
            int packed = pack(EventKind.FINISHED, null, null, outcome, 0);
            b.append(t, me, task == 0 ? packed | CURRENT : packed, detail, task, 0, task == 0 ? this : null);
            if (then != null) {
                b.append(b.last = t + 1, me, pack(EventKind.STATE, ThreadState.BLOCKED, then, null, 0), thenDetail,
                        0, 0, null);
            }
        }

        /** FINISHED(CANCELLED) of a task that never started (removed from the queue), on the calling thread. */
        public void cancelled(long task, Object key) {
            Buffer b = local.get();
            long t = b.fast(Recorder.this);
            int packed = pack(EventKind.FINISHED, null, null, TaskOutcome.CANCELLED, 0);
            if (task == 0) {
                b.append(t, b.self(self), packed | KEYED, Objects.requireNonNull(key, "key"), 0, 0, this);
            } else {
                b.append(t, b.self(self), packed, null, task, 0, null);
            }
        }

        /** REJECTED: the pool refused the task the calling thread submitted. Arguments as for {@link #submitted}. */
        public void rejected(long task, Object key, String label) {
            Buffer b = local.get();
            publish(b, b.fast(Recorder.this), EventKind.REJECTED, null, task, key, label);
        }

        private void publish(Buffer b, long t, EventKind kind, ThreadState state, long task, Object key,
                             String label) {
            int packed = pack(kind, state, null, null, 0);
            if (task == 0) {
                // A keyed task has no label of its own: the detail slot carries the key until the drain.
                b.append(t, b.self(self), packed | KEYED, Objects.requireNonNull(key, "key"), 0, 0, this);
            } else {
                b.append(t, b.self(self), packed, label, task, 0, null);
            }
        }

        /**
         * Gives a drained keyed milestone of {@code b}'s thread its task id ({@code id} for SUBMITTED, which brings
         * it). Runs under drainLock.
         */
        private long resolve(EventKind kind, Object key, long id, Buffer b) {
            Pending p = pending;
            if (p == null) p = pending = new Pending(fifo);
            if (kind == EventKind.SUBMITTED) {
                p.add(key, id);
                return id;
            }
            return kind == EventKind.REJECTED ? p.takeNewest(key, b) : p.takeOldest(key, b);
        }
    }

    /**
     * Keyed tasks waiting for their next milestone, in submission order: a ring with holes. In a FIFO pool each
     * worker starts tasks at increasing places in that order (two workers take turns), so a match is looked for from
     * just after the same thread's previous match (its hint), then from the oldest entry. Entries that fall very far
     * behind the matches move to an identity map, so that a task taken out of the queue behind the pool's back
     * cannot slow every later match; a pool whose queue reorders tasks uses only the map. Touched only by drains.
     */
    private static final class Pending {
        /** How far past its hint a match is looked for before searching everywhere. */
        private static final int SCAN = 64;
        /** Entries this far behind a match are set aside in the map. */
        private static final int FAR = 1 << 16;
        private final boolean fifo;
        private Object[] keys = new Object[64];
        private long[] ids = new long[64];
        /** Ring positions: they only grow (wrapping int arithmetic); index = position & (length - 1). */
        private int head, tail;
        private IdentityHashMap<Object, ArrayDeque<Long>> behind;

        Pending(boolean fifo) {
            this.fifo = fifo;
        }

        void add(Object key, long id) {
            if (!fifo) {
                park(key, id);
                return;
            }
            if (tail - head == keys.length) grow();
            int i = tail++ & (keys.length - 1);
            keys[i] = key;
            ids[i] = id;
        }

        /** The id of the oldest pending submission of {@code key} (0 if none); {@code b}'s hint moves to it. */
        long takeOldest(Object key, Buffer b) {
            int mask = keys.length - 1;
            int from = b.hint - head > 0 && tail - b.hint > 0 ? b.hint : head;
            int stop = tail - from > SCAN ? from + SCAN : tail;
            for (int p = from; p != stop; p++) {
                if (keys[p & mask] == key) return take(p, b);
            }
            for (int p = head; p != from; p++) {
                if (keys[p & mask] == key) return take(p, b);
            }
            long id = unpark(key);
            if (id != 0) return id;
            for (int p = stop; p != tail; p++) {
                if (keys[p & mask] == key) {
                    setAsideBefore(p - FAR);
                    return take(p, b);
                }
            }
            return 0;
        }

        /** The id of the newest pending submission of {@code key} (0 if none): a refused task was just submitted. */
        long takeNewest(Object key, Buffer b) {
            int mask = keys.length - 1;
            for (int p = tail - 1; p - head >= 0; p--) {
                if (keys[p & mask] == key) return take(p, b);
            }
            return unpark(key);
        }

        private long take(int p, Buffer b) {
            int mask = keys.length - 1, i = p & mask;
            long id = ids[i];
            keys[i] = null;
            b.hint = p + 1;
            while (head != tail && keys[head & mask] == null) head++;
            if (head == tail && keys.length > 1024) {
                // Empty after a flood: give the big ring back (positions go on, so hints stay valid).
                keys = new Object[64];
                ids = new long[64];
            }
            return id;
        }

        private void setAsideBefore(int limit) {
            int mask = keys.length - 1;
            while (limit - head > 0) {
                int i = head & mask;
                if (keys[i] != null) {
                    park(keys[i], ids[i]);
                    keys[i] = null;
                }
                head++;
            }
        }

        private void park(Object key, long id) {
            if (behind == null) behind = new IdentityHashMap<>();
            behind.computeIfAbsent(key, k -> new ArrayDeque<>(1)).addLast(id);
        }

        private long unpark(Object key) {
            if (behind == null || behind.isEmpty()) return 0;
            ArrayDeque<Long> q = behind.get(key);
            if (q == null) return 0;
            long id = q.pollFirst();
            if (q.isEmpty()) behind.remove(key);
            return id;
        }

        /** Doubles the ring, keeping positions (hints stay valid). */
        private void grow() {
            int mask = keys.length - 1, n = keys.length * 2;
            Object[] k2 = new Object[n];
            long[] i2 = new long[n];
            for (int p = head; p != tail; p++) {
                k2[p & (n - 1)] = keys[p & mask];
                i2[p & (n - 1)] = ids[p & mask];
            }
            keys = k2;
            ids = i2;
        }
    }

    // ------------------------------------------------------------------ draining

    private Buffer register() {
        Buffer b = new Buffer(Thread.currentThread());
        buffers.add(b);
        return b;
    }

    /** Runs under drainLock. */
    private void drain() {
        // First read: what each buffer has published now, and the latest time among those events.
        int n = 0;
        long horizon = Long.MIN_VALUE;
        for (Iterator<Buffer> it = buffers.iterator(); it.hasNext(); ) {
            Buffer b = it.next();
            if (n == cursors.length) cursors = Arrays.copyOf(cursors, n * 2);
            Cursor c = cursors[n];
            if (c == null) c = cursors[n] = new Cursor();
            if (c.open(b, n)) {
                horizon = Math.max(horizon, c.lastT);
                n++;
            } else if (!b.owner.isAlive()) {
                it.remove(); // its events stay in the store: the runs keep its pages
            }
        }
        if (n == 0) return;
        // Second read: an event published since, but no later than the first read's latest event, may be the
        // cause of one already taken (a SUBMITTED read just after its STARTED); it belongs in this batch too.
        for (int k = 0; k < n; k++) cursors[k].extend(horizon);

        long firstSeq = store.size + 1;
        merge(n);
        for (int k = 0; k < n; k++) cursors[k].close();
        if (!listeners.isEmpty() && store.size >= firstSeq) {
            List<Event> events = Collections.unmodifiableList(range(firstSeq, store.size + 1));
            for (RecorderListener l : listeners) {
                try {
                    l.onEvents(events);
                } catch (RuntimeException e) {
                    // A broken listener must not stop recording or starve the others.
                    System.err.println("threadlanes: recorder listener failed: " + e);
                }
            }
        }
    }

    /** Merges the open cursors by time (ties go to the lower cursor) into the store. Runs under drainLock. */
    private void merge(int n) {
        Cursor[] cs = cursors;
        int live = 0;
        for (int k = 0; k < n; k++) {
            if (cs[k].hasNext()) {
                Cursor c = cs[k];
                cs[k] = cs[live];
                cs[live++] = c;
            }
        }
        Arrays.sort(cs, 0, live, BY_ORDER);
        while (live > 1) {
            int best = 0;
            long bestT = cs[0].t();
            for (int k = 1; k < live; k++) {
                long t = cs[k].t();
                if (t < bestT) {
                    best = k;
                    bestT = t;
                }
            }
            // Take every event of this buffer that comes before the others' next events, as runs.
            long limit = Long.MAX_VALUE;
            for (int k = 0; k < live; k++) {
                if (k != best) limit = Math.min(limit, k < best ? cs[k].t() - 1 : cs[k].t());
            }
            Cursor c = cs[best];
            c.take(limit, this);
            if (!c.hasNext()) {
                System.arraycopy(cs, best + 1, cs, best, live - best - 1);
                cs[--live] = c;
            }
        }
        if (live == 1) cs[0].take(Long.MAX_VALUE, this);
    }

    private static final java.util.Comparator<Cursor> BY_ORDER = (a, b) -> Integer.compare(a.order, b.order);

    /**
     * Settles one drained event of {@code b} in place: a task-log key becomes the task's id, and the thread is
     * entered in the thread table. Runs under drainLock; the producer never writes a published slot again.
     */
    private void settle(Page pg, int i, Buffer b) {
        int packed = pg.packed[i];
        if ((packed & FLAGS) != 0) {
            int o = i * 3;
            TaskLog log = (TaskLog) pg.obj[o + 2];
            if ((packed & KEYED) != 0) {
                pg.task[i] = log.resolve(EventKind.ofOrdinal(packed & 7), pg.obj[o + 1], pg.task[i], b);
                pg.obj[o + 1] = null; // the key was the caller's task object: the trace must not keep it alive
            } else {
                pg.task[i] = b.current;
            }
            pg.obj[o + 2] = null;
            pg.packed[i] = packed &= ~FLAGS;
        }
        if ((packed & 7) == STARTED_ORDINAL) b.current = pg.task[i];
        Object ref = pg.obj[i * 3];
        if (ref != b.lastRef) {
            b.lastRef = (ThreadRef) ref;
            if (!threadIndex.containsKey(b.lastRef)) {
                threadIndex.put(b.lastRef, threads.size());
                threads.add(b.lastRef);
            }
        }
    }

    private static final int STARTED_ORDINAL = EventKind.STARTED.ordinal();
    /** Internal flags in the packed word's spare top bits; cleared when the event is drained. */
    private static final int KEYED = 1 << 28, CURRENT = 1 << 29, FLAGS = KEYED | CURRENT;

    // kind 3 bits | state 3 bits (0 = none) | reason 4 bits (0 = none) | outcome 2 bits (0 = none) | line 16 bits
    static int pack(EventKind kind, ThreadState state, BlockReason reason, TaskOutcome outcome, int line) {
        return kind.ordinal()
                | (state == null ? 0 : state.ordinal() + 1) << 3
                | (reason == null ? 0 : reason.ordinal() + 1) << 6
                | (outcome == null ? 0 : outcome.ordinal() + 1) << 10
                | line << 12;
    }

    static Event unpack(long seq, long tNs, ThreadRef thread, int p, String detail, long task, long peer) {
        int st = (p >>> 3) & 7, rs = (p >>> 6) & 15, oc = (p >>> 10) & 3;
        return new Event(seq, tNs, thread, EventKind.ofOrdinal(p & 7),
                st == 0 ? null : ThreadState.ofOrdinal(st - 1),
                rs == 0 ? null : BlockReason.ofOrdinal(rs - 1),
                detail, task, peer,
                oc == 0 ? null : TaskOutcome.ofOrdinal(oc - 1),
                (p >>> 12) & 0xFFFF);
    }

    /**
     * A page of one producer's events, in columns. The producer fills it and publishes its fill count; once drained,
     * the page is part of the store and never copied. A buffer's pages double in size from {@value #FIRST} events to
     * {@value #BIGGEST}: then each long column is 2 MiB less its header, the int column 1 MiB and the reference column
     * 3 MiB, so that G1 allocates them straight in the old generation (no copying by young collections) and fills
     * its 1 or 2 MiB regions with little left over.
     */
    private static final class Page {
        static final int FIRST = 64, BIGGEST = (1 << 18) - 4;
        static final VarHandle SIZE;

        static {
            try {
                SIZE = MethodHandles.lookup().findVarHandle(Page.class, "size", int.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        final long[] t, task;
        final int[] packed;
        /**
         * Per event: the thread's ref; the detail (or a task-log key, until drained); the task log (until drained)
         * or, for other events, the peer as a {@code Long} when it is not 0 (most events have none).
         */
        final Object[] obj;
        /** Published fill count: written by the producer with release, read by drains with acquire. */
        @SuppressWarnings("unused")
        private int size;
        /** The producer's next page, linked before anything is published into it. */
        volatile Page next;

        Page(int capacity) {
            t = new long[capacity];
            task = new long[capacity];
            packed = new int[capacity];
            obj = new Object[capacity * 3];
        }

        int capacity() {
            return t.length;
        }

        int published() {
            return (int) SIZE.getAcquire(this);
        }

        Event event(long seq, int i) {
            int o = i * 3;
            long peer = obj[o + 2] instanceof Long l ? l : 0;
            return unpack(seq, t[i], (ThreadRef) obj[o], packed[i], (String) obj[o + 1], task[i], peer);
        }
    }

    /** One producer thread's buffer: a chain of pages, with the producer's clock and id state. */
    private static final class Buffer {
        /** Below this many nanoseconds per event a thread counts as busy and reads the clock less often. */
        private static final long BUSY_NS = 1_000;
        /** At most this many events share one clock reading. */
        private static final int MAX_GRANT = 64;

        final Thread owner;
        // Producer side: touched only by the owner thread.
        private Page tail = new Page(Page.FIRST);
        private int filled;
        /** The last time given to an event of this buffer. */
        long last = Long.MIN_VALUE;
        private int clears = -1;
        private int tickSeen = -1;
        private int budget, grant = 1;
        private long sampledAt;
        /** The owner's ref for task-log events, resolved once. */
        private ThreadRef self;
        /** Task ids taken from the recorder and not yet given: [nextId, endId), valid while idClears is current. */
        private long nextId, endId;
        private int idClears = -1;
        // Consumer side: guarded by the recorder's drainLock.
        Page readPage = tail;
        int readIndex;
        /** The task this thread last started through a task log (for FINISHED of a keyed task). */
        long current;
        /** Where to look first for this thread's next keyed match (see {@link Pending}). */
        int hint;
        ThreadRef lastRef;

        Buffer(Thread owner) {
            this.owner = owner;
        }

        /** Drops the pages of a buffer whose recorder is gone (no one can append any more). */
        void release() {
            tail = readPage = null;
            self = lastRef = null;
        }

        ThreadRef self(Supplier<ThreadRef> names) {
            ThreadRef me = self;
            if (me == null) me = self = Objects.requireNonNull(names.get(), "self");
            return me;
        }

        /** A new task id: one at a time, or from a block while the thread is busy. */
        long nextId(Recorder r) {
            int c = r.clears;
            if (nextId == endId || c != idClears) {
                int n = grant > 1 ? MAX_GRANT : 1;
                idClears = c;
                nextId = r.taskIds.getAndAdd(n) + 1;
                endId = nextId + n;
            }
            return nextId++;
        }

        /** A time read from the clock now, after every earlier time of this buffer. */
        long exact(Recorder r) {
            return settle(r, r.clock.now());
        }

        /** The time of a task-log event: counted on from the last one while the thread is busy. */
        long fast(Recorder r) {
            int t = TICK.get();
            if (t == tickSeen && --budget > 0) return ++last;
            long now = r.clock.now();
            grant = t == tickSeen && now - sampledAt < grant * BUSY_NS ? Math.min(grant * 2, MAX_GRANT) : 1;
            budget = grant;
            tickSeen = t;
            sampledAt = now;
            return settle(r, now);
        }

        /** Notes a time given by the caller, so that later counted times come after it. */
        void given(Recorder r, long tNs) {
            forgetIfCleared(r);
            if (tNs > last) last = tNs;
        }

        private long settle(Recorder r, long now) {
            forgetIfCleared(r);
            // Counted times may run a few nanoseconds ahead of the clock; never let a thread's time go back.
            if (now <= last) now = last + 1;
            return last = now;
        }

        private void forgetIfCleared(Recorder r) {
            int c = r.clears;
            if (c != clears) {
                clears = c;
                last = Long.MIN_VALUE;
            }
        }

        void append(long tNs, ThreadRef thread, int packed, Object detail, long task, long peer, Object log) {
            Page p = tail;
            int n = filled;
            if (n == p.capacity()) {
                Page fresh = new Page(Math.min(n * 2, Page.BIGGEST));
                p.next = fresh;
                tail = p = fresh;
                n = 0;
            }
            p.t[n] = tNs;
            p.task[n] = task;
            p.packed[n] = packed;
            Object[] o = p.obj;
            int k = n * 3;
            o[k] = thread;
            o[k + 1] = detail;
            o[k + 2] = log != null ? log : peer == 0 ? null : (Object) peer;
            filled = n + 1;
            Page.SIZE.setRelease(p, n + 1);
        }
    }

    /** One buffer's events for one drain: from where the last drain stopped to this drain's cut. */
    private static final class Cursor {
        Buffer buffer;
        private Page page;
        private int index;
        /** Readable events in {@code page}: the cut's index in the cut's page, else the page's capacity. */
        private int limit;
        private Page endPage;
        private int endIndex;
        /** Events left before the first read's cut; after it, events are taken only up to {@code horizon}. */
        private long before;
        private long horizon;
        /** The time of the last event before the first read's cut. */
        long lastT;
        /** The buffer's place in this drain: ties between buffers go to the lower one. */
        int order;

        /** The first read; false if the buffer has nothing new. */
        boolean open(Buffer b, int order) {
            Page p = b.readPage, prev = p;
            int size = p.published();
            long count = size - b.readIndex;
            while (size == p.capacity() && p.next != null) {
                prev = p;
                p = p.next;
                size = p.published();
                count += size;
            }
            if (count == 0) return false;
            buffer = b;
            page = b.readPage;
            index = b.readIndex;
            endPage = p;
            endIndex = size;
            before = count;
            horizon = Long.MAX_VALUE;
            lastT = size > 0 ? p.t[size - 1] : prev.t[prev.capacity() - 1];
            limit = page == endPage ? endIndex : page.capacity();
            this.order = order;
            return true;
        }

        /** The second read: lets the cursor go past its cut, up to events no later than {@code horizon}. */
        void extend(long horizon) {
            Page p = endPage;
            int size = p.published();
            while (size == p.capacity() && p.next != null) {
                p = p.next;
                size = p.published();
            }
            endPage = p;
            endIndex = size;
            this.horizon = horizon;
            limit = page == endPage ? endIndex : page.capacity();
        }

        boolean hasNext() {
            if (index == limit) {
                if (page == endPage) return false;
                page = page.next;
                index = 0;
                limit = page == endPage ? endIndex : page.capacity();
                if (index == limit) return false;
            }
            return before > 0 || page.t[index] <= horizon;
        }

        long t() {
            return page.t[index];
        }

        /** Takes this buffer's events up to time {@code limit} into the store, as runs (one per page at most). */
        void take(long limit, Recorder r) {
            while (hasNext()) {
                Page p = page;
                long[] t = p.t;
                int i = index, start = i, end = this.limit;
                // Events before the first cut go in on time alone; after it, only up to the horizon.
                int sure = (int) Math.min(end - i, Math.max(0, before));
                int stop = i + sure;
                while (i < stop && t[i] <= limit) r.settle(p, i++, buffer);
                if (i == stop) {
                    long lim = Math.min(limit, horizon);
                    while (i < end && t[i] <= lim) r.settle(p, i++, buffer);
                }
                before -= i - start;
                index = i;
                if (i > start) r.store.addRun(p, start, i - start);
                if (i < end) return; // stopped by time, not by the end of the page
            }
        }

        /** Records how far the drain got. */
        void close() {
            buffer.readPage = page;
            buffer.readIndex = index;
            buffer = null;
            page = endPage = null;
        }
    }

    /**
     * The drained events in sequence order, as runs: each a stretch of consecutive events of one page, with the
     * sequence number of its first event. The pages themselves hold the events. Guarded by the recorder's drainLock.
     */
    private static final class Store {
        static final int BYTES_PER_EVENT = 2 * 8 + 4 + 3 * 4;
        private static final int BLOCK_BITS = 12, BLOCK = 1 << BLOCK_BITS;
        private Page[][] pages = new Page[16][];
        private int[][] starts = new int[16][];
        private long[][] seqs = new long[16][];
        private int runs;
        long size;

        void addRun(Page p, int start, int count) {
            if (runs > 0) {
                int last = runs - 1, b = last >>> BLOCK_BITS, o = last & (BLOCK - 1);
                long lastCount = size + 1 - seqs[b][o];
                if (pages[b][o] == p && starts[b][o] + lastCount == start) { // continues the last run
                    size += count;
                    return;
                }
            }
            int b = runs >>> BLOCK_BITS, o = runs & (BLOCK - 1);
            if (o == 0) {
                if (b == pages.length) {
                    pages = Arrays.copyOf(pages, b * 2);
                    starts = Arrays.copyOf(starts, b * 2);
                    seqs = Arrays.copyOf(seqs, b * 2);
                }
                pages[b] = new Page[BLOCK];
                starts[b] = new int[BLOCK];
                seqs[b] = new long[BLOCK];
            }
            pages[b][o] = p;
            starts[b][o] = start;
            seqs[b][o] = size + 1;
            runs++;
            size += count;
        }

        /** The run holding {@code seq} (1..size). */
        private int runOf(long seq) {
            int lo = 0, hi = runs - 1;
            while (lo < hi) {
                int mid = (lo + hi + 1) >>> 1;
                if (seqs[mid >>> BLOCK_BITS][mid & (BLOCK - 1)] <= seq) lo = mid;
                else hi = mid - 1;
            }
            return lo;
        }

        Event event(long seq) {
            int r = runOf(seq), b = r >>> BLOCK_BITS, o = r & (BLOCK - 1);
            return pages[b][o].event(seq, starts[b][o] + (int) (seq - seqs[b][o]));
        }

        /** Adds the events {@code from <= seq < to} to {@code out}. */
        void copy(long from, long to, List<Event> out) {
            if (from >= to) return;
            int r = runOf(from);
            long seq = from;
            while (seq < to) {
                int b = r >>> BLOCK_BITS, o = r & (BLOCK - 1);
                long first = seqs[b][o];
                long end = r + 1 < runs ? seqs[(r + 1) >>> BLOCK_BITS][(r + 1) & (BLOCK - 1)] : size + 1;
                Page p = pages[b][o];
                int i = starts[b][o] + (int) (seq - first);
                for (; seq < Math.min(end, to); seq++) out.add(p.event(seq, i++));
                r++;
            }
        }

        void clear() {
            pages = new Page[16][];
            starts = new int[16][];
            seqs = new long[16][];
            runs = 0;
            size = 0;
        }
    }

    /** The one background thread that drains every live recorder. */
    private static final class Drainer implements Runnable {
        /** A watched recorder and its buffers, which outlive it in their threads' thread-local maps. */
        private record Watch(WeakReference<Recorder> recorder, ConcurrentLinkedQueue<Buffer> buffers) {
        }

        private static final ConcurrentLinkedQueue<Watch> WATCHED = new ConcurrentLinkedQueue<>();
        private static volatile Thread thread;

        static void watch(Recorder r) {
            WATCHED.add(new Watch(new WeakReference<>(r), r.buffers));
            if (thread == null) {
                synchronized (Drainer.class) {
                    if (thread == null) {
                        Thread t = new Thread(new Drainer(), DRAINER_NAME);
                        t.setDaemon(true);
                        t.start();
                        thread = t;
                    }
                }
            }
        }

        @Override
        public void run() {
            while (true) {
                LockSupport.parkNanos(DRAIN_PERIOD_NS);
                TICK.incrementAndGet();
                for (Iterator<Watch> it = WATCHED.iterator(); it.hasNext(); ) {
                    Watch w = it.next();
                    Recorder r = w.recorder.get();
                    if (r == null) {
                        // Nobody can record to it any more; its buffers stay in live threads' thread-local maps
                        // until the JDK expunges them, so let go of their pages now.
                        for (Buffer b : w.buffers) b.release();
                        it.remove();
                        continue;
                    }
                    try {
                        r.flush();
                    } catch (RuntimeException | Error e) {
                        System.err.println("threadlanes: drain failed: " + e);
                    }
                }
            }
        }
    }
}
