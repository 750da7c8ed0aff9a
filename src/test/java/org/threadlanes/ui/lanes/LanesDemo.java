package org.threadlanes.ui.lanes;

import java.io.File;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import javax.imageio.ImageIO;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import javafx.animation.AnimationTimer;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.robot.Robot;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.stage.Stage;

import org.threadlanes.scenario.ScenarioRun;
import org.threadlanes.scenario.Scenarios;
import org.threadlanes.scenario.Settings;
import org.threadlanes.ui.FxBridge;

/**
 * Opens a window with the lanes of a real run, for looking at them (not a test).
 *
 * <pre>
 * java -cp ... org.threadlanes.ui.lanes.LanesDemo --theme dark --scenario fibonacci-condition --unit 300 \
 *      --snapshot target/snapshots/demo.png --snapshot-at 2500 --exit-after 6000
 * </pre>
 * Options: {@code --theme light|dark}, {@code --scenario ID}, {@code --unit MS}, {@code --cores N},
 * {@code --workers N}, {@code --visible UNITS}, {@code --snapshot FILE} and {@code --snapshot-at MS} (a scene
 * snapshot after that many ms), {@code --exit-after MS}, {@code --hide STATE}, {@code --outline NAME},
 * {@code --select NAME}, {@code --hover NAME@UNITS} and {@code --hover-at MS} (moves the pointer over that lane at that
 * time), {@code --synthetic LANES} (a big made-up run instead of a lesson), {@code --lane-height PX},
 * {@code --mark-at UNITS} (pauses the run there, hovers, prints MARK for a screenshot script),
 * {@code --fps MS} (prints the spread of pulse intervals over that long).
 */
public final class LanesDemo {
    private LanesDemo() {
    }

    /** Launches the window; the class with {@code main} does not extend Application so the class path works. */
    public static void main(String[] args) {
        Application.launch(App.class, args);
    }

    /** The demo window. */
    public static final class App extends Application {
        private ScenarioRun run;
        private FxBridge bridge;

        @Override
        public void start(Stage stage) {
            Map<String, String> a = options(getParameters().getRaw().toArray(String[]::new));
            boolean dark = "dark".equals(a.getOrDefault("theme", "light"));
            Application.setUserAgentStylesheet(dark ? new PrimerDark().getUserAgentStylesheet()
                    : new PrimerLight().getUserAgentStylesheet());
            var scenario = Scenarios.require(a.getOrDefault("scenario", "fibonacci-condition"));
            Settings d = scenario.defaults();
            Settings settings = new Settings(Integer.parseInt(a.getOrDefault("workers", "" + d.workers())),
                    Integer.parseInt(a.getOrDefault("cores", "" + d.cores())),
                    Double.parseDouble(a.getOrDefault("unit", "300")));
            run = new ScenarioRun(scenario, settings);

            TimelineModel model = new TimelineModel();
            LanesView lanes = new LanesView(model);
            lanes.setNanosPerUnit(run.units().toNanos(1));
            lanes.setVisibleUnits(Double.parseDouble(a.getOrDefault("visible", "6")));
            lanes.setClock(run::elapsedNs);
            if (a.containsKey("hide")) {
                lanes.getHiddenStates().add(org.threadlanes.trace.ThreadState.valueOf(a.get("hide")));
            }
            StateLegend legend = new StateLegend(lanes);

            ToggleButton follow = new ToggleButton("Follow now");
            follow.selectedProperty().bindBidirectional(lanes.followNowProperty());
            Label title = new Label(scenario.title());
            title.getStyleClass().add("title-3");
            Region grow = new Region();
            HBox.setHgrow(grow, Priority.ALWAYS);
            HBox top = new HBox(12, title, grow, legend, follow);
            top.setPadding(new Insets(8, 12, 8, 12));
            top.setAlignment(Pos.CENTER_LEFT);
            BorderPane root = new BorderPane(lanes, top, null, null, null);
            BorderPane.setMargin(lanes, new Insets(0, 12, 12, 12));

            if (a.containsKey("synthetic")) {
                // A big synthetic run instead of a lesson: N lanes of 4,000 segments, "now" moving on from near the end.
                run = null;
                model.accept(org.threadlanes.bench.RenderBench.events(Integer.parseInt(a.get("synthetic")), 4_000));
                long end = model.endNs() - 50 * 100_000_000L, t0 = System.nanoTime();
                lanes.setNanosPerUnit(100_000_000);
                lanes.setClock(() -> end + (System.nanoTime() - t0) / 10);
                if (a.containsKey("lane-height")) lanes.setLaneHeight(Double.parseDouble(a.get("lane-height")));
            }
            if (a.containsKey("fps")) measurePulses(Long.parseLong(a.get("fps")));

            bridge = new FxBridge(batch -> {
                model.accept(batch);
                for (int i = 0; i < model.laneCount(); i++) {
                    var t = model.lane(i).thread();
                    if (t.name().equals(a.get("outline"))) lanes.getOutlinedThreads().add(t.id());
                    if (t.name().equals(a.get("select"))) lanes.setSelectedThread(t);
                }
            });
            if (run != null) run.recorder().addListener(bridge.listener());

            stage.setTitle("ThreadLanes lanes demo");
            stage.setScene(new Scene(root, 1560, 940));
            stage.show();
            if (run != null) run.start();

            if (a.containsKey("snapshot")) {
                long at = Long.parseLong(a.getOrDefault("snapshot-at", "3000"));
                later(at, () -> {
                    var image = stage.getScene().snapshot(null);
                    File f = new File(a.get("snapshot"));
                    f.getParentFile().mkdirs();
                    try {
                        ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", f);
                        System.out.println("snapshot: " + f);
                    } catch (IOException e) {
                        System.err.println("snapshot failed: " + e);
                    }
                });
            }
            if (a.containsKey("hover") && !a.containsKey("mark-at")) {
                later(Long.parseLong(a.getOrDefault("hover-at", "2000")), () -> hover(lanes, a.get("hover")));
            }
            if (a.containsKey("mark-at") && run != null) markAt(run, lanes, Double.parseDouble(a.get("mark-at")),
                    a.get("hover"));
            if (a.containsKey("exit-after")) later(Long.parseLong(a.get("exit-after")), Platform::exit);
        }

        /** Prints the spread of intervals between pulses seen during the first {@code ms} after two seconds. */
        private static void measurePulses(long ms) {
            long[] intervals = new long[100_000];
            int[] n = {0};
            long[] last = {0}, from = {System.nanoTime() + 2_000_000_000L};
            new AnimationTimer() {
                @Override
                public void handle(long now) {
                    if (now < from[0]) return;
                    if (last[0] != 0 && n[0] < intervals.length) intervals[n[0]++] = now - last[0];
                    last[0] = now;
                    if (now - from[0] > ms * 1_000_000) {
                        stop();
                        long[] v = java.util.Arrays.copyOf(intervals, n[0]);
                        java.util.Arrays.sort(v);
                        double mean = java.util.Arrays.stream(v).average().orElse(0) / 1e6;
                        System.out.printf("pulses: %d in %d ms, mean interval %.2f ms (%.1f fps), p50 %.2f, p99 %.2f,"
                                        + " max %.2f ms%n", v.length, ms, mean, 1000 / mean, v[v.length / 2] / 1e6,
                                v[(int) (v.length * 0.99)] / 1e6, v[v.length - 1] / 1e6);
                    }
                }
            }.start();
        }

        /** Moves the pointer over lane NAME at time UNITS ("consumer-2@1.5"), with the FX robot. */
        private static void hover(LanesView lanes, String where) {
            String name = where.substring(0, where.indexOf('@'));
            double units = Double.parseDouble(where.substring(where.indexOf('@') + 1));
            TimelineModel model = lanes.getModel();
            LanesViewSkin skin = (LanesViewSkin) lanes.getSkin();
            for (int i = 0; i < model.laneCount(); i++) {
                if (!model.lane(i).thread().name().equals(name)) continue;
                double x = skin.xForTime((long) (units * lanes.getNanosPerUnit()));
                double y = skin.laneBounds(model.lane(i).thread().id()).getCenterY();
                new Robot().mouseMove(lanes.localToScreen(x, y));
                return;
            }
            System.err.println("no lane " + name);
        }

        /**
         * Once the run reaches {@code units}: pauses it (the lanes freeze), moves the pointer if asked, and prints
         * {@code MARK} so that a script knows the window is ready for a screenshot.
         */
        private static void markAt(ScenarioRun run, LanesView lanes, double units, String hoverAt) {
            Thread t = new Thread(() -> {
                try {
                    while (run.elapsedUnits() < units) TimeUnit.MILLISECONDS.sleep(5);
                    run.pause();
                    FxBridge.post(() -> {
                        if (hoverAt != null) hover(lanes, hoverAt);
                    });
                    TimeUnit.MILLISECONDS.sleep(2000);
                    System.out.println("MARK");
                    System.out.flush();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "demo-mark");
            t.setDaemon(true);
            t.start();
        }

        /** Runs {@code action} on the FX thread after {@code ms}, from a daemon timer thread. */
        private static void later(long ms, Runnable action) {
            Thread t = new Thread(() -> {
                try {
                    TimeUnit.MILLISECONDS.sleep(ms);
                    FxBridge.post(action);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "demo-timer");
            t.setDaemon(true);
            t.start();
        }

        @Override
        public void stop() {
            if (bridge != null) bridge.close();
            if (run != null) run.cancel();
        }

        private static Map<String, String> options(String[] args) {
            Map<String, String> m = new HashMap<>();
            for (int i = 0; i + 1 < args.length; i += 2) m.put(args[i].replaceFirst("^--", ""), args[i + 1]);
            return m;
        }
    }
}
