package org.threadlanes.ui;

import javafx.application.Application;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.stage.Screen;
import javafx.stage.Stage;

import org.threadlanes.ui.app.LaunchOptions;
import org.threadlanes.ui.app.MainView;
import org.threadlanes.ui.app.MainViewModel;

/**
 * The desktop app ({@code mvn javafx:run}): one window in which a teacher picks a lesson, presses Run, and the class
 * watches the threads. It opens with the first lesson ({@code thread-lifecycle}) selected and ready to run.
 *
 * <p>Options ({@code mvn javafx:run -Djavafx.args="..."}): {@code --scenario=ID} opens another lesson,
 * {@code --theme=dark} starts in the projector theme, {@code --unit=2000} sets the milliseconds per lesson unit,
 * {@code --workers=N} and {@code --cores=N} set the pool size and the modelled cores, {@code --tab=metrics} (or
 * {@code lesson}, {@code tasks}) picks the side panel's tab, {@code --run} starts the lesson at once.
 */
public final class ThreadLanesApp extends Application {
    private static final double WIDTH = 1400, HEIGHT = 900;

    private MainViewModel viewModel;

    @Override
    public void start(Stage stage) {
        viewModel = MainViewModel.forApp();
        stage.setTitle("ThreadLanes");
        // 1400x900 where it fits; a 1280x800 projector gets the whole screen instead of a window hanging off it.
        Rectangle2D screen = Screen.getPrimary().getVisualBounds();
        stage.setScene(new Scene(new MainView(viewModel), Math.min(WIDTH, screen.getWidth()),
                Math.min(HEIGHT, screen.getHeight())));
        stage.setMinWidth(960);
        stage.setMinHeight(600);
        stage.show();
        viewModel.apply(LaunchOptions.parse(getParameters().getNamed(), getParameters().getUnnamed()));
    }

    /** Ends a run still going; its threads are daemons, so the JVM does not wait for them. */
    @Override
    public void stop() {
        if (viewModel != null) viewModel.reset();
    }

    /** Starts the app; see the class comment for the options. */
    public static void main(String[] args) {
        launch(args);
    }
}
