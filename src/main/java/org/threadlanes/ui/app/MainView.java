package org.threadlanes.ui.app;

import javafx.animation.AnimationTimer;
import javafx.application.Application;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;

import org.threadlanes.ui.lanes.LanesView;
import org.threadlanes.ui.lanes.StateLegend;

/**
 * The main window's content: the toolbar on top, the lesson library on the left, the lanes in the centre with their
 * legend, the lesson and the tasks on the right, the status bar at the bottom. It builds nodes and binds them to a
 * {@link MainViewModel}; all state and decisions live there.
 *
 * <p>Keyboard: Space runs, pauses and resumes; R resets; T switches the theme; F follows "now". They are handled
 * by an event filter, before the focused control sees them, so that Space never also presses a focused button.
 */
public final class MainView extends BorderPane {
    private final MainViewModel vm;
    private final LanesView lanes;
    private final RunToolBar toolbar;
    private final AnimationTimer ticker = new AnimationTimer() {
        @Override
        public void handle(long now) {
            vm.tick(now);
        }
    };

    public MainView(MainViewModel vm) {
        this.vm = vm;
        getStyleClass().add(AppStyles.APP);
        getStylesheets().add(AppStyles.stylesheet());

        lanes = new LanesView(vm.timeline());
        lanes.setId("lanes");
        lanes.clockProperty().set(vm::clockNs);
        lanes.nanosPerUnitProperty().bind(vm.nanosPerUnitProperty());

        toolbar = new RunToolBar(vm);
        setTop(toolbar);

        ScenarioBrowser browser = new ScenarioBrowser(vm);
        VBox library = titled("Lessons", browser);
        library.setMinWidth(220);

        VBox side = new VBox();
        SplitPane sideSplit = new SplitPane(new LessonPanel(vm), new TaskPanel(vm.tasks()));
        sideSplit.setOrientation(Orientation.VERTICAL);
        sideSplit.setDividerPositions(0.6);
        VBox.setVgrow(sideSplit, Priority.ALWAYS);
        side.getChildren().add(sideSplit);
        side.setMinWidth(300);

        SplitPane main = new SplitPane(library, centre(), side);
        main.setDividerPositions(0.21, 0.72);
        SplitPane.setResizableWithParent(library, false);
        SplitPane.setResizableWithParent(side, false);
        setCenter(main);
        setBottom(new StatusBar(vm));

        vm.themeProperty().subscribe(t -> Application.setUserAgentStylesheet(t.stylesheet()));
        addEventFilter(KeyEvent.KEY_PRESSED, this::shortcut);
        // A button fires on release: swallow that half of Space too.
        addEventFilter(KeyEvent.KEY_RELEASED, e -> {
            if (e.getCode() == KeyCode.SPACE && plain(e)) e.consume();
        });
        // Tick only while shown, so a closed window leaves no timer behind.
        sceneProperty().flatMap(Scene::windowProperty).flatMap(Window::showingProperty).orElse(false)
                .subscribe(showing -> {
                    if (showing) ticker.start();
                    else ticker.stop();
                });
    }

    /** The lanes in the centre. */
    public LanesView lanes() {
        return lanes;
    }

    private Node centre() {
        Label title = new Label("Threads");
        title.getStyleClass().add(AppStyles.PANEL_TITLE);
        title.setMinWidth(Region.USE_PREF_SIZE);
        StateLegend legend = new StateLegend(lanes);
        legend.setId("legend");

        ToggleButton follow = new ToggleButton("Follow now", new FontIcon(MaterialDesignC.CROSSHAIRS_GPS));
        follow.setId("follow");
        follow.setMinWidth(Region.USE_PREF_SIZE);
        follow.selectedProperty().bindBidirectional(lanes.followNowProperty());
        follow.setTooltip(new Tooltip("Keep the newest moment in view; panning the lanes turns it off (F)"));

        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox header = new HBox(12, title, legend, spacer, follow);
        header.setAlignment(Pos.CENTER_LEFT);
        header.getStyleClass().add(AppStyles.LANES_HEADER);

        Label placeholder = new Label("Press Run (or Space) to start the lesson.\n"
                + "Every thread appears here as a lane.");
        placeholder.getStyleClass().add(AppStyles.LANES_PLACEHOLDER);
        placeholder.setMouseTransparent(true);
        placeholder.visibleProperty().bind(vm.phaseProperty().isEqualTo(RunPhase.IDLE));
        StackPane stack = new StackPane(lanes, placeholder);
        VBox.setVgrow(stack, Priority.ALWAYS);

        VBox box = new VBox(header, stack);
        box.getStyleClass().add(AppStyles.LANES_AREA);
        return box;
    }

    private static VBox titled(String text, Node content) {
        Label title = new Label(text);
        title.getStyleClass().add(AppStyles.PANEL_TITLE);
        VBox box = new VBox(title, content);
        box.getStyleClass().add(AppStyles.PANEL);
        VBox.setVgrow(content, Priority.ALWAYS);
        return box;
    }

    private void shortcut(KeyEvent e) {
        if (!plain(e)) return;
        boolean typing = getScene() != null && getScene().getFocusOwner() instanceof TextInputControl;
        switch (e.getCode()) {
            case SPACE -> {
                // The setting fields take digits only, so Space always means run/pause; commit typed values first.
                toolbar.commitSettings();
                vm.runOrPause();
            }
            case R -> {
                if (typing) return;
                vm.reset();
            }
            case T -> {
                if (typing) return;
                vm.toggleTheme();
            }
            case F -> {
                if (typing) return;
                lanes.followNowProperty().set(true);
            }
            default -> {
                return;
            }
        }
        e.consume();
    }

    private static boolean plain(KeyEvent e) {
        return !e.isControlDown() && !e.isAltDown() && !e.isMetaDown() && !e.isShortcutDown();
    }
}
