package org.threadlanes.ui.lanes;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.LongSupplier;
import java.util.function.ToIntFunction;

import javafx.animation.AnimationTimer;
import javafx.beans.InvalidationListener;
import javafx.beans.Observable;
import javafx.beans.value.ObservableValue;
import javafx.event.EventHandler;
import javafx.geometry.BoundingBox;
import javafx.geometry.Bounds;
import javafx.geometry.Orientation;
import javafx.geometry.VPos;
import javafx.scene.Group;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.SkinBase;
import javafx.scene.image.PixelWriter;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.input.ZoomEvent;
import javafx.scene.layout.Pane;
import javafx.scene.paint.Color;
import javafx.scene.paint.ImagePattern;
import javafx.scene.paint.Paint;
import javafx.scene.shape.Rectangle;
import javafx.scene.shape.StrokeType;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.TextAlignment;
import javafx.stage.Window;
import javafx.util.Subscription;

import org.threadlanes.trace.BlockReason;
import org.threadlanes.trace.ThreadRef;
import org.threadlanes.trace.ThreadState;
import org.threadlanes.ui.lanes.LanesView.Tone;

/**
 * Draws a {@link LanesView}: the lanes' past on canvas tiles that are painted once and then only moved, and what
 * changes every frame on small nodes of their own.
 *
 * <h2>Why tiles</h2>
 * While the view follows "now", every pixel of the time area moves every frame. Repainting one big canvas each frame
 * costs the software pipeline (Prism {@code sw}: no GPU on a classroom VM or projector PC) 11-15 ms of rasterizing at
 * 1600 x 1000, most of a 16.7 ms frame. Moving an unchanged canvas costs a texture copy instead. So the time area is
 * cut into tiles, each a {@link Canvas} {@value #TILE_W} px wide showing a fixed stretch of time at the current zoom,
 * laid out at {@code x = timeX0 + k * TILE_W - offset}. All drawing uses absolute pixels ({@code round(t * pxPerNs)}),
 * so tiles meet without seams and the scroll offset is a whole number of pixels. The tile width is a multiple of both
 * stripe periods, so the hatching runs on across tiles.
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
 * <p>Touched on the FX thread only (or, for benchmarks, on one thread while the control is not showing).
 */
public class LanesViewSkin extends SkinBase<LanesView> {
    private static final long FADE_IN_NS = 450_000_000L;
    private static final long DIM_NS = 700_000_000L;
    /** Opacity a concluded lane dims to. */
    public static final double DIMMED_OPACITY = 0.6;
    /** Where "now" sits in the window while following, as a fraction of its width. */
    private static final double FOLLOW_AT = 0.85;
    private static final double RIGHT_PAD = 14, MIN_TICK_PX = 90, DRAG_SLOP = 4, MAX_GROW = 1.5;
    /** Width of a tile in pixels: a multiple of the stripe periods (10 and 12), so that hatching runs on. */
    static final int TILE_W = 480;
    private static final int BLOCKED_PERIOD = 10, READY_PERIOD = 12;
    private static final ThreadState[] STATES = ThreadState.values();
    private static final long SHOWN = Long.MIN_VALUE;

    /** Everything drawn; mouse events are handled here, in its coordinates (those of the old single canvas). */
    private final Pane surface = new Pane();
    private final Group tileLayer = new Group();
    private final Rectangle tileClip = new Rectangle();
    private final Canvas sticky = new Canvas();
    private final Canvas header = new Canvas();
    private final Canvas pad = new Canvas();
    private final Canvas axis = new Canvas();
    private final Rectangle nowLine = new Rectangle();
    private final Rectangle hoverBox = new Rectangle();
    private final Group outlines = new Group();
    private final ScrollBar vbar = new ScrollBar();
    private final Label tip = new Label();
    private final List<Tile> tiles = new ArrayList<>();
    private final ArrayDeque<Tile> spareTiles = new ArrayDeque<>();
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
    private boolean animating;
    private double viewStartNs;
    private long nowNs;
    private long lastVersion = -1;
    private int generation;
    private double headerWidth = 160;
    /** The lane height of the last frame (0 before the first). */
    private double fittedLaneHeight;
    private int headerMeasuredFor = -1;

    // ---------------------------------------------------------------- geometry of the last frame
    private Geometry painted;
    private double axisH, laneH, timeX0, timeX1, viewportH, pxPerNs, scroll;
    /** The view's left edge in absolute pixels ({@code round(viewStartNs * pxPerNs)}). */
    private double offPx;
    private int first, last;
    /** Bumped by every full repaint; a lane row painted in an older epoch is repainted whole. */
    private int epoch = 1;

    // Per lane (by model index): pulse time of first drawing (SHOWN: shown at once, no fade), and of first being
    // seen concluded (0 = not yet); the opacity and fade-in of the last frame.
    private long[] appearedAt = new long[64];
    private long[] concludedAt = new long[64];
    private double[] opacity = new double[64];
    private double[] fadeIn = new double[64];
    private int knownLanes;
    private boolean firstLook = true;
    // Per lane, what its row in the tiles shows: painted in which epoch, with how many segments, up to which time
    // (the end of its last segment then), with which label on its open segment, at which opacity.
    private int[] rowEpoch = new int[64];
    private int[] paintedCount = new int[64];
    private long[] paintedEnd = new long[64];
    private SegmentLabel[] paintedLabel = new SegmentLabel[64];
    private double[] paintedOpacity = new double[64];
    // Per lane, what its header shows (header epoch, state, selection, identity colour, opacity, fade-in).
    private int[] headerEpoch = new int[64];
    private int[] headerSig = new int[64];
    private double[] headerOpacity = new double[64];
    private double[] headerFade = new double[64];
    // Per-frame scratch: the pixel range of each lane to repaint.
    private double[] dirtyFrom = new double[64];
    private double[] dirtyTo = new double[64];
    private double[] stickyCover = new double[64];

    // ---------------------------------------------------------------- look, rebuilt when CSS changes
    private boolean styleStale = true;
    private TextMeter segmentMeter, stateMeter, laneMeter, smallMeter;
    private final Paint[] patterns = new Paint[STATES.length];
    private final WritableImage[] stripeImages = new WritableImage[STATES.length];
    private final Paint[] stickyPatterns = new Paint[STATES.length];
    private double stickyPatternPhase = Double.NaN;

    // ---------------------------------------------------------------- pointer
    private double mouseX = Double.NaN, mouseY = Double.NaN;
    private double pressX, pressY, pressViewStart, pressScroll;
    private boolean dragging;

    private final EventHandler<KeyEvent> keys = this::onKey;

    /** One canvas of the time area, showing absolute pixels {@code [index * TILE_W, (index + 1) * TILE_W)}. */
    private static final class Tile {
        final Canvas canvas = new Canvas();
        long index;
    }

    /** What a full repaint depends on: when any of it changes, every tile is repainted. */
    private record Geometry(double w, double h, double axisH, double laneH, double timeX0, double timeX1,
                            double pxPerNs, double scroll, double nanosPerUnit) {
    }

    /** What a segment's label says: its state's name and/or its text, and their width together. */
    private record SegmentLabel(String prefix, String text, double width) {
    }

    /** Builds the nodes (tiles, header, axis, overlays, vertical scroll bar, hover card) and starts watching. */
    public LanesViewSkin(LanesView control) {
        super(control);
        vbar.setOrientation(Orientation.VERTICAL);
        vbar.setVisible(false);
        tip.getStyleClass().add(LanesStyles.LANES_TOOLTIP);
        tip.setManaged(false);
        tip.setVisible(false);
        tip.setMouseTransparent(true);
        tip.setWrapText(false);
        tileLayer.setClip(tileClip);
        tileLayer.setManaged(false);
        nowLine.setManaged(false);
        hoverBox.setManaged(false);
        hoverBox.setFill(null);
        hoverBox.setStrokeType(StrokeType.INSIDE);
        hoverBox.setStrokeWidth(2);
        hoverBox.setVisible(false);
        outlines.setManaged(false);
        sticky.setVisible(false);
        for (Node n : new Node[] {tileLayer, sticky, header, pad, hoverBox, outlines, nowLine, axis}) {
            // The surface takes the pointer, in one coordinate system.
            n.setMouseTransparent(true);
            n.setManaged(false);
        }
        surface.getChildren().addAll(tileLayer, sticky, pad, header, hoverBox, outlines, nowLine, axis);
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
        if (!dirty && !animating && now == nowNs && model.versionProperty().get() == lastVersion && !styleStale) {
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
        if (now < nowNs) stale = true;
        nowNs = now;
        lastVersion = model.versionProperty().get();
        dirty = false;
        animating = false;

        double w = surface.getWidth(), h = surface.getHeight();
        if (w < 2 || h < 2) {
            stale = true;
            return;
        }
        int lanes = model.laneCount();
        measureHeader(model);
        axisH = axisHeight();
        fitLaneHeight(lanes, h - axisH);
        laneH = laneHeight();
        viewportH = Math.max(1, h - axisH);
        timeX0 = headerWidth;
        timeX1 = Math.max(timeX0 + 10, w - RIGHT_PAD);
        double window = windowNs(c);
        if (c.isFollowNow()) viewStartNs = Math.max(0, now - FOLLOW_AT * window);
        pxPerNs = (timeX1 - timeX0) / window;
        offPx = Math.round(viewStartNs * pxPerNs);
        updateScrollBar(lanes * laneH, viewportH, laneH);
        scroll = vbar.isVisible() ? vbar.getValue() : 0;
        first = Math.max(0, (int) Math.floor(scroll / laneH));
        last = Math.min(lanes - 1, (int) Math.floor((scroll + viewportH) / laneH));
        ensureLaneCapacity(lanes);

        Geometry geometry = new Geometry(w, h, axisH, laneH, timeX0, timeX1, pxPerNs, scroll, nanosPerUnit(c));
        boolean full = stale || !geometry.equals(painted);
        if (full) {
            stale = false;
            painted = geometry;
            epoch++;
            layoutLayers(w, h);
        }
        for (int i = first; i <= last; i++) laneOpacity(i, model.lane(i), pulseNs);

        placeTiles(c, model, full);
        if (!full) repaintChangedLanes(c, model);
        paintSticky(c, model);
        paintHeaders(c, model, full);
        paintAxis(c, w);
        placeOverlays(c, model, w);
    }

    private void resetForNewRun(TimelineModel model) {
        generation = model.generation();
        knownLanes = 0;
        firstLook = false;
        Arrays.fill(appearedAt, 0);
        Arrays.fill(concludedAt, 0);
        headerMeasuredFor = -1;
        fittedLaneHeight = 0;
        viewStartNs = 0;
        vbar.setValue(0);
        stale = true;
        hideTip();
    }

    private double windowNs(LanesView c) {
        double units = Math.max(LanesView.MIN_VISIBLE_UNITS, Math.min(LanesView.MAX_VISIBLE_UNITS, c.getVisibleUnits()));
        return units * nanosPerUnit(c);
    }

    private static double nanosPerUnit(LanesView c) {
        double npu = c.getNanosPerUnit();
        return npu > 0 && Double.isFinite(npu) ? npu : 1e9;
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

    /** Sizes and places the layers after a change of geometry; tiles are sized here, placed every frame. */
    private void layoutLayers(double w, double h) {
        double right = Math.round(timeX1);
        tileClip.setX(timeX0);
        tileClip.setY(axisH);
        tileClip.setWidth(Math.max(0, right - timeX0));
        tileClip.setHeight(viewportH);
        header.relocate(0, axisH);
        header.setWidth(headerWidth);
        header.setHeight(viewportH);
        pad.relocate(right, axisH);
        pad.setWidth(Math.max(0, w - right));
        pad.setHeight(viewportH);
        axis.relocate(0, 0);
        axis.setWidth(w);
        axis.setHeight(axisH);
        sticky.relocate(timeX0, axisH);
        sticky.setHeight(viewportH);
        for (Tile t : tiles) sizeTile(t);
        for (Tile t : spareTiles) sizeTile(t);
    }

    private void sizeTile(Tile t) {
        t.canvas.setWidth(TILE_W);
        t.canvas.setHeight(Math.ceil(viewportH));
    }

    /** The top of lane {@code i}'s row in tile coordinates (0 = the top of the lanes' viewport), whole pixels. */
    private double rowY(int i) {
        return Math.round(i * laneH - scroll);
    }

    // ---------------------------------------------------------------- animation of lanes

    private void ensureLaneCapacity(int lanes) {
        if (lanes > appearedAt.length) {
            int cap = Math.max(lanes, appearedAt.length * 2);
            appearedAt = Arrays.copyOf(appearedAt, cap);
            concludedAt = Arrays.copyOf(concludedAt, cap);
            opacity = Arrays.copyOf(opacity, cap);
            fadeIn = Arrays.copyOf(fadeIn, cap);
            rowEpoch = Arrays.copyOf(rowEpoch, cap);
            paintedCount = Arrays.copyOf(paintedCount, cap);
            paintedEnd = Arrays.copyOf(paintedEnd, cap);
            paintedLabel = Arrays.copyOf(paintedLabel, cap);
            paintedOpacity = Arrays.copyOf(paintedOpacity, cap);
            headerEpoch = Arrays.copyOf(headerEpoch, cap);
            headerSig = Arrays.copyOf(headerSig, cap);
            headerOpacity = Arrays.copyOf(headerOpacity, cap);
            headerFade = Arrays.copyOf(headerFade, cap);
            dirtyFrom = Arrays.copyOf(dirtyFrom, cap);
            dirtyTo = Arrays.copyOf(dirtyTo, cap);
            stickyCover = Arrays.copyOf(stickyCover, cap);
        }
        for (int i = knownLanes; i < lanes; i++) {
            // Lanes already there when the view first looks are simply shown; later ones fade in.
            appearedAt[i] = firstLook ? SHOWN : 0;
            concludedAt[i] = 0;
            opacity[i] = 1;
            fadeIn[i] = firstLook ? 1 : 0;
            rowEpoch[i] = 0;
            headerEpoch[i] = 0;
        }
        firstLook = false;
        knownLanes = Math.max(knownLanes, lanes);
    }

    /** The opacity of lane {@code i} at pulse time {@code t}: fading in when new, dimming when concluded. */
    private double laneOpacity(int i, TimelineModel.Lane lane, long t) {
        if (appearedAt[i] == 0) appearedAt[i] = t;
        double in = appearedAt[i] == SHOWN ? 1 : clamp01((double) (t - appearedAt[i]) / FADE_IN_NS);
        double dim = 1;
        if (lane.currentState() == ThreadState.CONCLUDED) {
            if (concludedAt[i] == 0) concludedAt[i] = t;
            double k = clamp01((double) (t - concludedAt[i]) / DIM_NS);
            dim = 1 - (1 - DIMMED_OPACITY) * ease(k);
            if (k < 1) animating = true;
        } else {
            concludedAt[i] = 0;
        }
        if (in < 1) animating = true;
        fadeIn[i] = ease(in);
        opacity[i] = fadeIn[i] * dim;
        return opacity[i];
    }

    private static double ease(double k) {
        return 1 - (1 - k) * (1 - k);
    }

    private static double clamp01(double v) {
        return v < 0 ? 0 : Math.min(1, v);
    }

    // ---------------------------------------------------------------- tiles

    /**
     * Keeps a tile for every stretch of the time area in view and one beyond its right edge (the next to scroll in),
     * moves each to its place, and paints those new to their stretch (all of them after a full invalidation).
     */
    private void placeTiles(LanesView c, TimelineModel model, boolean full) {
        double timeW = Math.round(timeX1) - timeX0;
        long kFirst = Math.floorDiv((long) offPx, TILE_W);
        long kLast = Math.floorDiv((long) (offPx + timeW), TILE_W) + 1;
        for (int j = tiles.size() - 1; j >= 0; j--) {
            Tile t = tiles.get(j);
            if (t.index < kFirst || t.index > kLast) {
                tiles.remove(j);
                t.canvas.setVisible(false);
                spareTiles.push(t);
            }
        }
        for (long k = kFirst; k <= kLast; k++) {
            Tile t = tileAt(k);
            boolean fresh = t == null;
            if (fresh) {
                t = spareTiles.isEmpty() ? newTile() : spareTiles.pop();
                t.index = k;
                t.canvas.setVisible(true);
                tiles.add(t);
            }
            t.canvas.relocate(timeX0 + k * TILE_W - offPx, axisH);
            if (fresh || full) paintTile(c, model, t);
        }
        if (full) {
            for (int i = first; i <= last; i++) markRowPainted(model, i);
        }
    }

    private Tile tileAt(long k) {
        for (Tile t : tiles) {
            if (t.index == k) return t;
        }
        return null;
    }

    private Tile newTile() {
        Tile t = new Tile();
        sizeTile(t);
        t.canvas.setManaged(false);
        t.canvas.setMouseTransparent(true);
        tileLayer.getChildren().add(t.canvas);
        return t;
    }

    private void paintTile(LanesView c, TimelineModel model, Tile t) {
        GraphicsContext g = t.canvas.getGraphicsContext2D();
        // Clearing the whole canvas also drops the commands not yet rendered (a tile reused before it was shown).
        g.clearRect(0, 0, t.canvas.getWidth(), t.canvas.getHeight());
        double origin = (double) t.index * TILE_W;
        paintRegion(c, model, g, origin, origin, origin + TILE_W, first, last, true);
    }

    /** Records what lane {@code i}'s row shows after being painted up to now. */
    private void markRowPainted(TimelineModel model, int i) {
        TimelineModel.Lane lane = model.lane(i);
        int n = lane.segmentCount();
        rowEpoch[i] = epoch;
        paintedCount[i] = n;
        paintedEnd[i] = laneEnd(lane, n);
        paintedLabel[i] = openLabel(lane, n, i);
        paintedOpacity[i] = opacity[i];
    }

    /** Where lane's picture ends: its last segment's end (now, or its start if that is later). */
    private long laneEnd(TimelineModel.Lane lane, int n) {
        return n == 0 ? nowNs : Math.max(nowNs, lane.startNs(n - 1));
    }

    /** The label lane {@code i}'s last (open) segment has at its current width. */
    private SegmentLabel openLabel(TimelineModel.Lane lane, int n, int i) {
        if (n == 0) return null;
        long s = lane.startNs(n - 1);
        double width = Math.round(Math.max(nowNs, s) * pxPerNs) - Math.round(s * pxPerNs);
        return label(STATES[lane.stateOrdinal(n - 1)], lane.segmentReason(n - 1), lane.segmentText(n - 1), width,
                segmentHeight(i));
    }

    /** The height of lane {@code i}'s segments, as drawSegments makes it. */
    private double segmentHeight(int i) {
        double y = rowY(i), rh = rowY(i + 1) - y;
        double padY = Math.max(1, Math.round(rh * 0.12));
        double top = Math.round(y + padY);
        return Math.max(1, Math.round(y + rh - padY) - top);
    }

    /**
     * Repaints, in every tile they touch, the pixel ranges of lanes that changed since the last frame (see the class
     * comment); consecutive lanes with the same range are repainted together.
     */
    private void repaintChangedLanes(LanesView c, TimelineModel model) {
        double inf = Double.POSITIVE_INFINITY;
        boolean any = false;
        for (int i = first; i <= last; i++) {
            TimelineModel.Lane lane = model.lane(i);
            int n = lane.segmentCount();
            double from = inf, to = -inf;
            int pc = paintedCount[i];
            if (rowEpoch[i] != epoch || opacity[i] != paintedOpacity[i] || pc > n || pc == 0 && n > 0) {
                from = -inf;
                to = inf;
            } else {
                long end = laneEnd(lane, n);
                if (n != pc) {
                    // New segments: the one they cut short, and theirs.
                    from = lane.startNs(pc - 1);
                    to = end;
                }
                if (end != paintedEnd[i]) {
                    from = Math.min(from, Math.min(end, paintedEnd[i]));
                    to = Math.max(to, Math.max(end, paintedEnd[i]));
                }
                SegmentLabel open = openLabel(lane, n, i);
                if (!Objects.equals(open, paintedLabel[i])) {
                    from = Math.min(from, lane.startNs(n - 1));
                    to = Math.max(to, end);
                }
            }
            if (from == inf) {
                dirtyFrom[i] = dirtyTo[i] = Double.NaN;
                continue;
            }
            any = true;
            // Whole pixels, with slack for rounding, and on the left for the 2 px border that ended the lane's open
            // segment (READY, CREATED) where it now runs on.
            dirtyFrom[i] = from == -inf ? -inf : Math.floor(from * pxPerNs) - 3;
            dirtyTo[i] = to == inf ? inf : Math.ceil(to * pxPerNs) + 2;
            markRowPainted(model, i);
        }
        if (!any) return;
        for (int i = first; i <= last; ) {
            if (Double.isNaN(dirtyFrom[i])) {
                i++;
                continue;
            }
            int j = i;
            while (j + 1 <= last && dirtyFrom[j + 1] == dirtyFrom[i] && dirtyTo[j + 1] == dirtyTo[i]) j++;
            for (Tile t : tiles) {
                double origin = (double) t.index * TILE_W;
                double x0 = Math.max(origin, dirtyFrom[i]), x1 = Math.min(origin + TILE_W, dirtyTo[i]);
                if (x1 > x0) paintRegion(c, model, t.canvas.getGraphicsContext2D(), origin, x0, x1, i, j, false);
            }
            i = j + 1;
        }
    }

    /**
     * Paints absolute pixels {@code [x0, x1)} of lanes {@code laneA..laneB} (or of the whole height when
     * {@code wholeHeight}) on a canvas whose x = 0 is absolute pixel {@code origin}: background, grid, lanes.
     */
    private void paintRegion(LanesView c, TimelineModel model, GraphicsContext g, double origin, double x0,
                             double x1, int laneA, int laneB, boolean wholeHeight) {
        double lx0 = x0 - origin, lx1 = x1 - origin;
        double y0 = wholeHeight ? 0 : Math.max(0, rowY(laneA));
        double y1 = wholeHeight ? Math.ceil(viewportH) : Math.min(Math.ceil(viewportH), rowY(laneB + 1));
        if (y1 <= y0 || lx1 <= lx0) return;
        g.save();
        g.beginPath();
        g.rect(lx0, y0, lx1 - lx0, y1 - y0);
        g.clip();
        g.setGlobalAlpha(1);
        g.setFill(c.tone(Tone.BACKGROUND));
        g.fillRect(lx0, y0, lx1 - lx0, y1 - y0);
        drawGrid(g, c, origin, x0, x1, y0, y1);
        ThreadRef selected = c.getSelectedThread();
        for (int i = Math.max(laneA, first); i <= Math.min(laneB, last); i++) {
            TimelineModel.Lane lane = model.lane(i);
            double y = rowY(i), rh = rowY(i + 1) - y;
            g.setGlobalAlpha(opacity[i]);
            rowGround(g, c, i, selected != null && selected.id() == lane.thread().id(), lx0, y, lx1 - lx0, rh);
            drawSegments(g, c, lane, y, rh, origin, lx0, lx1);
        }
        g.restore();
    }

    /** The ground of lane {@code i}'s row: the selection's colour, or every other lane a little darker. */
    private static void rowGround(GraphicsContext g, LanesView c, int i, boolean selected, double x, double y,
                                  double w, double h) {
        if (selected) {
            g.setFill(c.tone(Tone.SELECTION_BACKGROUND));
            g.fillRect(x, y, w, h);
        } else if ((i & 1) == 1) {
            g.setFill(c.tone(Tone.LANE_ALT));
            g.fillRect(x, y, w, h);
        }
    }

    // ---------------------------------------------------------------- pieces of a frame

    private void drawSegments(GraphicsContext g, LanesView c, TimelineModel.Lane lane, double y, double rh,
                              double origin, double lx0, double lx1) {
        int n = lane.segmentCount();
        if (n == 0) return;
        // Whole pixels throughout: the software pipeline fills pixel-aligned rectangles much faster, and edges stay
        // crisp. Two segments that meet share one rounded edge.
        double padY = Math.max(1, Math.round(rh * 0.12));
        double top = Math.round(y + padY), segH = Math.max(1, Math.round(y + rh - padY) - top);
        double regionEndAbs = origin + lx1;
        int i = Math.max(0, lane.segmentAt((long) Math.floor((origin + lx0 - 1) / pxPerNs)));
        var hidden = getSkinnable().getHiddenStates();
        boolean anyHidden = !hidden.isEmpty();
        while (i < n) {
            long s = lane.startNs(i);
            double xaAbs = Math.round(s * pxPerNs);
            if (xaAbs >= regionEndAbs) break;
            long e = i + 1 < n ? lane.startNs(i + 1) : Math.max(nowNs, s);
            double xa = xaAbs - origin, xb = Math.round(e * pxPerNs) - origin;
            ThreadState state = STATES[lane.stateOrdinal(i)];
            if (xb - xa < 1) {
                // Segments thinner than a pixel: one column for the lot, the rest skipped by binary search.
                if (!(anyHidden && hidden.contains(state))) {
                    g.setFill(c.fill(state));
                    g.fillRect(xa, top, 1, segH);
                }
                long nextPixelNs = (long) Math.ceil((xaAbs + 0.5) / pxPerNs);
                i = Math.max(i + 1, lane.segmentAt(nextPixelNs));
                continue;
            }
            if (!(anyHidden && hidden.contains(state))) {
                drawSegment(g, c, lane, i, state, xa, xb, top, segH, lx0, lx1, patterns);
            }
            i++;
        }
    }

    /**
     * Draws segment {@code i} spanning {@code [xa, xb)} (its label placed and fitted for that width) where it meets
     * the region {@code [lx0, lx1)} being painted.
     */
    private void drawSegment(GraphicsContext g, LanesView c, TimelineModel.Lane lane, int i, ThreadState state,
                             double xa, double xb, double top, double h, double lx0, double lx1, Paint[] pats) {
        double w = xb - xa;
        // Only the part in the region: a long segment is not filled along its whole length for a strip of it.
        double fa = Math.max(xa, lx0 - 1), fb = Math.min(xb, lx1 + 1);
        if (fb > fa) {
            g.setFill(c.fill(state));
            g.fillRect(fa, top, fb - fa, h);
        }
        // Patterns and borders need room to be seen; in very thin lanes the colour (and the hover card) must do.
        boolean detailed = h >= 10 && w >= 3;
        if (detailed && fb > fa) {
            switch (state) {
                case BLOCKED -> {
                    g.setFill(pats[state.ordinal()]);
                    g.fillRect(fa, top, fb - fa, h);
                }
                case READY -> {
                    g.setFill(pats[state.ordinal()]);
                    g.fillRect(fa, top, fb - fa, h);
                    border(g, c.pattern(state), 2, xa, xb, fa, fb, top, h);
                }
                case CREATED -> border(g, c.pattern(state), 2, xa, xb, fa, fb, top, h);
                default -> { }
            }
            // A hairline where a segment begins, so that back-to-back tasks in one state stay apart.
            if (w >= 6 && xa >= fa) {
                g.setFill(c.tone(Tone.BACKGROUND));
                g.fillRect(xa, top, 1, h);
            }
        }
        SegmentLabel label = label(state, lane.segmentReason(i), lane.segmentText(i), w, h);
        // Skip the text when the region being painted does not reach it.
        if (label != null && xa + 3 < lx1 && xa + label.width() + 9 > lx0) drawLabel(g, c, state, label, xa, top, h);
    }

    /**
     * A border just inside the segment {@code [xa, xb)}, drawn where it meets {@code [fa, fb)}, as filled bars: in
     * the software pipeline a stroked path costs several times as much as filled rectangles.
     */
    private static void border(GraphicsContext g, Color color, double width, double xa, double xb, double fa,
                               double fb, double y, double h) {
        if (xb - xa < 2 * width + 1) return;
        g.setFill(color);
        g.fillRect(fa, y, fb - fa, width);
        g.fillRect(fa, y + h - width, fb - fa, width);
        if (xa >= fa) g.fillRect(xa, y + width, width, h - 2 * width);
        if (xb <= fb) g.fillRect(xb - width, y + width, width, h - 2 * width);
    }

    /**
     * The label of a segment {@code w} px wide and {@code h} high: its state's name and its text (reason and detail,
     * or a task's label), the text cut with an ellipsis or left out when room is short; null when nothing fits.
     */
    private SegmentLabel label(ThreadState state, BlockReason reason, String segmentText, double w, double h) {
        if (w < 26 || h < 12 || segmentMeter.font().getSize() > h) return null;
        String stateName = state.name();
        String body = bodyText(state, reason, segmentText);
        double room = w - 12;
        double gap = 8;
        String prefix = null, text = null;
        double prefixW = stateMeter.width(stateName);
        if (body != null && prefixW + gap + segmentMeter.width(body) <= room) {
            prefix = stateName;
            text = body;
        } else if (body != null && segmentMeter.width(body) <= room) {
            text = body;
        } else if (body != null && room >= 60) {
            text = segmentMeter.fit(body, room, 3);
        }
        if (text == null && prefixW <= room) {
            prefix = stateName;
        }
        if (prefix == null && text == null) return null;
        double textW = (prefix != null ? prefixW + (text != null ? gap : 0) : 0)
                + (text != null ? segmentMeter.width(text) : 0);
        return new SegmentLabel(prefix, text, textW);
    }

    private void drawLabel(GraphicsContext g, LanesView c, ThreadState state, SegmentLabel label, double x,
                           double top, double h) {
        double cy = top + h / 2;
        if (state == ThreadState.BLOCKED || state == ThreadState.READY) {
            // A plain plate under the words, so that the hatching does not run through them.
            double plateH = Math.min(h - 6, segmentMeter.font().getSize() + 8);
            if (state == ThreadState.READY) {
                g.setFill(c.tone(Tone.BACKGROUND));
                g.fillRect(x + 3, cy - plateH / 2, label.width() + 6, plateH);
            }
            g.setFill(c.fill(state));
            g.fillRect(x + 3, cy - plateH / 2, label.width() + 6, plateH);
        }
        g.setTextBaseline(VPos.CENTER);
        g.setTextAlign(TextAlignment.LEFT);
        g.setFill(c.text(state));
        double tx = x + 6;
        if (label.prefix() != null) {
            g.setFont(stateMeter.font());
            g.fillText(label.prefix(), tx, cy);
            tx += stateMeter.width(label.prefix()) + 8;
        }
        if (label.text() != null) {
            g.setFont(segmentMeter.font());
            g.fillText(label.text(), tx, cy);
        }
    }

    /** What a segment says besides its state: the reason and detail of a wait, a task's label, a pending action. */
    static String bodyText(ThreadState state, BlockReason reason, String text) {
        if (state == ThreadState.BLOCKED && reason != null) {
            String word = reasonWord(reason);
            if (text == null || text.isBlank()) return word;
            // Most details already name their reason ("lock A held by ...", "sleep 2"); do not say it twice.
            return text.toLowerCase(Locale.ROOT).startsWith(word.toLowerCase(Locale.ROOT)) ? text : word + ": " + text;
        }
        return text == null || text.isBlank() ? null : text;
    }

    /** A reason as students read it. */
    static String reasonWord(BlockReason reason) {
        return switch (reason) {
            case SLEEP -> "sleep";
            case IO -> "I/O";
            case LOCK -> "lock";
            case CONDITION -> "condition";
            case FUTURE -> "future";
            case QUEUE -> "queue";
            case JOIN -> "join";
            case WORK -> "waiting for work";
        };
    }

    /** Grid lines at the axis ticks within absolute pixels {@code [x0, x1)}, on a canvas whose x = 0 is {@code origin}. */
    private void drawGrid(GraphicsContext g, LanesView c, double origin, double x0, double x1, double y0, double y1) {
        double npu = nanosPerUnit(c);
        double step = tickStep(pxPerNs * npu);
        double pxPerStep = step * npu * pxPerNs;
        g.setFill(c.tone(Tone.GRID));
        for (double k = Math.floor(x0 / pxPerStep) - 1; ; k++) {
            double x = Math.round(k * pxPerStep);
            if (x >= x1) break;
            if (x >= x0 - 1) g.fillRect(x - origin, y0, 1, y1 - y0);
        }
    }

    // ---------------------------------------------------------------- labels stuck to the left edge

    /**
     * Where a segment began before the window, its label stands at the window's left edge, fitted to what is in
     * view (the tiles place it at the segment's start, scrolled away). A canvas over the tiles' left end repaints
     * those segments' first pixels each frame: as far as either label reaches.
     */
    private void paintSticky(LanesView c, TimelineModel model) {
        double right = Math.round(timeX1) - timeX0;
        double leftNs = offPx / pxPerNs;
        var hidden = c.getHiddenStates();
        double needed = 0;
        int count = 0;
        for (int i = first; i <= last; i++) {
            stickyCover[i] = 0;
            TimelineModel.Lane lane = model.lane(i);
            int n = lane.segmentCount();
            int si = lane.segmentAt((long) Math.floor(leftNs));
            if (si < 0) continue;
            long s = lane.startNs(si);
            double xaAbs = Math.round(s * pxPerNs);
            if (xaAbs >= offPx) continue;
            long e = si + 1 < n ? lane.startNs(si + 1) : Math.max(nowNs, s);
            double xbAbs = Math.round(e * pxPerNs);
            ThreadState state = STATES[lane.stateOrdinal(si)];
            if (xbAbs <= offPx || hidden.contains(state)) continue;
            double y = rowY(i), rh = rowY(i + 1) - y;
            double padY = Math.max(1, Math.round(rh * 0.12));
            double top = Math.round(y + padY), segH = Math.max(1, Math.round(y + rh - padY) - top);
            double visW = Math.min(xbAbs - offPx, right);
            SegmentLabel here = label(state, lane.segmentReason(si), lane.segmentText(si), visW, segH);
            SegmentLabel atStart = label(state, lane.segmentReason(si), lane.segmentText(si), xbAbs - xaAbs, segH);
            double reach = here == null ? 0 : here.width() + 9;
            if (atStart != null) reach = Math.max(reach, xaAbs - offPx + atStart.width() + 9);
            // The start's border and hairline, which the one-canvas view drew at the edge.
            if (reach > 0 || (segH >= 10 && visW >= 6)) reach = Math.max(reach, 3);
            double cover = Math.min(visW, Math.ceil(reach));
            if (cover <= 0) continue;
            stickyCover[i] = cover;
            needed = Math.max(needed, cover);
            count++;
        }
        GraphicsContext g = sticky.getGraphicsContext2D();
        if (count == 0) {
            if (sticky.isVisible()) {
                g.clearRect(0, 0, sticky.getWidth(), sticky.getHeight());
                sticky.setVisible(false);
            }
            return;
        }
        double width = Math.min(right, Math.ceil(needed / 64) * 64);
        if (width > sticky.getWidth() || width < sticky.getWidth() / 2) sticky.setWidth(width);
        sticky.setVisible(true);
        g.clearRect(0, 0, sticky.getWidth(), sticky.getHeight());
        updateStickyPatterns();
        ThreadRef selected = c.getSelectedThread();
        for (int i = first; i <= last; i++) {
            double cover = stickyCover[i];
            if (cover <= 0) continue;
            TimelineModel.Lane lane = model.lane(i);
            int n = lane.segmentCount();
            int si = lane.segmentAt((long) Math.floor(leftNs));
            long s = lane.startNs(si);
            long e = si + 1 < n ? lane.startNs(si + 1) : Math.max(nowNs, s);
            double visW = Math.min(Math.round(e * pxPerNs) - offPx, right);
            double y = rowY(i), rh = rowY(i + 1) - y;
            double padY = Math.max(1, Math.round(rh * 0.12));
            double top = Math.round(y + padY), segH = Math.max(1, Math.round(y + rh - padY) - top);
            g.save();
            g.beginPath();
            g.rect(0, top, cover, segH);
            g.clip();
            // The ground the tiles have under the segment, then the segment as the one-canvas view drew it.
            g.setFill(c.tone(Tone.BACKGROUND));
            g.fillRect(0, top, cover, segH);
            drawGrid(g, c, offPx, offPx, offPx + cover, top, top + segH);
            g.setGlobalAlpha(opacity[i]);
            rowGround(g, c, i, selected != null && selected.id() == lane.thread().id(), 0, top, cover, segH);
            drawSegment(g, c, lane, si, STATES[lane.stateOrdinal(si)], 0, visW, top, segH, 0, cover,
                    stickyPatterns);
            g.restore();
        }
    }

    /** Stripes for the sticky canvas, whose x = 0 is the window's left edge: in phase with the tiles' stripes. */
    private void updateStickyPatterns() {
        double phase = Math.floorMod((long) offPx, (long) BLOCKED_PERIOD * READY_PERIOD);
        if (phase == stickyPatternPhase) return;
        stickyPatternPhase = phase;
        for (ThreadState s : new ThreadState[] {ThreadState.BLOCKED, ThreadState.READY}) {
            WritableImage img = stripeImages[s.ordinal()];
            double period = img.getWidth();
            stickyPatterns[s.ordinal()] = new ImagePattern(img, -(phase % period), 0, period, period, false);
        }
    }

    // ---------------------------------------------------------------- headers, margin, axis, overlays

    /** Repaints the header and right-margin rows whose look changed (every row after a full invalidation). */
    private void paintHeaders(LanesView c, TimelineModel model, boolean full) {
        GraphicsContext g = header.getGraphicsContext2D();
        GraphicsContext p = pad.getGraphicsContext2D();
        if (full) {
            g.clearRect(0, 0, header.getWidth(), header.getHeight());
            p.clearRect(0, 0, pad.getWidth(), pad.getHeight());
            g.setFill(c.tone(Tone.BACKGROUND));
            g.fillRect(0, 0, header.getWidth(), header.getHeight());
            p.setFill(c.tone(Tone.BACKGROUND));
            p.fillRect(0, 0, pad.getWidth(), pad.getHeight());
        }
        ThreadRef selected = c.getSelectedThread();
        ToIntFunction<ThreadRef> identity = c.getIdentity();
        for (int i = first; i <= last; i++) {
            TimelineModel.Lane lane = model.lane(i);
            boolean isSelected = selected != null && selected.id() == lane.thread().id();
            int colour = identity == null ? -1 : identity.applyAsInt(lane.thread());
            ThreadState state = lane.currentState();
            int sig = Objects.hash(state, isSelected, colour);
            if (headerEpoch[i] == epoch && headerSig[i] == sig && headerOpacity[i] == opacity[i]
                    && headerFade[i] == fadeIn[i]) {
                continue;
            }
            headerEpoch[i] = epoch;
            headerSig[i] = sig;
            headerOpacity[i] = opacity[i];
            headerFade[i] = fadeIn[i];
            double y = rowY(i), rh = rowY(i + 1) - y;
            drawHeader(g, c, lane, y, rh, opacity[i], isSelected, colour, i);
            p.setGlobalAlpha(1);
            p.setFill(c.tone(Tone.BACKGROUND));
            p.fillRect(0, y, pad.getWidth(), rh);
            p.setGlobalAlpha(opacity[i]);
            rowGround(p, c, i, isSelected, 0, y, pad.getWidth(), rh);
            p.setGlobalAlpha(1);
        }
    }

    private void drawHeader(GraphicsContext g, LanesView c, TimelineModel.Lane lane, double y, double laneH,
                            double alpha, boolean selected, int colour, int index) {
        double hw = headerWidth;
        g.save();
        g.beginPath();
        g.rect(0, y, hw, laneH);
        g.clip();
        g.setGlobalAlpha(1);
        g.setFill(selected ? c.tone(Tone.SELECTION_BACKGROUND) : c.tone(Tone.HEADER_BACKGROUND));
        g.fillRect(0, y, hw, laneH);
        g.setFill(c.tone(Tone.GRID));
        g.fillRect(hw - 1, y, 1, laneH);
        if (selected) {
            g.setFill(c.tone(Tone.SELECTION));
            g.fillRect(0, y, 5, laneH);
        }
        g.setGlobalAlpha(alpha);
        // New lanes slide in from the left as they fade in.
        double slide = (1 - fadeIn[index]) * -28;
        double x = 14 + slide;
        boolean twoLines = laneH >= laneMeter.lineHeight() + smallMeter.lineHeight() + 4;
        g.setTextAlign(TextAlignment.LEFT);
        ThreadState state = lane.currentState();
        // The thread's identity colour as a dot before its name, as on its chips in the code panel.
        if (colour >= 0 && laneMeter.font().getSize() <= laneH) {
            double d = Math.min(12, laneMeter.lineHeight() * 0.55);
            double cy = twoLines ? y + laneH * 0.56 - laneMeter.lineHeight() / 2 : y + laneH / 2;
            g.setFill(c.identityColor(colour));
            g.fillOval(x, cy - d / 2, d, d);
            x += d + 7;
        }
        if (laneMeter.font().getSize() <= laneH) {
            g.setFont(laneMeter.font());
            g.setFill(c.tone(Tone.TEXT));
            g.setTextBaseline(twoLines ? VPos.BOTTOM : VPos.CENTER);
            String name = laneMeter.fit(lane.thread().name(), hw - x - 8, 1);
            if (name != null) g.fillText(name, x, twoLines ? y + laneH * 0.56 : y + laneH / 2);
        }
        if (twoLines) {
            String sub = lane.thread().role() + (state == null ? "" : " \u00b7 " + state.name().toLowerCase(Locale.ROOT));
            sub = smallMeter.fit(sub, hw - x - 8, 1);
            g.setFont(smallMeter.font());
            g.setFill(c.tone(Tone.TEXT_MUTED));
            g.setTextBaseline(VPos.TOP);
            if (sub != null) g.fillText(sub, x, y + laneH * 0.56);
        }
        g.restore();
    }

    /** The x of time {@code t} on the surface, in whole pixels as the tiles draw it. */
    private double screenX(double t) {
        return timeX0 + Math.round(t * pxPerNs) - offPx;
    }

    private void paintAxis(LanesView c, double w) {
        GraphicsContext g = axis.getGraphicsContext2D();
        long now = nowNs;
        g.clearRect(0, 0, w, axisH);
        g.setFill(c.tone(Tone.HEADER_BACKGROUND));
        g.fillRect(0, 0, w, axisH);
        g.setFill(c.tone(Tone.GRID));
        g.fillRect(0, axisH - 1, w, 1);
        g.fillRect(headerWidth - 1, 0, 1, axisH);
        double npu = nanosPerUnit(c);
        double step = tickStep(pxPerNs * npu);
        int decimals = step >= 1 ? 0 : (int) Math.ceil(-Math.log10(step) - 1e-9);
        double pxPerStep = step * npu * pxPerNs;
        double[] badge = nowBadge(c, now);
        g.setFont(smallMeter.font());
        g.setTextBaseline(VPos.CENTER);
        g.setTextAlign(TextAlignment.CENTER);
        double labelY = axisH / 2 - 2;
        for (double k = Math.floor(offPx / pxPerStep) - 1; ; k++) {
            // As the grid lines in the tiles: the tick k * step in absolute pixels.
            double x = timeX0 + Math.round(k * pxPerStep) - offPx;
            double u = k * step;
            if (x > timeX1) break;
            if (x < timeX0) continue;
            g.setFill(c.tone(Tone.GRID));
            g.fillRect(x, axisH - 7, 1, 6);
            String label = String.format(Locale.ROOT, "%." + decimals + "f", u);
            double lw = smallMeter.width(label);
            // The first label may sit a little right of its tick rather than under the header.
            double lx = Math.max(x, timeX0 + 3 + lw / 2);
            boolean underBadge = badge != null && lx + lw / 2 + 4 > badge[0] && lx - lw / 2 - 4 < badge[0] + badge[2];
            if (lx - x < lw && !underBadge) {
                g.setFill(c.tone(Tone.TEXT));
                g.fillText(label, lx, labelY);
            }
        }
        // The header cell of the axis names the unit and its length.
        g.setTextAlign(TextAlignment.LEFT);
        g.setFill(c.tone(Tone.TEXT_MUTED));
        double ms = npu / 1e6;
        String scale = "1 unit = " + (ms == Math.rint(ms) ? Long.toString((long) ms)
                : String.format(Locale.ROOT, "%.2f", ms)) + " ms";
        String caption = smallMeter.fit("time in units", headerWidth - 20, 1);
        String scaleFit = smallMeter.fit(scale, headerWidth - 20, 1);
        double lh = smallMeter.lineHeight();
        if (caption != null && scaleFit != null && axisH >= 2 * lh + 2) {
            g.setTextBaseline(VPos.TOP);
            double top = (axisH - 2 * lh) / 2;
            g.fillText(caption, 12, top);
            g.fillText(scaleFit, 12, top + lh);
        } else if (caption != null) {
            g.fillText(caption, 12, labelY);
        }
        if (badge != null) drawNowBadge(g, c, now, badge);
    }

    /** Where the "now" badge goes in the axis, as {x, y, w, h}; null when now is out of view. */
    private double[] nowBadge(LanesView c, long now) {
        double x = screenX(now);
        if (x < timeX0 - 1 || x > timeX1 + 1) return null;
        String label = nowLabel(c, now);
        double lw = smallMeter.width(label) + 14, lh = smallMeter.lineHeight() + 4;
        double lx = Math.min(Math.max(x - lw / 2, timeX0), timeX1 + RIGHT_PAD - lw);
        return new double[] {lx, (axisH - lh) / 2 - 2, lw, lh};
    }

    private static String nowLabel(LanesView c, long now) {
        return String.format(Locale.ROOT, "now %.2f", now / nanosPerUnit(c));
    }

    private void drawNowBadge(GraphicsContext g, LanesView c, long now, double[] b) {
        g.setFill(c.tone(Tone.NOW));
        g.fillRoundRect(b[0], b[1], b[2], b[3], 8, 8);
        g.setFill(c.tone(Tone.BACKGROUND));
        g.setFont(smallMeter.font());
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.CENTER);
        g.fillText(nowLabel(c, now), b[0] + b[2] / 2, b[1] + b[3] / 2);
    }

    /** The "now" line, the hover outline, the outlines of lanes on a deadlock's cycle, and the hover card. */
    private void placeOverlays(LanesView c, TimelineModel model, double w) {
        double x = screenX(nowNs);
        boolean nowShown = x >= timeX0 - 1 && x <= timeX1 + 1;
        nowLine.setVisible(nowShown);
        if (nowShown) {
            nowLine.setFill(c.tone(Tone.NOW));
            nowLine.setX(x - 1);
            nowLine.setY(axisH);
            nowLine.setWidth(2);
            nowLine.setHeight(viewportH);
        }

        HoverTarget hover = hoverTarget(model, axisH, laneH, scroll, timeX0, timeX1, pxPerNs);
        placeHoverBox(c, model, hover);

        int k = 0;
        for (int i = first; i <= last; i++) {
            if (!c.getOutlinedThreads().contains(model.lane(i).thread().id())) continue;
            Rectangle r;
            if (k < outlines.getChildren().size()) {
                r = (Rectangle) outlines.getChildren().get(k);
            } else {
                r = new Rectangle();
                r.setFill(null);
                r.setStrokeType(StrokeType.INSIDE);
                r.setStrokeWidth(3.5);
                outlines.getChildren().add(r);
            }
            k++;
            double y = axisH + rowY(i);
            r.setStroke(c.tone(Tone.OUTLINE));
            r.setX(1);
            r.setY(y + 1);
            r.setWidth(Math.max(0, w - 2));
            r.setHeight(Math.max(0, rowY(i + 1) - rowY(i) - 2));
        }
        if (k < outlines.getChildren().size()) outlines.getChildren().remove(k, outlines.getChildren().size());

        updateTip(c, model, hover, nowNs);
    }

    private void placeHoverBox(LanesView c, TimelineModel model, HoverTarget hover) {
        if (hover == null || hover.segment < 0 || hover.lane < first || hover.lane > last) {
            hoverBox.setVisible(false);
            return;
        }
        TimelineModel.Lane lane = model.lane(hover.lane);
        int i = hover.segment;
        long s = lane.startNs(i);
        long e = i + 1 < lane.segmentCount() ? lane.startNs(i + 1) : Math.max(nowNs, s);
        double xa = Math.max(timeX0, screenX(s)), xb = Math.min(Math.round(timeX1), screenX(e));
        double y = rowY(hover.lane), rh = rowY(hover.lane + 1) - y;
        double padY = Math.max(1, Math.round(rh * 0.12));
        double top = Math.round(y + padY), segH = Math.max(1, Math.round(y + rh - padY) - top);
        if (xb - xa < 5) {
            hoverBox.setVisible(false);
            return;
        }
        hoverBox.setStroke(c.tone(Tone.TEXT));
        hoverBox.setOpacity(opacity[hover.lane]);
        hoverBox.setX(xa);
        hoverBox.setY(axisH + top);
        hoverBox.setWidth(xb - xa);
        hoverBox.setHeight(segH);
        hoverBox.setVisible(true);
    }

    /** A "nice" step (1, 2 or 5 times a power of ten) in units so that ticks are at least MIN_TICK_PX apart. */
    static double tickStep(double pxPerUnit) {
        double minUnits = MIN_TICK_PX / Math.max(pxPerUnit, 1e-12);
        double pow = Math.pow(10, Math.floor(Math.log10(minUnits)));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * pow >= minUnits) return m * pow;
        }
        return 10 * pow;
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
        String family = Font.getDefault().getFamily();
        double size = c.fontSize();
        segmentMeter = new TextMeter(Font.font(family, FontWeight.NORMAL, size));
        stateMeter = new TextMeter(Font.font(family, FontWeight.BOLD, size * 0.82));
        smallMeter = new TextMeter(Font.font(family, FontWeight.NORMAL, Math.max(9, size * 0.85)));
        double laneFont = Math.min(c.laneFontSize(), Math.max(8, c.getLaneHeight() * 0.6));
        laneMeter = new TextMeter(Font.font(family, FontWeight.BOLD, laneFont));
        stripeImages[ThreadState.BLOCKED.ordinal()] = stripes(c.pattern(ThreadState.BLOCKED), BLOCKED_PERIOD, 3, true);
        stripeImages[ThreadState.READY.ordinal()] = stripes(c.pattern(ThreadState.READY), READY_PERIOD, 2, false);
        for (ThreadState s : new ThreadState[] {ThreadState.BLOCKED, ThreadState.READY}) {
            WritableImage img = stripeImages[s.ordinal()];
            patterns[s.ordinal()] = new ImagePattern(img, 0, 0, img.getWidth(), img.getHeight(), false);
        }
        stickyPatternPhase = Double.NaN;
        headerMeasuredFor = -1;
        fittedLaneHeight = 0;
        dirty = true;
        stale = true;
    }

    /**
     * A tile of diagonal stripes on a transparent ground, as a pattern anchored to the canvas so that stripes run on
     * across segment borders.
     */
    private static WritableImage stripes(Color color, int period, int thickness, boolean rising) {
        WritableImage tile = new WritableImage(period, period);
        PixelWriter px = tile.getPixelWriter();
        for (int y = 0; y < period; y++) {
            for (int x = 0; x < period; x++) {
                int d = Math.floorMod(rising ? x + y : x - y, period);
                if (d < thickness) px.setColor(x, y, color);
                else px.setColor(x, y, Color.TRANSPARENT);
            }
        }
        return tile;
    }

    private void measureHeader(TimelineModel model) {
        int n = model.laneCount();
        if (n == headerMeasuredFor) return;
        double widest = laneMeter.width("main");
        for (int i = 0; i < n; i++) {
            ThreadRef t = model.lane(i).thread();
            widest = Math.max(widest, laneMeter.width(t.name()));
            widest = Math.max(widest, smallMeter.width(t.role() + " \u00b7 concluded"));
        }
        headerWidth = Math.round(Math.max(150, Math.min(320, widest + 34)));
        headerMeasuredFor = n;
    }

    // ================================================================ pointer and keys

    /** What the pointer is over. */
    private record HoverTarget(int lane, int segment) {
    }

    private HoverTarget hoverTarget(TimelineModel model, double axisH, double laneH, double scroll, double timeX0,
                                    double timeX1, double pxPerNs) {
        if (Double.isNaN(mouseX) || dragging || mouseY < axisH) return null;
        int lane = (int) Math.floor((mouseY - axisH + scroll) / laneH);
        if (lane < 0 || lane >= model.laneCount()) return null;
        if (mouseX < timeX0) return new HoverTarget(lane, -1);
        if (mouseX > timeX1) return null;
        long t = (long) (viewStartNs + (mouseX - timeX0) / pxPerNs);
        TimelineModel.Lane l = model.lane(lane);
        int seg = l.segmentAt(t);
        if (seg < 0 || (seg == l.segmentCount() - 1 && t > Math.max(nowNs, l.startNs(seg)))) return null;
        if (getSkinnable().getHiddenStates().contains(l.segmentState(seg))) return null;
        return new HoverTarget(lane, seg);
    }

    private void updateTip(LanesView c, TimelineModel model, HoverTarget hover, long now) {
        if (hover == null) {
            tip.setVisible(false);
            return;
        }
        String text = hover.segment < 0 ? laneText(model.lane(hover.lane))
                : segmentText(c, model.lane(hover.lane), hover.segment, now);
        if (!text.equals(tip.getText())) tip.setText(text);
        tip.autosize();
        double tw = tip.getWidth(), th = tip.getHeight();
        double x = mouseX + 18, y = mouseY + 20;
        if (x + tw > surface.getWidth()) x = Math.max(0, mouseX - 12 - tw);
        if (y + th > surface.getHeight()) y = Math.max(0, mouseY - 12 - th);
        tip.relocate(snapPositionX(x), snapPositionY(y));
        tip.setVisible(true);
    }

    private static String laneText(TimelineModel.Lane lane) {
        ThreadRef t = lane.thread();
        ThreadState s = lane.currentState();
        return t.name() + "  (" + t.role() + ")\n"
                + "now " + (s == null ? "unknown" : s.name()) + " \u00b7 " + lane.segmentCount() + " segments\n"
                + "click to select this lane";
    }

    /** The hover card of segment {@code i}: state, reason, text, exact times in units and ms, and its event. */
    static String segmentText(LanesView c, TimelineModel.Lane lane, int i, long now) {
        double npu = nanosPerUnit(c);
        ThreadState state = lane.segmentState(i);
        BlockReason reason = lane.segmentReason(i);
        long start = lane.segmentStartNs(i);
        boolean open = i == lane.segmentCount() - 1 && state != ThreadState.CONCLUDED;
        long end = lane.segmentEndNs(i, now);
        StringBuilder sb = new StringBuilder();
        sb.append(lane.thread().name()).append("  (").append(lane.thread().role()).append(")\n");
        sb.append(state.name());
        if (reason != null) sb.append(" (").append(reasonWord(reason)).append(')');
        String text = lane.segmentText(i);
        if (text != null && !text.isBlank()) sb.append(" \u2014 ").append(text);
        sb.append('\n');
        sb.append("from ").append(time(start, npu));
        if (state == ThreadState.CONCLUDED) {
            sb.append('\n');
        } else {
            sb.append(open ? "  to now " : "  to ").append(time(end, npu)).append('\n');
            sb.append(open ? "so far " : "lasted ").append(time(end - start, npu)).append('\n');
        }
        sb.append("event #").append(lane.segmentSeq(i)).append(' ').append(lane.segmentKind(i));
        if (lane.segmentTask(i) != 0) sb.append(" \u00b7 task #").append(lane.segmentTask(i));
        if (lane.segmentLine(i) != 0) sb.append(" \u00b7 line ").append(lane.segmentLine(i));
        return sb.toString();
    }

    private static String time(long ns, double npu) {
        return String.format(Locale.ROOT, "%.3f u (%.1f ms)", ns / npu, ns / 1e6);
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
            double nsPerPx = windowNs(c) / timeWidth();
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
        double mid = headerWidth + timeWidth() / 2;
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
        viewStartNs = Math.max(0, viewStartNs + px * windowNs(c) / timeWidth());
        dirty = true;
    }

    /** Zooms by {@code factor} (above 1: more time in view), keeping the time under {@code x} in place. */
    private void zoomAt(double x, double factor) {
        LanesView c = getSkinnable();
        double oldWindow = windowNs(c);
        double units = clamp(c.getVisibleUnits() * factor, LanesView.MIN_VISIBLE_UNITS, LanesView.MAX_VISIBLE_UNITS);
        c.setVisibleUnits(units);
        if (!c.isFollowNow()) {
            double frac = clamp((x - headerWidth) / timeWidth(), 0, 1);
            double pinned = viewStartNs + frac * oldWindow;
            viewStartNs = Math.max(0, pinned - frac * windowNs(c));
        }
        dirty = true;
    }

    private double timeWidth() {
        return Math.max(10, surface.getWidth() - RIGHT_PAD - headerWidth);
    }

    private static double clamp(double v, double lo, double hi) {
        return v < lo ? lo : Math.min(hi, v);
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
        double window = windowNs(getSkinnable());
        return surface.getLayoutX() + headerWidth + (tNs - viewStartNs) * timeWidth() / window;
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
        return i < 0 || i >= knownLanes ? 1 : opacity[i];
    }

    /** The hover card's text, or null when none is shown. */
    public String hoverText() {
        return tip.isVisible() ? tip.getText() : null;
    }
}
