package org.threadlanes.ui.app;

import javafx.scene.control.Label;
import javafx.scene.control.TreeCell;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import org.threadlanes.scenario.Scenario;
import org.threadlanes.scenario.Topic;

/** The lesson library: topics in course order, each lesson with its title and one-line summary. */
final class ScenarioBrowser extends TreeView<Object> {
    /** Set while the selection is being copied from the view-model, so it is not copied back. */
    private boolean syncing;
    /** Set while a click in the list is being copied to the view-model: the list must not scroll under the pointer. */
    private boolean picking;

    ScenarioBrowser(MainViewModel vm) {
        setId("scenarios");
        getStyleClass().add(AppStyles.BROWSER);
        TreeItem<Object> root = new TreeItem<>();
        for (MainViewModel.TopicGroup g : vm.groups()) {
            TreeItem<Object> topic = new TreeItem<>(g.topic());
            topic.setExpanded(true);
            for (Scenario s : g.scenarios()) topic.getChildren().add(new TreeItem<>(s));
            root.getChildren().add(topic);
        }
        setRoot(root);
        setShowRoot(false);
        setCellFactory(tree -> new Cell());

        getSelectionModel().selectedItemProperty().addListener((o, was, item) -> {
            if (!syncing && item != null && item.getValue() instanceof Scenario s) {
                picking = true;
                try {
                    vm.selectedProperty().set(s);
                } finally {
                    picking = false;
                }
            }
        });
        vm.selectedProperty().subscribe(this::select);
    }

    private void select(Scenario s) {
        syncing = true;
        try {
            for (TreeItem<Object> topic : getRoot().getChildren()) {
                for (TreeItem<Object> item : topic.getChildren()) {
                    if (item.getValue() == s) {
                        getSelectionModel().select(item);
                        // A lesson chosen from the keyboard or a launch option must be visible in a long list; a
                        // click in the list must not scroll it under the pointer.
                        int row = getRow(item);
                        if (!picking && row >= 0) scrollTo(Math.max(0, row - 1));
                        return;
                    }
                }
            }
            getSelectionModel().clearSelection();
        } finally {
            syncing = false;
        }
    }

    private final class Cell extends TreeCell<Object> {
        private final Label title = new Label();
        private final Label summary = new Label();
        private final VBox lesson = new VBox(2, title, summary);
        private final Label topic = new Label();

        Cell() {
            title.getStyleClass().add(AppStyles.BROWSER_TITLE);
            summary.getStyleClass().add(AppStyles.BROWSER_SUMMARY);
            topic.getStyleClass().add(AppStyles.BROWSER_TOPIC);
            // Wrap the texts to the tree's width (less the indent of a lesson under its topic), never scroll sideways.
            for (Label l : new Label[] {title, summary}) {
                l.setWrapText(true);
                l.setMinHeight(Region.USE_PREF_SIZE);
                l.prefWidthProperty().bind(ScenarioBrowser.this.widthProperty().subtract(64));
                l.maxWidthProperty().bind(l.prefWidthProperty());
            }
        }

        @Override
        protected void updateItem(Object item, boolean empty) {
            super.updateItem(item, empty);
            setText(null);
            if (empty || item == null) {
                setGraphic(null);
            } else if (item instanceof Scenario s) {
                title.setText(s.title());
                summary.setText(s.summary());
                setGraphic(lesson);
            } else if (item instanceof Topic t) {
                topic.setText(t.title());
                setGraphic(topic);
            }
        }
    }
}
