package org.threadlanes.ui.lanes;

import java.util.function.LongSupplier;

import javafx.animation.AnimationTimer;
import javafx.beans.InvalidationListener;
import javafx.beans.Observable;
import javafx.beans.value.ObservableValue;
import javafx.event.EventHandler;
import javafx.geometry.BoundingBox;
import javafx.geometry.Bounds;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.canvas.Canvas;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.SkinBase;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.input.ZoomEvent;
import javafx.scene.layout.Pane;
import javafx.scene.shape.Rectangle;
import javafx.stage.Window;
import javafx.util.Subscription;

import org.threadlanes.trace.ThreadState;

/**
 * Draws a {@link LanesView}: the lanes' past on canvas tiles that are painted once and then only moved, and what
 * changes every frame on small nodes of their own.
 *
 * <h2>Why tiles</h2>
 * While the view follows "now", every pixel of the time area moves every frame. Repainting one big canvas each frame
 * costs the software pipeline (Prism {@code sw}: no GPU on a classroom VM or projector PC) 11-15 ms of rasterizing at
 * 1600 x 1000, most of a 16.7 ms frame. Moving an unchanged canvas costs a texture copy instead. So the time area is
 * cut into tiles, each a {@link Canvas} 480 px wide showing a fixed stretch of time at the
 * current zoom, laid out at {@code x = timeX0 + k * TILE_W - offset}. All drawing uses absolute pixels
 * ({@code round(t * pxPerNs)}), so tiles meet without seams and the scroll offset is a whole number of pixels. The tile
 * width is a multiple of both stripe periods, so the hatching runs on across tiles.
 *
 * <h2>What a frame repaints</h2>
 * <ul>
 *   <li><b>Everything</b> (every tile, header, axis) after a change a user makes or sees at once: zoom, resize,
 *       vertical scroll, lane height, theme, a hidden state, the selection, a new run, the clock going back.</li>
 *   <li><b>Per lane, only what changed</b>, in every tile it touches, clipped to the lane's row: from where the lane's
 *       picture stopped last frame (its last segment's end, "now" then) to where it stops now; from the start of the
 *       previous last segment when events arrived (the recorder drains every 5 ms, so an event may land a little in
 *       the past: its segment and the one it cut short are repainted); from the start of the open segment when its
 *       label grows ("BLOCKED" gains its detail); the whole row while the lane fades in or dims. Consecutive lanes
 *       with the same range share one repaint.</li>
 *   <li><b>A tile scrolled into view</b> (one tile ahead of the right edge is kept painted).</li>
 * </ul>
 *
 * <h2>On top of the tiles, every frame, but small</h2>
 * The time axis with the "now" badge (one strip canvas), the lane headers and the right margin (canvases repainted
 * row by row, only rows whose state, opacity or selection changed), the labels that stick to the left edge (a
 * canvas as wide as those labels: a segment that began before the window still says what it is, as it did when the
 * view was one canvas), the "now" line, the hover outline and the deadlock outlines ({@link Rectangle} nodes).
 *
 * <h2>Drawing</h2>
 * Only the lanes in the vertical viewport and the segments in the region repainted are drawn: the first segment is
 * found by binary search, and where several segments fall into one pixel column only one is drawn and the rest are
 * skipped by another binary search. A frame thus costs about (changed lanes x changed segments), whatever the length
 * of the run.
 *
 * <h2>Animation</h2>
 * An {@link AnimationTimer} runs only while the control is in a showing window and visible (a {@link Subscription}
 * starts and stops it). Each pulse reads the clock for the "now" cursor, scrolls to follow it, fades new lanes in
 * and concluded lanes down, and repaints only what changed.
 *
 * <h2>Who does what</h2>
 * This skin coordinates: it owns the listeners (all undone in {@link #dispose()}), the animation timer, the pointer
 * and keys, and the frame's geometry ({@link LanesFrame}). The pictures are drawn by {@link TileStrip} (the tiles),
 * {@link SegmentPainter} (segments, labels, grid), {@link StickyLabels}, {@link LaneHeaders}, {@link TimeAxis} and
 * {@link LaneOverlays}, with fonts and patterns from {@link LanesPalette} and lane opacities from {@link LaneFades}.
 *
 * <p>Touched on the FX thread only (or, for benchmarks, on one thread while the control is not showing).
 */
public class LanesViewSkin extends SkinBase<LanesView> {
    /** Opacity a concluded lane dims to. */
    public static final double DIMMED_OPACITY = 0.6;
    /** Where "now" sits in the window while following, as a fraction of its width. */
    private static final double DRAG_SLOP = 4, MAX_GROW = 1.5;

    /** Everything drawn; mouse events are handled here, in its coordinates (those of the old single canvas). */
    private final Pane surface = new Pane();
    private final ScrollBar vbar = new ScrollBar();
    private final Label tip = new Label();
    private final LanesFrame f = new LanesFrame();
    private final LanesPalette palette = new LanesPalette();
    private final LaneFades fades = new LaneFades();
    private final SegmentPainter painter;
    private final TileStrip tiles;
    private final StickyLabels sticky;
    private final LaneHeaders headers;
    private final TimeAxis axis;
    private final LaneOverlays overlays;
    private final AnimationTimer timer = new AnimationTimer() {
        @Override
        public void handle(long now) {
            pulse(now);
        }
    };
    private final InvalidationListener markDirty = o -> dirty = true;
    /** For changes that alter every lane's picture: the next frame repaints everything. */
    private final InvalidationListener markStale = o -> {
        dirty = true;
        stale = true;
    };
    private Subscription subscriptions = Subscription.EMPTY;
    private boolean timerRunning;

    // ---------------------------------------------------------------- view state
    private boolean dirty = true;
    /** Every tile, header row and lane must be repainted at the next frame. */
    private boolean stale = true;
    /** The lane height is still moving toward what fills the view. */
    private boolean animating;
    private boolean styleStale = true;
    private double viewStartNs;
    private long lastVersion = -1;
    private int generation;
    /** The lane height of the last frame (0 before the first). */
    private double fittedLaneHeight;
    /** The geometry of the last full repaint. */
    private Geometry painted;

    // ---------------------------------------------------------------- pointer
    private double mouseX = Double.NaN, mouseY = Double.NaN;
    private double pressX, pressY, pressViewStart, pressScroll;
    private boolean dragging;

    private final EventHandler<KeyEvent> keys = this::onKey;

    /** What a full repaint depends on: when any of it changes, every tile is repainted. */
    private record Geometry(double w, double h, double axisH, double laneH, double timeX0, double timeX1,
                            double pxPerNs, double scroll, double nanosPerUnit) {
    }

    /** Builds the nodes (tiles, header, axis, overlays, vertical scroll bar, hover card) and starts watching. */
    public LanesViewSkin(LanesView control) {
        super(control);
        painter = new SegmentPainter(control, f, palette);
        tiles = new TileStrip(control, f, fades, painter);
        sticky = new StickyLabels(control, f, fades, palette, painter);
        headers = new LaneHeaders(control, f, fades, palette);
        axis = new TimeAxis(control, f, palette);
        overlays = new LaneOverlays(control, f, fades);
        vbar.setOrientation(Orientation.VERTICAL);
        vbar.setVisible(false);
        tip.getStyleClass().add(LanesStyles.LANES_TOOLTIP);
        tip.setManaged(false);
        tip.setVisible(false);
        tip.setMouseTransparent(true);
        tip.setWrapText(false);
        surface.getChildren().addAll(tiles.node(), sticky.node(), headers.marginNode(), headers.headerNode());
        surface.getChildren().addAll(overlays.nodes());
        surface.getChildren().add(axis.node());
        for (Node n : surface.getChildren()) {
            // The surface takes the pointer, in one coordinate system.
            n.setMouseTransparent(true);
            n.setManaged(false);
        }
        getChildren().addAll(surface, vbar, tip);

        surface.addEventHandler(MouseEvent.MOUSE_MOVED, this::onMove);
        surface.addEventHandler(MouseEvent.MOUSE_EXITED, e -> hideTip());
        surface.addEventHandler(MouseEvent.MOUSE_PRESSED, this::onPress);
        surface.addEventHandler(MouseEvent.MOUSE_DRAGGED, this::onDrag);
        surface.addEventHandler(MouseEvent.MOUSE_CLICKED, this::onClick);
        surface.addEventHandler(ScrollEvent.SCROLL, this::onScroll);
        surface.addEventHandler(ZoomEvent.ZOOM, this::onZoom);
        control.addEventHandler(KeyEvent.KEY_PRESSED, keys);

        Subscription s = Subscription.EMPTY;
        for (Observable o : control.styleObservables()) s = s.and(o.subscribe(() -> styleStale = true));
        Observable[] redrawOn = {control.getModel().versionProperty(), control.nanosPerUnitProperty(),
                control.visibleUnitsProperty(), control.followNowProperty(), control.getOutlinedThreads(),
                control.identityProperty(), vbar.valueProperty(), surface.widthProperty(),
                surface.heightProperty()};
        for (Observable o : redrawOn) {
            o.addListener(markDirty);
            s = s.and(() -> o.removeListener(markDirty));
        }
        Observable[] repaintOn = {control.getHiddenStates(), control.selectedThreadProperty(),
                control.clockProperty()};
        for (Observable o : repaintOn) {
            o.addListener(markStale);
            s = s.and(() -> o.removeListener(markStale));
        }
        // Animate only while on screen: in a showing window and visible.
        ObservableValue<Boolean> showing = control.sceneProperty()
                .flatMap(Scene::windowProperty)
                .flatMap(Window::showingProperty)
                .orElse(false);
        s = s.and(showing.subscribe(v -> updateTimer()));
        s = s.and(control.visibleProperty().subscribe(v -> updateTimer()));
        subscriptions = s;
    }

    private void updateTimer() {
        LanesView c = getSkinnable();
        boolean live = c != null && c.isVisible() && c.getScene() != null && c.getScene().getWindow() != null
                && c.getScene().getWindow().isShowing();
        if (live && !timerRunning) {
            dirty = true;
            timer.start();
            timerRunning = true;
        } else if (!live && timerRunning) {
            timer.stop();
            timerRunning = false;
        }
    }

    /** Whether the animation timer is running (only while the control is showing and visible). */
    public boolean isTimerRunning() {
        return timerRunning;
    }

    @Override
    public void dispose() {
        if (getSkinnable() == null) return;
        timer.stop();
        timerRunning = false;
        subscriptions.unsubscribe();
        subscriptions = Subscription.EMPTY;
        getSkinnable().removeEventHandler(KeyEvent.KEY_PRESSED, keys);
        getChildren().clear();
        super.dispose();
    }

    @Override
    protected void layoutChildren(double x, double y, double w, double h) {
        double contentH = Math.max(0, h - axisHeight());
        double lanesH = getSkinnable().getModel().laneCount() * laneHeight();
        boolean needBar = lanesH > contentH + 0.5;
        double barW = needBar ? snapSizeX(vbar.prefWidth(-1)) : 0;
        vbar.setVisible(needBar);
        vbar.resizeRelocate(x + w - barW, y + axisHeight(), barW, contentH);
        surface.resizeRelocate(x, y, Math.max(0, w - barW), Math.max(0, h));
    }

    @Override
    protected double computePrefWidth(double height, double top, double right, double bottom, double left) {
        return 900 + left + right;
    }

    @Override
    protected double computePrefHeight(double width, double top, double right, double bottom, double left) {
        int n = Math.max(3, getSkinnable().getModel().laneCount());
        return axisHeight() + Math.min(n, 12) * laneHeight() + top + bottom;
    }

    @Override
    protected double computeMinHeight(double width, double top, double right, double bottom, double left) {
        return axisHeight() + laneHeight() + top + bottom;
    }


    // ================================================================ frames

    private void pulse(long pulseNs) {
        LanesView c = getSkinnable();
        if (c == null) return;
        long now = readClock(c);
        TimelineModel model = c.getModel();
        if (!dirty && !animating && !fades.animating() && now == f.nowNs
                && model.versionProperty().get() == lastVersion && !styleStale) {
            return;
        }
        draw(pulseNs, now);
    }

    /** Draws one frame now, as an animation pulse would (repainting only what changed): for tests and benchmarks. */
    public void redraw() {
        LanesView c = getSkinnable();
        if (c != null) draw(System.nanoTime(), readClock(c));
    }

    /** Makes the next frame repaint every tile, header and lane, as after a zoom: for benchmarks and tests. */
    public void repaintAll() {
        stale = true;
        dirty = true;
    }

    private static long readClock(LanesView c) {
        LongSupplier clock = c.getClock();
        return clock == null ? c.getModel().endNs() : clock.getAsLong();
    }

    private void draw(long pulseNs, long now) {
        LanesView c = getSkinnable();
        TimelineModel model = c.getModel();
        if (model.generation() != generation) resetForNewRun(model);
        if (styleStale) rebuildStyle(c);
        // The clock went back (stepping back through a run): the lanes' ends move left.
        if (now < f.nowNs) stale = true;
        f.nowNs = now;
        lastVersion = model.versionProperty().get();
        dirty = false;
        animating = false;
        fades.beginFrame();

        double w = surface.getWidth(), h = surface.getHeight();
        if (w < 2 || h < 2) {
            stale = true;
            return;
        }
        int lanes = model.laneCount();
        headers.measure(model);
        f.axisH = axisHeight();
        fitLaneHeight(lanes, h - f.axisH);
        f.laneH = laneHeight();
        f.viewportH = Math.max(1, h - f.axisH);
        f.timeX0 = headers.width();
        f.timeX1 = Math.max(f.timeX0 + 10, w - LanesFrame.RIGHT_PAD);
        double window = LanesFrame.windowNs(c);
        if (c.isFollowNow()) viewStartNs = Math.max(0, now - LanesView.FOLLOW_AT * window);
        f.pxPerNs = (f.timeX1 - f.timeX0) / window;
        f.offPx = Math.round(viewStartNs * f.pxPerNs);
        updateScrollBar(lanes * f.laneH, f.viewportH, f.laneH);
        f.scroll = vbar.isVisible() ? vbar.getValue() : 0;
        f.first = Math.max(0, (int) Math.floor(f.scroll / f.laneH));
        f.last = Math.min(lanes - 1, (int) Math.floor((f.scroll + f.viewportH) / f.laneH));
        ensureLaneCapacity(lanes);

        Geometry geometry = new Geometry(w, h, f.axisH, f.laneH, f.timeX0, f.timeX1, f.pxPerNs, f.scroll,
                LanesFrame.nanosPerUnit(c));
        boolean full = stale || !geometry.equals(painted);
        if (full) {
            stale = false;
            painted = geometry;
            f.epoch++;
            tiles.layout();
            headers.layout(w);
            axis.layout(w);
            sticky.layout();
        }
        for (int i = f.first; i <= f.last; i++) fades.update(i, model.lane(i), pulseNs);

        tiles.placeTiles(model, full);
        if (!full) tiles.repaintChangedLanes(model);
        sticky.paint(model);
        headers.paint(model, full);
        axis.paint(w);
        HoverTarget hover = hoverTarget(model);
        overlays.place(model, hover == null ? -1 : hover.lane, hover == null ? -1 : hover.segment, w);
        updateTip(c, model, hover, f.nowNs);
    }

    private void resetForNewRun(TimelineModel model) {
        generation = model.generation();
        fades.reset();
        headers.remeasure();
        fittedLaneHeight = 0;
        viewStartNs = 0;
        vbar.setValue(0);
        stale = true;
        hideTip();
    }

    private void ensureLaneCapacity(int lanes) {
        int known = fades.knownLanes();
        tiles.ensureCapacity(lanes, known);
        headers.ensureCapacity(lanes, known);
        sticky.ensureCapacity(lanes);
        fades.ensureCapacity(lanes);
    }

    private void updateScrollBar(double contentH, double viewportH, double laneH) {
        double max = Math.max(0, contentH - viewportH);
        boolean need = max > 0.5;
        if (vbar.isVisible() != need) getSkinnable().requestLayout();
        vbar.setMin(0);
        vbar.setMax(max);
        // The thumb shows the visible share of all lanes.
        vbar.setVisibleAmount(max == 0 ? 1 : max * viewportH / contentH);
        vbar.setUnitIncrement(laneH);
        vbar.setBlockIncrement(Math.max(laneH, viewportH - laneH));
        if (vbar.getValue() > max) vbar.setValue(max);
    }

    // ---------------------------------------------------------------- style

    private double axisHeight() {
        return Math.round(getSkinnable().fontSize() * 2.75);
    }

    /** The lane height in use: the CSS height, grown to fill the view when there are only a few lanes. */
    private double laneHeight() {
        return fittedLaneHeight > 0 ? fittedLaneHeight : baseLaneHeight();
    }

    private double baseLaneHeight() {
        return Math.max(2, getSkinnable().getLaneHeight());
    }

    /** Moves the lane height toward what fills the view (at most MAX_GROW times the CSS height), a bit per frame. */
    private void fitLaneHeight(int lanes, double viewportH) {
        double base = baseLaneHeight();
        double target = base * clamp(viewportH / (Math.max(1, lanes) * base), 1, MAX_GROW);
        double current = fittedLaneHeight;
        if (current <= 0 || Math.abs(target - current) < 0.5) {
            fittedLaneHeight = target;
        } else {
            fittedLaneHeight = current + (target - current) * 0.25;
            animating = true;
        }
    }

    private void rebuildStyle(LanesView c) {
        styleStale = false;
        palette.rebuild(c);
        headers.remeasure();
        fittedLaneHeight = 0;
        dirty = true;
        stale = true;
    }

    // ================================================================ pointer and keys

    /** What the pointer is over. */
    private record HoverTarget(int lane, int segment) {
    }

    private HoverTarget hoverTarget(TimelineModel model) {
        if (Double.isNaN(mouseX) || dragging || mouseY < f.axisH) return null;
        int lane = (int) Math.floor((mouseY - f.axisH + f.scroll) / f.laneH);
        if (lane < 0 || lane >= model.laneCount()) return null;
        if (mouseX < f.timeX0) return new HoverTarget(lane, -1);
        if (mouseX > f.timeX1) return null;
        long t = (long) (viewStartNs + (mouseX - f.timeX0) / f.pxPerNs);
        TimelineModel.Lane l = model.lane(lane);
        int seg = l.segmentAt(t);
        if (seg < 0 || (seg == l.segmentCount() - 1 && t > Math.max(f.nowNs, l.startNs(seg)))) return null;
        if (getSkinnable().getHiddenStates().contains(l.segmentState(seg))) return null;
        return new HoverTarget(lane, seg);
    }

    private void updateTip(LanesView c, TimelineModel model, HoverTarget hover, long now) {
        if (hover == null) {
            tip.setVisible(false);
            return;
        }
        String text = hover.segment < 0 ? HoverTexts.laneText(model.lane(hover.lane))
                : HoverTexts.segmentText(c, model.lane(hover.lane), hover.segment, now);
        if (!text.equals(tip.getText())) tip.setText(text);
        tip.autosize();
        double tw = tip.getWidth(), th = tip.getHeight();
        double x = mouseX + 18, y = mouseY + 20;
        if (x + tw > surface.getWidth()) x = Math.max(0, mouseX - 12 - tw);
        if (y + th > surface.getHeight()) y = Math.max(0, mouseY - 12 - th);
        tip.relocate(snapPositionX(x), snapPositionY(y));
        tip.setVisible(true);
    }

    private void hideTip() {
        mouseX = Double.NaN;
        mouseY = Double.NaN;
        tip.setVisible(false);
        dirty = true;
    }

    private void onMove(MouseEvent e) {
        mouseX = e.getX();
        mouseY = e.getY();
        dirty = true;
    }

    private void onPress(MouseEvent e) {
        getSkinnable().requestFocus();
        pressX = e.getX();
        pressY = e.getY();
        pressViewStart = viewStartNs;
        pressScroll = vbar.getValue();
        dragging = false;
    }

    private void onDrag(MouseEvent e) {
        if (e.getButton() != MouseButton.PRIMARY) return;
        double dx = e.getX() - pressX, dy = e.getY() - pressY;
        if (!dragging && Math.hypot(dx, dy) < DRAG_SLOP) return;
        dragging = true;
        tip.setVisible(false);
        LanesView c = getSkinnable();
        if (Math.abs(dx) >= DRAG_SLOP) {
            c.setFollowNow(false);
            double nsPerPx = LanesFrame.windowNs(c) / timeWidth();
            viewStartNs = Math.max(0, pressViewStart - dx * nsPerPx);
        }
        if (vbar.isVisible()) vbar.setValue(clamp(pressScroll - dy, 0, vbar.getMax()));
        dirty = true;
        e.consume();
    }

    private void onClick(MouseEvent e) {
        if (dragging) {
            dragging = false;
            return;
        }
        if (e.getButton() != MouseButton.PRIMARY || !e.isStillSincePress()) return;
        LanesView c = getSkinnable();
        int lane = laneIndexAt(e.getY());
        c.setSelectedThread(lane < 0 ? null : c.getModel().lane(lane).thread());
        e.consume();
    }

    private void onScroll(ScrollEvent e) {
        LanesView c = getSkinnable();
        if (e.isControlDown()) {
            double notches = e.getDeltaY() / Math.max(1, e.getMultiplierY());
            zoomAt(e.getX(), Math.pow(1.25, -notches));
        } else if (e.isShiftDown() || Math.abs(e.getDeltaX()) > Math.abs(e.getDeltaY())) {
            double d = e.getDeltaX() != 0 ? e.getDeltaX() : e.getDeltaY();
            panBy(-d);
        } else if (vbar.isVisible()) {
            vbar.setValue(clamp(vbar.getValue() - e.getDeltaY(), 0, vbar.getMax()));
        } else {
            return;
        }
        dirty = true;
        e.consume();
    }

    private void onZoom(ZoomEvent e) {
        if (e.getZoomFactor() > 0) zoomAt(e.getX(), 1 / e.getZoomFactor());
        e.consume();
    }

    private void onKey(KeyEvent e) {
        LanesView c = getSkinnable();
        double mid = headers.width() + timeWidth() / 2;
        switch (e.getCode()) {
            case LEFT -> panBy(-timeWidth() * 0.1);
            case RIGHT -> panBy(timeWidth() * 0.1);
            case PLUS, EQUALS, ADD -> zoomAt(mid, 1 / 1.25);
            case MINUS, SUBTRACT -> zoomAt(mid, 1.25);
            case HOME -> scrollTo(0);
            case END, F -> c.setFollowNow(true);
            default -> {
                return;
            }
        }
        dirty = true;
        e.consume();
    }

    /** Pans by {@code px} pixels (positive: later in time); turns follow-now off. */
    private void panBy(double px) {
        LanesView c = getSkinnable();
        c.setFollowNow(false);
        viewStartNs = Math.max(0, viewStartNs + px * LanesFrame.windowNs(c) / timeWidth());
        dirty = true;
    }

    /** Zooms by {@code factor} (above 1: more time in view), keeping the time under {@code x} in place. */
    private void zoomAt(double x, double factor) {
        LanesView c = getSkinnable();
        double oldWindow = LanesFrame.windowNs(c);
        double units = clamp(c.getVisibleUnits() * factor, LanesView.MIN_VISIBLE_UNITS, LanesView.MAX_VISIBLE_UNITS);
        c.setVisibleUnits(units);
        if (!c.isFollowNow()) {
            double frac = clamp((x - headers.width()) / timeWidth(), 0, 1);
            double pinned = viewStartNs + frac * oldWindow;
            viewStartNs = Math.max(0, pinned - frac * LanesFrame.windowNs(c));
        }
        dirty = true;
    }

    private double timeWidth() {
        return Math.max(10, surface.getWidth() - LanesFrame.RIGHT_PAD - headers.width());
    }

    private static double clamp(double v, double lo, double hi) {
        return LanesFrame.clamp(v, lo, hi);
    }

    // ================================================================ for tests and tools

    /** The model index of the lane at {@code y} (canvas coordinates), or -1. */
    public int laneIndexAt(double y) {
        double axisH = axisHeight();
        if (y < axisH) return -1;
        double scroll = vbar.isVisible() ? vbar.getValue() : 0;
        int lane = (int) Math.floor((y - axisH + scroll) / laneHeight());
        return lane < getSkinnable().getModel().laneCount() ? lane : -1;
    }

    /** The bounds of thread {@code threadId}'s lane in the control's coordinates (whether visible or not), or null. */
    public Bounds laneBounds(long threadId) {
        int i = getSkinnable().getModel().indexOf(threadId);
        if (i < 0) return null;
        double scroll = vbar.isVisible() ? vbar.getValue() : 0;
        double y = axisHeight() + i * laneHeight() - scroll;
        return new BoundingBox(surface.getLayoutX(), surface.getLayoutY() + y, surface.getWidth(), laneHeight());
    }

    /** The x of time {@code tNs} in the control's coordinates, as of the last frame. */
    public double xForTime(long tNs) {
        double window = LanesFrame.windowNs(getSkinnable());
        return surface.getLayoutX() + headers.width() + (tNs - viewStartNs) * timeWidth() / window;
    }

    /** Shows the time window starting at {@code startNs} (clamped to 0 and later); turns follow-now off. */
    public void scrollTo(long startNs) {
        getSkinnable().setFollowNow(false);
        viewStartNs = Math.max(0, startNs);
        dirty = true;
    }

    /** The time at the left edge of the visible window, as of the last frame. */
    public long viewStartNs() {
        return (long) viewStartNs;
    }

    /** Whether thread {@code threadId}'s lane is concluded and so drawn dimmed. */
    public boolean isLaneDimmed(long threadId) {
        int i = getSkinnable().getModel().indexOf(threadId);
        return i >= 0 && getSkinnable().getModel().lane(i).currentState() == ThreadState.CONCLUDED;
    }

    /** The opacity thread {@code threadId}'s lane was last drawn with (1 when unknown). */
    public double laneOpacity(long threadId) {
        int i = getSkinnable().getModel().indexOf(threadId);
        return i < 0 || i >= fades.knownLanes() ? 1 : fades.opacity(i);
    }

    /** The hover card's text, or null when none is shown. */
    public String hoverText() {
        return tip.isVisible() ? tip.getText() : null;
    }
}
