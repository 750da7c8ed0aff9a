package org.threadlanes.ui.app;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import org.threadlanes.trace.Event;
import org.threadlanes.trace.EventKind;
import org.threadlanes.trace.ThreadState;

/**
 * The task panel's model: every task a run's pools saw, derived from the task milestones in its events
 * (SUBMITTED, STARTED, FINISHED, REJECTED, and READY while a worker waits for a core with a task in hand).
 *
 * <p>Fed with batches in sequence order; touched only on the UI thread (or a test's thread); needs no stage.
 *
 * <p>Task ids are unique per pool. A SUBMITTED for an id whose task has already ended starts a new row, so pools
 * used one after another show correctly; tasks of two pools running at the same time with the same id share a row.
 */
public final class TasksViewModel {

    /** Where a task is in its life, as the panel names it. */
    public enum Status {
        /** Submitted; waits in the pool's queue. */
        QUEUED("queued"),
        /** A worker took it and waits for a CPU core to run it. */
        WAITING_FOR_CORE("waiting for a core"),
        /** On a worker, running. */
        RUNNING("running"),
        /** Returned normally. */
        DONE("done"),
        /** Threw. */
        FAILED("failed"),
        /** Cancelled before or while running. */
        CANCELLED("cancelled"),
        /** Refused by the pool. */
        REJECTED("rejected");

        private final String text;

        Status(String text) {
            this.text = text;
        }

        /** The word the panel shows. */
        public String text() {
            return text;
        }

        /** Whether the task can change no more. */
        public boolean isFinal() {
            return ordinal() >= DONE.ordinal();
        }
    }

    /** One task's row. Its properties change as the task moves on. */
    public static final class Row {
        private final long id;
        private final ReadOnlyStringWrapper label = new ReadOnlyStringWrapper(this, "label");
        private final ReadOnlyObjectWrapper<Status> status = new ReadOnlyObjectWrapper<>(this, "status",
                Status.QUEUED);
        private final ReadOnlyStringWrapper worker = new ReadOnlyStringWrapper(this, "worker", "");
        private final ReadOnlyStringWrapper detail = new ReadOnlyStringWrapper(this, "detail", "");
        private final ReadOnlyStringWrapper stateText = new ReadOnlyStringWrapper(this, "stateText");

        Row(long id, String label) {
            this.id = id;
            this.label.set(label);
            status.addListener(o -> updateStateText());
            detail.addListener(o -> updateStateText());
            updateStateText();
        }

        private void updateStateText() {
            Status s = status.get();
            String d = detail.get();
            stateText.set(s.isFinal() && !d.isEmpty() ? s.text() + " \u2192 " + d : s.text());
        }

        /** The task's id within its pool. */
        public long id() {
            return id;
        }

        /** The task's label, such as {@code loiter(2)}. */
        public ReadOnlyStringProperty labelProperty() {
            return label.getReadOnlyProperty();
        }

        /** Where the task is in its life. */
        public ReadOnlyObjectProperty<Status> statusProperty() {
            return status.getReadOnlyProperty();
        }

        /** The worker that runs or ran it, or empty. */
        public ReadOnlyStringProperty workerProperty() {
            return worker.getReadOnlyProperty();
        }

        /** Its result, or why it failed, or empty. */
        public ReadOnlyStringProperty detailProperty() {
            return detail.getReadOnlyProperty();
        }

        /** The state as the panel shows it, with the result or failure once it ended: "done \u2192 20". */
        public ReadOnlyStringProperty stateTextProperty() {
            return stateText.getReadOnlyProperty();
        }

        /** The current state text. */
        public String stateText() {
            return stateText.get();
        }

        /** The current label. */
        public String label() {
            return label.get();
        }

        /** The current status. */
        public Status status() {
            return status.get();
        }

        /** The current worker's name, or empty. */
        public String worker() {
            return worker.get();
        }

        /** The current result or failure message, or empty. */
        public String detail() {
            return detail.get();
        }

        @Override
        public String toString() {
            return label.get() + " " + status.get().text();
        }
    }

    private final ObservableList<Row> rows = FXCollections.observableArrayList();
    private final Map<Long, Row> byId = new HashMap<>();
    private final Map<Status, ReadOnlyIntegerWrapper> counts = new EnumMap<>(Status.class);
    private final ReadOnlyIntegerWrapper total = new ReadOnlyIntegerWrapper(this, "total");
    private final ReadOnlyIntegerWrapper ended = new ReadOnlyIntegerWrapper(this, "ended");

    /** An empty panel. */
    public TasksViewModel() {
        for (Status s : Status.values()) counts.put(s, new ReadOnlyIntegerWrapper(this, s.name()));
    }

    /** Every task seen, in order of submission. */
    public ObservableList<Row> rows() {
        return FXCollections.unmodifiableObservableList(rows);
    }

    /** The number of tasks now in {@code status}. */
    public ReadOnlyIntegerProperty countProperty(Status status) {
        return counts.get(status).getReadOnlyProperty();
    }

    /** The number of tasks now in {@code status}. */
    public int count(Status status) {
        return counts.get(status).get();
    }

    /** Tasks seen so far. */
    public ReadOnlyIntegerProperty totalProperty() {
        return total.getReadOnlyProperty();
    }

    /** Tasks that have ended, however they ended. */
    public ReadOnlyIntegerProperty endedProperty() {
        return ended.getReadOnlyProperty();
    }

    /** Applies the next batch of a run's events. */
    public void accept(List<Event> batch) {
        boolean changed = false;
        for (Event e : batch) {
            if (e.task() == 0) continue;
            changed |= apply(e);
        }
        if (changed) recount();
    }

    /** Forgets every task. */
    public void clear() {
        rows.clear();
        byId.clear();
        recount();
    }

    private boolean apply(Event e) {
        Row row = byId.get(e.task());
        switch (e.kind()) {
            case SUBMITTED -> {
                if (row != null && !row.status().isFinal()) return false;
                add(e.task(), label(e));
            }
            case STARTED -> {
                row = row != null ? row : add(e.task(), label(e));
                row.status.set(Status.RUNNING);
                row.worker.set(e.thread().name());
            }
            case FINISHED -> {
                row = row != null ? row : add(e.task(), label(e));
                row.status.set(switch (e.outcome() == null ? org.threadlanes.trace.TaskOutcome.OK : e.outcome()) {
                    case OK -> Status.DONE;
                    case FAILED -> Status.FAILED;
                    case CANCELLED -> Status.CANCELLED;
                });
                row.detail.set(e.detail() == null ? "" : e.detail());
            }
            case REJECTED -> {
                row = row != null && !row.status().isFinal() ? row : add(e.task(), label(e));
                row.status.set(Status.REJECTED);
            }
            case STATE -> {
                // A worker took the task but waits READY for a modelled core (GIL, or fewer cores than workers).
                // Later state changes of a started task (sleeping, preempted) leave it "running": the lane shows them.
                if (row == null || row.status() != Status.QUEUED || e.state() != ThreadState.READY) return false;
                row.status.set(Status.WAITING_FOR_CORE);
                row.worker.set(e.thread().name());
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    private Row add(long id, String label) {
        Row row = new Row(id, label);
        byId.put(id, row);
        rows.add(row);
        return row;
    }

    private static String label(Event e) {
        return e.kind() != EventKind.FINISHED && e.detail() != null ? e.detail() : "task #" + e.task();
    }

    private void recount() {
        int[] n = new int[Status.values().length];
        int done = 0;
        for (Row r : rows) {
            n[r.status().ordinal()]++;
            if (r.status().isFinal()) done++;
        }
        for (Status s : Status.values()) counts.get(s).set(n[s.ordinal()]);
        total.set(rows.size());
        ended.set(done);
    }
}
