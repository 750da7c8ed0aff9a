package org.threadlanes.ui.code;

import java.util.ArrayList;
import java.util.List;

import org.threadlanes.trace.BlockReason;
import org.threadlanes.trace.Event;
import org.threadlanes.trace.EventKind;
import org.threadlanes.trace.ThreadRef;
import org.threadlanes.trace.ThreadState;

/** Hand-made events for tests, numbered in order. */
final class Events {
    final List<Event> list = new ArrayList<>();
    private long seq;

    Events state(long tNs, ThreadRef t, ThreadState s, int line) {
        list.add(new Event(++seq, tNs, t, EventKind.STATE, s, null, null, 0, 0, null, line));
        return this;
    }

    Events blocked(long tNs, ThreadRef t, BlockReason r, String detail, int line) {
        list.add(new Event(++seq, tNs, t, EventKind.STATE, ThreadState.BLOCKED, r, detail, 0, 0, null, line));
        return this;
    }

    Events task(long tNs, ThreadRef t, EventKind kind, String detail, int line) {
        ThreadState s = kind == EventKind.STARTED ? ThreadState.RUNNING : null;
        list.add(new Event(++seq, tNs, t, kind, s, null, detail, 7, 0, null, line));
        return this;
    }

    /** The events so far, and a fresh list for the next batch (numbering goes on). */
    List<Event> batch() {
        List<Event> b = List.copyOf(list);
        list.clear();
        return b;
    }
}
