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
import javafx.scene.layout.VBox;

import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;

/** The run's tasks: queued, waiting for a core, running on which worker, and how each ended. */
final class TaskPanel extends VBox {
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
        Label empty = new Label("Tasks handed to a thread pool appear here.");
        empty.setWrapText(true);
        empty.getStyleClass().add(AppStyles.TASK_SUMMARY);
        empty.setPadding(new javafx.geometry.Insets(0, 12, 0, 12));
        table.setPlaceholder(empty);
        table.getColumns().add(column("Task", r -> r.labelProperty(), 125));
        // The state and, once the task ended, its result or failure ("done → 20"): one column saves the width
        // a 1280-pixel projector does not have.
        TableColumn<TasksViewModel.Row, TasksViewModel.Row> state = new TableColumn<>("State");
        state.setCellValueFactory(c -> new javafx.beans.property.ReadOnlyObjectWrapper<>(c.getValue()));
        state.setCellFactory(c -> new StatusCell());
        state.setPrefWidth(100);
        table.getColumns().add(state);
        table.getColumns().add(column("Worker", r -> r.workerProperty(), 88));
        VBox.setVgrow(table, Priority.ALWAYS);

        getChildren().addAll(title, summary, table);
    }

    private static TableColumn<TasksViewModel.Row, String> column(
            String name, java.util.function.Function<TasksViewModel.Row, ObservableValue<String>> value, double width) {
        TableColumn<TasksViewModel.Row, String> c = new TableColumn<>(name);
        c.setCellValueFactory(f -> value.apply(f.getValue()));
        c.setCellFactory(col -> new TextCell());
        c.setPrefWidth(width);
        return c;
    }

    /** Plain text with the whole of it in a tooltip: the side panel is narrow and long labels end in "...". */
    private static final class TextCell extends TableCell<TasksViewModel.Row, String> {
        private final Tooltip tooltip = new Tooltip();

        TextCell() {
            tooltip.textProperty().bind(textProperty());
        }

        @Override
        protected void updateItem(String text, boolean empty) {
            super.updateItem(text, empty);
            boolean blank = empty || text == null || text.isEmpty();
            setText(blank ? null : text);
            setTooltip(blank ? null : tooltip);
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

    /** A task's state in words, with a style class per state (colour only adds to the words). */
    private static final class StatusCell extends TableCell<TasksViewModel.Row, TasksViewModel.Row> {
        private final Tooltip tooltip = new Tooltip();
        private final javafx.beans.InvalidationListener restyle = o -> restyle();
        private TasksViewModel.Row shown;

        StatusCell() {
            getStyleClass().add(AppStyles.TASK_STATUS);
            tooltip.textProperty().bind(textProperty());
        }

        @Override
        protected void updateItem(TasksViewModel.Row row, boolean empty) {
            super.updateItem(row, empty);
            if (shown != null) shown.statusProperty().removeListener(restyle);
            textProperty().unbind();
            shown = empty ? null : row;
            if (shown == null) {
                setText(null);
                setTooltip(null);
            } else {
                textProperty().bind(shown.stateTextProperty());
                shown.statusProperty().addListener(restyle);
                setTooltip(tooltip);
            }
            restyle();
        }

        private void restyle() {
            for (TasksViewModel.Status s : TasksViewModel.Status.values()) {
                getStyleClass().remove(AppStyles.taskStatus(s));
            }
            if (shown != null) getStyleClass().add(AppStyles.taskStatus(shown.status()));
        }
    }
}
