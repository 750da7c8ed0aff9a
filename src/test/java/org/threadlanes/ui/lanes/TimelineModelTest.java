package org.threadlanes.ui.lanes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.threadlanes.trace.BlockReason;
import org.threadlanes.trace.Event;
import org.threadlanes.trace.EventKind;
import org.threadlanes.trace.TaskOutcome;
import org.threadlanes.trace.ThreadRef;
import org.threadlanes.trace.ThreadState;

/** TimelineModel: events become per-lane segments with the right texts; lookups by time; clear. No toolkit. */
class TimelineModelTest {
    static final ThreadRef MAIN = new ThreadRef(1, "main", "main");
    static final ThreadRef W1 = new ThreadRef(11, "worker-1", "worker");
    static final ThreadRef W2 = new ThreadRef(12, "worker-2", "worker");

    /** Builds events with contiguous sequence numbers. */
    static final class Events {
        final List<Event> list = new ArrayList<>();

        Events state(long t, ThreadRef th, ThreadState s) {
            return add(t, th, EventKind.STATE, s, null, null, 0, 0, null);
        }

        Events blocked(long t, ThreadRef th, BlockReason r, String detail) {
            return add(t, th, EventKind.STATE, ThreadState.BLOCKED, r, detail, 0, 0, null);
        }

        Events add(long t, ThreadRef th, EventKind k, ThreadState s, BlockReason r, String detail, long task,
                   int line, TaskOutcome outcome) {
            list.add(new Event(list.size() + 1, t, th, k, s, r, detail, task, 0, outcome, line));
            return this;
        }
    }

    /** A STATE event starts a segment on its thread's lane; lanes come in order of first appearance. */
    @Test
    void stateEventsStartSegmentsPerLaneInOrderOfAppearance() {
        TimelineModel m = new TimelineModel();
        m.accept(new Events()
                .state(0, MAIN, ThreadState.READY)
                .state(10, MAIN, ThreadState.RUNNING)
                .state(20, W1, ThreadState.CREATED)
                .state(30, W1, ThreadState.READY)
                .list);

        assertEquals(2, m.laneCount());
        assertEquals(MAIN, m.lane(0).thread());
        assertEquals(W1, m.lane(1).thread());
        assertEquals(0, m.indexOf(MAIN.id()));
        assertEquals(1, m.indexOf(W1.id()));
        assertEquals(-1, m.indexOf(99));
        TimelineModel.Lane main = m.lane(0);
        assertEquals(2, main.segmentCount());
        assertEquals(ThreadState.READY, main.segmentState(0));
        assertEquals(10, main.segmentStartNs(1));
        assertEquals(ThreadState.RUNNING, main.currentState());
        assertEquals(30, m.endNs());
        assertEquals(4, m.eventCount());
    }

    /**
     * A lane header says the state at the moment shown: while stepping back to a moment of the past it agrees with
     * the bars there, not with the present; before the lane's first event it says nothing.
     */
    @Test
    void headerStateIsTheStateAtTheMomentShown() {
        TimelineModel m = new TimelineModel();
        m.accept(new Events()
                .state(10, W1, ThreadState.READY)
                .blocked(20, W1, BlockReason.LOCK, "lock B held by worker-2")
                .list);
        TimelineModel.Lane w1 = m.lane(0);
        assertEquals(ThreadState.BLOCKED, LaneHeaders.stateAt(w1, 25));
        assertEquals(ThreadState.READY, LaneHeaders.stateAt(w1, 15), "the past, as the bars show it");
        assertNull(LaneHeaders.stateAt(w1, 5));
    }

    /** A blocked segment shows its reason and the event's detail; other states carry no reason. */
    @Test
    void blockedSegmentCarriesReasonAndDetail() {
        TimelineModel m = new TimelineModel();
        m.accept(new Events()
                .state(0, W1, ThreadState.RUNNING)
                .blocked(5, W1, BlockReason.LOCK, "lock A held by worker-2")
                .blocked(9, W1, BlockReason.SLEEP, "sleep 2")
                .list);
        TimelineModel.Lane lane = m.lane(0);
        assertNull(lane.segmentReason(0));
        assertEquals(BlockReason.LOCK, lane.segmentReason(1));
        assertEquals("lock A held by worker-2", lane.segmentText(1));
        assertEquals(BlockReason.SLEEP, lane.segmentReason(2));
        assertEquals("sleep 2", lane.segmentText(2));
    }

    /** A running segment shows the label of the task its thread runs, from STARTED until FINISHED. */
    @Test
    void runningSegmentsCarryTheTaskLabelWhileTheTaskRuns() {
        TimelineModel m = new TimelineModel();
        m.accept(new Events()
                .blocked(0, W1, BlockReason.WORK, "waiting for work")
                .add(10, W1, EventKind.STARTED, ThreadState.RUNNING, null, "loiter(2)", 3, 4, null)
                .add(12, W1, EventKind.STATE, ThreadState.BLOCKED, BlockReason.SLEEP, "sleep 2", 3, 5, null)
                .add(20, W1, EventKind.STATE, ThreadState.RUNNING, null, null, 3, 6, null)
                .add(21, W1, EventKind.FINISHED, null, null, "20", 3, 0, TaskOutcome.OK)
                .blocked(21, W1, BlockReason.WORK, "waiting for work")
                .add(30, W1, EventKind.STATE, ThreadState.RUNNING, null, null, 0, 0, null)
                .list);
        TimelineModel.Lane lane = m.lane(0);
        assertEquals(6, lane.segmentCount(), "FINISHED starts no segment");
        assertEquals("loiter(2)", lane.segmentText(1));
        assertEquals(EventKind.STARTED, lane.segmentKind(1));
        assertEquals(3, lane.segmentTask(1));
        assertEquals(4, lane.segmentLine(1));
        assertEquals("sleep 2", lane.segmentText(2));
        assertEquals("loiter(2)", lane.segmentText(3), "label carried on after a wait inside the task");
        assertEquals("waiting for work", lane.segmentText(4));
        assertNull(lane.segmentText(5), "no label once the task finished");
        assertEquals(30, lane.lastEvent().tNs());
    }

    /** A ready segment shows the event's detail, such as a held thread's next action. */
    @Test
    void readySegmentShowsItsDetail() {
        TimelineModel m = new TimelineModel();
        m.accept(new Events()
                .state(0, W2, ThreadState.RUNNING)
                .add(4, W2, EventKind.STATE, ThreadState.READY, null, "next: lock B", 0, 7, null)
                .list);
        assertEquals("next: lock B", m.lane(0).segmentText(1));
        assertEquals(7, m.lane(0).segmentLine(1));
    }

    /** SUBMITTED and REJECTED change no segments and, from an unknown thread, make no lane. */
    @Test
    void taskMilestonesWithoutStateMakeNoSegments() {
        TimelineModel m = new TimelineModel();
        m.accept(new Events()
                .add(0, MAIN, EventKind.SUBMITTED, null, null, "loiter(0)", 1, 0, null)
                .state(1, MAIN, ThreadState.RUNNING)
                .add(2, MAIN, EventKind.SUBMITTED, null, null, "loiter(1)", 2, 0, null)
                .add(3, MAIN, EventKind.REJECTED, null, null, "loiter(2)", 3, 0, null)
                .list);
        assertEquals(1, m.laneCount());
        assertEquals(1, m.lane(0).segmentCount());
        assertEquals(EventKind.REJECTED, m.lane(0).lastEvent().kind());
        assertEquals(4, m.eventCount());
    }

    /** segmentAt finds the last segment starting at or before a time, and -1 before the first. */
    @Test
    void segmentAtFindsTheSegmentInForceByBinarySearch() {
        TimelineModel m = new TimelineModel();
        Events ev = new Events();
        for (int i = 0; i < 1000; i++) {
            ev.state(100 + 10L * i, W1, i % 2 == 0 ? ThreadState.RUNNING : ThreadState.READY);
        }
        m.accept(ev.list);
        TimelineModel.Lane lane = m.lane(0);
        assertEquals(1000, lane.segmentCount());
        assertEquals(-1, lane.segmentAt(99));
        assertEquals(0, lane.segmentAt(100));
        assertEquals(0, lane.segmentAt(109));
        assertEquals(1, lane.segmentAt(110));
        assertEquals(500, lane.segmentAt(5105));
        assertEquals(999, lane.segmentAt(Long.MAX_VALUE));
        assertEquals(501, lane.firstSegmentAfter(5105));
        assertEquals(10_090, lane.segmentEndNs(998, 0));
        assertEquals(20_000, lane.segmentEndNs(999, 20_000), "the last segment lasts until now");
        assertEquals(10_090, lane.segmentEndNs(999, 5), "and never ends before it starts");
    }

    /** Times within a lane never go back, so that binary search stays valid. */
    @Test
    void laneTimesNeverGoBack() {
        TimelineModel m = new TimelineModel();
        m.accept(new Events().state(50, W1, ThreadState.CREATED).state(40, W1, ThreadState.READY).list);
        assertEquals(50, m.lane(0).segmentStartNs(1));
    }

    /** Segments grow past their initial capacity, across batches, each batch bumping the version once. */
    @Test
    void batchesAppendAndBumpTheVersionOnce() {
        TimelineModel m = new TimelineModel();
        long v0 = m.versionProperty().get();
        Events ev = new Events();
        for (int i = 0; i < 100; i++) ev.state(i, W1, ThreadState.values()[i % 4]);
        m.accept(ev.list.subList(0, 60));
        assertEquals(v0 + 1, m.versionProperty().get());
        m.accept(ev.list.subList(60, 100));
        m.accept(List.of());
        assertEquals(v0 + 2, m.versionProperty().get(), "an empty batch changes nothing");
        assertEquals(100, m.lane(0).segmentCount());
        assertEquals(ThreadState.values()[99 % 4], m.lane(0).segmentState(99));
    }

    /** clear forgets every lane and event and bumps the version. */
    @Test
    void clearForgetsEverything() {
        TimelineModel m = new TimelineModel();
        m.accept(new Events().state(0, MAIN, ThreadState.RUNNING).state(5, W1, ThreadState.READY).list);
        long v = m.versionProperty().get();
        m.clear();
        assertEquals(0, m.laneCount());
        assertEquals(0, m.eventCount());
        assertEquals(0, m.endNs());
        assertEquals(-1, m.indexOf(MAIN.id()));
        assertEquals(v + 1, m.versionProperty().get());
        m.accept(new Events().state(7, W2, ThreadState.CREATED).list);
        assertEquals(W2, m.lane(0).thread(), "lanes are numbered afresh");
    }

    /** Reading a segment that does not exist fails with a clear message. */
    @Test
    void readingAMissingSegmentFailsClearly() {
        TimelineModel m = new TimelineModel();
        m.accept(new Events().state(0, MAIN, ThreadState.RUNNING).list);
        var e = assertThrows(IndexOutOfBoundsException.class, () -> m.lane(0).segmentState(3));
        assertEquals("segment 3 of 1", e.getMessage());
    }
}
