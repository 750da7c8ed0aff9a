package org.threadlanes.ui.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javafx.scene.Scene;
import javafx.stage.Stage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import org.threadlanes.analysis.Metrics;
import org.threadlanes.executor.CoreModel;
import org.threadlanes.executor.Units;
import org.threadlanes.scenario.ScenarioRun;
import org.threadlanes.scenario.Settings;
import org.threadlanes.scenario.lessons.Workload;
import org.threadlanes.trace.BlockReason;
import org.threadlanes.trace.Event;
import org.threadlanes.trace.EventKind;
import org.threadlanes.trace.TaskOutcome;
import org.threadlanes.trace.ThreadRef;
import org.threadlanes.trace.ThreadState;
import org.threadlanes.ui.FxBridge;

/** The metrics panel and its view model: values, sparklines, and a live run fed through the FX bridge. */
@ExtendWith(ApplicationExtension.class)
class MetricsPanelTest {
    private static final long MS = 1_000_000;
    private MetricsViewModel model;
    private MetricsPanel panel;
    private ScenarioRun run;
    private FxBridge bridge;

    @Start
    void start(Stage stage) {
        model = new MetricsViewModel();
        model.start(new CoreModel(1), new Units(1));
        panel = new MetricsPanel(model);
        stage.setScene(new Scene(panel, 480, 260));
        stage.show();
    }

    @AfterEach
    void endRun() throws InterruptedException {
        if (bridge != null) bridge.close();
        if (run != null) {
            run.cancel();
            assertTrue(run.awaitThreadsEnded(10, TimeUnit.SECONDS));
        }
    }

    /** One worker runs one task for 4 units of a 1 ms unit, on one core. */
    private static List<Event> oneTask() {
        ThreadRef main = new ThreadRef(1, "main", "main"), w = new ThreadRef(2, "worker-1", "worker");
        List<Event> ev = new ArrayList<>();
        ev.add(new Event(1, 0, main, EventKind.SUBMITTED, null, null, "t", 1, 0, null, 0));
        ev.add(new Event(2, 0, w, EventKind.STARTED, ThreadState.RUNNING, null, "t", 1, 0, null, 0));
        ev.add(new Event(3, 4 * MS, w, EventKind.FINISHED, null, null, null, 1, 0, TaskOutcome.OK, 0));
        return ev;
    }

    /** A batch updates every value text and gives each sparkline one point per sample. */
    @Test
    void aBatchUpdatesValuesAndSparklines(FxRobot robot) {
        long before = model.versionProperty().get();
        robot.interact(() -> model.accept(oneTask()));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(model.versionProperty().get() > before);
        assertEquals("1.00 ×", panel.valueLabel(Metrics.Kind.SPEEDUP).getText());
        assertEquals("100 %", panel.valueLabel(Metrics.Kind.UTILIZATION).getText());
        assertEquals("4.00", panel.valueLabel(Metrics.Kind.SERVICE_TIME).getText());
        assertEquals("0", panel.valueLabel(Metrics.Kind.QUEUE_LENGTH).getText());
        // Each value says what it counts in, under the metric's name.
        assertEquals("units", robot.lookup("#metric-unit-service_time").queryLabeled().getText());
        assertEquals("tasks/unit", robot.lookup("#metric-unit-throughput").queryLabeled().getText());
        int samples = model.series(Metrics.Kind.THROUGHPUT).length;
        assertEquals(8, samples, "a sample every half unit up to 4 units");
        for (Metrics.Kind k : Metrics.Kind.values()) assertEquals(samples, panel.sparkline(k).pointCount(), k.name());
    }

    /**
     * Once the run has ended the values sum up all of it: a task that ran its first 2 units of 4 kept the core busy
     * half the run, though the last two units alone say 0 %.
     */
    @Test
    void anEndedRunShowsItsWholeFigures(FxRobot robot) {
        ThreadRef main = new ThreadRef(1, "main", "main"), w = new ThreadRef(2, "worker-1", "worker");
        List<Event> ev = new ArrayList<>();
        ev.add(new Event(1, 0, main, EventKind.SUBMITTED, null, null, "t", 1, 0, null, 0));
        ev.add(new Event(2, 0, w, EventKind.STARTED, ThreadState.RUNNING, null, "t", 1, 0, null, 0));
        ev.add(new Event(3, 2 * MS, w, EventKind.FINISHED, null, null, null, 1, 0, TaskOutcome.OK, 0));
        ev.add(new Event(4, 2 * MS, w, EventKind.STATE, ThreadState.BLOCKED, BlockReason.WORK, null, 0, 0, null, 0));
        robot.interact(() -> {
            model.accept(ev);
            model.advanceTo(4 * MS);
        });
        assertEquals("0 %", panel.valueLabel(Metrics.Kind.UTILIZATION).getText(), "the last two units: idle");
        robot.interact(model::showWholeRun);
        assertTrue(model.wholeRunProperty().get());
        assertEquals("50 %", panel.valueLabel(Metrics.Kind.UTILIZATION).getText(), "the whole run: half busy");
        robot.interact(model::clear);
        assertFalse(model.wholeRunProperty().get(), "a new run is live again");
    }

    /** clear empties the sparklines and resets the values. */
    @Test
    void clearResetsThePanel(FxRobot robot) {
        robot.interact(() -> {
            model.accept(oneTask());
            model.clear();
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(0, panel.sparkline(Metrics.Kind.SPEEDUP).pointCount());
        assertEquals("0.00 ×", panel.valueLabel(Metrics.Kind.SPEEDUP).getText());
    }

    /** A real workload run, fed through the FX bridge, ends with every task counted and nothing queued. */
    @Test
    void aLiveRunThroughTheBridgeCountsEveryTask(FxRobot robot) throws Exception {
        run = new ScenarioRun(new Workload(8, 1, 1), new Settings(4, 2, 5));
        robot.interact(() -> model.start(run.cores(), run.units()));
        bridge = new FxBridge(model::accept);
        run.recorder().addListener(bridge.listener());
        run.start();
        assertTrue(run.await(60, TimeUnit.SECONDS));
        run.recorder().flush();
        WaitForAsyncUtils.waitForFxEvents();
        Metrics m = WaitForAsyncUtils.asyncFx(() -> model.currentProperty().get()).get(10, TimeUnit.SECONDS);
        assertEquals(8, m.completed());
        assertEquals(0, m.queueLength());
        assertEquals(m.avgServiceUnits() * 8 / run.units().toUnits(m.tNs()), m.speedup(), 1e-6 * m.speedup(),
                "speedup is the sum of service times over the elapsed time");
        assertEquals(bridge.eventsDelivered(), run.recorder().size(), "every event reached the model");
    }
}
