// STUB: replaced by the lanes branch at merge
package org.threadlanes.ui.lanes;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;

import org.threadlanes.trace.BlockReason;
import org.threadlanes.trace.Event;
import org.threadlanes.trace.ThreadRef;
import org.threadlanes.trace.ThreadState;

/** Per-lane history built from events; touched only on the FX thread; testable without a Stage. */
public final class TimelineModel {
    private final List<Lane> lanes = new ArrayList<>();
    private final Map<Long, Integer> index = new HashMap<>();
    private final ReadOnlyLongWrapper version = new ReadOnlyLongWrapper(this, "version");
    private long endNs;
    private long eventCount;

    public TimelineModel() {
    }

    /** Appends a batch; bumps the version. */
    public void accept(List<Event> batch) {
        for (Event e : batch) {
            eventCount++;
            endNs = Math.max(endNs, e.tNs());
            if (e.state() == null) continue;
            Integer i = index.get(e.threadId());
            if (i == null) {
                i = lanes.size();
                lanes.add(new Lane(e.thread()));
                index.put(e.threadId(), i);
            }
            lanes.get(i).add(e);
        }
        version.set(version.get() + 1);
    }

    /** Forgets everything; bumps the version. */
    public void clear() {
        lanes.clear();
        index.clear();
        endNs = 0;
        eventCount = 0;
        version.set(version.get() + 1);
    }

    public ReadOnlyLongProperty versionProperty() {
        return version.getReadOnlyProperty();
    }

    public int laneCount() {
        return lanes.size();
    }

    /** In order of first appearance. */
    public Lane lane(int index) {
        return lanes.get(index);
    }

    /** -1 if unknown. */
    public int indexOf(long threadId) {
        return index.getOrDefault(threadId, -1);
    }

    /** Time of the latest event. */
    public long endNs() {
        return endNs;
    }

    public long eventCount() {
        return eventCount;
    }

    /** One thread's history. */
    public static final class Lane {
        private final ThreadRef thread;
        private final List<Event> segments = new ArrayList<>();

        Lane(ThreadRef thread) {
            this.thread = thread;
        }

        void add(Event e) {
            segments.add(e);
        }

        public ThreadRef thread() {
            return thread;
        }

        public ThreadState currentState() {
            return segments.isEmpty() ? null : segments.get(segments.size() - 1).state();
        }

        public Event lastEvent() {
            return segments.isEmpty() ? null : segments.get(segments.size() - 1);
        }

        public int segmentCount() {
            return segments.size();
        }

        public long segmentStartNs(int i) {
            return segments.get(i).tNs();
        }

        public ThreadState segmentState(int i) {
            return segments.get(i).state();
        }

        public BlockReason segmentReason(int i) {
            return segments.get(i).reason();
        }

        public String segmentText(int i) {
            return segments.get(i).detail();
        }

        public long segmentTask(int i) {
            return segments.get(i).task();
        }

        public int segmentLine(int i) {
            return segments.get(i).line();
        }

        public int segmentAt(long tNs) {
            int lo = 0, hi = segments.size() - 1, found = -1;
            while (lo <= hi) {
                int mid = (lo + hi) >>> 1;
                if (segments.get(mid).tNs() <= tNs) {
                    found = mid;
                    lo = mid + 1;
                } else {
                    hi = mid - 1;
                }
            }
            return found;
        }
    }
}
