package org.threadlanes.ui.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import javax.imageio.ImageIO;

import javafx.collections.ListChangeListener;
import javafx.scene.Scene;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.stage.Stage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import org.threadlanes.analysis.SweepResult;
import org.threadlanes.scenario.lessons.Workload;
import org.threadlanes.ui.FxBridge;

/** The sweep screen in a (headless) window: Run, Cancel, the charts' series, the exports. */
@ExtendWith(ApplicationExtension.class)
class SweepViewTest {
    private SweepViewModel model;
    private SweepView view;

    @Start
    void start(Stage stage) {
        model = new SweepViewModel(List.of(new Workload(4, 0, 1), new Workload()), FxBridge::post);
        model.unitMsProperty().set(2);
        view = new SweepView(model);
        stage.setScene(new Scene(view, 1200, 700));
        stage.show();
    }

    @AfterEach
    void endSweep(FxRobot robot) throws InterruptedException {
        robot.interact(model::dispose);
        if (model.sweep() != null) assertTrue(model.sweep().awaitEnded(30, TimeUnit.SECONDS));
    }

    private SweepResult runToEnd(FxRobot robot, String workers, String cores) throws Exception {
        robot.interact(() -> {
            model.workersProperty().set(workers);
            model.coresProperty().set(cores);
        });
        robot.clickOn("#sweep-run");
        CompletableFuture<SweepResult> done = WaitForAsyncUtils.asyncFx(model::lastCompletion).get();
        SweepResult r = done.get(60, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        return r;
    }

    private static long count(LineChart<Number, Number> chart, String styleClass) {
        return chart.getData().stream().filter(s -> s.getNode().getStyleClass().contains(styleClass)).count();
    }

    /** Each chart has one measured line per core count, and one dashed ideal line per core count. */
    @Test
    void chartSeriesCountMatchesTheCoreCounts(FxRobot robot) throws Exception {
        assertEquals(SweepResult.Status.COMPLETED, runToEnd(robot, "1..3", "1,2,4").status());
        for (LineChart<Number, Number> chart : List.of(view.timeChart(), view.throughputChart())) {
            assertEquals(3, count(chart, Styles.MEASURED), "one measured series per core count");
            assertEquals(3, count(chart, Styles.IDEAL), "one ideal series per core count");
            for (XYChart.Series<Number, Number> s : chart.getData()) assertEquals(3, s.getData().size());
        }
        assertTrue(robot.lookup(".sweep-legend .legend-item").queryAll().size() == 4, "3 core counts + ideal");
        assertTrue(robot.lookup("#sweep-run").queryAs(Button.class).isDisable() == false, "Run is enabled again");
    }

    /** The charts export as a PNG of their size, and the table as CSV with a header row. */
    @Test
    void exportsPngAndCsv(FxRobot robot, @TempDir Path dir) throws Exception {
        runToEnd(robot, "1,2", "1");
        Path png = dir.resolve("sweep.png"), csv = dir.resolve("sweep.csv");
        WaitForAsyncUtils.asyncFx(() -> {
            view.exportPng(png);
            view.exportCsv(csv);
            return null;
        }).get(30, TimeUnit.SECONDS);
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(Math.round(view.chartArea().getLayoutBounds().getWidth()), image.getWidth(), 1.0);
        assertTrue(image.getHeight() > 100);
        List<String> lines = Files.readAllLines(csv);
        assertEquals("workers,cores,units,throughput", String.join(",", List.of(lines.get(0).split(",")).subList(0, 4)));
        assertEquals(3, lines.size());
    }

    /** Cancel stops a sweep in progress: the status says so and Run is enabled again. */
    @Test
    void cancelButtonStopsTheSweep(FxRobot robot) throws Exception {
        robot.interact(() -> {
            model.scenarioProperty().set(model.lessons().get(1)); // the full workload: long enough to cancel
            model.unitMsProperty().set(20);
            model.workersProperty().set("1..8");
            model.coresProperty().set("1");
        });
        CountDownLatch firstPoint = new CountDownLatch(1);
        robot.interact(() -> model.points().addListener((ListChangeListener<Object>) c -> firstPoint.countDown()));
        robot.clickOn("#sweep-run");
        assertTrue(firstPoint.await(60, TimeUnit.SECONDS));
        robot.clickOn("#sweep-cancel");
        SweepResult r = WaitForAsyncUtils.asyncFx(model::lastCompletion).get().get(30, TimeUnit.SECONDS);
        assertEquals(SweepResult.Status.CANCELLED, r.status());
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(robot.lookup("#sweep-status").queryAs(Label.class).getText().startsWith("Cancelled"));
        assertFalse(robot.lookup("#sweep-run").queryAs(Button.class).isDisable());
        assertTrue(robot.lookup("#sweep-cancel").queryAs(Button.class).isDisable());
    }

    /** A bad range typed by the user shows one line of error and starts nothing. */
    @Test
    void aBadRangeShowsItsErrorAndStartsNothing(FxRobot robot) {
        TextField workers = robot.lookup("#sweep-workers").queryAs(TextField.class);
        robot.interact(workers::clear);
        robot.clickOn(workers).write("0..3");
        robot.clickOn("#sweep-run");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("Workers must be 1..256, not 0", robot.lookup("#sweep-error").queryAs(Label.class).getText());
        assertFalse(model.runningProperty().get());
    }
}
