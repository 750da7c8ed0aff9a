package org.threadlanes.ui.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import javafx.collections.ListChangeListener;
import javafx.scene.chart.XYChart;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import org.threadlanes.analysis.SweepResult;
import org.threadlanes.scenario.lessons.Workload;
import org.threadlanes.ui.FxBridge;

/** The sweep screen's view model, without a stage: validation, chart data, progress, CSV, cancel. */
class SweepViewModelTest {
    private SweepViewModel model;

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @AfterEach
    void endSweep() throws Exception {
        if (model == null) return;
        fx(() -> {
            model.dispose();
            return null;
        });
        if (model.sweep() != null) assertTrue(model.sweep().awaitEnded(30, TimeUnit.SECONDS));
    }

    private static <T> T fx(java.util.concurrent.Callable<T> action) throws Exception {
        return WaitForAsyncUtils.asyncFx(action).get(30, TimeUnit.SECONDS);
    }

    /** A small workload: 4 tasks of 1 I/O unit, swept fast. */
    private SweepViewModel quickModel(String workers, String cores) {
        SweepViewModel m = new SweepViewModel(List.of(new Workload(4, 0, 1)), FxBridge::post);
        m.workersProperty().set(workers);
        m.coresProperty().set(cores);
        m.unitMsProperty().set(2);
        return m;
    }

    /** Bad ranges are refused with a message; nothing starts. */
    @Test
    void badRangesAreRefusedWithAMessage() throws Exception {
        model = quickModel("5..2", "1");
        assertFalse(fx(model::start));
        assertTrue(model.errorProperty().get().contains("runs backwards"), model.errorProperty().get());
        assertFalse(model.runningProperty().get());
        model.workersProperty().set("1..2");
        model.coresProperty().set("0");
        assertFalse(fx(model::start));
        assertEquals("Cores must be 1..64, not 0", model.errorProperty().get());
    }

    /** A sweep fills one measured and one ideal series per core count, reports progress and ends with the knee. */
    @Test
    void sweepFillsAMeasuredAndAnIdealSeriesPerCoreCount(@TempDir Path dir) throws Exception {
        model = quickModel("1..3", "1,2");
        CompletableFuture<SweepResult> done = fx(() -> {
            assertTrue(model.start());
            assertTrue(model.runningProperty().get());
            return model.lastCompletion();
        });
        SweepResult result = done.get(60, TimeUnit.SECONDS);
        assertEquals(SweepResult.Status.COMPLETED, result.status());
        fx(() -> {
            assertFalse(model.runningProperty().get());
            assertEquals(1.0, model.progressProperty().get());
            assertEquals(6, model.points().size());
            assertEquals(4, model.timeData().size(), "2 measured + 2 ideal");
            assertEquals(4, model.throughputData().size());
            for (XYChart.Series<Number, Number> s : model.timeData()) {
                assertEquals(3, s.getData().size(), s.getName());
            }
            assertEquals(2, model.timeData().stream().filter(model::isIdeal).count());
            assertEquals(List.of(0, 1, 0, 1), model.timeData().stream().map(model::coreIndex).toList());
            assertEquals("ideal, 2 cores", model.timeData().get(3).getName());
            assertTrue(model.statusProperty().get().startsWith("Done: 6 runs"), model.statusProperty().get());
            assertTrue(model.statusProperty().get().contains("1 core → "), model.statusProperty().get());
            assertTrue(model.statusProperty().get().contains("cores × (1 + I/O ÷ CPU), at most one worker per task,"
                    + " gives "), "the rule of thumb is named as such: " + model.statusProperty().get());
            return null;
        });
        Path csv = dir.resolve("sweep.csv");
        fx(() -> {
            model.exportCsv(csv);
            return null;
        });
        List<String> lines = Files.readAllLines(csv);
        assertTrue(lines.get(0).startsWith("workers,cores,units,throughput"));
        assertEquals(7, lines.size());
    }

    /** Cancel stops the sweep, keeps what was measured, and leaves no thread behind. */
    @Test
    void cancelStopsTheSweepAndLeavesNoThreadBehind() throws Exception {
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        model = new SweepViewModel(List.of(new Workload()), FxBridge::post);
        model.workersProperty().set("1..8");
        model.coresProperty().set("1,2");
        model.unitMsProperty().set(20);
        CountDownLatch firstPoint = new CountDownLatch(1);
        CompletableFuture<SweepResult> done = fx(() -> {
            model.points().addListener((ListChangeListener<Object>) c -> firstPoint.countDown());
            model.start();
            return model.lastCompletion();
        });
        assertTrue(firstPoint.await(60, TimeUnit.SECONDS), "a first point was measured");
        fx(() -> {
            model.cancel();
            return null;
        });
        SweepResult result = done.get(30, TimeUnit.SECONDS);
        assertEquals(SweepResult.Status.CANCELLED, result.status());
        assertTrue(result.points().size() < 16);
        assertTrue(model.sweep().awaitEnded(30, TimeUnit.SECONDS));
        fx(() -> {
            assertFalse(model.runningProperty().get());
            assertTrue(model.statusProperty().get().startsWith("Cancelled after"), model.statusProperty().get());
            return null;
        });
        Set<String> leftover = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> !before.contains(t) && t.isAlive())
                .filter(t -> !t.getName().equals("threadlanes-recorder"))
                .map(Thread::getName).collect(Collectors.toSet());
        assertEquals(Set.of(), leftover, "no thread of the sweep survives");
    }
}
