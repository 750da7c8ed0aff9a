package org.threadlanes.ui.experiments;

import java.nio.file.Path;

import javafx.animation.PauseTransition;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.stage.Stage;
import javafx.util.Duration;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;

/**
 * A look at the sweep screen with a real sweep of {@code workload} (not a test; run by hand):
 * <pre>
 * mvn -B -o -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 * xvfb-run -a -s "-screen 0 1600x1000x24" java -cp target/classes:target/test-classes:$(cat target/cp.txt) \
 *     -Ddemo.out=sweep.png org.threadlanes.ui.experiments.DemoMain sweep
 * </pre>
 * System properties: {@code demo.lesson} (workload), {@code demo.workers} (1..10), {@code demo.cores} (1,2),
 * {@code demo.unit} (ms, 20), {@code demo.dark} (false), {@code demo.out} (a PNG of the charts when done),
 * {@code demo.exitAfterMs} (stay open).
 */
public final class SweepDemo extends Application {
    @Override
    public void start(Stage stage) {
        Application.setUserAgentStylesheet(Boolean.getBoolean("demo.dark")
                ? new PrimerDark().getUserAgentStylesheet() : new PrimerLight().getUserAgentStylesheet());
        SweepViewModel model = new SweepViewModel();
        String lesson = System.getProperty("demo.lesson", "workload");
        model.lessons().stream().filter(l -> l.id().equals(lesson)).findFirst()
                .ifPresent(l -> model.scenarioProperty().set(l));
        model.workersProperty().set(System.getProperty("demo.workers", "1..10"));
        model.coresProperty().set(System.getProperty("demo.cores", "1,2"));
        model.unitMsProperty().set(Integer.getInteger("demo.unit", 20));
        SweepView view = new SweepView(model);
        stage.setTitle("ThreadLanes — pool-size sweep");
        stage.setScene(new Scene(view, 1400, 760));
        stage.setOnCloseRequest(e -> model.dispose());
        stage.show();
        // Start once the window has settled: its first layout and CSS pass would otherwise slow the first run.
        PauseTransition settle = new PauseTransition(Duration.millis(500));
        settle.setOnFinished(e -> {
            model.start();
            whenDone(stage, view, model);
        });
        settle.play();
    }

    private static void whenDone(Stage stage, SweepView view, SweepViewModel model) {
        model.lastCompletion().whenComplete((r, ex) -> {
            String out = System.getProperty("demo.out");
            try {
                if (out != null) view.exportPng(Path.of(out));
                System.out.println("sweep done: " + model.statusProperty().get());
            } catch (Exception e) {
                System.out.println("export failed: " + e);
            }
            long exitAfter = Long.getLong("demo.exitAfterMs", -1);
            if (exitAfter >= 0) {
                PauseTransition wait = new PauseTransition(Duration.millis(exitAfter));
                wait.setOnFinished(e -> stage.close());
                wait.play();
            }
        });
    }
}
