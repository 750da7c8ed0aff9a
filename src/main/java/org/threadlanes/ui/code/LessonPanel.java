package org.threadlanes.ui.code;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanExpression;
import javafx.beans.value.ObservableStringValue;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignE;
import org.kordamp.ikonli.materialdesign2.MaterialDesignF;
import org.kordamp.ikonli.materialdesign2.MaterialDesignT;

import org.threadlanes.scenario.Scenario;

/**
 * The lesson beside the lanes, short: title and summary, what to watch for, a question to ask the class, the
 * expected outcome, and once a run has ended, what this run gave next to what was expected. Text wraps to the
 * panel's width.
 *
 * <p>A view over a {@link LessonPanelViewModel}; use it on the JavaFX thread only. Ids: {@code #lesson-title},
 * {@code #lesson-watch}, {@code #lesson-question}, {@code #lesson-expected}, {@code #lesson-actual}, {@code #lesson-timings}.
 */
public class LessonPanel extends ScrollPane {
    private final LessonPanelViewModel vm;

    /** A panel over a fresh view-model. */
    public LessonPanel() {
        this(new LessonPanelViewModel());
    }

    public LessonPanel(LessonPanelViewModel vm) {
        this.vm = vm;
        getStyleClass().add(CodeStyles.LESSON_PANEL);
        setFitToWidth(true);
        setHbarPolicy(ScrollBarPolicy.NEVER);

        Label topic = text(vm.topicProperty(), CodeStyles.LESSON_TOPIC, "lesson-topic");
        Label title = text(vm.titleProperty(), CodeStyles.LESSON_TITLE, "lesson-title");
        Label summary = text(vm.summaryProperty(), CodeStyles.LESSON_TEXT, "lesson-summary");

        Label expectedHead = heading("Expected", new FontIcon(MaterialDesignF.FLAG_CHECKERED));
        Label expected = text(vm.expectedProperty(), CodeStyles.LESSON_VALUE, "lesson-expected");
        Label actualHead = heading("This run", new FontIcon(MaterialDesignC.CHECK_CIRCLE_OUTLINE));
        actualHead.setId("lesson-actual-heading");
        actualHead.textProperty().bind(Bindings.when(vm.failedProperty()).then("This run failed").otherwise("This run"));
        Label actual = text(vm.actualProperty(), CodeStyles.LESSON_VALUE, "lesson-actual");
        Label timingsHead = heading("Timing, against the course", new FontIcon(MaterialDesignT.TIMER_OUTLINE));
        Label timings = text(vm.timingsProperty(), CodeStyles.LESSON_TEXT, "lesson-timings");

        // One under the other: the side panel is too narrow for two columns of results, and a student reads the
        // promise first, then what happened.
        VBox outcome = new VBox(expectedHead, expected, actualHead, actual, timingsHead, timings);
        outcome.getStyleClass().add(CodeStyles.LESSON_OUTCOME);
        showWhen(actualHead, vm.endedProperty());
        showWhen(actual, vm.endedProperty());
        BooleanExpression timed = vm.endedProperty().and(vm.timingsProperty().isNotEmpty());
        showWhen(timingsHead, timed);
        showWhen(timings, timed);
        vm.failedProperty().addListener((o, was, now) -> outcome.pseudoClassStateChanged(CodeStyles.FAILED, now));

        VBox box = new VBox(
                topic, title, summary,
                heading("Watch for", new FontIcon(MaterialDesignE.EYE_OUTLINE)),
                text(vm.watchProperty(), CodeStyles.LESSON_TEXT, "lesson-watch"),
                heading("Ask the class", new FontIcon(MaterialDesignC.COMMENT_QUESTION_OUTLINE)),
                text(vm.questionProperty(), CodeStyles.LESSON_TEXT, "lesson-question"),
                outcome);
        box.getStyleClass().add("lesson-box");
        setContent(box);
    }

    private static Label heading(String text, Node icon) {
        Label l = new Label(text, icon);
        l.getStyleClass().add(CodeStyles.LESSON_HEADING);
        l.setMinHeight(Region.USE_PREF_SIZE);
        return l;
    }

    private static Label text(ObservableStringValue value, String styleClass, String id) {
        Label l = new Label();
        l.setId(id);
        l.textProperty().bind(value);
        l.setWrapText(true);
        // Without it a wrapping label in a VBox is cut to one line with an ellipsis.
        l.setMinHeight(Region.USE_PREF_SIZE);
        l.getStyleClass().add(styleClass);
        return l;
    }

    private static void showWhen(Node node, BooleanExpression condition) {
        node.visibleProperty().bind(condition);
        node.managedProperty().bind(condition);
    }

    @Override
    public String getUserAgentStylesheet() {
        return CodeStyles.STYLESHEET;
    }

    /** The view-model this panel shows. */
    public LessonPanelViewModel getViewModel() {
        return vm;
    }

    /** Shows a lesson (see {@link LessonPanelViewModel#setScenario}); JavaFX thread. */
    public void setScenario(Scenario scenario) {
        vm.setScenario(scenario);
        setVvalue(0);
    }
}
