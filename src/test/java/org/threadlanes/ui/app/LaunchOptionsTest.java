package org.threadlanes.ui.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import org.threadlanes.scenario.ScenarioRun;
import org.threadlanes.scenario.Scenarios;

/** The app's start options: parsed into one record, bad ones turned into one-line messages. */
class LaunchOptionsTest {

    /** --scenario, --theme, --unit and --run are read as given. */
    @Test
    void readsScenarioThemeUnitAndRun() {
        LaunchOptions o = LaunchOptions.parse(Map.of("scenario", "loiter-map", "theme", "Dark", "unit", "250"),
                List.of("--run"));

        assertEquals("loiter-map", o.scenarioId());
        assertEquals(AppTheme.DARK, o.theme());
        assertEquals(250, o.unitMs());
        assertTrue(o.run());
        assertTrue(o.problems().isEmpty());
    }

    /** An unknown lesson id gives one message naming it and the nearest id, not an exception. */
    @Test
    void unknownScenarioIsToldWithTheNearestId() {
        LaunchOptions o = LaunchOptions.parse(Map.of("scenario", "loiter-mapp"), List.of());

        assertNull(o.scenarioId());
        assertEquals(1, o.problems().size());
        assertTrue(o.problems().get(0).contains("unknown scenario 'loiter-mapp'"), o.problems().get(0));
        assertTrue(o.problems().get(0).contains("did you mean 'loiter-map'"), o.problems().get(0));
    }

    /** Unknown themes, options, arguments and a speed out of range are each reported once. */
    @Test
    void badThemeOptionArgumentAndUnitAreReported() {
        LaunchOptions o = LaunchOptions.parse(Map.of("theme", "purple", "speed", "3", "unit", "0"), List.of("go"));

        assertNull(o.theme());
        assertNull(o.unitMs());
        assertFalse(o.run());
        assertEquals(4, o.problems().size(), o.problems().toString());
        assertTrue(o.problems().contains("unknown theme 'purple'; use light or dark"));
        assertTrue(o.problems().contains("--unit must be a whole number of ms from 1 to 10000, not '0'"));
    }

    /** Applied to the view-model, the options select the lesson, set theme and speed, show problems, and run. */
    @Test
    void applyingOptionsSelectsThemesAndRuns() throws InterruptedException {
        QueuedDelivery delivery = new QueuedDelivery();
        MainViewModel vm = new MainViewModel(Scenarios.all(), Scenarios.DEFAULT_ID, delivery, Runnable::run);

        vm.apply(new LaunchOptions("loiter-map", AppTheme.DARK, 20, true, List.of("unknown argument 'go'")));
        ScenarioRun run = vm.runProperty().get();
        try {
            assertEquals("loiter-map", vm.selected().id());
            assertEquals(AppTheme.DARK, vm.themeProperty().get());
            assertEquals("unknown argument 'go'", vm.noticeTextProperty().get());
            assertEquals(RunPhase.RUNNING, vm.phase());
            assertEquals(20.0, run.settings().unitMs());
        } finally {
            run.cancel();
            assertTrue(run.awaitThreadsEnded(20, TimeUnit.SECONDS));
        }
    }
}
