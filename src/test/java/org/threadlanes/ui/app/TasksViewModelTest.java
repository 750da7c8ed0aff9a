package org.threadlanes.ui.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.threadlanes.trace.BlockReason;
import org.threadlanes.trace.Event;
import org.threadlanes.trace.EventKind;
import org.threadlanes.trace.TaskOutcome;
import org.threadlanes.trace.ThreadRef;
import org.threadlanes.trace.ThreadState;
import org.threadlanes.ui.app.TasksViewModel.Status;

/** The task panel's model, fed with hand-made events: no toolkit, no threads. */
class TasksViewModelTest {
    private static final ThreadRef MAIN = new ThreadRef(1, "main", "main");
    private static final ThreadRef W1 = new ThreadRef(2, "worker-1", "worker");
    private static final ThreadRef W2 = new ThreadRef(3, "worker-2", "worker");

    private long seq;
    private final TasksViewModel tasks = new TasksViewModel();

    private Event task(ThreadRef t, EventKind kind, ThreadState state, String detail, long id, TaskOutcome outcome) {
        seq++;
        return new Event(seq, seq * 1000, t, kind, state, null, detail, id, 0, outcome, 0);
    }

    private Event submitted(long id, String label) {
        return task(MAIN, EventKind.SUBMITTED, null, label, id, null);
    }

    private Event started(ThreadRef worker, long id, String label) {
        return task(worker, EventKind.STARTED, ThreadState.RUNNING, label, id, null);
    }

    private Event finished(ThreadRef worker, long id, TaskOutcome outcome, String detail) {
        return task(worker, EventKind.FINISHED, null, detail, id, outcome);
    }

    /** A submitted task is queued under its label, in submission order. */
    @Test
    void submittedTasksAreQueuedInOrder() {
        tasks.accept(List.of(submitted(1, "loiter(0)"), submitted(2, "loiter(1)")));

        assertEquals(List.of("loiter(0)", "loiter(1)"), tasks.rows().stream().map(TasksViewModel.Row::label).toList());
        assertEquals(2, tasks.count(Status.QUEUED));
        assertEquals(2, tasks.totalProperty().get());
        assertEquals(0, tasks.endedProperty().get());
    }

    /** STARTED puts a task on the worker that sent it; FINISHED OK makes it done, with its result. */
    @Test
    void startedTaskRunsOnItsWorkerAndFinishesDoneWithItsResult() {
        tasks.accept(List.of(submitted(1, "loiter(2)"), started(W2, 1, "loiter(2)")));
        TasksViewModel.Row row = tasks.rows().get(0);
        assertEquals(Status.RUNNING, row.status());
        assertEquals("running", row.stateText());
        assertEquals("worker-2", row.worker());
        assertEquals(1, tasks.count(Status.RUNNING));

        tasks.accept(List.of(finished(W2, 1, TaskOutcome.OK, "20")));

        assertEquals(Status.DONE, row.status());
        assertEquals("20", row.detail());
        assertEquals("worker-2", row.worker(), "a done task still names the worker that ran it");
        assertEquals("done \u2192 20", row.stateText());
        assertEquals(1, tasks.count(Status.DONE));
        assertEquals(1, tasks.endedProperty().get());
    }

    /** A worker that took a task but waits READY for a core shows the task as waiting for a core. */
    @Test
    void taskTakenByAWorkerWithoutACoreWaitsForACore() {
        tasks.accept(List.of(submitted(1, "count(1e6)"),
                task(W1, EventKind.STATE, ThreadState.READY, "count(1e6)", 1, null)));

        assertEquals(Status.WAITING_FOR_CORE, tasks.rows().get(0).status());
        assertEquals("worker-1", tasks.rows().get(0).worker());
    }

    /** Once started, a task stays "running" while its worker sleeps or is preempted: the lane shows those. */
    @Test
    void startedTaskStaysRunningThroughItsWorkersWaits() {
        seq++;
        Event sleeping = new Event(seq, seq * 1000, W1, EventKind.STATE, ThreadState.BLOCKED, BlockReason.SLEEP,
                "sleep 2", 1, 0, null, 0);
        tasks.accept(List.of(submitted(1, "loiter(2)"), started(W1, 1, "loiter(2)"), sleeping,
                task(W1, EventKind.STATE, ThreadState.READY, null, 1, null)));

        assertEquals(Status.RUNNING, tasks.rows().get(0).status());
    }

    /** Failed, cancelled and rejected tasks say so; a failure keeps its message. */
    @Test
    void failedCancelledAndRejectedTasksAreTold() {
        tasks.accept(List.of(submitted(1, "a"), submitted(2, "b"), submitted(3, "c"),
                started(W1, 1, "a"), finished(W1, 1, TaskOutcome.FAILED, "ArithmeticException: / by zero"),
                finished(MAIN, 2, TaskOutcome.CANCELLED, null),
                task(MAIN, EventKind.REJECTED, null, "c", 3, null)));

        assertEquals(List.of(Status.FAILED, Status.CANCELLED, Status.REJECTED),
                tasks.rows().stream().map(TasksViewModel.Row::status).toList());
        assertEquals("ArithmeticException: / by zero", tasks.rows().get(0).detail());
        assertEquals("failed \u2192 ArithmeticException: / by zero", tasks.rows().get(0).stateText());
        assertEquals(3, tasks.endedProperty().get());
        assertEquals(0, tasks.count(Status.DONE));
    }

    /** An id submitted again after its task ended (a second pool) starts a new row instead of reviving the old. */
    @Test
    void idReusedAfterItsTaskEndedStartsANewRow() {
        tasks.accept(List.of(submitted(1, "first"), started(W1, 1, "first"), finished(W1, 1, TaskOutcome.OK, null),
                submitted(1, "second")));

        assertEquals(2, tasks.rows().size());
        assertEquals(Status.DONE, tasks.rows().get(0).status());
        assertEquals(Status.QUEUED, tasks.rows().get(1).status());
    }

    /** Events without a task (plain state changes) leave the panel alone. */
    @Test
    void stateChangesWithoutATaskAreIgnored() {
        tasks.accept(List.of(task(W1, EventKind.STATE, ThreadState.CREATED, null, 0, null),
                task(W1, EventKind.STATE, ThreadState.RUNNING, null, 0, null)));

        assertTrue(tasks.rows().isEmpty());
        assertEquals(0, tasks.totalProperty().get());
    }

    /** clear() forgets every task and zeroes every count. */
    @Test
    void clearForgetsEverything() {
        tasks.accept(List.of(submitted(1, "a"), started(W1, 1, "a")));
        tasks.clear();

        assertTrue(tasks.rows().isEmpty());
        for (Status s : Status.values()) assertEquals(0, tasks.count(s), s.name());
        assertEquals(0, tasks.totalProperty().get());
    }
}
