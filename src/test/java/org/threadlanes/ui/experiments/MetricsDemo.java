package org.threadlanes.ui.experiments;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

import javafx.animation.AnimationTimer;
import javafx.animation.PauseTransition;
import javafx.application.Application;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.SnapshotParameters;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.util.Duration;

import javax.imageio.ImageIO;

import atlantafx.base.theme.PrimerLight;

import org.threadlanes.scenario.ScenarioRun;
import org.threadlanes.scenario.Settings;
import org.threadlanes.scenario.lessons.Workload;
import org.threadlanes.trace.EventKind;
import org.threadlanes.ui.FxBridge;

/**
 * A look at the metrics panel during a live {@code workload} run (not a test): 2 workers, then the workers slider
 * moves to 8 once 12 tasks are done, and the throughput and utilization sparklines jump. Start it with
 * {@code DemoMain metrics}; {@code demo.out} saves a PNG of the panel when the run ends.
 */
public final class MetricsDemo extends Application {
    private AnimationTimer clock;

    @Override
    public void start(Stage stage) {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        ScenarioRun run = new ScenarioRun(new Workload(40, 1, 3), new Settings(2, 2, 50));
        MetricsViewModel metrics = new MetricsViewModel();
        metrics.start(run.cores(), run.units());
        MetricsPanel panel = new MetricsPanel(metrics);

        Slider workers = new Slider(1, 12, 2);
        workers.setMajorTickUnit(1);
        workers.setMinorTickCount(0);
        workers.setSnapToTicks(true);
        workers.setShowTickLabels(true);
        workers.setShowTickMarks(true);
        // Resizing is immediate and never waits on the run's threads, so the FX thread may do it.
        workers.valueProperty().addListener((o, a, b) -> run.setWorkers(b.intValue()));
        Label title = new Label();
        title.textProperty().bind(workers.valueProperty().asString("Workload: 40 tasks (1 CPU + 3 I/O), 2 cores,"
                + " workers = %.0f"));
        VBox root = new VBox(10, title, workers, panel);
        root.setPadding(new Insets(14));

        FxBridge bridge = new FxBridge(metrics::accept);
        run.recorder().addListener(bridge.listener());
        AtomicInteger finished = new AtomicInteger();
        run.recorder().addListener(batch -> {
            long n = batch.stream().filter(e -> e.kind() == EventKind.FINISHED).count();
            if (finished.get() < 12 && finished.addAndGet((int) n) >= 12) FxBridge.post(() -> workers.setValue(8));
        });
        clock = new AnimationTimer() {
            @Override
            public void handle(long now) {
                metrics.advanceTo(run.elapsedNs());
            }
        };
        clock.start();
        stage.setScene(new Scene(root, 560, 330));
        stage.setTitle("ThreadLanes — live metrics");
        stage.setOnCloseRequest(e -> run.cancel());
        stage.show();
        run.start();
        run.completion().thenRun(() -> FxBridge.post(() -> {
            clock.stop();
            try {
                String out = System.getProperty("demo.out");
                if (out != null) {
                    ImageIO.write(javafx.embed.swing.SwingFXUtils.fromFXImage(
                            root.snapshot(new SnapshotParameters(), null), null), "png", Path.of(out).toFile());
                }
            } catch (Exception ex) {
                System.out.println("export failed: " + ex);
            }
            System.out.println("demo done: " + metrics.currentProperty().get());
            PauseTransition wait = new PauseTransition(Duration.millis(Long.getLong("demo.exitAfterMs", 600_000)));
            wait.setOnFinished(e -> stage.close());
            wait.play();
        }));
    }
}
