package org.threadlanes.analysis;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.threadlanes.trace.Event;
import org.threadlanes.trace.ThreadRef;
import org.threadlanes.trace.ThreadState;

/** How long each thread spent in each state, from a list of events in sequence order. */
public final class StateTimes {
    private StateTimes() {
    }

    /**
     * Per thread (in order of first appearance), nanoseconds in each state. A thread's last state counts until
     * {@code endNs} unless it is CONCLUDED.
     */
    public static Map<ThreadRef, EnumMap<ThreadState, Long>> of(List<Event> events, long endNs) {
        Map<ThreadRef, EnumMap<ThreadState, Long>> times = new LinkedHashMap<>();
        Map<ThreadRef, Event> last = new LinkedHashMap<>();
        for (Event e : events) {
            times.computeIfAbsent(e.thread(), t -> new EnumMap<>(ThreadState.class));
            if (e.state() == null) continue;
            Event prev = last.put(e.thread(), e);
            if (prev != null) add(times.get(e.thread()), prev.state(), e.tNs() - prev.tNs());
        }
        for (Map.Entry<ThreadRef, Event> l : last.entrySet()) {
            Event e = l.getValue();
            if (e.state() != ThreadState.CONCLUDED) add(times.get(l.getKey()), e.state(), Math.max(0, endNs - e.tNs()));
        }
        return times;
    }

    private static void add(EnumMap<ThreadState, Long> m, ThreadState s, long ns) {
        m.merge(s, ns, Long::sum);
    }
}
