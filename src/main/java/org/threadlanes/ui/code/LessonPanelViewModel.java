package org.threadlanes.ui.code;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import org.threadlanes.scenario.Scenario;

/**
 * What the lesson panel says: the lesson's title, summary, what to watch for, a question for the class and the
 * expected outcome, and, once a run has ended, what this run actually gave. Testable without a stage; use it on the
 * JavaFX thread once shown.
 *
 * <pre>{@code
 *   lesson.setScenario(scenario);              // a new lesson: its texts, no outcome
 *   lesson.clearOutcome();                     // a new run of the same lesson
 *   lesson.showResult("{\"3\":2,\"10\":55}");   // the run completed (coordinator's JSON-ish result)
 *   lesson.showFailure("connection refused");  // or it failed
 * }</pre>
 */
public final class LessonPanelViewModel {
    private final ReadOnlyStringWrapper topic = new ReadOnlyStringWrapper(this, "topic", "");
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper(this, "title", "");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "");
    private final ReadOnlyStringWrapper watch = new ReadOnlyStringWrapper(this, "watch", "");
    private final ReadOnlyStringWrapper question = new ReadOnlyStringWrapper(this, "question", "");
    private final ReadOnlyStringWrapper expected = new ReadOnlyStringWrapper(this, "expected", "");
    private final ReadOnlyStringWrapper actual = new ReadOnlyStringWrapper(this, "actual", "");
    private final ReadOnlyStringWrapper timings = new ReadOnlyStringWrapper(this, "timings", "");
    private final ReadOnlyBooleanWrapper ended = new ReadOnlyBooleanWrapper(this, "ended", false);
    private final ReadOnlyBooleanWrapper failed = new ReadOnlyBooleanWrapper(this, "failed", false);

    /** Shows a lesson's texts (all empty for {@code null}) and forgets any outcome. */
    public void setScenario(Scenario s) {
        topic.set(s == null ? "" : s.topic().title());
        title.set(s == null ? "" : s.title());
        summary.set(s == null ? "" : s.summary());
        Scenario.LessonText text = s == null ? null : s.text();
        watch.set(text == null ? "" : nonNull(text.watch()));
        question.set(text == null ? "" : nonNull(text.question()));
        expected.set(text == null ? "" : nonNull(text.expected()));
        clearOutcome();
    }

    /** The run ended with {@code result} (a JSON-ish string given by the coordinator); shown next to the expected. */
    public void showResult(String result) {
        actual.set(result == null || result.isBlank() ? "(no result)" : result);
        failed.set(false);
        ended.set(true);
    }

    /** The run failed with {@code message}; shown next to the expected outcome. */
    public void showFailure(String message) {
        actual.set(message == null || message.isBlank() ? "the lesson failed" : message);
        failed.set(true);
        ended.set(true);
    }

    /**
     * The figures a timing lesson promised beside what this run measured, one per line ("poolUnits: 1.02 units
     * (expected 1)"); empty for other lessons.
     */
    public void showTimings(String text) {
        timings.set(text == null ? "" : text);
    }

    /** Forgets the outcome (a new run, or a reset). */
    public void clearOutcome() {
        actual.set("");
        timings.set("");
        failed.set(false);
        ended.set(false);
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }

    /** This run's timings beside the promised ones; empty if the lesson promises none or the run has not ended. */
    public ReadOnlyStringProperty timingsProperty() { return timings.getReadOnlyProperty(); }

    public String getTimings() { return timings.get(); }

    /** The lesson's topic ("Synchronization"). */
    public ReadOnlyStringProperty topicProperty() { return topic.getReadOnlyProperty(); }
    /** The lesson's title. */
    public ReadOnlyStringProperty titleProperty() { return title.getReadOnlyProperty(); }
    /** The lesson in one line. */
    public ReadOnlyStringProperty summaryProperty() { return summary.getReadOnlyProperty(); }
    /** What to watch for. */
    public ReadOnlyStringProperty watchProperty() { return watch.getReadOnlyProperty(); }
    /** A question to ask the class. */
    public ReadOnlyStringProperty questionProperty() { return question.getReadOnlyProperty(); }
    /** The expected outcome. */
    public ReadOnlyStringProperty expectedProperty() { return expected.getReadOnlyProperty(); }
    /** What the last run gave (a result, or a failure's message); empty until a run ends. */
    public ReadOnlyStringProperty actualProperty() { return actual.getReadOnlyProperty(); }
    /** Whether a run has ended since the lesson was chosen or the outcome cleared. */
    public ReadOnlyBooleanProperty endedProperty() { return ended.getReadOnlyProperty(); }
    /** Whether that run failed. */
    public ReadOnlyBooleanProperty failedProperty() { return failed.getReadOnlyProperty(); }

    public String getTitle() { return title.get(); }
    public String getWatch() { return watch.get(); }
    public String getQuestion() { return question.get(); }
    public String getExpected() { return expected.get(); }
    public String getActual() { return actual.get(); }
    public boolean isEnded() { return ended.get(); }
    public boolean isFailed() { return failed.get(); }
}
