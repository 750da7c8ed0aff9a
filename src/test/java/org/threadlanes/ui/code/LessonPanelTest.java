package org.threadlanes.ui.code;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import atlantafx.base.theme.PrimerLight;
import javafx.application.Application;
import javafx.geometry.Bounds;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import org.threadlanes.scenario.lessons.FibonacciCondition;

/** The lesson panel on a headless stage: readable wrapped texts, and the run's result beside the expected one. */
@ExtendWith(ApplicationExtension.class)
@Timeout(60)
class LessonPanelTest {
    private final FibonacciCondition lesson = new FibonacciCondition();
    private LessonPanel panel;

    @Start
    void start(Stage stage) {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        panel = new LessonPanel();
        stage.setScene(new Scene(panel, 360, 700));
        // TestFX hands every test class the same primary stage; the app's test leaves a minimum size on it.
        stage.setMinWidth(0);
        stage.setMinHeight(0);
        stage.setWidth(360);
        stage.setHeight(700);
        stage.show();
    }

    /** Looks inside this panel only: other test classes may leave windows with the same ids open. */
    private Label label(FxRobot robot, String id) {
        return robot.from(panel).lookup("#" + id).queryAs(Label.class);
    }

    /** The lesson's texts show in full in a narrow panel: long ones wrap instead of being cut. */
    @Test
    void textsWrapInANarrowPanel(FxRobot robot) {
        robot.interact(() -> panel.setScenario(lesson));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(lesson.title(), label(robot, "lesson-title").getText());
        assertEquals(lesson.text().question(), label(robot, "lesson-question").getText());
        assertEquals(lesson.text().expected(), label(robot, "lesson-expected").getText());
        Label watch = label(robot, "lesson-watch");
        assertEquals(lesson.text().watch(), watch.getText());
        Bounds b = watch.getBoundsInLocal();
        assertTrue(b.getWidth() <= 360, "fits the width: " + b);
        assertTrue(b.getHeight() > 2 * watch.getFont().getSize() * 1.2, "wrapped on several lines: " + b);
        assertFalse(label(robot, "lesson-actual").isVisible(), "no result before the run ends");
    }

    /** After the run the actual result shows under the expected outcome, as wide; a failure says so. */
    @Test
    void resultShowsBesideTheExpectedOutcome(FxRobot robot) {
        robot.interact(() -> {
            panel.setScenario(lesson);
            panel.getViewModel().showResult("3: 2\n10: 55\n5: 5\n7: 13");
        });
        WaitForAsyncUtils.waitForFxEvents();
        Label actual = label(robot, "lesson-actual");
        Label expected = label(robot, "lesson-expected");
        assertTrue(actual.isVisible());
        assertEquals("3: 2\n10: 55\n5: 5\n7: 13", actual.getText());
        Bounds a = actual.localToScene(actual.getBoundsInLocal());
        Bounds e = expected.localToScene(expected.getBoundsInLocal());
        assertTrue(a.getMinY() >= e.getMaxY(), "under the expected outcome: expected " + e + ", actual " + a);
        assertEquals(e.getWidth(), a.getWidth(), 1.0, "as wide as the expected outcome");
        assertEquals("This run", label(robot, "lesson-actual-heading").getText());

        robot.interact(() -> panel.getViewModel().showFailure("connection refused"));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("This run failed", label(robot, "lesson-actual-heading").getText());
        assertEquals("connection refused", actual.getText());

        robot.interact(() -> panel.getViewModel().clearOutcome());
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(actual.isVisible());
    }
}
