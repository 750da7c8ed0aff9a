package org.threadlanes.ui.app;

import javafx.animation.AnimationTimer;
import javafx.application.Application;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.value.ObservableValue;
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
import javafx.scene.shape.Rectangle;
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
 * <p>Keyboard: Space runs, pauses and resumes; R resets; T switches the theme; F follows "now"; L shows or hides
 * the lesson list. They are handled
 * by an event filter, before the focused control sees them, so that Space never also presses a focused button.
 */
public final class MainView extends BorderPane {
    /** The narrowest the lanes area gets when the window is small; the side panels give way first. */
    private static final double CENTRE_MIN_WIDTH = 360;
    /** Where the lesson list ends and the lesson panel starts, in parts of the width (1280 pixels leave the lanes
     *  and their legend about 750). */
    private static final double LIBRARY_DIVIDER = 0.18, SIDE_DIVIDER = 0.765;

    private final MainViewModel vm;
    private final LanesView lanes;
    private final RunToolBar toolbar;
    /** Held so that the binding lives as long as the view (bindings listen to their sources weakly). */
    private final BooleanBinding ticking;
    private final AnimationTimer ticker = new AnimationTimer() {
        @Override
        public void handle(long now) {
            vm.tick(now);
        }
    };

    /** Builds the window's content bound to {@code vm}; installs {@code vm}'s theme as the user agent stylesheet. */
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
        main.setDividerPositions(LIBRARY_DIVIDER, SIDE_DIVIDER);
        SplitPane.setResizableWithParent(library, false);
        SplitPane.setResizableWithParent(side, false);
        setCenter(main);
        vm.lessonsShownProperty().addListener((o, was, shown) -> {
            double[] at = main.getDividerPositions();
            double sideAt = at[at.length - 1];
            if (shown) {
                main.getItems().add(0, library);
                main.setDividerPositions(LIBRARY_DIVIDER, sideAt);
            } else {
                main.getItems().remove(library);
                main.setDividerPositions(sideAt);
            }
        });
        setBottom(new StatusBar(vm));

        vm.themeProperty().subscribe(t -> Application.setUserAgentStylesheet(t.stylesheet()));
        addEventFilter(KeyEvent.KEY_PRESSED, this::shortcut);
        // A button fires on release: swallow that half of Space too.
        addEventFilter(KeyEvent.KEY_RELEASED, e -> {
            if (e.getCode() == KeyCode.SPACE && plain(e)) e.consume();
        });
        // Tick only while a run goes on in a window that is shown: nothing else changes the figures, and a closed
        // window leaves no timer behind.
        ObservableValue<Boolean> showing = sceneProperty().flatMap(Scene::windowProperty)
                .flatMap(Window::showingProperty).orElse(false);
        ticking = Bindings.createBooleanBinding(() -> showing.getValue() && vm.phase().isActive(),
                showing, vm.phaseProperty());
        ticking.subscribe(on -> {
            if (on) ticker.start();
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
        ToggleButton follow = new ToggleButton("Follow now", new FontIcon(MaterialDesignC.CROSSHAIRS_GPS));
        follow.setId("follow");
        follow.setMinWidth(Region.USE_PREF_SIZE);
        follow.selectedProperty().bindBidirectional(lanes.followNowProperty());
        follow.setTooltip(new Tooltip("Keep the newest moment in view; panning the lanes turns it off (F)"));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox header = new HBox(12, title, spacer, follow);
        header.setAlignment(Pos.CENTER_LEFT);
        header.getStyleClass().add(AppStyles.LANES_HEADER);

        // The legend gets a row of its own: its five entries never shrink, and beside the title they would not fit
        // a 1280-pixel projector.
        StateLegend legend = new StateLegend(lanes);
        legend.setId("legend");

        Label placeholder = new Label("Press Run (or Space) to start the lesson.\n"
                + "Every thread appears here as a lane.");
        placeholder.getStyleClass().add(AppStyles.LANES_PLACEHOLDER);
        placeholder.setMouseTransparent(true);
        placeholder.visibleProperty().bind(vm.phaseProperty().isEqualTo(RunPhase.IDLE));
        // The lanes may be as narrow as the window leaves them; they scroll and zoom rather than push panels away.
        lanes.setMinSize(0, 0);
        StackPane stack = new StackPane(lanes, placeholder);
        stack.setMinSize(0, 0);
        VBox.setVgrow(stack, Priority.ALWAYS);

        VBox box = new VBox(header, legend, stack);
        box.getStyleClass().add(AppStyles.LANES_AREA);
        box.setMinWidth(CENTRE_MIN_WIDTH);
        clipToBounds(box);
        return box;
    }

    /** Nothing drawn outside the region, however wide its content wants to be. */
    private static void clipToBounds(Region region) {
        Rectangle clip = new Rectangle();
        clip.widthProperty().bind(region.widthProperty());
        clip.heightProperty().bind(region.heightProperty());
        region.setClip(clip);
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
            case L -> {
                if (typing) return;
                vm.toggleLessons();
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
