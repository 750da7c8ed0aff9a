package org.threadlanes.ui.lanes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import javax.imageio.ImageIO;

import atlantafx.base.theme.PrimerLight;
import javafx.application.Application;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javafx.scene.control.ScrollBar;
import javafx.scene.input.MouseButton;
import javafx.scene.input.PickResult;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Pane;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import org.threadlanes.scenario.ScenarioRun;
import org.threadlanes.scenario.Scenarios;
import org.threadlanes.scenario.Settings;
import org.threadlanes.trace.BlockReason;
import org.threadlanes.trace.Event;
import org.threadlanes.trace.EventKind;
import org.threadlanes.trace.ThreadRef;
import org.threadlanes.trace.ThreadState;
import org.threadlanes.ui.FxBridge;
import org.threadlanes.ui.lanes.TimelineModelTest.Events;

/** LanesView and StateLegend on a real (headless) stage: lanes, hover card, legend, selection, navigation. */
@ExtendWith(ApplicationExtension.class)
@Timeout(60)
class LanesViewTest {
    private static final double NS_PER_UNIT = 100_000_000; // 1 unit = 100 ms
    private static final ThreadRef A = new ThreadRef(21, "alpha", "thread");
    private static final ThreadRef B = new ThreadRef(22, "beta", "worker");

    private Stage stage;
    private BorderPane root;
    private TimelineModel model;
    private LanesView view;
    private StateLegend legend;

    @Start
    void start(Stage stage) {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        this.stage = stage;
        model = new TimelineModel();
        view = new LanesView(model);
        legend = new StateLegend(view);
        root = new BorderPane(view, legend, null, null, null);
        stage.setScene(new Scene(root, 1200, 700));
        stage.show();
    }

    private LanesViewSkin skin() {
        return (LanesViewSkin) view.getSkin();
    }

    private static long u(double units) {
        return Math.round(units * NS_PER_UNIT);
    }

    /** alpha: RUNNING 0-1, BLOCKED on a lock 1-3, RUNNING 3-4, CONCLUDED from 4; beta: READY 0.5, RUNNING from 2. */
    private void showSyntheticRun(FxRobot robot) {
        robot.interact(() -> {
            view.setNanosPerUnit(NS_PER_UNIT);
            view.setClock(() -> u(5));
            view.setFollowNow(false);
            view.setVisibleUnits(10);
            model.accept(new Events()
                    .state(0, A, ThreadState.RUNNING)
                    .state(u(0.5), B, ThreadState.READY)
                    .blocked(u(1), A, BlockReason.LOCK, "lock A held by beta")
                    .state(u(2), B, ThreadState.RUNNING)
                    .state(u(3), A, ThreadState.RUNNING)
                    .state(u(4), A, ThreadState.CONCLUDED)
                    .list);
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** A point in the middle of thread {@code t}'s lane at time {@code tNs}, on screen. */
    private Point2D at(ThreadRef t, long tNs) {
        AtomicReference<Point2D> p = new AtomicReference<>();
        new FxRobot().interact(() -> {
            Bounds lane = skin().laneBounds(t.id());
            p.set(view.localToScreen(skin().xForTime(tNs), lane.getCenterY()));
        });
        return p.get();
    }

    private Color pixel(WritableImage image, Point2D screen) {
        Point2D local = view.screenToLocal(screen);
        return image.getPixelReader().getColor((int) local.getX(), (int) local.getY());
    }

    private WritableImage snapshot(FxRobot robot) {
        AtomicReference<WritableImage> img = new AtomicReference<>();
        robot.interact(() -> {
            skin().redraw();
            img.set(view.snapshot(null, null));
        });
        return img.get();
    }

    /** Every thread of a real run gets a lane, in view, and a picture of it is written to target/snapshots. */
    @Test
    void lanesAppearForEveryThreadOfARealRun(FxRobot robot) throws Exception {
        ScenarioRun run = new ScenarioRun(Scenarios.require("fibonacci-condition"), new Settings(4, 2, 20));
        FxBridge bridge = new FxBridge(model::accept);
        run.recorder().addListener(bridge.listener());
        robot.interact(() -> {
            view.setNanosPerUnit(run.units().toNanos(1));
            view.setClock(run::elapsedNs);
            view.setVisibleUnits(4);
        });
        try {
            run.start();
            assertEquals(ScenarioRun.Status.COMPLETED, run.completion().get(30, TimeUnit.SECONDS));
            long total = run.recorder().size();
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> bridge.eventsDelivered() == total);
            WaitForAsyncUtils.waitForFxEvents();

            Set<String> names = new HashSet<>();
            robot.interact(() -> {
                for (int i = 0; i < model.laneCount(); i++) {
                    ThreadRef t = model.lane(i).thread();
                    names.add(t.name());
                    Bounds b = skin().laneBounds(t.id());
                    assertTrue(b.getMinY() >= 0 && b.getMaxY() <= view.getHeight(), t.name() + " out of view: " + b);
                }
            });
            assertEquals(Set.of("main", "consumer-1", "consumer-2", "consumer-3", "consumer-4", "producer"), names);

            // Hover a consumer's wait on the condition, so that the picture shows the hover card too.
            AtomicReference<ThreadRef> consumer = new AtomicReference<>();
            long[] mid = {-1};
            robot.interact(() -> {
                // The whole run in view, however long a loaded machine made it.
                view.setVisibleUnits(run.elapsedUnits() * 1.05);
                skin().scrollTo(0);
                skin().redraw();
                TimelineModel.Lane lane = laneNamed("consumer-1");
                consumer.set(lane.thread());
                for (int i = 0; i < lane.segmentCount() && mid[0] < 0; i++) {
                    if (lane.segmentReason(i) == BlockReason.CONDITION) {
                        mid[0] = (lane.segmentStartNs(i) + lane.segmentEndNs(i, run.elapsedNs())) / 2;
                    }
                }
            });
            assertTrue(mid[0] >= 0, "consumer-1 never waited on the condition");
            robot.moveTo(at(consumer.get(), mid[0]));
            WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> skin().hoverText() != null);
            assertTrue(skin().hoverText().contains("condition ready"), skin().hoverText());

            AtomicReference<WritableImage> shot = new AtomicReference<>();
            robot.interact(() -> shot.set(stage.getScene().snapshot(null)));
            Path dir = Path.of("target", "snapshots");
            Files.createDirectories(dir);
            File png = dir.resolve("lanes.png").toFile();
            ImageIO.write(SwingFXUtils.fromFXImage(shot.get(), null), "png", png);
            assertTrue(png.length() > 10_000, "snapshot too small: " + png.length());
        } finally {
            bridge.close();
            run.cancel();
            assertTrue(run.awaitThreadsEnded(10, TimeUnit.SECONDS), "threads of the run still alive");
        }
    }

    private TimelineModel.Lane laneNamed(String name) {
        for (int i = 0; i < model.laneCount(); i++) {
            if (model.lane(i).thread().name().equals(name)) return model.lane(i);
        }
        throw new AssertionError("no lane " + name);
    }

    /** Hovering a segment shows its state, reason, detail, exact times in units and ms, and its event. */
    @Test
    void hoveringASegmentShowsItsExactTimesAndEvent(FxRobot robot) throws Exception {
        showSyntheticRun(robot);
        robot.moveTo(at(A, u(2)));
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> skin().hoverText() != null);
        String text = skin().hoverText();
        assertTrue(text.contains("alpha"), text);
        assertTrue(text.contains("BLOCKED (lock) \u2014 lock A held by beta"), text);
        assertTrue(text.contains("from 1.000 u (100.0 ms)  to 3.000 u (300.0 ms)"), text);
        assertTrue(text.contains("lasted 2.000 u (200.0 ms)"), text);
        assertTrue(text.contains("event #3 STATE"), text);
        assertTrue(robot.lookup(".lanes-tooltip").query().isVisible());
    }

    /** The hover card of a segment still going says so. */
    @Test
    void hoveringTheOpenSegmentShowsTimeSoFar(FxRobot robot) throws Exception {
        showSyntheticRun(robot);
        robot.moveTo(at(B, u(4.5)));
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> skin().hoverText() != null);
        assertTrue(skin().hoverText().contains("to now 5.000 u (500.0 ms)"), skin().hoverText());
        assertTrue(skin().hoverText().contains("so far 3.000 u (300.0 ms)"), skin().hoverText());
    }

    /** Clicking a legend state hides it in the lanes and crosses the entry out; clicking again shows it. */
    @Test
    void clickingALegendStateTogglesItInHiddenStates(FxRobot robot) {
        Node entry = robot.lookup("#legend-blocked").query();
        robot.clickOn(entry);
        assertEquals(Set.of(ThreadState.BLOCKED), view.getHiddenStates());
        assertTrue(entry.getPseudoClassStates().contains(LanesStyles.OFF));
        robot.clickOn(entry);
        assertTrue(view.getHiddenStates().isEmpty());
        assertFalse(entry.getPseudoClassStates().contains(LanesStyles.OFF));
    }

    /** Each legend entry explains its state in a tooltip. */
    @Test
    void legendEntriesExplainTheirState() {
        StateLegendSkin s = (StateLegendSkin) legend.getSkin();
        for (ThreadState state : ThreadState.values()) {
            assertTrue(s.entry(state).getTooltip().getText().startsWith(state.name() + ":"), state.name());
        }
    }

    /** A hidden state's segments are drawn as empty lane. */
    @Test
    void hiddenStateIsDrawnEmpty(FxRobot robot) {
        showSyntheticRun(robot);
        Point2D blocked = at(A, u(2.3));
        Point2D empty = at(A, u(7.7)); // after now, between grid lines: nothing drawn there
        WritableImage before = snapshot(robot);
        assertNotEquals(pixel(before, empty), pixel(before, blocked));

        robot.interact(() -> view.getHiddenStates().add(ThreadState.BLOCKED));
        WritableImage after = snapshot(robot);
        assertEquals(pixel(after, empty), pixel(after, blocked));
    }

    /** A concluded lane dims; a running one stays opaque. */
    @Test
    void concludedLaneIsDimmed(FxRobot robot) throws Exception {
        showSyntheticRun(robot);
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS,
                () -> skin().laneOpacity(A.id()) <= LanesViewSkin.DIMMED_OPACITY + 1e-9
                        && skin().laneOpacity(B.id()) == 1.0);
        assertTrue(skin().isLaneDimmed(A.id()));
        assertFalse(skin().isLaneDimmed(B.id()));
    }

    /** A lane that appears while the view is showing fades in from transparent. */
    @Test
    void newLaneFadesIn(FxRobot robot) throws Exception {
        showSyntheticRun(robot);
        ThreadRef late = new ThreadRef(99, "late", "thread");
        AtomicReference<Double> first = new AtomicReference<>();
        robot.interact(() -> {
            model.accept(List.of(new Event(7, u(4.9), late, EventKind.STATE, ThreadState.CREATED, null, null, 0, 0,
                    null, 0)));
            skin().redraw();
            first.set(skin().laneOpacity(late.id()));
        });
        assertTrue(first.get() < 0.2, "first frame opacity " + first.get());
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> skin().laneOpacity(late.id()) == 1.0);
    }

    /** Clicking a lane selects its thread. */
    @Test
    void clickingALaneSelectsIt(FxRobot robot) {
        showSyntheticRun(robot);
        robot.clickOn(at(B, u(1)), MouseButton.PRIMARY);
        assertEquals(B, view.getSelectedThread());
        robot.clickOn(at(A, u(0.5)), MouseButton.PRIMARY);
        assertEquals(A, view.getSelectedThread());
    }

    /** Dragging along the time axis pans and turns follow-now off. */
    @Test
    void draggingPansAndTurnsFollowNowOff(FxRobot robot) {
        showSyntheticRun(robot);
        robot.interact(() -> view.setFollowNow(true));
        WaitForAsyncUtils.waitForFxEvents();
        Point2D from = at(B, u(3));
        robot.drag(from, MouseButton.PRIMARY).moveTo(from.add(-200, 0)).release(MouseButton.PRIMARY);
        assertFalse(view.isFollowNow());
        assertTrue(skin().viewStartNs() > 0, "view did not pan: " + skin().viewStartNs());
    }

    /** Ctrl + wheel zooms the time axis; the plain wheel does not. */
    @Test
    void ctrlWheelZooms(FxRobot robot) {
        showSyntheticRun(robot);
        Point2D p = at(B, u(3));
        robot.interact(() -> scroll(p, -40, false));
        assertEquals(10, view.getVisibleUnits(), 1e-9);
        robot.interact(() -> scroll(p, -40, true));
        assertTrue(view.getVisibleUnits() > 10, "zoomed out to " + view.getVisibleUnits());
        robot.interact(() -> scroll(p, 80, true));
        assertTrue(view.getVisibleUnits() < 10, "zoomed in to " + view.getVisibleUnits());
    }

    private void scroll(Point2D screen, double deltaY, boolean ctrl) {
        Node canvas = view.getChildrenUnmodifiable().get(0); // the skin's canvas
        Point2D local = canvas.screenToLocal(screen);
        canvas.fireEvent(new ScrollEvent(ScrollEvent.SCROLL, local.getX(), local.getY(), screen.getX(),
                screen.getY(), false, ctrl, false, false, false, false, 0, deltaY, 0, deltaY,
                ScrollEvent.HorizontalTextScrollUnits.NONE, 0, ScrollEvent.VerticalTextScrollUnits.NONE, 0, 0,
                new PickResult(canvas, local.getX(), local.getY())));
    }

    /** With more lanes than fit, a vertical scroll bar appears and the plain wheel scrolls the lanes. */
    @Test
    void manyLanesScrollVertically(FxRobot robot) {
        showSyntheticRun(robot);
        robot.interact(() -> {
            Events ev = new Events();
            for (int i = 0; i < 60; i++) ev.state(u(1), new ThreadRef(500 + i, "extra-" + i, "worker"), ThreadState.READY);
            // Renumber after the synthetic run's six events.
            model.accept(ev.list.stream().map(e -> new Event(e.seq() + 6, e.tNs(), e.thread(), e.kind(), e.state(),
                    null, null, 0, 0, null, 0)).toList());
        });
        WaitForAsyncUtils.waitForFxEvents();
        ScrollBar bar = robot.lookup(".lanes-view .scroll-bar").queryAs(ScrollBar.class);
        assertTrue(bar.isVisible(), "no scroll bar for 62 lanes");
        Bounds before = skin().laneBounds(A.id());
        Point2D p = at(B, u(3));
        robot.interact(() -> scroll(p, -200, false));
        robot.interact(() -> skin().redraw());
        assertTrue(bar.getValue() > 0, "the wheel did not scroll");
        assertEquals(before.getMinY() - bar.getValue(), skin().laneBounds(A.id()).getMinY(), 1e-6);
        assertEquals(10, view.getVisibleUnits(), 1e-9, "the plain wheel must not zoom");
    }

    /** The animation timer runs only while the view is showing, and disposing the skin stops it. */
    @Test
    void timerRunsOnlyWhileShowingAndStopsOnDispose(FxRobot robot) {
        assertTrue(skin().isTimerRunning());
        robot.interact(() -> root.setCenter(new Pane()));
        assertFalse(skin().isTimerRunning());
        robot.interact(() -> root.setCenter(view));
        assertTrue(skin().isTimerRunning());
        robot.interact(() -> view.setVisible(false));
        assertFalse(skin().isTimerRunning());
        robot.interact(() -> view.setVisible(true));

        LanesViewSkin old = skin();
        robot.interact(() -> view.setSkin(new LanesViewSkin(view)));
        assertFalse(old.isTimerRunning());
        assertNull(old.getSkinnable());
        assertNotNull(skin());
        assertTrue(skin().isTimerRunning());
    }
    /** Waits until the lanes of {@code threads}, new and so fading in, are drawn opaque. */
    private void waitUntilOpaque(ThreadRef... threads) {
        try {
            WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> java.util.Arrays.stream(threads)
                    .allMatch(t -> skin().laneOpacity(t.id()) == 1.0));
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("lanes still fading in", e);
        }
    }

    /** Whether {@code actual} is {@code expected}, to a snapshot's 8-bit rounding. */
    private static boolean sameColour(Color expected, Color actual) {
        return Math.abs(expected.getRed() - actual.getRed()) < 0.01
                && Math.abs(expected.getGreen() - actual.getGreen()) < 0.01
                && Math.abs(expected.getBlue() - actual.getBlue()) < 0.01;
    }

    /** A point in thread {@code t}'s lane at time {@code tNs}, in the upper part of its segment (above any label). */
    private Point2D upperAt(ThreadRef t, long tNs) {
        AtomicReference<Point2D> p = new AtomicReference<>();
        new FxRobot().interact(() -> {
            Bounds lane = skin().laneBounds(t.id());
            p.set(view.localToScreen(skin().xForTime(tNs), lane.getMinY() + lane.getHeight() * 0.25));
        });
        return p.get();
    }

    /**
     * Issue 3 (60 fps): an event that arrives late, timed before the "now" already drawn, repaints the part of the
     * lane it changes (its tile), not only the strip the cursor moved on.
     */
    @Test
    void lateEventRepaintsItsTile(FxRobot robot) {
        AtomicLong clock = new AtomicLong(u(5));
        robot.interact(() -> {
            view.setNanosPerUnit(NS_PER_UNIT);
            view.setClock(clock::get);
            view.setFollowNow(false);
            view.setVisibleUnits(10);
            skin().scrollTo(0);
            model.accept(new Events().blocked(0, A, BlockReason.LOCK, "lock A held by beta")
                    .state(u(0.5), B, ThreadState.RUNNING).list);
        });
        waitUntilOpaque(A, B);
        Color running = view.fill(ThreadState.RUNNING);
        WritableImage before = snapshot(robot);
        assertFalse(sameColour(running, pixel(before, upperAt(A, u(4.5)))), "alpha is blocked at 4.5 units");

        // "Now" moves on to 5.5; the event that alpha ran again from 4 units arrives only now.
        robot.interact(() -> {
            clock.set(u(5.5));
            model.accept(List.of(new Event(3, u(4), A, EventKind.STATE, ThreadState.RUNNING, null, null, 0, 0, null,
                    0)));
        });
        WritableImage after = snapshot(robot);
        assertTrue(sameColour(running, pixel(after, upperAt(A, u(4.5)))), "the late event's segment is drawn");
        assertTrue(sameColour(running, pixel(after, upperAt(A, u(5.3)))), "the segment runs on to now");
        assertFalse(sameColour(running, pixel(after, upperAt(A, u(3)))), "alpha is still blocked at 3 units");
    }

    /**
     * Frames that repaint only what changed (the tiles moving with "now", events arriving in batches, some late)
     * leave the same picture as one full repaint.
     */
    @Test
    void incrementalFramesMatchAFullRepaint(FxRobot robot) throws Exception {
        AtomicLong clock = new AtomicLong(u(0.2));
        List<ThreadRef> threads = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) threads.add(new ThreadRef(300 + i, "lane-" + i, "worker"));
        robot.interact(() -> {
            view.setNanosPerUnit(NS_PER_UNIT);
            view.setClock(clock::get);
            view.setFollowNow(true);
            view.setVisibleUnits(3);
            Events first = new Events();
            for (ThreadRef t : threads) first.state(0, t, ThreadState.READY);
            model.accept(first.list);
        });
        // New lanes fade in: wait until they are all opaque, so that both pictures have the same opacity.
        waitUntilOpaque(threads.toArray(ThreadRef[]::new));

        java.util.SplittableRandom rnd = new java.util.SplittableRandom(7);
        ThreadState[] states = {ThreadState.READY, ThreadState.RUNNING, ThreadState.BLOCKED};
        long[] laneTime = new long[threads.size()];
        long seq = 100;
        for (int frame = 0; frame < 120; frame++) {
            long now = u(0.2 + frame * 0.05);
            List<Event> batch = new java.util.ArrayList<>();
            for (int l = 0; l < threads.size(); l++) {
                if (rnd.nextInt(3) != 0) continue;
                // Up to a fifth of a unit late, never before the lane's last event.
                long t = Math.max(laneTime[l], now - rnd.nextLong(u(0.2)));
                laneTime[l] = t;
                ThreadState st = states[rnd.nextInt(states.length)];
                batch.add(new Event(seq++, t, threads.get(l), EventKind.STATE, st,
                        st == ThreadState.BLOCKED ? BlockReason.SLEEP : null, st == ThreadState.RUNNING ? "fib(" + l
                        + ")" : null, 0, 0, null, 0));
            }
            robot.interact(() -> {
                clock.set(now);
                if (!batch.isEmpty()) model.accept(batch);
                skin().redraw();
            });
        }
        WritableImage incremental = snapshot(robot);
        AtomicReference<WritableImage> full = new AtomicReference<>();
        robot.interact(() -> {
            skin().repaintAll();
            skin().redraw();
            full.set(view.snapshot(null, null));
        });
        int w = (int) incremental.getWidth(), h = (int) incremental.getHeight(), differ = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (incremental.getPixelReader().getArgb(x, y) != full.get().getPixelReader().getArgb(x, y)) differ++;
            }
        }
        if (differ > 0) {
            // Both pictures, for looking at what went stale.
            Path dir = Files.createDirectories(Path.of("target", "snapshots"));
            ImageIO.write(SwingFXUtils.fromFXImage(incremental, null), "png", dir.resolve("incremental.png").toFile());
            ImageIO.write(SwingFXUtils.fromFXImage(full.get(), null), "png", dir.resolve("full-repaint.png").toFile());
        }
        assertEquals(0, differ, "pixels that differ from a full repaint");
    }

    /** A segment that began before the window shows its label at the window's left edge, as one beginning there. */
    @Test
    void labelOfASegmentBegunBeforeTheWindowStaysAtItsLeftEdge(FxRobot robot) {
        robot.interact(() -> {
            view.setNanosPerUnit(NS_PER_UNIT);
            view.setClock(() -> u(8));
            view.setFollowNow(false);
            view.setVisibleUnits(10);
            // Both wait on the same lock until now; alpha since 0, beta since 3, where the window begins.
            model.accept(new Events()
                    .blocked(0, A, BlockReason.LOCK, "lock A held by main")
                    .blocked(u(3), B, BlockReason.LOCK, "lock A held by main")
                    .list);
            skin().scrollTo(u(3));
        });
        waitUntilOpaque(A, B);
        WritableImage image = snapshot(robot);
        AtomicReference<double[]> at = new AtomicReference<>();
        robot.interact(() -> {
            Bounds a = skin().laneBounds(A.id()), b = skin().laneBounds(B.id());
            at.set(new double[] {skin().xForTime(u(3)), a.getCenterY(), b.getCenterY()});
        });
        double x0 = at.get()[0];
        int differ = 0;
        // The label's plate and words, beside the edge: the same in both lanes (hatching in alpha would differ).
        for (int dy = -7; dy <= 7; dy++) {
            for (int dx = 4; dx < 90; dx++) {
                int ya = (int) (at.get()[1] + dy), yb = (int) (at.get()[2] + dy), x = (int) x0 + dx;
                if (image.getPixelReader().getArgb(x, ya) != image.getPixelReader().getArgb(x, yb)) differ++;
            }
        }
        assertEquals(0, differ, "pixels of alpha's label at the edge that differ from beta's");
    }
}
