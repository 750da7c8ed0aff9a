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
 * An event takes 36 bytes in its page (time, task, packed kind/state/reason/outcome/line, and references to its
 * thread, its detail and, rarely, its peer); {@link Event} objects are made only when someone reads them. A busy
 * thread's pages grow to a quarter of a million events, sized so that the JVM allocates them outside the young
 * generation. Memory follows the events kept: the buffers of threads that have ended are dropped once drained (their
 * pages stay as long as their events), task keys are let go as soon as they are matched, and a recorder nobody
 * refers to any more is collected (the drainer makes the buffers it leaves in live threads let go of their pages).
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

    /** Bytes an event takes in its page (excluding detail strings, which are usually shared). */
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
     * its {@code key}. A keyed task gets its id with its SUBMITTED event; when the recorder drains its later
     * milestones it gives them the same id, matching them by identity. So the pool needs no table of its own and its
     * threads share nothing but their buffers. A keyed task that leaves the pool's queue without the pool seeing it
     * (taken out of the queue directly) is never matched and keeps its SUBMITTED alone.
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
        /** What drains need: pages point to it, so it must not point back to the recorder. */
        private final LogState state;
        /** The latest SUBMITTED time while the clock is paused; raised by submitters, read by workers. */
        @SuppressWarnings("unused")
        private volatile long lastSubmit = Long.MIN_VALUE;

        private TaskLog(Supplier<ThreadRef> self, boolean fifo) {
            this.self = self;
            this.state = new LogState(fifo);
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
            if (clock.paused()) {
                // While the clock stands still, STARTED cannot rely on a clock read being later: tell it directly.
                long seen;
                while (t > (seen = (long) LAST_SUBMIT.getOpaque(this))
                        && !LAST_SUBMIT.weakCompareAndSet(this, seen, t)) {
                    Thread.onSpinWait();
                }
            }
            int packed = pack(EventKind.SUBMITTED, null, null, null, 0);
            if (task != 0) {
                b.append(t, b.self(self), packed, label, task, 0, null);
                return task;
            }
            long id = b.nextId(Recorder.this);
            // A keyed task has no label of its own; its key waits in the buffer's stash until the drain.
            b.stash(Objects.requireNonNull(key, "key"));
            b.append(t, b.self(self), packed | KEYED, null, id, 0, state);
            return id;
        }

        /**
         * STARTED: the calling worker starts the task and is RUNNING. Arguments as for {@link #submitted}.
         *
         * <p>Its time is always read from the clock: a counted SUBMITTED time never runs ahead of the clock (a thread
         * cannot publish more than one event per nanosecond), so the task starts after it was submitted without
         * its threads sharing anything but the queue.
         */
        public void started(long task, Object key, String label) {
            Buffer b = local.get();
            b.owesBlocked = false;
            long t = b.exact(Recorder.this);
            if (clock.paused()) {
                long after = (long) LAST_SUBMIT.getOpaque(this);
                if (t <= after) t = b.last = after + 1;
            }
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
            b.append(t, me, task == 0 ? packed | CURRENT : packed, detail, task, 0, task == 0 ? state : null);
            b.owesBlocked = then == null;
            if (then != null) {
                int blocked = pack(EventKind.STATE, ThreadState.BLOCKED, then, null, 0);
                if (thenDetail != null && thenDetail == state.thenDetail(thenDetail)) {
                    // The same text after every task: read from the log when the event is read, not stored each time.
                    b.append(b.last = t + 1, me, blocked | THEN_DETAIL, null, 0, 0, state);
                } else {
                    b.append(b.last = t + 1, me, blocked, thenDetail, 0, 0, null);
                }
            }
        }

        /**
         * If the calling thread's last FINISHED through this log went without the BLOCKED that may follow it (it was
         * expected to go straight on), publishes that BLOCKED now: a worker that leaves the pool instead (retired,
         * shut down) looks for work first.
         */
        public void blockedAfterFinished(BlockReason reason, String detail) {
            Buffer b = local.get();
            if (!b.owesBlocked) return;
            b.owesBlocked = false;
            b.append(b.fast(Recorder.this), b.self(self), pack(EventKind.STATE, ThreadState.BLOCKED, reason, null, 0),
                    detail, 0, 0, null);
        }

        /** FINISHED(CANCELLED) of a task that never started (removed from the queue), on the calling thread. */
        public void cancelled(long task, Object key) {
            Buffer b = local.get();
            long t = b.fast(Recorder.this);
            int packed = pack(EventKind.FINISHED, null, null, TaskOutcome.CANCELLED, 0);
            if (task == 0) {
                b.stash(Objects.requireNonNull(key, "key"));
                b.append(t, b.self(self), packed | KEYED, null, 0, 0, state);
            } else {
                b.append(t, b.self(self), packed, null, task, 0, null);
            }
        }

        /** REJECTED: the pool refused the task the calling thread submitted. Arguments as for {@link #submitted}. */
        public void rejected(long task, Object key, String label) {
            Buffer b = local.get();
            publish(b, b.fast(Recorder.this), EventKind.REJECTED, null, task, key, label);
        }

        private void publish(Buffer b, long t, EventKind kind, ThreadState to, long task, Object key, String label) {
            int packed = pack(kind, to, null, null, 0);
            if (task == 0) {
                // A keyed task has no label of its own; its key waits in the buffer's stash until the drain.
                b.stash(Objects.requireNonNull(key, "key"));
                b.append(t, b.self(self), packed | KEYED, null, 0, 0, state);
            } else {
                b.append(t, b.self(self), packed, label, task, 0, null);
            }
        }
    }

    /**
     * The drain side of a {@link TaskLog}: the keyed tasks waiting to be matched. Pages refer to it, and pages live in
     * thread-local maps, so it holds nothing that leads back to the recorder (which could then never be collected).
     */
    private static final class LogState {
        private final boolean fifo;
        /** The detail of the BLOCKED event that follows a FINISHED, fixed by the first one. Set once, by a worker. */
        private volatile String thenDetail;
        /** Keyed tasks submitted and not yet matched. Guarded by the recorder's drainLock; made on first use. */
        private Pending pending;

        LogState(boolean fifo) {
            this.fifo = fifo;
        }

        /** The detail a BLOCKED-after-FINISHED event gets when it stores none: the first one given. */
        String thenDetail(String given) {
            String d = thenDetail;
            if (d == null) thenDetail = d = given; // a race sets one of two texts: either is kept whole
            return d;
        }

        /**
         * Gives a drained keyed milestone of {@code b}'s thread its task id ({@code id} for SUBMITTED, which brings
         * it). Runs under drainLock.
         */
        long resolve(EventKind kind, Object key, long id, Buffer b) {
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
     * cannot slow every later match; a pool whose queue reorders tasks uses only the map.
     *
     * <p>The ring is a chain of small chunks, each dropped once matched through: during a flood it holds a large
     * backlog, and one big array would age into the old generation, where every key stored in it costs the
     * collector remembered-set work. Touched only by drains.
     */
    private static final class Pending {
        /** How far past its hint a match is looked for before searching everywhere. */
        private static final int SCAN = 64;
        /** Entries this far behind a match are set aside in the map. */
        private static final int FAR = 1 << 16;
        /**
         * At most this many keys wait in the ring, and half as many in the map: a pool whose hooks are bypassed (a
         * subclass overriding beforeExecute without calling super) never matches its keys, and must not keep every
         * task it ever ran. Past the limit the oldest are forgotten (their milestones, if any come, carry no id).
         */
        private static final int MOST = 1 << 21;
        private static final int BITS = 10, CHUNK = 1 << BITS;
        private final boolean fifo;
        /** Chunks in a circular array: chunk k covers positions [base + k * CHUNK, base + (k + 1) * CHUNK). */
        private Object[][] keyChunks = new Object[4][];
        private long[][] idChunks = new long[4][];
        private int first, chunks;
        /** Ring positions: they only grow (wrapping int arithmetic); base is a multiple of CHUNK. */
        private int base, head, tail;
        private IdentityHashMap<Object, ArrayDeque<Long>> behind;

        Pending(boolean fifo) {
            this.fifo = fifo;
        }

        private int slot(int p) {
            return (first + ((p - base) >>> BITS)) & (keyChunks.length - 1);
        }

        private Object key(int p) {
            return keyChunks[slot(p)][p & (CHUNK - 1)];
        }

        void add(Object key, long id) {
            if (!fifo) {
                park(key, id);
                return;
            }
            if (tail - head >= MOST) forgetOldest();
            if (tail - base == chunks * CHUNK) addChunk();
            int k = slot(tail), i = tail & (CHUNK - 1);
            keyChunks[k][i] = key;
            idChunks[k][i] = id;
            tail++;
        }

        private void addChunk() {
            if (chunks == keyChunks.length) {
                Object[][] k2 = new Object[chunks * 2][];
                long[][] i2 = new long[chunks * 2][];
                for (int c = 0; c < chunks; c++) {
                    k2[c] = keyChunks[(first + c) & (chunks - 1)];
                    i2[c] = idChunks[(first + c) & (chunks - 1)];
                }
                keyChunks = k2;
                idChunks = i2;
                first = 0;
            }
            int k = (first + chunks) & (keyChunks.length - 1);
            keyChunks[k] = new Object[CHUNK];
            idChunks[k] = new long[CHUNK];
            chunks++;
        }

        /** The id of the oldest pending submission of {@code key} (0 if none); {@code b}'s hint moves to it. */
        long takeOldest(Object key, Buffer b) {
            int from = b.hint - head > 0 && tail - b.hint > 0 ? b.hint : head;
            int stop = tail - from > SCAN ? from + SCAN : tail;
            for (int p = from; p != stop; p++) {
                if (key(p) == key) return take(p, b);
            }
            for (int p = head; p != from; p++) {
                if (key(p) == key) return take(p, b);
            }
            long id = unpark(key);
            if (id != 0) return id;
            for (int p = stop; p != tail; p++) {
                if (key(p) == key) {
                    setAsideBefore(p - FAR);
                    return take(p, b);
                }
            }
            return 0;
        }

        /** The id of the newest pending submission of {@code key} (0 if none): a refused task was just submitted. */
        long takeNewest(Object key, Buffer b) {
            for (int p = tail - 1; p - head >= 0; p--) {
                if (key(p) == key) return take(p, b);
            }
            return unpark(key);
        }

        private long take(int p, Buffer b) {
            int k = slot(p), i = p & (CHUNK - 1);
            long id = idChunks[k][i];
            keyChunks[k][i] = null;
            b.hint = p + 1;
            while (head != tail && key(head) == null) head++;
            dropMatchedChunks();
            return id;
        }

        private void dropMatchedChunks() {
            while (chunks > 0 && head - base >= CHUNK) {
                keyChunks[first] = null;
                idChunks[first] = null;
                first = (first + 1) & (keyChunks.length - 1);
                chunks--;
                base += CHUNK;
            }
        }

        private void forgetOldest() {
            keyChunks[slot(head)][head & (CHUNK - 1)] = null;
            head++;
            while (head != tail && key(head) == null) head++;
            dropMatchedChunks();
        }

        private void setAsideBefore(int limit) {
            while (limit - head > 0) {
                Object k = key(head);
                if (k != null) {
                    int c = slot(head), i = head & (CHUNK - 1);
                    park(k, idChunks[c][i]);
                    keyChunks[c][i] = null;
                }
                head++;
            }
            dropMatchedChunks();
        }

        private void park(Object key, long id) {
            if (behind == null) behind = new IdentityHashMap<>();
            if (behind.size() >= MOST / 2) behind.clear(); // see MOST
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
        long[] row = pg.row;
        int r = i * 3;
        int packed = (int) row[r + 2];
        if ((packed & FLAGS) != 0) {
            Object own = pg.obj[r + 2];
            LogState log = own != null ? (LogState) own : pg.log;
            if ((packed & KEYED) != 0) {
                row[r + 1] = log.resolve(EventKind.ofOrdinal(packed & 7), b.unstash(), row[r + 1], b);
            } else if ((packed & CURRENT) != 0) {
                row[r + 1] = b.current;
            }
            // THEN_DETAIL stays: its text is the log's, read when the event is (storing it would cost the collector).
            if (own != null && (packed & THEN_DETAIL) == 0) pg.obj[r + 2] = null;
            row[r + 2] = packed &= ~(KEYED | CURRENT);
        }
        if ((packed & 7) == STARTED_ORDINAL) b.current = row[r + 1];
        Object ref = pg.obj[i * 3];
        if (ref == null) ref = pg.owner;
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
    private static final int KEYED = 1 << 28, CURRENT = 1 << 29, THEN_DETAIL = 1 << 30;
    private static final int FLAGS = KEYED | CURRENT | THEN_DETAIL;

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
     * {@value #BIGGEST}: then the long rows take 6 MiB and the references 3 MiB, less their headers, so that G1
     * allocates them straight in the old generation (no copying by young collections) and fills its 1 or 2 MiB
     * regions exactly.
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

        /** Per event, side by side (one stream for the producer to write): time, task, packed word. */
        final long[] row;
        /**
         * Per event: the thread's ref, or null for the page's owner; the detail (or a task-log key, until drained);
         * the task log, until drained, if it is not the page's, or for other events the peer as a {@code Long} when
         * it is not 0. Most events leave most slots null, and a page is fresh, so null slots are never written: the
         * fewer references stored, the less the collector has to track.
         */
        final Object[] obj;
        /** The thread of the page's first event; written before that event is published. */
        ThreadRef owner;
        /** The task log of the page's first task-log event needing one; written before that event is published. */
        LogState log;
        /** Published fill count: written by the producer with release, read by drains with acquire. */
        @SuppressWarnings("unused")
        private int size;
        /** The producer's next page, linked before anything is published into it. */
        volatile Page next;

        Page(int capacity) {
            row = new long[capacity * 3];
            obj = new Object[capacity * 3];
        }

        int capacity() {
            return row.length / 3;
        }

        long t(int i) {
            return row[i * 3];
        }

        int published() {
            return (int) SIZE.getAcquire(this);
        }

        Event event(long seq, int i) {
            int o = i * 3;
            int packed = (int) row[o + 2];
            ThreadRef thread = obj[o] != null ? (ThreadRef) obj[o] : owner;
            if ((packed & THEN_DETAIL) != 0) {
                LogState log = obj[o + 2] != null ? (LogState) obj[o + 2] : this.log;
                return unpack(seq, row[o], thread, packed & ~THEN_DETAIL, log.thenDetail, row[o + 1], 0);
            }
            long peer = obj[o + 2] instanceof Long l ? l : 0;
            return unpack(seq, row[o], thread, packed, (String) obj[o + 1], row[o + 1], peer);
        }
    }

    /** A short-lived chunk of keyed events' task objects (see {@link Buffer#stash}). */
    private static final class Stash {
        static final int SIZE = 1024;
        final Object[] keys = new Object[SIZE];
        /** The next chunk, linked before any key is written into it. */
        volatile Stash next;
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
        /** Keys of keyed events not yet drained: written here before the event is published. */
        private Stash keyTail = new Stash();
        private int keyFilled;
        /** Whether the owner's last FINISHED left out the BLOCKED that may follow it (see blockedAfterFinished). */
        boolean owesBlocked;
        /** Task ids taken from the recorder and not yet given: [nextId, endId), valid while idClears is current. */
        private long nextId, endId;
        private int idClears = -1;
        // Consumer side: guarded by the recorder's drainLock.
        Page readPage = tail;
        int readIndex;
        private Stash keyHead = keyTail;
        private int keyRead;
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
            keyTail = keyHead = null;
        }

        /**
         * Keeps a keyed event's task object until the drain, in the buffer's stash rather than in the page: pages
         * are long-lived, and storing references into them on every task would keep the collector's remembered
         * sets busy; the stash is short-lived. Keys leave the stash in the order their events are drained.
         */
        void stash(Object key) {
            Stash s = keyTail;
            int n = keyFilled;
            if (n == Stash.SIZE) {
                Stash fresh = new Stash();
                s.next = fresh;
                keyTail = s = fresh;
                n = 0;
            }
            s.keys[n] = key;
            keyFilled = n + 1;
        }

        /** The key of the next keyed event drained from this buffer. Runs under drainLock. */
        Object unstash() {
            if (keyRead == Stash.SIZE) {
                keyHead = keyHead.next;
                keyRead = 0;
            }
            Object key = keyHead.keys[keyRead];
            keyHead.keys[keyRead++] = null;
            return key;
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

        void append(long tNs, ThreadRef thread, int packed, Object detail, long task, long peer, LogState log) {
            Page p = tail;
            int n = filled;
            if (n == p.capacity()) {
                Page fresh = new Page(Math.min(n * 2, Page.BIGGEST));
                p.next = fresh;
                tail = p = fresh;
                n = 0;
            }
            int k = n * 3;
            long[] row = p.row;
            row[k] = tNs;
            row[k + 1] = task;
            row[k + 2] = packed;
            Object[] o = p.obj;
            if (n == 0) p.owner = thread;
            else if (thread != p.owner) o[k] = thread;
            if (detail != null) o[k + 1] = detail;
            if (log != null) {
                if (p.log == null) p.log = log;
                else if (log != p.log) o[k + 2] = log;
            } else if (peer != 0) {
                o[k + 2] = peer;
            }
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
            lastT = size > 0 ? p.t(size - 1) : prev.t(prev.capacity() - 1);
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
            return before > 0 || page.t(index) <= horizon;
        }

        long t() {
            return page.t(index);
        }

        /** Takes this buffer's events up to time {@code limit} into the store, as runs (one per page at most). */
        void take(long limit, Recorder r) {
            while (hasNext()) {
                Page p = page;
                long[] row = p.row;
                int i = index, start = i, end = this.limit;
                // Events before the first cut go in on time alone; after it, only up to the horizon.
                int sure = (int) Math.min(end - i, Math.max(0, before));
                int stop = i + sure;
                while (i < stop && row[i * 3] <= limit) r.settle(p, i++, buffer);
                if (i == stop) {
                    long lim = Math.min(limit, horizon);
                    while (i < end && row[i * 3] <= lim) r.settle(p, i++, buffer);
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
        static final int BYTES_PER_EVENT = 3 * 8 + 3 * 4;
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
