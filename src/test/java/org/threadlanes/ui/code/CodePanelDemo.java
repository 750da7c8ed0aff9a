package org.threadlanes.ui.code;

import java.io.File;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

import javax.imageio.ImageIO;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import com.fasterxml.jackson.databind.ObjectMapper;
import javafx.animation.AnimationTimer;
import javafx.application.Application;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.control.SplitPane;
import javafx.stage.Stage;

import org.threadlanes.scenario.Scenario;
import org.threadlanes.scenario.ScenarioRun;
import org.threadlanes.scenario.Scenarios;
import org.threadlanes.trace.Event;

/**
 * A look at the code and lesson panels following a real run (not a test): a Stage with both panels side by side.
 *
 * <pre>
 *   xvfb-run -a -s "-screen 0 1600x1000x24" java ... 'org.threadlanes.ui.code.CodePanelDemo$Main' \
 *       --theme dark --unit-ms 500 --select "cond.wait()" --snapshot target/snapshots/demo.png
 * </pre>
 * Options: {@code --scenario ID} (fibonacci-condition), {@code --theme light|dark}, {@code --unit-ms MS} (500),
 * {@code --select MARKER} (click the first Python line containing it), {@code --java} (show the Java tab), {@code --snapshot FILE} (a scene snapshot the
 * moment four threads share a line), {@code --exit-after MS} (after the run ends; default: stay open), {@code --start-after MS} (1500: the run
 * starts once the window has settled), {@code --hold MS} (pause the run that long when four threads share a line,
 * so that a slow screen grabber catches the moment). It prints
 * {@code FOUR_WAITING} when four threads share a line, for a script that screenshots the screen then.
 *
 * <p>Events reach the FX thread through a queue drained every pulse by an AnimationTimer: the app's FxBridge lives
 * in another package and only it may call Platform.runLater.
 */
public final class CodePanelDemo extends Application {
    @Override
    public void start(Stage stage) throws Exception {
        Map<String, String> a = options(getParameters().getRaw());
        Application.setUserAgentStylesheet("dark".equals(a.get("theme"))
                ? new PrimerDark().getUserAgentStylesheet() : new PrimerLight().getUserAgentStylesheet());
        Scenario scenario = Scenarios.require(a.getOrDefault("scenario", "fibonacci-condition"));
        double unitMs = Double.parseDouble(a.getOrDefault("unit-ms", "500"));

        CodePanel code = new CodePanel();
        LessonPanel lesson = new LessonPanel();
        code.setScenario(scenario);
        lesson.setScenario(scenario);
        SplitPane split = new SplitPane(code, lesson);
        split.setDividerPositions(0.66);
        stage.setTitle("ThreadLanes — code panel demo");
        stage.setScene(new Scene(split, 1600, 1000));
        stage.show();
        if (a.containsKey("java")) code.showPython(false);
        if (a.containsKey("select")) {
            code.getViewModel().selectLine(scenario.listing().lineOf(a.get("select")));
        }

        ScenarioRun run = new ScenarioRun(scenario, scenario.defaults().withUnitMs(unitMs));
        code.getViewModel().setNanosPerUnit(run.units().toNanos(1));
        ConcurrentLinkedQueue<List<Event>> queue = new ConcurrentLinkedQueue<>();
        run.recorder().addListener(queue::add);
        long[] endedAt = {0};
        long[] shownAt = {0};
        long[] heldUntil = {0};
        long startAfter = TimeUnit.MILLISECONDS.toNanos(Long.parseLong(a.getOrDefault("start-after", "1500")));
        boolean[] snapped = {false};
        new AnimationTimer() {
            @Override
            public void handle(long now) {
                // Start once the window has settled: a run that ends before the first frames would be seen whole.
                if (shownAt[0] == 0) shownAt[0] = now;
                if (run.status() == ScenarioRun.Status.NEW && now - shownAt[0] > startAfter) run.start();
                List<Event> batch = new ArrayList<>();
                for (List<Event> b; (b = queue.poll()) != null; ) batch.addAll(b);
                if (!batch.isEmpty()) code.accept(batch);
                if (!snapped[0] && crowdOfFour(code.getViewModel())) {
                    snapped[0] = true;
                    if (a.containsKey("hold")) {
                        run.pause(); // never blocks: the clock stops and threads wait at their next probe
                        heldUntil[0] = now + TimeUnit.MILLISECONDS.toNanos(Long.parseLong(a.get("hold")));
                    }
                    System.out.println("FOUR_WAITING");
                    System.out.flush();
                    if (a.containsKey("snapshot")) snapshot(stage, new File(a.get("snapshot")));
                }
                if (heldUntil[0] != 0 && now > heldUntil[0]) {
                    heldUntil[0] = 0;
                    run.resume();
                }
                if (endedAt[0] == 0 && run.completion().isDone() && queue.isEmpty()) {
                    endedAt[0] = now;
                    if (run.failure() != null) {
                        lesson.getViewModel().showFailure(String.valueOf(run.failure().getMessage()));
                    } else {
                        lesson.getViewModel().showResult(json(run.result()));
                    }
                    System.out.println("RUN_ENDED " + run.status());
                    System.out.flush();
                }
                if (endedAt[0] != 0 && a.containsKey("exit-after")
                        && now - endedAt[0] > TimeUnit.MILLISECONDS.toNanos(Long.parseLong(a.get("exit-after")))) {
                    stop();
                    stage.close();
                }
            }
        }.start();
        stage.setOnHidden(e -> run.cancel());
    }

    private static boolean crowdOfFour(CodePanelViewModel vm) {
        for (CodeLine l : vm.pythonLines()) if (l.getMarks().size() >= 4) return true;
        return false;
    }

    private static void snapshot(Stage stage, File file) {
        try {
            file.getAbsoluteFile().getParentFile().mkdirs();
            ImageIO.write(SwingFXUtils.fromFXImage(stage.getScene().snapshot(null), null), "png", file);
            System.out.println("snapshot: " + file);
        } catch (Exception e) {
            System.err.println("snapshot failed: " + e);
        }
    }

    private static String json(Object result) {
        try {
            return new ObjectMapper().writeValueAsString(result);
        } catch (Exception e) {
            return String.valueOf(result);
        }
    }

    private static Map<String, String> options(List<String> args) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String k = args.get(i);
            if (!k.startsWith("--")) throw new IllegalArgumentException("unexpected argument: " + k);
            m.put(k.substring(2), i + 1 < args.size() && !args.get(i + 1).startsWith("--") ? args.get(++i) : "");
        }
        return m;
    }

    /** A main outside the Application subclass: the JavaFX launcher refuses one on the class path otherwise. */
    public static final class Main {
        public static void main(String[] args) {
            Application.launch(CodePanelDemo.class, args);
        }
    }
}
