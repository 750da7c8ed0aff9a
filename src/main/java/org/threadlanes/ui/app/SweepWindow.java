package org.threadlanes.ui.app;

import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javafx.stage.Window;

import org.threadlanes.scenario.Scenario;
import org.threadlanes.ui.experiments.SweepView;
import org.threadlanes.ui.experiments.SweepViewModel;

/**
 * The sweep screen ({@link SweepView}) in a window of its own, at most one per main window. It opens on the lesson
 * selected in the main window when that lesson has a pool size to sweep (else on the sweep's default lesson),
 * comes to the front when asked again, and cancels a sweep in progress when it closes (Ctrl+W or the window's close
 * button). A sweep runs its lessons headless on a thread of its own: the window never waits for it.
 *
 * <p>FX thread only.
 */
final class SweepWindow {
    private static final double WIDTH = 1240, HEIGHT = 720;
    /** Room for a window frame's borders, so that the form is not cut by them. */
    private static final double FRAME_MARGIN = 24;
    private static final KeyCombination CLOSE_KEY = new KeyCodeCombination(KeyCode.W, KeyCombination.SHORTCUT_DOWN);

    private Stage stage;
    private SweepView view;

    /**
     * Shows the window, making it on first use, and offers {@code lesson} for sweeping unless a sweep is under way.
     *
     * @param owner  the main window (the sweep window stays above it), or null
     * @param lesson the lesson selected in the main window, or null
     */
    void show(Window owner, Scenario lesson) {
        if (stage == null) create(owner);
        SweepViewModel model = view.getModel();
        if (lesson != null && !model.runningProperty().get() && model.lessons().contains(lesson)) {
            model.scenarioProperty().set(lesson);
        }
        stage.show();
        stage.toFront();
    }

    private void create(Window owner) {
        SweepViewModel model = new SweepViewModel();
        view = new SweepView(model);
        Scene scene = new Scene(view);
        scene.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (CLOSE_KEY.match(e)) {
                close();
                e.consume();
            }
        });
        // Esc closes it too, as a dialog; a handler, not a filter, so that an open list or field takes its Esc first.
        scene.addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                close();
                e.consume();
            }
        });
        Stage s = new Stage();
        if (owner != null) s.initOwner(owner);
        s.setTitle("ThreadLanes \u2013 sweep workers and cores");
        s.setScene(scene);
        // Wide enough for the whole sweep form (its lesson list is as wide as its longest id), within the screen.
        view.applyCss();
        Rectangle2D screen = Screen.getPrimary().getVisualBounds();
        s.setWidth(Math.min(screen.getWidth(), Math.max(WIDTH, view.prefWidth(-1) + FRAME_MARGIN)));
        s.setHeight(Math.min(HEIGHT, screen.getHeight() * 0.9));
        // Closing the window ends its sweep: nothing keeps running for a screen nobody can see.
        s.setOnHidden(e -> {
            model.dispose();
            stage = null;
            view = null;
        });
        // No theme of its own: the theme is the application's user agent stylesheet, so this window follows the
        // main one's.
        stage = s;
    }

    /** Closes the window if it is open; a sweep in progress is cancelled. */
    void close() {
        if (stage != null) stage.hide();
    }

    /** Whether the window is showing. */
    boolean isShowing() {
        return stage != null && stage.isShowing();
    }

    /** The sweep view shown, or null when the window is closed (for tests). */
    SweepView view() {
        return view;
    }

    /** The window, or null when it is closed (for tests). */
    Stage stage() {
        return stage;
    }
}
