package org.threadlanes.analysis;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A deadlock, as plain data: what the summary prints and the trace file's {@code "deadlock"} field holds.
 *
 * <pre>{@code {"kind":"POOL_STARVATION","threads":["worker-1"],
 *  "explanation":"Deadlock (pool starvation): task wait_on_future on worker-1 waits for pow(5, 2), which is queued; the pool's only worker is worker-1.",
 *  "cycle":["worker-1","future of pow(5, 2)","task pow(5, 2)","pool","worker-1"]}}</pre>
 *
 * @param kind        what sort of deadlock
 * @param threads     the names of the threads on the cycle (for {@link Kind#ALL_BLOCKED}: every blocked thread)
 * @param explanation one plain sentence
 * @param cycle       the labels of the nodes along the cycle, ending with the first again (for
 *                    {@link Kind#ALL_BLOCKED}: the chains of waits, which end at a resource)
 */
public record Deadlock(Kind kind, List<String> threads, String explanation, List<String> cycle) {
    /** What sort of deadlock. */
    public enum Kind {
        /** Threads each hold a lock the next one wants: locks taken in different orders. */
        LOCK("lock order"),
        /** Tasks or threads wait on each other's results (or ends). */
        FUTURE("futures"),
        /** Tasks wait on tasks queued behind them, and every worker of the pool is one of those waiting. */
        POOL_STARVATION("pool starvation"),
        /** Every live thread waits with no timed wait pending, as after a lost signal. */
        ALL_BLOCKED("all blocked");

        private final String words;

        Kind(String words) {
            this.words = words;
        }

        /** The kind in words, as in "Deadlock (pool starvation): ...". */
        public String words() {
            return words;
        }
    }

    public Deadlock {
        Objects.requireNonNull(kind);
        threads = List.copyOf(threads);
        Objects.requireNonNull(explanation);
        cycle = List.copyOf(cycle);
    }

    /** As a map with keys kind, threads, explanation, cycle (in that order), for writers that want plain data. */
    public Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", kind.name());
        m.put("threads", threads);
        m.put("explanation", explanation);
        m.put("cycle", cycle);
        return m;
    }
}
