package org.threadlanes.ui.deadlock;

import java.io.File;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import javax.imageio.ImageIO;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import javafx.animation.AnimationTimer;
import javafx.application.Application;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;

import org.threadlanes.executor.StepController;
import org.threadlanes.scenario.ScenarioRun;
import org.threadlanes.scenario.Scenarios;
import org.threadlanes.scenario.Settings;

/**
 * Opens a window with the step bar, the wait-for graph and the deadlock banner on a real run, for looking at them
 * (not a test).
 *
 * <pre>
 * xvfb-run -a -s "-screen 0 1600x1000x24" java -cp ... org.threadlanes.ui.deadlock.DeadlockDemo \
 *     --theme dark --scenario dining-philosophers --auto 40 --snapshot target/snapshots/demo.png
 * </pre>
 * Options: {@code --theme light|dark}, {@code --scenario ID}, {@code --unit MS}, {@code --steps a,b,c} (step these
 * threads in order), {@code --auto N} (then up to N round-robin steps), {@code --every MS} (between steps),
 * {@code --back K} (then step back K times), {@code --select NAME}, {@code --snapshot FILE} (a scene snapshot when
 * the script is done), {@code --exit-after MS} (after the script), {@code --width}, {@code --height}.
 */
public final class DeadlockDemo {
    private DeadlockDemo() {
    }

    /** Launches the window; the class with {@code main} does not extend Application so the class path works. */
    public static void main(String[] args) {
        Application.launch(App.class, args);
    }

    /** The demo window. */
    public static final class App extends Application {
        private ScenarioRun run;
        private final PulseExecutor toFx = new PulseExecutor();

        @Override
        public void start(Stage stage) {
            Map<String, String> a = options(getParameters().getRaw());
            boolean dark = "dark".equals(a.getOrDefault("theme", "light"));
            Application.setUserAgentStylesheet(dark ? new PrimerDark().getUserAgentStylesheet()
                    : new PrimerLight().getUserAgentStylesheet());
            var scenario = Scenarios.require(a.getOrDefault("scenario", "dining-philosophers"));
            Settings settings = scenario.defaults().withUnitMs(Double.parseDouble(a.getOrDefault("unit", "20")));
            run = new ScenarioRun(scenario, settings);

            StepViewModel steps = new StepViewModel(toFx);
            DeadlockViewModel deadlocks = new DeadlockViewModel(toFx);
            deadlocks.viewTimeNsProperty().bind(steps.viewTimeNsProperty());
            steps.deadlockedProperty().bind(deadlocks.deadlockFoundProperty());
            steps.setOnReplay(script -> System.out.println("replay: " + script));
            StepBar bar = new StepBar(steps);
            WaitForGraphView graph = new WaitForGraphView(deadlocks);
            DeadlockBanner banner = new DeadlockBanner(deadlocks);
            VBox bottom = new VBox(banner);
            bottom.setPadding(new Insets(8));
            BorderPane root = new BorderPane(graph, bar, null, bottom, null);
            BorderPane.setMargin(graph, new Insets(8, 8, 0, 8));
            bar.installShortcuts(root);

            Scene scene = new Scene(root, Double.parseDouble(a.getOrDefault("width", "1280")),
                    Double.parseDouble(a.getOrDefault("height", "820")));
            stage.setTitle("ThreadLanes: deadlock components (" + scenario.id() + ")");
            stage.setScene(scene);
            stage.show();
            toFx.start();

            // Held from its first probe: the whole run is in the user's hands, as after Pause at the start.
            run.stepMode(new StepController(t -> true, run.recorder()::now, () -> { }));
            steps.setRun(run);
            deadlocks.setRun(run);
            run.start();

            ArrayDeque<String> script = new ArrayDeque<>();
            if (a.containsKey("steps")) script.addAll(Arrays.asList(a.get("steps").split(",")));
            int[] auto = {Integer.parseInt(a.getOrDefault("auto", "0"))};
            int[] back = {Integer.parseInt(a.getOrDefault("back", "0"))};
            long every = TimeUnit.MILLISECONDS.toNanos(Long.parseLong(a.getOrDefault("every", "350")));
            long[] next = {System.nanoTime() + every};
            long[] doneAt = {-1};
            new AnimationTimer() {
                @Override
                public void handle(long now) {
                    if (now < next[0] || doneAt[0] >= 0) {
                        if (doneAt[0] >= 0) finish(now);
                        return;
                    }
                    next[0] = now + every;
                    if (!script.isEmpty()) {
                        String name = script.peek();
                        steps.getWaiting().stream().filter(w -> w.thread().name().equals(name)).findFirst()
                                .ifPresent(w -> {
                                    steps.setSelectedThread(w.thread());
                                    steps.step();
                                    script.poll();
                                });
                    } else if (auto[0] > 0 && !deadlocks.isDeadlocked() && steps.canStepAnyProperty().get()) {
                        auto[0]--;
                        steps.stepAny();
                    } else if (auto[0] > 0 && !deadlocks.isDeadlocked()) {
                        auto[0]--; // nobody at the gate yet: give the run a moment
                    } else if (back[0] > 0) {
                        back[0]--;
                        steps.stepBack();
                    } else {
                        if (a.containsKey("select")) {
                            steps.getWaiting().stream().filter(w -> w.thread().name().equals(a.get("select")))
                                    .findFirst().ifPresent(w -> steps.setSelectedThread(w.thread()));
                        }
                        doneAt[0] = now;
                    }
                }

                private boolean shot;

                private void finish(long now) {
                    // Two pulses after the last change, so that CSS and layout have caught up.
                    if (!shot && now - doneAt[0] > 300_000_000L) {
                        shot = true;
                        if (a.containsKey("snapshot")) snapshot(scene, new File(a.get("snapshot")));
                        System.out.println("demo ready: " + steps.getStatus() + " | " + deadlocks.getExplanation());
                    }
                    long exitAfter = Long.parseLong(a.getOrDefault("exit-after", "-1"));
                    if (exitAfter >= 0 && now - doneAt[0] > TimeUnit.MILLISECONDS.toNanos(exitAfter) + 300_000_000L) {
                        stop();
                        stage.close();
                    }
                }
            }.start();
        }

        @Override
        public void stop() {
            toFx.stop();
            if (run != null) run.cancel();
        }
    }

    private static void snapshot(Scene scene, File file) {
        try {
            if (file.getParentFile() != null) file.getParentFile().mkdirs();
            ImageIO.write(SwingFXUtils.fromFXImage(scene.snapshot(null), null), "png", file);
            System.out.println("snapshot: " + file);
        } catch (IOException e) {
            System.err.println("snapshot failed: " + e);
        }
    }

    private static Map<String, String> options(List<String> raw) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i + 1 < raw.size(); i += 2) {
            if (!raw.get(i).startsWith("--")) throw new IllegalArgumentException("expected --option, got " + raw.get(i));
            m.put(raw.get(i).substring(2), raw.get(i + 1));
        }
        return m;
    }
}
