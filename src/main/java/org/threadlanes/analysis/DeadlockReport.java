package org.threadlanes.analysis;

import java.util.List;
import java.util.Objects;

import org.threadlanes.trace.ThreadRef;

/**
 * A deadlock as a view needs it: the plain {@link Deadlock}, plus the threads to outline, the graph and the cycle
 * to highlight in it.
 *
 * @param deadlock the plain data (kind, thread names, explanation, cycle labels)
 * @param source   who saw it
 * @param threads  the threads on the cycle, to outline their lanes
 * @param victims  threads stuck behind the cycle without being on it (main waiting on a stuck worker)
 * @param graph    the wait-for graph at the moment it was confirmed (empty for {@link Source#JVM})
 * @param cycle    the edges of the cycle in {@code graph}, to highlight (empty for {@link Source#JVM})
 * @param tNs      run time at which it was confirmed
 */
public record DeadlockReport(Deadlock deadlock, Source source, List<ThreadRef> threads, List<ThreadRef> victims,
                             WaitForGraph graph, List<WaitForGraph.Edge> cycle, long tNs) {
    /** Who saw the deadlock. */
    public enum Source {
        /** The wait-for graph built from what the probes publish. */
        PROBES,
        /** {@code ThreadMXBean.findDeadlockedThreads}: monitors and locks the probes did not see. */
        JVM
    }

    public DeadlockReport {
        Objects.requireNonNull(deadlock);
        Objects.requireNonNull(source);
        threads = List.copyOf(threads);
        victims = List.copyOf(victims);
        Objects.requireNonNull(graph);
        cycle = List.copyOf(cycle);
    }
}
