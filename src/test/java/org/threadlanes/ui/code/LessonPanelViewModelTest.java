package org.threadlanes.ui.code;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import org.threadlanes.scenario.lessons.FibonacciCondition;

/** LessonPanelViewModel without a stage: a lesson's texts, then the run's outcome beside the expected one. */
class LessonPanelViewModelTest {
    private final FibonacciCondition lesson = new FibonacciCondition();
    private final LessonPanelViewModel vm = new LessonPanelViewModel();

    /** Choosing a lesson shows its title, summary, topic, what to watch, the question and the expected outcome. */
    @Test
    void lessonTextsAreShown() {
        vm.setScenario(lesson);
        assertEquals(lesson.title(), vm.getTitle());
        assertEquals(lesson.summary(), vm.summaryProperty().get());
        assertEquals("Synchronization", vm.topicProperty().get());
        assertEquals(lesson.text().watch(), vm.getWatch());
        assertEquals(lesson.text().question(), vm.getQuestion());
        assertEquals(lesson.text().expected(), vm.getExpected());
        assertFalse(vm.isEnded());
        assertEquals("", vm.getActual());
    }

    /** A run's result is kept beside the expected outcome; a failure is marked as such; a new run clears both. */
    @Test
    void outcomeFollowsTheRun() {
        vm.setScenario(lesson);
        vm.showResult("{\"3\":2,\"10\":55,\"5\":5,\"7\":13}");
        assertTrue(vm.isEnded());
        assertFalse(vm.isFailed());
        assertEquals("{\"3\":2,\"10\":55,\"5\":5,\"7\":13}", vm.getActual());
        assertEquals(lesson.text().expected(), vm.getExpected());

        vm.showFailure("boom");
        assertTrue(vm.isFailed());
        assertEquals("boom", vm.getActual());

        vm.clearOutcome();
        assertFalse(vm.isEnded());
        assertFalse(vm.isFailed());
        assertEquals("", vm.getActual());

        vm.showResult(null);
        assertEquals("(no result)", vm.getActual(), "an empty result still says the run ended");
        vm.setScenario(lesson);
        assertFalse(vm.isEnded(), "another lesson forgets the outcome");
    }

    /** No lesson: every text is empty, never null. */
    @Test
    void noLessonShowsNothing() {
        vm.setScenario(lesson);
        vm.setScenario(null);
        assertEquals("", vm.getTitle());
        assertEquals("", vm.getWatch());
        assertEquals("", vm.getExpected());
    }
}
