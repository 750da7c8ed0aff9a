package org.threadlanes.ui.app;

import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableStringValue;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.VBox;

import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignE;
import org.kordamp.ikonli.materialdesign2.MaterialDesignF;

/** The lesson beside the lanes: what to watch, a question for the class, what to expect, and how the run ended. */
final class LessonPanel extends ScrollPane {

    LessonPanel(MainViewModel vm) {
        setId("lesson");
        getStyleClass().addAll(AppStyles.LESSON_PANEL, Tweaks.EDGE_TO_EDGE);
        setFitToWidth(true);
        setHbarPolicy(ScrollBarPolicy.NEVER);

        Label topic = new Label("Lesson");
        topic.getStyleClass().add(AppStyles.PANEL_TITLE);
        Label title = body(vm.lessonTitleProperty(), AppStyles.LESSON_TITLE);
        title.getStyleClass().add(Styles.TITLE_4);
        Label summary = body(vm.lessonSummaryProperty(), AppStyles.LESSON_BODY);

        Label result = body(vm.outcomeTextProperty(), AppStyles.LESSON_OUTCOME);
        result.setId("outcome");
        showWhenNotEmpty(result, vm.outcomeTextProperty());
        Label failure = body(Bindings.concat("The lesson failed: ", vm.failureTextProperty()), AppStyles.LESSON_FAILURE);
        failure.setId("failure");
        showWhenNotEmpty(failure, vm.failureTextProperty());
        Label outputHeading = heading("Output", new FontIcon(MaterialDesignC.CONSOLE));
        Label output = body(vm.outputTextProperty(), AppStyles.LESSON_OUTPUT);
        output.setId("output");
        showWhenNotEmpty(outputHeading, vm.outputTextProperty());
        showWhenNotEmpty(output, vm.outputTextProperty());

        VBox box = new VBox(6,
                topic, title, summary,
                heading("Watch", new FontIcon(MaterialDesignE.EYE_OUTLINE)),
                body(vm.lessonWatchProperty(), AppStyles.LESSON_BODY),
                heading("Ask the class", new FontIcon(MaterialDesignC.COMMENT_QUESTION_OUTLINE)),
                body(vm.lessonQuestionProperty(), AppStyles.LESSON_BODY),
                heading("Expect", new FontIcon(MaterialDesignF.FLAG_CHECKERED)),
                body(vm.lessonExpectedProperty(), AppStyles.LESSON_BODY),
                result, failure, outputHeading, output);
        box.getStyleClass().add(AppStyles.PANEL);
        setContent(box);
    }

    private static Label heading(String text, Node icon) {
        Label l = new Label(text, icon);
        l.getStyleClass().add(AppStyles.LESSON_HEADING);
        return l;
    }

    private static Label body(ObservableStringValue text, String styleClass) {
        Label l = new Label();
        l.textProperty().bind(text);
        l.setWrapText(true);
        l.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        l.getStyleClass().add(styleClass);
        return l;
    }

    private static void showWhenNotEmpty(Node node, ObservableStringValue text) {
        node.visibleProperty().bind(Bindings.isNotEmpty(text));
        node.managedProperty().bind(node.visibleProperty());
    }
}
