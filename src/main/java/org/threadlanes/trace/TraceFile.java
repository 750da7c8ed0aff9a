package org.threadlanes.trace;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A whole trace as stored in a file: the lesson, its settings, the threads, the tasks, every event, the result and
 * the deadlock report. The file format is described in the {@linkplain org.threadlanes.trace package overview};
 * {@link TraceFiles} writes and reads it.
 *
 * <p>The record is deeply immutable and always consistent: sequence numbers run 1, 2, 3... without gaps, every
 * event's thread is listed, thread and task ids are unique, and the free-form parts are plain data (see
 * {@link #of}). So whatever can be built can be written and read back equal.
 *
 * <pre>{@code
 * TraceFile trace = TraceFile.of(scenario.id(), settings.asMap(), recorder.snapshot(), run.result(), null);
 * TraceFiles.write(trace, Path.of("run.json"));
 * }</pre>
 *
 * <p>Equality is component-wise; note that {@link ThreadRef} equality looks at ids only.
 *
 * @param scenario the lesson's id, or {@code null} for a trace that did not come from a lesson
 * @param settings the run's knobs ({@code workers}, {@code cores}, {@code unitMs} for a lesson); never null
 * @param threads  every thread, each once; the order is the lanes' order
 * @param tasks    every task, each once
 * @param events   every event, in sequence order
 * @param result   the lesson's result as plain data, or {@code null}
 * @param deadlock the deadlock report as plain data, or {@code null} when there was none
 */
public record TraceFile(String scenario, Map<String, Object> settings, List<ThreadRef> threads,
                        List<TaskRecord> tasks, List<Event> events, Object result, Object deadlock) {

    /** The value of the file's {@code format} field. */
    public static final String FORMAT = "threadlanes-trace";
    /** The newest format version this code reads and the one it writes. */
    public static final int VERSION = 1;

    /**
     * Copies the lists and brings {@code settings}, {@code result} and {@code deadlock} to plain form (whole numbers
     * as {@code Long}, other numbers as {@code Double}, maps with string keys).
     *
     * @throws IllegalArgumentException if the parts do not fit together (see the class comment) or the free-form
     *                                  parts hold anything but plain data
     */
    public TraceFile {
        settings = PlainData.normalizeMap(settings, "settings");
        threads = List.copyOf(threads);
        tasks = List.copyOf(tasks);
        events = List.copyOf(events);
        result = PlainData.normalize(result, "result");
        deadlock = PlainData.normalize(deadlock, "deadlock");

        Set<Long> threadIds = new HashSet<>();
        for (ThreadRef t : threads) {
            if (!threadIds.add(t.id())) throw new IllegalArgumentException("thread " + t.id() + " is listed twice");
        }
        Set<Long> taskIds = new HashSet<>();
        for (TaskRecord t : tasks) {
            if (!taskIds.add(t.id())) throw new IllegalArgumentException("task " + t.id() + " is listed twice");
            if (t.thread() != null && !threadIds.contains(t.thread())) {
                throw new IllegalArgumentException("task " + t.id() + " names thread " + t.thread()
                        + ", which is not listed");
            }
        }
        long expected = 1;
        for (Event e : events) {
            if (e.seq() != expected) {
                throw new IllegalArgumentException("events must be numbered 1, 2, 3... without gaps: expected "
                        + expected + ", found " + e.seq());
            }
            if (!threadIds.contains(e.threadId())) {
                throw new IllegalArgumentException("event " + e.seq() + " names thread " + e.threadId()
                        + ", which is not listed");
            }
            expected++;
        }
    }

    /**
     * A trace whose threads and tasks are derived from its events.
     *
     * <p>Threads come in order of first appearance, with the name and role of their first event. Tasks (events with
     * a task id other than 0) come in order of first appearance too, and gather what their milestones say:
     * {@link EventKind#SUBMITTED} gives the label (its detail) and {@code submittedNs}; {@link EventKind#STARTED}
     * gives the worker thread and {@code startedNs} (and the label if still missing); {@link EventKind#FINISHED}
     * gives {@code finishedNs}, the outcome, and the result (its detail when OK) or the error (its detail when
     * FAILED); {@link EventKind#REJECTED} gives {@code finishedNs} and the error {@value TaskRecord#REJECTED}. State
     * events that carry a task id do not change the task.
     *
     * @param scenario the lesson's id, or {@code null}
     * @param settings the run's settings (may be {@code null}: no settings)
     * @param events   every event, in sequence order from 1
     * @param result   the lesson's result as plain data, or {@code null}
     * @param deadlock the deadlock report as plain data, or {@code null}
     */
    public static TraceFile of(String scenario, Map<String, Object> settings, List<Event> events, Object result,
                               Object deadlock) {
        return new TraceFile(scenario, settings, threadsOf(events), tasksOf(events), events, result, deadlock);
    }

    /** Every thread the events name, in order of first appearance. */
    static List<ThreadRef> threadsOf(List<Event> events) {
        Map<Long, ThreadRef> threads = new LinkedHashMap<>();
        ThreadRef last = null;
        for (Event e : events) {
            // Runs of events from one thread are common; skip the map for them.
            if (e.thread() != last) {
                last = e.thread();
                threads.putIfAbsent(last.id(), last);
            }
        }
        return new ArrayList<>(threads.values());
    }

    /** Every task the events name, in order of first appearance, as their milestones describe it. */
    static List<TaskRecord> tasksOf(List<Event> events) {
        Map<Long, TaskBuilder> tasks = new LinkedHashMap<>();
        for (Event e : events) {
            if (e.task() <= 0 || !e.kind().isTask()) continue;
            TaskBuilder t = tasks.computeIfAbsent(e.task(), TaskBuilder::new);
            switch (e.kind()) {
                case SUBMITTED -> {
                    if (e.detail() != null) t.label = e.detail();
                    if (t.submittedNs == null) t.submittedNs = e.tNs();
                }
                case STARTED -> {
                    if (t.label == null) t.label = e.detail();
                    if (t.startedNs == null) {
                        t.startedNs = e.tNs();
                        t.thread = e.threadId();
                    }
                }
                case FINISHED -> {
                    t.finishedNs = e.tNs();
                    t.outcome = e.outcome();
                    t.result = e.outcome() == TaskOutcome.OK ? e.detail() : null;
                    t.error = e.outcome() == TaskOutcome.FAILED ? e.detail() : null;
                }
                case REJECTED -> {
                    if (t.label == null) t.label = e.detail();
                    t.finishedNs = e.tNs();
                    t.error = TaskRecord.REJECTED;
                }
                default -> throw new AssertionError(e.kind());
            }
        }
        List<TaskRecord> out = new ArrayList<>(tasks.size());
        for (TaskBuilder t : tasks.values()) out.add(t.build());
        return Collections.unmodifiableList(out);
    }

    /** The thread with this id, or {@code null}. */
    public ThreadRef thread(long id) {
        for (ThreadRef t : threads) {
            if (t.id() == id) return t;
        }
        return null;
    }

    @Override
    public String toString() {
        return "TraceFile[scenario=" + scenario + ", settings=" + settings + ", " + threads.size() + " threads, "
                + tasks.size() + " tasks, " + events.size() + " events, result=" + result + ", deadlock="
                + (deadlock == null ? "none" : "yes") + "]";
    }

    private static final class TaskBuilder {
        final long id;
        String label;
        Long thread, submittedNs, startedNs, finishedNs;
        TaskOutcome outcome;
        String result, error;

        TaskBuilder(long id) {
            this.id = id;
        }

        TaskRecord build() {
            return new TaskRecord(id, label, thread, submittedNs, startedNs, finishedNs, outcome, result, error);
        }
    }
}
