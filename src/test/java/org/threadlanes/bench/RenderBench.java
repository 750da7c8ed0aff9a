package org.threadlanes.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import atlantafx.base.theme.PrimerLight;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import org.threadlanes.trace.BlockReason;
import org.threadlanes.trace.Event;
import org.threadlanes.trace.EventKind;
import org.threadlanes.trace.ThreadRef;
import org.threadlanes.trace.ThreadState;
import org.threadlanes.ui.FxBridge;
import org.threadlanes.ui.lanes.LanesView;
import org.threadlanes.ui.lanes.LanesViewSkin;
import org.threadlanes.ui.lanes.TimelineModel;

/**
 * Frame time of the lanes: 256 lanes of 4,000 segments each (1,024,000 events), a 10-unit visible window at the end
 * of the run, in a 1600 x 1000 view.
 *
 * <ul>
 *   <li>{@code frame}: a full repaint (as after a zoom or a resize), the FX thread's share of it (the canvas
 *       commands);</li>
 *   <li>{@code frameRasterized}: a full repaint plus rasterizing the view in software (a snapshot, on the FX
 *       thread): an upper bound of a whole frame, including the snapshot's own read-back;</li>
 *   <li>{@code followFrame}, {@code followFrameRasterized}: the same for a frame of a live run, "now" one 60th of a
 *       second (at one unit a second) later than the frame before: the tiles move and only what changed is
 *       repainted.</li>
 * </ul>
 * For frames per second in a real window, see {@link LanesFrameProbe}.
 * {@code laneHeight} 46 is the default look (about twenty lanes in view); 3.5 puts all 256 lanes on screen at once.
 *
 * <pre>mvn -B -Pbench -DskipTests verify -Dbench.args="RenderBench"</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Dglass.platform=Monocle", "-Dmonocle.platform=Headless", "-Dprism.order=sw",
        "-Djava.awt.headless=true", "-Xmx2g"})
public class RenderBench {
    static final int LANES = 256, SEGMENTS = 4_000;
    static final double NS_PER_UNIT = 100_000_000, MEAN_SEGMENT_UNITS = 0.1, VISIBLE_UNITS = 10;

    @Param({"46", "3.5"})
    public double laneHeight;

    /** Model time between two frames of a live run shown at one unit a second, 60 frames a second. */
    private static final long FRAME_NS = (long) (NS_PER_UNIT / 60);

    private LanesView view;
    private LanesViewSkin skin;
    private Node surface;
    private long now, firstNs, endNs;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        CompletableFuture<Void> started = new CompletableFuture<>();
        try {
            Platform.startup(() -> started.complete(null));
        } catch (IllegalStateException alreadyRunning) {
            started.complete(null);
        }
        started.get(30, TimeUnit.SECONDS);
        List<Event> events = events(LANES, SEGMENTS);
        onFx(() -> {
            Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
            TimelineModel model = new TimelineModel();
            model.accept(events);
            view = new LanesView(model);
            endNs = model.endNs();
            firstNs = (long) (20 * NS_PER_UNIT);
            now = endNs;
            view.setClock(() -> now);
            view.setNanosPerUnit(NS_PER_UNIT);
            view.setVisibleUnits(VISIBLE_UNITS);
            view.setLaneHeight(laneHeight);
            // A scene that is never shown: the skin's timer stays off, and the benchmark thread may draw.
            new Scene(view, 1600, 1000);
            view.applyCss();
            view.layout();
            skin = (LanesViewSkin) view.getSkin();
            surface = view.getChildrenUnmodifiable().get(0);
            skin.redraw();
        });
    }

    /** Every iteration starts at the end of the run (a live run's follow frames go round from its 20th unit). */
    @Setup(Level.Iteration)
    public void toTheEnd() {
        now = endNs;
    }

    /** Segments of random length, cycling READY, RUNNING a task, BLOCKED on something, with the texts a run has. */
    public static List<Event> events(int lanes, int segments) {
        SplittableRandom rnd = new SplittableRandom(42);
        long[] t = new long[lanes];
        ThreadRef[] refs = new ThreadRef[lanes];
        for (int l = 0; l < lanes; l++) refs[l] = new ThreadRef(1 + l, "worker-" + (l + 1), "worker");
        BlockReason[] reasons = {BlockReason.LOCK, BlockReason.SLEEP, BlockReason.FUTURE, BlockReason.QUEUE};
        String[] details = {"lock A held by worker-2", "sleep 2", "future #3 fib(10)", "queue jobs is empty"};
        List<Event> out = new ArrayList<>(lanes * segments);
        long seq = 1;
        for (int s = 0; s < segments; s++) {
            for (int l = 0; l < lanes; l++) {
                ThreadRef r = refs[l];
                int k = (s + l) % 3;
                Event e = switch (k) {
                    case 0 -> new Event(seq, t[l], r, EventKind.STATE, ThreadState.READY, null, null, 0, 0, null, 3);
                    case 1 -> new Event(seq, t[l], r, EventKind.STARTED, ThreadState.RUNNING, null,
                            "fib(" + (s % 30) + ")", s + 1, 0, null, 4);
                    default -> {
                        int i = (s + l) % reasons.length;
                        yield new Event(seq, t[l], r, EventKind.STATE, ThreadState.BLOCKED, reasons[i], details[i], 0,
                                0, null, 5);
                    }
                };
                out.add(e);
                seq++;
                t[l] += (long) (-Math.log(1 - rnd.nextDouble()) * MEAN_SEGMENT_UNITS * NS_PER_UNIT) + 1;
            }
        }
        return out;
    }

    /** The FX thread's share of a full repaint: every canvas command of it. */
    @Benchmark
    public void frame() {
        skin.repaintAll();
        skin.redraw();
    }

    /** A full repaint and a software rasterization of the view, on the FX thread. */
    @Benchmark
    public Object frameRasterized() throws Exception {
        return rasterized(true);
    }

    /** The FX thread's share of a frame of a live run: "now" moves on, the tiles move, what changed is repainted. */
    @Benchmark
    public void followFrame() {
        advance();
        skin.redraw();
    }

    /**
     * "Now" one frame later; past the end of the data, back to its 20th unit (a clock going back: one full repaint
     * in tens of thousands of frames), so that every frame shows a window full of segments.
     */
    private void advance() {
        now += FRAME_NS;
        if (now > endNs) now = firstNs;
    }

    /** A frame of a live run and a software rasterization of the view, on the FX thread. */
    @Benchmark
    public Object followFrameRasterized() throws Exception {
        return rasterized(false);
    }

    private Object rasterized(boolean full) throws Exception {
        CompletableFuture<Object> done = new CompletableFuture<>();
        FxBridge.post(() -> {
            if (full) {
                skin.repaintAll();
            } else {
                advance();
            }
            skin.redraw();
            done.complete(surface.snapshot(null, null));
        });
        return done.get(10, TimeUnit.SECONDS);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        Platform.exit();
    }

    private static void onFx(Runnable action) throws Exception {
        CompletableFuture<Void> done = new CompletableFuture<>();
        FxBridge.post(() -> {
            try {
                action.run();
                done.complete(null);
            } catch (Throwable e) {
                done.completeExceptionally(e);
            }
        });
        done.get(120, TimeUnit.SECONDS);
    }
}
