package org.threadlanes.trace;

/**
 * One task of a trace, as the trace file's {@code tasks} list holds it: what its milestone events said about it.
 * Every field but the id may be {@code null} when the trace does not know it (a task still queued has no start, a
 * task still running no end).
 *
 * @param id          the task id events refer to ({@link Event#task()}); positive
 * @param label       what the task is called on its lane, such as {@code loiter(2)}
 * @param thread      id of the worker thread that ran it
 * @param submittedNs when it was submitted, in nanoseconds since the run started
 * @param startedNs   when a worker started it
 * @param finishedNs  when it ended (or was rejected)
 * @param outcome     how it ended
 * @param result      its result as text, when it ended {@link TaskOutcome#OK} with a non-null result
 * @param error       its exception as text when {@link TaskOutcome#FAILED}; {@code "rejected"} for a rejected task
 */
public record TaskRecord(long id, String label, Long thread, Long submittedNs, Long startedNs, Long finishedNs,
                         TaskOutcome outcome, String result, String error) {

    /** The error text of a task the pool refused. */
    public static final String REJECTED = "rejected";

    /** @throws IllegalArgumentException if the id is not positive */
    public TaskRecord {
        if (id <= 0) throw new IllegalArgumentException("a task id is positive, not " + id);
    }
}
