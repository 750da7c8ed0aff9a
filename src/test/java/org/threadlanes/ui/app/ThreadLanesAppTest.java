package org.threadlanes.ui.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeoutException;

import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.stage.Stage;
import javafx.stage.Window;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import org.threadlanes.scenario.Scenario;
import org.threadlanes.scenario.Scenarios;
import org.threadlanes.ui.ThreadLanesApp;

/** The app as launched: its window, its title, and the lesson it opens with. */
class ThreadLanesAppTest {
    private final FxRobot robot = new FxRobot();
    private javafx.application.Application app;

    @BeforeEach
    void launch() throws TimeoutException {
        FxToolkit.registerPrimaryStage();
        app = FxToolkit.setupApplication(ThreadLanesApp.class);
    }

    @AfterEach
    void close() throws TimeoutException {
        FxToolkit.cleanupApplication(app);
        FxToolkit.cleanupStages();
    }

    /** The window is titled ThreadLanes, fills a projector's 1280x800 screen, and opens on thread-lifecycle. */
    @Test
    void opensOnTheFirstLessonReadyToRun() {
        Stage stage = (Stage) robot.listTargetWindows().stream().filter(Window::isShowing).findFirst().orElseThrow();
        assertEquals("ThreadLanes", WaitForAsyncUtils.waitForAsyncFx(5000, stage::getTitle));
        // Monocle's headless screen is 1280x800, smaller than the 1400x900 default: the window fits the screen.
        assertEquals(1280, stage.getWidth());
        assertEquals(800, stage.getHeight());

        TreeView<?> tree = robot.lookup("#scenarios").queryAs(TreeView.class);
        Object selected = WaitForAsyncUtils.waitForAsyncFx(5000,
                () -> ((TreeItem<?>) tree.getSelectionModel().getSelectedItem()).getValue());
        assertEquals(Scenarios.DEFAULT_ID, ((Scenario) selected).id());
        assertTrue(robot.lookup("#run").queryButton().isVisible());
        assertTrue(!robot.lookup("#run").queryButton().isDisabled(), "Run is enabled");
    }
}
