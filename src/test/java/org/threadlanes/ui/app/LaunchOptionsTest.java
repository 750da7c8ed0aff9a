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

    /** --workers, --cores and --tab are read as given; out of range or unknown, each gives one message. */
    @Test
    void readsWorkersCoresAndTabAndReportsBadOnes() {
        LaunchOptions o = LaunchOptions.parse(Map.of("workers", "8", "cores", "4", "tab", "Metrics"), List.of());
        assertEquals(8, o.workers());
        assertEquals(4, o.cores());
        assertEquals(SideTab.METRICS, o.tab());
        assertTrue(o.problems().isEmpty(), o.problems().toString());

        LaunchOptions bad = LaunchOptions.parse(Map.of("workers", "0", "cores", "x", "tab", "graphs"), List.of());
        assertNull(bad.workers());
        assertNull(bad.cores());
        assertNull(bad.tab());
        assertTrue(bad.problems().contains("--workers must be a whole number from 1 to 256, not '0'"),
                bad.problems().toString());
        assertTrue(bad.problems().contains("unknown tab 'graphs'; use lesson, tasks or metrics"));
        assertEquals(3, bad.problems().size());
    }

    /** --code picks the listing the code panel opens on; a language it does not know is told and ignored. */
    @Test
    void readsTheCodeLanguage() {
        assertEquals(Boolean.TRUE, LaunchOptions.parse(Map.of("code", "Java"), List.of()).javaCode());
        assertEquals(Boolean.FALSE, LaunchOptions.parse(Map.of("code", "python"), List.of()).javaCode());
        assertNull(LaunchOptions.parse(Map.of(), List.of()).javaCode());
        LaunchOptions bad = LaunchOptions.parse(Map.of("code", "rust"), List.of());
        assertNull(bad.javaCode());
        assertEquals(List.of("unknown code language 'rust'; use python or java"), bad.problems());
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

        vm.apply(new LaunchOptions("loiter-map", AppTheme.DARK, 20, 2, 3, SideTab.TASKS, true, true,
                List.of("unknown argument 'go'")));
        ScenarioRun run = vm.runProperty().get();
        try {
            assertEquals("loiter-map", vm.selected().id());
            assertEquals(AppTheme.DARK, vm.themeProperty().get());
            assertEquals("unknown argument 'go'", vm.noticeTextProperty().get());
            assertEquals(RunPhase.RUNNING, vm.phase());
            assertEquals(20.0, run.settings().unitMs());
            assertEquals(2, run.settings().workers());
            assertEquals(3, run.settings().cores());
            assertEquals(SideTab.TASKS, vm.sideTabProperty().get());
            assertTrue(vm.javaCodeProperty().get());
        } finally {
            run.cancel();
            assertTrue(run.awaitThreadsEnded(20, TimeUnit.SECONDS));
        }
    }
}
