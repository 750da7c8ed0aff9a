package org.threadlanes.bench;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

import javax.imageio.ImageIO;

import atlantafx.base.theme.PrimerLight;
import javafx.animation.AnimationTimer;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Bounds;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Pane;
import javafx.scene.layout.StackPane;
import javafx.scene.paint.Color;
import javafx.scene.shape.Rectangle;
import javafx.stage.Stage;

import org.threadlanes.trace.Event;
import org.threadlanes.ui.FxBridge;
import org.threadlanes.ui.app.MainView;
import org.threadlanes.ui.app.MainViewModel;
import org.threadlanes.ui.lanes.LanesView;
import org.threadlanes.ui.lanes.StateLegend;
import org.threadlanes.ui.lanes.TimelineModel;

/**
 * Frame-time probe of the lanes in a real window: opens the app's {@link MainView} (or a bare {@link LanesView}) on a
 * synthetic run of N lanes and about 1M events (the data of {@link RenderBench}), follows "now" as in a live run
 * (the clock advances, events arrive through the {@link FxBridge} every 5 ms as the recorder delivers them, a few
 * ms late), and prints the pulse rate and the FX thread's work per pulse. Not a test and not JMH: it needs a display
 * (Xvfb) and measures what a viewer sees.
 *
 * <pre>
 * mvn -B -o -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 * xvfb-run -a -s "-screen 0 1600x1000x24" java -Dprism.verbose=true \
 *     -cp target/classes:target/test-classes:$(cat target/cp.txt) org.threadlanes.bench.LanesFrameProbe --lanes 256
 * </pre>
 *
 * Options (all optional): {@code --lanes N} (256), {@code --events N} (1,100,000 in all, spread over the lanes; a
 * little over 1M are in the model when the measurement starts),
 * {@code --mode app|lanes} ({@code app}: the main window; {@code lanes}: a bare lanes view and its legend filling the
 * window), {@code --ceiling none|idle|fill} ({@code idle}: the lanes view hidden, nothing to repaint; {@code fill}:
 * the lanes view hidden and a plain rectangle over its place repainted every pulse: the ceiling of this machine's
 * pipeline for that area), {@code --seconds S} (10, measured after {@code --warmup S}, 3), {@code --units-per-second U} (1, as the app's
 * default 1000 ms unit), {@code --visible UNITS} (10), {@code --lane-height PX}, {@code --snapshot FILE} (a scene
 * snapshot at the end).
 *
 * <p>Printed: pulses per second (each pulse paints one frame when something changed), the spread of intervals
 * between pulses, and the FX thread's busy time per pulse: from the first animation timer of the pulse (this probe's,
 * started first) to the end of layout ({@link Scene#addPostLayoutPulseListener}), so the lanes' own drawing, CSS and
 * layout; not the render thread's rasterization, which shows up in the intervals.
 */
public final class LanesFrameProbe {
    private static final double NS_PER_UNIT = 100_000_000;

    private LanesFrameProbe() {
    }

    /** Launches the probe window; see the class comment. */
    public static void main(String[] args) {
        Application.launch(App.class, args);
    }

    /** The probe's window. */
    public static final class App extends Application {
        private final long[] intervals = new long[200_000];
        private final long[] busy = new long[200_000];
        private int count;
        private long lastPulse, pulseStart, measureFrom, measureTo;
        private volatile boolean feeding = true;

        @Override
        public void start(Stage stage) {
            Map<String, String> a = options(getParameters().getRaw());
            String mode = a.getOrDefault("mode", "app");
            String ceiling = a.getOrDefault("ceiling", "none");
            int lanesN = Integer.parseInt(a.getOrDefault("lanes", "256"));
            int total = Integer.parseInt(a.getOrDefault("events", "1100000"));
            double seconds = Double.parseDouble(a.getOrDefault("seconds", "10"));
            double warmup = Double.parseDouble(a.getOrDefault("warmup", "3"));
            double ups = Double.parseDouble(a.getOrDefault("units-per-second", "1"));
            double visible = Double.parseDouble(a.getOrDefault("visible", "10"));

            // The data: RenderBench's segments, in time order and renumbered so, as a recorder would deliver them.
            // Each lane's segments are a random walk: cut them all where the shortest lane ends, so that every lane
            // keeps changing while the probe measures.
            List<Event> raw = RenderBench.events(lanesN, Math.max(1, total / lanesN));
            Map<Long, Long> laneEnd = new HashMap<>();
            for (Event e : raw) laneEnd.merge(e.threadId(), e.tNs(), Math::max);
            long lastNs = laneEnd.values().stream().mapToLong(Long::longValue).min().orElse(0);
            raw.removeIf(e -> e.tNs() > lastNs);
            raw.sort(Comparator.comparingLong(Event::tNs));
            List<Event> events = new ArrayList<>(raw.size());
            long seq = 1;
            for (Event e : raw) {
                events.add(new Event(seq++, e.tNs(), e.thread(), e.kind(), e.state(), e.reason(), e.detail(),
                        e.task(), e.peer(), e.outcome(), e.line()));
            }
            long needNs = (long) ((warmup + seconds + 5) * ups * NS_PER_UNIT);
            // Start late enough for the data to last the whole measurement, and no later.
            long startNs = Math.max(0, lastNs - needNs);
            int preload = firstAfter(events, startNs);

            LanesView lanes;
            Parent root;
            TimelineModel model;
            MainViewModel vm = null;
            if (mode.equals("lanes")) {
                Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
                model = new TimelineModel();
                lanes = new LanesView(model);
                root = new BorderPane(lanes, new StateLegend(lanes), null, null, null);
            } else {
                vm = MainViewModel.forApp();
                MainView view = new MainView(vm);
                lanes = view.lanes();
                // The "press Run" hint over the lanes: no run is started here, the events are made up.
                view.lookupAll(".lanes-placeholder").forEach(n -> {
                    n.visibleProperty().unbind();
                    n.setVisible(false);
                });
                model = vm.timeline();
                root = view;
            }
            model.accept(events.subList(0, preload));
            long wallStart = System.nanoTime();
            LongSupplier clock = () -> startNs + (long) ((System.nanoTime() - wallStart) * ups * NS_PER_UNIT / 1e9);
            lanes.nanosPerUnitProperty().unbind();
            lanes.setNanosPerUnit(NS_PER_UNIT);
            lanes.setClock(clock);
            lanes.setVisibleUnits(visible);
            lanes.setFollowNow(true);
            if (a.containsKey("lane-height")) lanes.setLaneHeight(Double.parseDouble(a.get("lane-height")));

            Pane overlay = new Pane();
            overlay.setMouseTransparent(true);
            Rectangle filler = new Rectangle();
            if (!ceiling.equals("none")) {
                lanes.setVisible(false);
                if (ceiling.equals("fill")) overlay.getChildren().add(filler);
            }
            Scene scene = new Scene(new StackPane(root, overlay), 1600, 1000);

            FxBridge bridge = new FxBridge(model::accept);
            startFeeder(events, preload, clock, bridge);

            measureFrom = System.nanoTime() + (long) (warmup * 1e9);
            measureTo = measureFrom + (long) (seconds * 1e9);
            // Started before the view is shown, so that it runs first in every pulse.
            new AnimationTimer() {
                private boolean flip;

                @Override
                public void handle(long now) {
                    long t = System.nanoTime();
                    if (ceiling.equals("fill")) {
                        // A change every pulse over the lanes' place: that area is repainted each frame.
                        Bounds b = lanes.localToScene(lanes.getLayoutBounds());
                        filler.setX(b.getMinX());
                        filler.setY(b.getMinY());
                        filler.setWidth(b.getWidth());
                        filler.setHeight(b.getHeight());
                        filler.setFill((flip = !flip) ? Color.WHITE : Color.rgb(254, 254, 254));
                    }
                    if (t >= measureFrom && lastPulse != 0 && count < intervals.length) {
                        intervals[count++] = now - lastPulse;
                    }
                    lastPulse = now;
                    pulseStart = t;
                    if (t >= measureTo) {
                        stop();
                        finish(stage, a, mode + (ceiling.equals("none") ? "" : ", ceiling=" + ceiling), lanesN,
                                model, lanes, bridge, ups, visible);
                    }
                }
            }.start();
            scene.addPostLayoutPulseListener(() -> {
                if (pulseStart >= measureFrom && count > 0 && count <= busy.length) {
                    busy[count - 1] = System.nanoTime() - pulseStart;
                }
            });
            stage.setTitle("ThreadLanes frame probe");
            stage.setScene(scene);
            stage.show();
        }

        private void startFeeder(List<Event> events, int from, LongSupplier clock, FxBridge bridge) {
            Thread t = new Thread(() -> {
                int next = from;
                List<Event> batch = new ArrayList<>();
                while (feeding && next < events.size()) {
                    // Like the recorder: every 5 ms, whatever happened up to now (so up to 5 ms late, plus the hop).
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
                    long now = clock.getAsLong();
                    batch.clear();
                    while (next < events.size() && events.get(next).tNs() <= now) batch.add(events.get(next++));
                    if (!batch.isEmpty()) bridge.listener().onEvents(List.copyOf(batch));
                }
            }, "probe-feeder");
            t.setDaemon(true);
            t.start();
        }

        private void finish(Stage stage, Map<String, String> a, String mode, int lanesN, TimelineModel model,
                            LanesView lanes, FxBridge bridge, double ups, double visible) {
            feeding = false;
            long[] v = Arrays.copyOf(intervals, count);
            long[] b = Arrays.copyOf(busy, count);
            Arrays.sort(v);
            Arrays.sort(b);
            double mean = Arrays.stream(v).average().orElse(0) / 1e6;
            double meanBusy = Arrays.stream(b).average().orElse(0) / 1e6;
            System.out.printf(Locale.ROOT, "probe mode=%s lanes=%d events=%d (delivered live %d) view=%.0fx%.0f "
                            + "visible=%.0f units, %.2f units/s, pipeline=%s%n", mode, lanesN, model.eventCount(),
                    bridge.eventsDelivered(), lanes.getWidth(), lanes.getHeight(), visible, ups, pipeline());
            System.out.printf(Locale.ROOT, "frames: %d in %.1f s, %.1f fps; interval mean %.2f ms, p50 %.2f, p95 %.2f,"
                            + " max %.2f ms%n", v.length, (measureTo - measureFrom) / 1e9, 1000 / mean, mean,
                    pct(v, 0.5), pct(v, 0.95), v.length == 0 ? 0 : v[v.length - 1] / 1e6);
            System.out.printf(Locale.ROOT, "FX thread per pulse (animation+CSS+layout): mean %.2f ms, p50 %.2f, p95 %.2f,"
                    + " max %.2f ms (budget 16.7)%n", meanBusy, pct(b, 0.5), pct(b, 0.95),
                    b.length == 0 ? 0 : b[b.length - 1] / 1e6);
            if (a.containsKey("snapshot")) {
                try {
                    File f = new File(a.get("snapshot"));
                    if (f.getParentFile() != null) f.getParentFile().mkdirs();
                    ImageIO.write(SwingFXUtils.fromFXImage(stage.getScene().snapshot(null), null), "png", f);
                    System.out.println("snapshot: " + f);
                } catch (IOException e) {
                    System.err.println("snapshot failed: " + e);
                }
            }
            bridge.close();
            Platform.exit();
        }

        private static double pct(long[] sorted, double p) {
            return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) (sorted.length * p))] / 1e6;
        }

        /** The Prism pipeline in use (class path only: the internal class is reachable from the unnamed module). */
        private static String pipeline() {
            try {
                Object p = Class.forName("com.sun.prism.GraphicsPipeline").getMethod("getPipeline").invoke(null);
                return p == null ? "none" : p.getClass().getSimpleName();
            } catch (ReflectiveOperationException | RuntimeException e) {
                return "unknown (" + e + ")";
            }
        }

        private static int firstAfter(List<Event> sorted, long tNs) {
            int lo = 0, hi = sorted.size();
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (sorted.get(mid).tNs() <= tNs) lo = mid + 1;
                else hi = mid;
            }
            return lo;
        }

        private static Map<String, String> options(List<String> args) {
            Map<String, String> m = new HashMap<>();
            for (int i = 0; i + 1 < args.size(); i += 2) m.put(args.get(i).replaceFirst("^--", ""), args.get(i + 1));
            return m;
        }
    }
}
