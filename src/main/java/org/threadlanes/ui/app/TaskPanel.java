package org.threadlanes.ui.app;

import java.util.ArrayList;
import java.util.List;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.value.ObservableValue;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;

/** The run's tasks: queued, waiting for a core, running on which worker, and how each ended. */
final class TaskPanel extends VBox {
    /** A cell's horizontal padding, left and right, in pixels: what a wrapping label must leave of the column. */
    private static final double CELL_PADDING = 16;
    /** Room for two lines of the panel's text. */
    private static final double ROW_HEIGHT = 44;
    private final TableView<TasksViewModel.Row> table = new TableView<>();

    TaskPanel(TasksViewModel tasks) {
        getStyleClass().addAll(AppStyles.TASK_PANEL, AppStyles.PANEL);
        setSpacing(6);

        Label title = new Label("Tasks");
        title.getStyleClass().add(AppStyles.PANEL_TITLE);
        Label summary = new Label();
        summary.setId("taskSummary");
        summary.getStyleClass().add(AppStyles.TASK_SUMMARY);
        summary.textProperty().bind(summary(tasks));
        summary.setWrapText(true);

        table.setId("tasks");
        table.setItems(tasks.rows());
        table.getStyleClass().addAll(Styles.DENSE, Tweaks.EDGE_TO_EDGE);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        // Two lines a row, always: rows measured one by one came out many lines tall before the columns had their
        // widths.
        table.setFixedCellSize(ROW_HEIGHT);
        Label empty = new Label("Tasks handed to a thread pool appear here.");
        empty.setWrapText(true);
        empty.getStyleClass().add(AppStyles.TASK_SUMMARY);
        empty.setPadding(new javafx.geometry.Insets(0, 12, 0, 12));
        table.setPlaceholder(empty);
        // Two columns, each wrapping to a second line: the panel is some 300 px wide, and a third column cut every
        // label, result and worker name short ("download_on…", "done → N…").
        TableColumn<TasksViewModel.Row, TasksViewModel.Row> task = new TableColumn<>("Task");
        task.setCellValueFactory(c -> new javafx.beans.property.ReadOnlyObjectWrapper<>(c.getValue()));
        task.setCellFactory(c -> new TaskCell());
        task.setPrefWidth(150);
        table.getColumns().add(task);
        // The state and, once the task ended, its result or failure ("done → 20").
        TableColumn<TasksViewModel.Row, TasksViewModel.Row> state = new TableColumn<>("State");
        state.setCellValueFactory(c -> new javafx.beans.property.ReadOnlyObjectWrapper<>(c.getValue()));
        state.setCellFactory(c -> new StatusCell());
        state.setPrefWidth(130);
        table.getColumns().add(state);
        VBox.setVgrow(table, Priority.ALWAYS);

        getChildren().addAll(title, summary, table);
    }

    /**
     * A task's label, whole (wrapping), with the worker that runs or ran it under it in small type; both in the
     * tooltip too.
     */
    private static final class TaskCell extends TableCell<TasksViewModel.Row, TasksViewModel.Row> {
        private final Label label = new Label();
        private final Label worker = new Label();
        private final VBox box = new VBox(label, worker);
        private final Tooltip tooltip = new Tooltip();

        TaskCell() {
            wrapToColumn(this, label);
            worker.getStyleClass().add(AppStyles.TASK_WORKER);
            worker.managedProperty().bind(worker.visibleProperty());
            setText(null);
        }

        @Override
        protected void updateItem(TasksViewModel.Row row, boolean empty) {
            super.updateItem(row, empty);
            label.textProperty().unbind();
            worker.textProperty().unbind();
            worker.visibleProperty().unbind();
            tooltip.textProperty().unbind();
            if (empty || row == null) {
                setGraphic(null);
                setTooltip(null);
                return;
            }
            label.textProperty().bind(row.labelProperty());
            worker.textProperty().bind(Bindings.concat("on ", row.workerProperty()));
            worker.visibleProperty().bind(row.workerProperty().isNotEmpty());
            tooltip.textProperty().bind(Bindings.when(row.workerProperty().isEmpty()).then(row.labelProperty())
                    .otherwise(Bindings.concat(row.labelProperty(), "\non ", row.workerProperty())));
            setGraphic(box);
            setTooltip(tooltip);
        }
    }

    /** "2 queued · 3 running · 5 done", naming only the states that have tasks. */
    private static StringBinding summary(TasksViewModel tasks) {
        List<ObservableValue<?>> deps = new ArrayList<>();
        for (TasksViewModel.Status s : TasksViewModel.Status.values()) deps.add(tasks.countProperty(s));
        return Bindings.createStringBinding(() -> {
            List<String> parts = new ArrayList<>();
            for (TasksViewModel.Status s : TasksViewModel.Status.values()) {
                int n = tasks.count(s);
                if (n > 0) parts.add(n + " " + s.text());
            }
            return parts.isEmpty() ? "No tasks yet" : String.join(" · ", parts);
        }, deps.toArray(javafx.beans.Observable[]::new));
    }

    /** A task's state in words, wrapping, with a style class per state (colour only adds to the words). */
    private static final class StatusCell extends TableCell<TasksViewModel.Row, TasksViewModel.Row> {
        private final Label text = new Label();
        private final Tooltip tooltip = new Tooltip();
        private final javafx.beans.InvalidationListener restyle = o -> restyle();
        private TasksViewModel.Row shown;

        StatusCell() {
            text.getStyleClass().add(AppStyles.TASK_STATUS);
            wrapToColumn(this, text);
            tooltip.textProperty().bind(text.textProperty());
            setText(null);
        }

        @Override
        protected void updateItem(TasksViewModel.Row row, boolean empty) {
            super.updateItem(row, empty);
            if (shown != null) shown.statusProperty().removeListener(restyle);
            text.textProperty().unbind();
            shown = empty ? null : row;
            if (shown == null) {
                setGraphic(null);
                setTooltip(null);
            } else {
                text.textProperty().bind(shown.stateTextProperty());
                shown.statusProperty().addListener(restyle);
                setGraphic(text);
                setTooltip(tooltip);
            }
            restyle();
        }

        private void restyle() {
            for (TasksViewModel.Status s : TasksViewModel.Status.values()) {
                text.getStyleClass().remove(AppStyles.taskStatus(s));
            }
            if (shown != null) text.getStyleClass().add(AppStyles.taskStatus(shown.status()));
        }
    }

    /**
     * Makes {@code label} wrap at its column's width. A wrapping label left to itself is measured before the column
     * has a width, at its narrowest, and makes the row many lines tall.
     */
    private static void wrapToColumn(TableCell<?, ?> cell, Label label) {
        label.setWrapText(true);
        label.setMaxHeight(ROW_HEIGHT - 4);
        cell.tableColumnProperty().addListener((o, was, column) -> {
            label.prefWidthProperty().unbind();
            if (column != null) label.prefWidthProperty().bind(column.widthProperty().subtract(CELL_PADDING));
        });
    }
}
