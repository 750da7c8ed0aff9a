package org.threadlanes.trace;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Keeps every event of a run, in order, and hands them to listeners in batches.
 *
 * <h2>How an event travels</h2>
 * A producer thread writes into its own buffer (one per thread and recorder) and takes no lock: the only shared
 * write on its path is a release-store of the buffer's fill count. A drain, run by the shared background thread
 * {@value #DRAINER_NAME} every few milliseconds or by any caller of {@link #flush()}, copies what each buffer has
 * published into the store, merging the buffers by timestamp, and only then assigns sequence numbers. So numbers are
 * contiguous from 1 with no gaps, and each thread's events keep the order in which it published them (as in JFR,
 * numbering happens at drain time, not at the event).
 *
 * <p>Stored events take 36 bytes each in column arrays (time, task, peer, packed kind/state/reason/outcome/line,
 * thread index, detail reference); {@link Event} objects are made only when someone reads them.
 *
 * <p>Thread-safe. {@link #clear()} is meant for between runs, when no producer is active.
 */
public final class Recorder {
    /** Name of the shared daemon thread that drains every live recorder. */
    public static final String DRAINER_NAME = "threadlanes-recorder";
    private static final long DRAIN_PERIOD_NS = TimeUnit.MILLISECONDS.toNanos(5);

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

    /** Guards the store, the thread table and every buffer's consumer side. */
    private final Object drainLock = new Object();
    private final Store store = new Store();               // guarded by drainLock
    private final List<ThreadRef> threads = new ArrayList<>();         // guarded by drainLock
    private final Map<ThreadRef, Integer> threadIndex = new HashMap<>(); // guarded by drainLock

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
        recordAt(clock.now(), thread, kind, state, reason, detail, task, peer, outcome, line);
    }

    /**
     * Records one event with a given time (nanoseconds since the run's start), for sources that bring their own
     * clock: trace files, JFR recordings, outside probes.
     */
    public void recordAt(long tNs, ThreadRef thread, EventKind kind, ThreadState state, BlockReason reason,
                         String detail, long task, long peer, TaskOutcome outcome, int line) {
        Objects.requireNonNull(thread, "thread");
        Objects.requireNonNull(kind, "kind");
        if (kind == EventKind.STATE && state == null) throw new IllegalArgumentException("a STATE event needs a state");
        if (reason != null && state != ThreadState.BLOCKED) throw new IllegalArgumentException("reason without BLOCKED");
        if (outcome != null && kind != EventKind.FINISHED) throw new IllegalArgumentException("outcome without FINISHED");
        if (line < 0 || line > Event.MAX_LINE) throw new IllegalArgumentException("line out of range: " + line);
        local.get().append(tNs, thread, pack(kind, state, reason, outcome, line), detail, task, peer);
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
            for (long s = lo; s < hi; s++) out.add(store.event(s, threads));
            return out;
        }
    }

    /** The event with this sequence number. */
    public Event get(long seq) {
        synchronized (drainLock) {
            drain();
            if (seq < 1 || seq > store.size) throw new IndexOutOfBoundsException("no event #" + seq);
            return store.event(seq, threads);
        }
    }

    /** Every thread that appears in the recorded events, in order of first appearance. */
    public List<ThreadRef> threads() {
        synchronized (drainLock) {
            drain();
            return List.copyOf(threads);
        }
    }

    /** Forgets every event and thread, restarts numbering at 1 and the clock at 0. */
    public void clear() {
        synchronized (drainLock) {
            drain();
            store.clear();
            threads.clear();
            threadIndex.clear();
            clock.reset();
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

    // ------------------------------------------------------------------ draining

    private Buffer register() {
        Buffer b = new Buffer(Thread.currentThread());
        buffers.add(b);
        return b;
    }

    /** Runs under drainLock. */
    private void drain() {
        Batch batch = new Batch();
        for (Iterator<Buffer> it = buffers.iterator(); it.hasNext(); ) {
            Buffer b = it.next();
            int before = batch.size;
            b.takeInto(batch);
            if (batch.size > before) batch.markSegment(before);
            else if (!b.owner.isAlive() && b.isDrained()) it.remove();
        }
        if (batch.size == 0) return;
        long firstSeq = store.size + 1;
        batch.mergeInto(store, this::indexOf);
        if (!listeners.isEmpty()) {
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

    private int indexOf(ThreadRef ref) {
        Integer i = threadIndex.get(ref);
        if (i == null) {
            i = threads.size();
            threads.add(ref);
            threadIndex.put(ref, i);
        }
        return i;
    }

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
                p >>> 12);
    }

    /** A chunk of one producer's events; the producer fills it, a drain reads up to the published size. */
    private static final class Chunk {
        static final int CAP = 256;
        static final VarHandle SIZE;

        static {
            try {
                SIZE = MethodHandles.lookup().findVarHandle(Chunk.class, "size", int.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        final long[] t = new long[CAP];
        final long[] task = new long[CAP];
        final long[] peer = new long[CAP];
        final int[] packed = new int[CAP];
        final ThreadRef[] thread = new ThreadRef[CAP];
        final String[] detail = new String[CAP];
        /** Published fill count: written by the producer with release, read by drains with acquire. */
        @SuppressWarnings("unused")
        private int size;
        /** The producer's next chunk, set before anything is published into it. */
        volatile Chunk next;
    }

    /** One producer thread's buffer: a chain of chunks. */
    private static final class Buffer {
        final Thread owner;
        Chunk tail = new Chunk();   // producer side only
        int filled;                 // producer side only
        Chunk head = tail;          // drain side only (guarded by drainLock)
        int read;                   // drain side only (guarded by drainLock)

        Buffer(Thread owner) {
            this.owner = owner;
        }

        void append(long tNs, ThreadRef thread, int packed, String detail, long task, long peer) {
            Chunk c = tail;
            int n = filled;
            if (n == Chunk.CAP) {
                Chunk fresh = new Chunk();
                c.next = fresh;
                tail = c = fresh;
                n = 0;
            }
            c.t[n] = tNs;
            c.task[n] = task;
            c.peer[n] = peer;
            c.packed[n] = packed;
            c.thread[n] = thread;
            c.detail[n] = detail;
            filled = n + 1;
            Chunk.SIZE.setRelease(c, n + 1);
        }

        void takeInto(Batch batch) {
            while (true) {
                Chunk c = head;
                int published = (int) Chunk.SIZE.getAcquire(c);
                for (int i = read; i < published; i++) {
                    batch.add(c.t[i], c.task[i], c.peer[i], c.packed[i], c.thread[i], c.detail[i]);
                }
                read = published;
                if (published < Chunk.CAP) return;
                Chunk next = c.next;
                if (next == null) return;
                head = next;
                read = 0;
            }
        }

        boolean isDrained() {
            return head.next == null && read == (int) Chunk.SIZE.getAcquire(head);
        }
    }

    /** Events gathered by one drain, in segments that are each one producer's, in that producer's order. */
    private static final class Batch {
        long[] t = new long[64], task = new long[64], peer = new long[64];
        int[] packed = new int[64];
        ThreadRef[] thread = new ThreadRef[64];
        String[] detail = new String[64];
        int size;
        int[] segStart = new int[8];
        int segments;

        void add(long tNs, long tk, long pr, int pk, ThreadRef th, String dt) {
            if (size == t.length) {
                int cap = size * 2;
                t = Arrays.copyOf(t, cap);
                task = Arrays.copyOf(task, cap);
                peer = Arrays.copyOf(peer, cap);
                packed = Arrays.copyOf(packed, cap);
                thread = Arrays.copyOf(thread, cap);
                detail = Arrays.copyOf(detail, cap);
            }
            t[size] = tNs;
            task[size] = tk;
            peer[size] = pr;
            packed[size] = pk;
            thread[size] = th;
            detail[size] = dt;
            size++;
        }

        void markSegment(int start) {
            if (segments == segStart.length) segStart = Arrays.copyOf(segStart, segments * 2);
            segStart[segments++] = start;
        }

        /** Merges the segments by time (ties keep segment order) and appends them to the store. */
        void mergeInto(Store store, java.util.function.ToIntFunction<ThreadRef> indexOf) {
            int[] pos = new int[segments], end = new int[segments];
            for (int s = 0; s < segments; s++) {
                pos[s] = segStart[s];
                end[s] = s + 1 < segments ? segStart[s + 1] : size;
            }
            ThreadRef lastRef = null;
            int lastIndex = -1;
            for (int n = 0; n < size; n++) {
                int best = -1;
                for (int s = 0; s < segments; s++) {
                    if (pos[s] < end[s] && (best < 0 || t[pos[s]] < t[pos[best]])) best = s;
                }
                int i = pos[best]++;
                if (thread[i] != lastRef) {
                    lastRef = thread[i];
                    lastIndex = indexOf.applyAsInt(lastRef);
                }
                store.append(t[i], task[i], peer[i], packed[i], lastIndex, detail[i]);
            }
        }
    }

    /** Column store of drained events, in pages. Guarded by the recorder's drainLock. */
    private static final class Store {
        static final int BYTES_PER_EVENT = 8 + 8 + 8 + 4 + 4 + 4;
        static final int BITS = 14, PAGE = 1 << BITS, MASK = PAGE - 1;
        long[][] t = new long[16][], task = new long[16][], peer = new long[16][];
        int[][] packed = new int[16][], thread = new int[16][];
        String[][] detail = new String[16][];
        long size;

        void append(long tNs, long tk, long pr, int pk, int th, String dt) {
            int page = (int) (size >>> BITS), off = (int) (size & MASK);
            if (off == 0) addPage(page);
            t[page][off] = tNs;
            task[page][off] = tk;
            peer[page][off] = pr;
            packed[page][off] = pk;
            thread[page][off] = th;
            detail[page][off] = dt;
            size++;
        }

        private void addPage(int page) {
            if (page == t.length) {
                int cap = page * 2;
                t = Arrays.copyOf(t, cap);
                task = Arrays.copyOf(task, cap);
                peer = Arrays.copyOf(peer, cap);
                packed = Arrays.copyOf(packed, cap);
                thread = Arrays.copyOf(thread, cap);
                detail = Arrays.copyOf(detail, cap);
            }
            t[page] = new long[PAGE];
            task[page] = new long[PAGE];
            peer[page] = new long[PAGE];
            packed[page] = new int[PAGE];
            thread[page] = new int[PAGE];
            detail[page] = new String[PAGE];
        }

        Event event(long seq, List<ThreadRef> threads) {
            long i = seq - 1;
            int page = (int) (i >>> BITS), off = (int) (i & MASK);
            return unpack(seq, t[page][off], threads.get(thread[page][off]), packed[page][off],
                    detail[page][off], task[page][off], peer[page][off]);
        }

        void clear() {
            t = new long[16][];
            task = new long[16][];
            peer = new long[16][];
            packed = new int[16][];
            thread = new int[16][];
            detail = new String[16][];
            size = 0;
        }
    }

    /** The one background thread that drains every live recorder. */
    private static final class Drainer implements Runnable {
        private static final ConcurrentLinkedQueue<WeakReference<Recorder>> WATCHED = new ConcurrentLinkedQueue<>();
        private static volatile Thread thread;

        static void watch(Recorder r) {
            WATCHED.add(new WeakReference<>(r));
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
                for (Iterator<WeakReference<Recorder>> it = WATCHED.iterator(); it.hasNext(); ) {
                    Recorder r = it.next().get();
                    if (r == null) {
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
