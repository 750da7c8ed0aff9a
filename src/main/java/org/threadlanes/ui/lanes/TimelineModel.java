package org.threadlanes.ui.lanes;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;

import org.threadlanes.trace.BlockReason;
import org.threadlanes.trace.Event;
import org.threadlanes.trace.EventKind;
import org.threadlanes.trace.ThreadRef;
import org.threadlanes.trace.ThreadState;

/**
 * Per-lane history built from events: for every thread, the run of segments it went through, each with a state, a
 * start time and a text. Touched only on the FX thread; plain Java plus a JavaFX property, so it is testable without
 * a Stage.
 *
 * <h2>How events become segments</h2>
 * <ul>
 *   <li>A {@link EventKind#STATE} event, or a {@link EventKind#STARTED} event (which carries RUNNING), starts a new
 *       segment on its thread's lane. The segment lasts until the next one starts, or until "now".</li>
 *   <li>Task milestones without a state ({@link EventKind#SUBMITTED}, {@link EventKind#FINISHED},
 *       {@link EventKind#REJECTED}) never change segments. FINISHED ends the lane's current task, so later RUNNING
 *       segments no longer carry its label.</li>
 *   <li>Text: BLOCKED shows the event's detail ("lock A held by worker-2", "future #3 fib(10)", "sleep 2"); RUNNING
 *       shows the label of the task the thread runs (from STARTED, carried on while the task runs), else the
 *       event's own detail; READY, CREATED and CONCLUDED show the detail if any ("next: lock B").</li>
 * </ul>
 *
 * <p>Lanes are numbered in order of first appearance. Segments live in primitive arrays that grow (no object per
 * segment), so a million events cost a few tens of megabytes and a lookup by time is a binary search.
 *
 * <pre>{@code
 * TimelineModel model = new TimelineModel();
 * FxBridge bridge = new FxBridge(model::accept);
 * run.recorder().addListener(bridge.listener());
 * }</pre>
 */
public final class TimelineModel {
    private static final ThreadState[] STATES = ThreadState.values();
    private static final BlockReason[] REASONS = BlockReason.values();
    private static final EventKind[] KINDS = EventKind.values();

    private final List<Lane> lanes = new ArrayList<>();
    private final Map<Long, Lane> byId = new HashMap<>();
    /** A direct-mapped cache in front of byId: events of a few threads alternate, and boxing every id is costly. */
    private final Lane[] recent = new Lane[256];
    private final ReadOnlyLongWrapper version = new ReadOnlyLongWrapper(this, "version");
    private long endNs;
    private long eventCount;
    private int generation;

    /** An empty timeline. */
    public TimelineModel() {
    }

    /**
     * Appends a batch of events (in sequence order, contiguous with the previous batch) and bumps the version once.
     * An empty batch changes nothing.
     */
    public void accept(List<Event> batch) {
        if (batch.isEmpty()) return;
        for (Event e : batch) add(e);
        version.set(version.get() + 1);
    }

    /** Forgets every lane and event; bumps the version. */
    public void clear() {
        lanes.clear();
        byId.clear();
        Arrays.fill(recent, null);
        endNs = 0;
        eventCount = 0;
        generation++;
        version.set(version.get() + 1);
    }

    /** Bumped by every change; listen to it to redraw. */
    public ReadOnlyLongProperty versionProperty() {
        return version.getReadOnlyProperty();
    }

    /** The number of lanes (threads seen with a state so far). */
    public int laneCount() {
        return lanes.size();
    }

    /** The lane at {@code index}, in order of first appearance. */
    public Lane lane(int index) {
        return lanes.get(index);
    }

    /** The index of the lane of thread {@code threadId}, or -1 if unknown. */
    public int indexOf(long threadId) {
        Lane lane = byId.get(threadId);
        return lane == null ? -1 : lane.index;
    }

    /** Time of the latest event, in nanoseconds since the run started; 0 when empty. */
    public long endNs() {
        return endNs;
    }

    /** Events accepted since the last clear, including task milestones. */
    public long eventCount() {
        return eventCount;
    }

    /** Bumped by {@link #clear()} only: a view resets its scrolling and animations when it changes. */
    int generation() {
        return generation;
    }

    private void add(Event e) {
        eventCount++;
        if (e.tNs() > endNs) endNs = e.tNs();
        long id = e.threadId();
        int slot = (int) (id ^ (id >>> 32)) & (recent.length - 1);
        Lane lane = recent[slot];
        if (lane == null || lane.thread.id() != id) {
            lane = byId.get(id);
            ThreadState state = e.state();
            if (lane == null) {
                // A milestone from a thread with no lane yet (rare) makes no lane: lanes show states.
                if (state == null) return;
                lane = new Lane(e.thread(), lanes.size());
                lanes.add(lane);
                byId.put(id, lane);
            }
            recent[slot] = lane;
        }
        ThreadState state = e.state();
        lane.lastEvent = e;
        switch (e.kind()) {
            case STARTED -> {
                lane.taskId = e.task();
                lane.taskLabel = e.detail();
            }
            case FINISHED -> {
                if (e.task() == lane.taskId) {
                    lane.taskId = 0;
                    lane.taskLabel = null;
                }
            }
            default -> { }
        }
        if (state != null) lane.append(e, textOf(lane, e));
    }

    private static String textOf(Lane lane, Event e) {
        if (e.state() == ThreadState.RUNNING && lane.taskId != 0 && (e.task() == lane.taskId || e.task() == 0)) {
            return lane.taskLabel != null ? lane.taskLabel : e.detail();
        }
        return e.detail();
    }

    /**
     * One thread's lane: its segments in time order. A segment lasts from its start until the next segment's start,
     * or, for the last one, until now.
     */
    public static final class Lane {
        private static final int INITIAL = 16;

        private final ThreadRef thread;
        private final int index;
        private Event lastEvent;
        private long taskId;
        private String taskLabel;

        private int size;
        private long[] start = new long[INITIAL];
        private long[] seq = new long[INITIAL];
        private long[] task = new long[INITIAL];
        private byte[] kind = new byte[INITIAL];
        private byte[] state = new byte[INITIAL];
        private byte[] reason = new byte[INITIAL];
        private int[] line = new int[INITIAL];
        private String[] text = new String[INITIAL];

        private Lane(ThreadRef thread, int index) {
            this.thread = thread;
            this.index = index;
        }

        private void append(Event e, String segmentText) {
            if (size == start.length) grow();
            // Times within a lane never go back, so binary search stays valid even if two producers' clocks
            // interleave (a thread's CREATED comes from its parent).
            long t = size > 0 ? Math.max(e.tNs(), start[size - 1]) : e.tNs();
            start[size] = t;
            seq[size] = e.seq();
            task[size] = e.task();
            kind[size] = (byte) e.kind().ordinal();
            state[size] = (byte) e.state().ordinal();
            reason[size] = (byte) (e.reason() == null ? -1 : e.reason().ordinal());
            line[size] = e.line();
            text[size] = segmentText;
            size++;
        }

        private void grow() {
            int cap = start.length * 2;
            start = Arrays.copyOf(start, cap);
            seq = Arrays.copyOf(seq, cap);
            task = Arrays.copyOf(task, cap);
            kind = Arrays.copyOf(kind, cap);
            state = Arrays.copyOf(state, cap);
            reason = Arrays.copyOf(reason, cap);
            line = Arrays.copyOf(line, cap);
            text = Arrays.copyOf(text, cap);
        }

        /** The thread, with the name and role its first event gave. */
        public ThreadRef thread() {
            return thread;
        }

        /** The lane's position in the model (order of first appearance). */
        public int index() {
            return index;
        }

        /** The state of the last segment, or {@code null} if the lane has none. */
        public ThreadState currentState() {
            return size == 0 ? null : STATES[state[size - 1]];
        }

        /** The last event of this thread, including task milestones. */
        public Event lastEvent() {
            return lastEvent;
        }

        /** The number of segments. */
        public int segmentCount() {
            return size;
        }

        /** When segment {@code i} starts, in nanoseconds since the run started. */
        public long segmentStartNs(int i) {
            check(i);
            return start[i];
        }

        /** When segment {@code i} ends: the next one's start, or {@code nowNs} for the last (never before its start). */
        public long segmentEndNs(int i, long nowNs) {
            check(i);
            return i + 1 < size ? start[i + 1] : Math.max(nowNs, start[i]);
        }

        /** The state of segment {@code i}. */
        public ThreadState segmentState(int i) {
            check(i);
            return STATES[state[i]];
        }

        /** Why segment {@code i} is blocked; {@code null} unless it is BLOCKED. */
        public BlockReason segmentReason(int i) {
            check(i);
            return reason[i] < 0 ? null : REASONS[reason[i]];
        }

        /** What segment {@code i} is about ("lock A held by worker-2", "loiter(2)", "next: lock B"), or null. */
        public String segmentText(int i) {
            check(i);
            return text[i];
        }

        /** The task segment {@code i} concerns, or 0 if none. */
        public long segmentTask(int i) {
            check(i);
            return task[i];
        }

        /** The listing line of segment {@code i}, or 0 if unknown. */
        public int segmentLine(int i) {
            check(i);
            return line[i];
        }

        /** The kind of the event that started segment {@code i}: {@link EventKind#STATE} or STARTED. */
        public EventKind segmentKind(int i) {
            check(i);
            return KINDS[kind[i]];
        }

        /** The sequence number of the event that started segment {@code i}. */
        public long segmentSeq(int i) {
            check(i);
            return seq[i];
        }

        /**
         * The segment in force at {@code tNs}: the last one starting at or before it (binary search); -1 before the
         * first segment.
         */
        public int segmentAt(long tNs) {
            int lo = 0, hi = size - 1, found = -1;
            while (lo <= hi) {
                int mid = (lo + hi) >>> 1;
                if (start[mid] <= tNs) {
                    found = mid;
                    lo = mid + 1;
                } else {
                    hi = mid - 1;
                }
            }
            return found;
        }

        /** The first segment starting strictly after {@code tNs} (binary search); {@link #segmentCount()} if none. */
        public int firstSegmentAfter(long tNs) {
            return segmentAt(tNs) + 1;
        }

        /** Raw state ordinal, for the hot drawing loop (no range check). */
        int stateOrdinal(int i) {
            return state[i];
        }

        /** Raw start, for the hot drawing loop (no range check). */
        long startNs(int i) {
            return start[i];
        }

        private void check(int i) {
            if (i < 0 || i >= size) throw new IndexOutOfBoundsException("segment " + i + " of " + size);
        }

        @Override
        public String toString() {
            return "Lane[" + thread.name() + ", " + size + " segments]";
        }
    }
}
