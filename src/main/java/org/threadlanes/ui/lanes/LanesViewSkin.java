package org.threadlanes.ui.lanes;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.ToIntFunction;
import java.util.function.LongSupplier;

import javafx.animation.AnimationTimer;
import javafx.beans.InvalidationListener;
import javafx.beans.Observable;
import javafx.beans.value.ObservableValue;
import javafx.event.EventHandler;
import javafx.geometry.Bounds;
import javafx.geometry.BoundingBox;
import javafx.geometry.Orientation;
import javafx.geometry.VPos;
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
import javafx.scene.paint.Color;
import javafx.scene.paint.ImagePattern;
import javafx.scene.paint.Paint;
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
 * Draws a {@link LanesView} on one {@link Canvas}, once per animation pulse while anything moves.
 *
 * <h2>Drawing</h2>
 * Only the lanes in the vertical viewport and the segments in the visible time window are drawn: the first visible
 * segment of a lane is found by binary search, and where several segments fall into one pixel column only one is
 * drawn and the rest are skipped by another binary search. A frame thus costs about (visible lanes x visible
 * segments, at most one per pixel), whatever the length of the run.
 *
 * <h2>Animation</h2>
 * An {@link AnimationTimer} runs only while the control is in a showing window and visible (a {@link Subscription}
 * starts and stops it). Each pulse reads the clock for the "now" cursor, scrolls to follow it, fades new lanes in
 * and concluded lanes down, and redraws only if something changed.
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
    private static final ThreadState[] STATES = ThreadState.values();
    private static final long SHOWN = Long.MIN_VALUE;

    private final Canvas canvas = new Canvas();
    private final ScrollBar vbar = new ScrollBar();
    private final Label tip = new Label();
    private final AnimationTimer timer = new AnimationTimer() {
        @Override
        public void handle(long now) {
            pulse(now);
        }
    };
    private final InvalidationListener markDirty = o -> dirty = true;
    private Subscription subscriptions = Subscription.EMPTY;
    private boolean timerRunning;

    // ---------------------------------------------------------------- view state
    private boolean dirty = true;
    private boolean animating;
    private double viewStartNs;
    private long nowNs;
    private long lastVersion = -1;
    private int generation;
    private double headerWidth = 160;
    /** The lane height of the last frame (0 before the first). */
    private double fittedLaneHeight;
    private int headerMeasuredFor = -1;

    // Per lane (by model index): pulse time of first drawing (SHOWN: shown at once, no fade), and of first being
    // seen concluded (0 = not yet); the opacity and fade-in of the last frame.
    private long[] appearedAt = new long[64];
    private long[] concludedAt = new long[64];
    private double[] opacity = new double[64];
    private double[] fadeIn = new double[64];
    private int knownLanes;
    private boolean firstLook = true;

    // ---------------------------------------------------------------- look, rebuilt when CSS changes
    private boolean styleStale = true;
    private TextMeter segmentMeter, stateMeter, laneMeter, smallMeter;
    private final Paint[] patterns = new Paint[STATES.length];

    // ---------------------------------------------------------------- pointer
    private double mouseX = Double.NaN, mouseY = Double.NaN;
    private double pressX, pressY, pressViewStart, pressScroll;
    private boolean dragging;

    private final EventHandler<KeyEvent> keys = this::onKey;

    /** Builds the nodes (canvas, vertical scroll bar, hover card) and starts watching the control. */
    public LanesViewSkin(LanesView control) {
        super(control);
        vbar.setOrientation(Orientation.VERTICAL);
        vbar.setVisible(false);
        tip.getStyleClass().add(LanesStyles.LANES_TOOLTIP);
        tip.setManaged(false);
        tip.setVisible(false);
        tip.setMouseTransparent(true);
        tip.setWrapText(false);
        getChildren().addAll(canvas, vbar, tip);

        canvas.addEventHandler(MouseEvent.MOUSE_MOVED, this::onMove);
        canvas.addEventHandler(MouseEvent.MOUSE_EXITED, e -> hideTip());
        canvas.addEventHandler(MouseEvent.MOUSE_PRESSED, this::onPress);
        canvas.addEventHandler(MouseEvent.MOUSE_DRAGGED, this::onDrag);
        canvas.addEventHandler(MouseEvent.MOUSE_CLICKED, this::onClick);
        canvas.addEventHandler(ScrollEvent.SCROLL, this::onScroll);
        canvas.addEventHandler(ZoomEvent.ZOOM, this::onZoom);
        control.addEventHandler(KeyEvent.KEY_PRESSED, keys);

        Subscription s = Subscription.EMPTY;
        for (Observable o : control.styleObservables()) s = s.and(o.subscribe(() -> styleStale = true));
        Observable[] redrawOn = {control.getModel().versionProperty(), control.nanosPerUnitProperty(),
                control.visibleUnitsProperty(), control.followNowProperty(), control.getHiddenStates(),
                control.selectedThreadProperty(), control.getOutlinedThreads(), control.clockProperty(),
                control.identityProperty(),
                vbar.valueProperty(), canvas.widthProperty(), canvas.heightProperty()};
        for (Observable o : redrawOn) {
            o.addListener(markDirty);
            s = s.and(() -> o.removeListener(markDirty));
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
        canvas.relocate(x, y);
        canvas.setWidth(Math.max(0, w - barW));
        canvas.setHeight(Math.max(0, h));
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

    /** Draws one frame now, as an animation pulse would: for tests and benchmarks. */
    public void redraw() {
        LanesView c = getSkinnable();
        if (c != null) draw(System.nanoTime(), readClock(c));
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
        nowNs = now;
        lastVersion = model.versionProperty().get();
        dirty = false;
        animating = false;

        double w = canvas.getWidth(), h = canvas.getHeight();
        GraphicsContext g = canvas.getGraphicsContext2D();
        // Clearing the whole canvas also drops the commands of frames not yet rendered.
        g.clearRect(0, 0, w, h);
        if (w < 2 || h < 2) return;
        g.setFill(c.tone(Tone.BACKGROUND));
        g.fillRect(0, 0, w, h);

        int lanes = model.laneCount();
        measureHeader(model);
        double axisH = axisHeight();
        fitLaneHeight(lanes, h - axisH);
        double laneH = laneHeight();
        double timeX0 = headerWidth, timeX1 = Math.max(timeX0 + 10, w - RIGHT_PAD);
        double window = windowNs(c);
        if (c.isFollowNow()) viewStartNs = Math.max(0, now - FOLLOW_AT * window);
        double pxPerNs = (timeX1 - timeX0) / window;
        updateScrollBar(lanes * laneH, h - axisH, laneH);
        double scroll = vbar.isVisible() ? vbar.getValue() : 0;

        int first = Math.max(0, (int) Math.floor(scroll / laneH));
        int last = Math.min(lanes - 1, (int) Math.floor((scroll + h - axisH) / laneH));
        ensureAnimationCapacity(lanes);
        drawGrid(g, c, axisH, h, timeX0, timeX1, pxPerNs);

        ThreadRef selected = c.getSelectedThread();
        HoverTarget hover = hoverTarget(model, axisH, laneH, scroll, timeX0, timeX1, pxPerNs);
        for (int i = first; i <= last; i++) {
            TimelineModel.Lane lane = model.lane(i);
            double y = axisH + i * laneH - scroll;
            double alpha = laneOpacity(i, lane, pulseNs);
            g.setGlobalAlpha(alpha);
            boolean isSelected = selected != null && selected.id() == lane.thread().id();
            if (isSelected) {
                g.setFill(c.tone(Tone.SELECTION_BACKGROUND));
                g.fillRect(0, y, w, laneH);
            } else if ((i & 1) == 1) {
                g.setFill(c.tone(Tone.LANE_ALT));
                g.fillRect(timeX0, y, w - timeX0, laneH);
            }
            drawSegments(g, c, lane, y, laneH, timeX0, timeX1, pxPerNs, now,
                    hover != null && hover.lane == i ? hover.segment : -1);
            drawHeader(g, c, lane, y, laneH, alpha, isSelected, pulseNs, i);
            g.setGlobalAlpha(1);
            if (c.getOutlinedThreads().contains(lane.thread().id())) {
                strokeInside(g, c.tone(Tone.OUTLINE), 3.5, 1, y + 1, w - 2, laneH - 2);
            }
        }
        g.setGlobalAlpha(1);
        drawNowLine(g, c, now, axisH, h, timeX0, timeX1, pxPerNs);
        drawAxis(g, c, w, axisH, timeX0, timeX1, pxPerNs, now);
        updateTip(c, model, hover, now);
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

    // ---------------------------------------------------------------- animation of lanes

    private void ensureAnimationCapacity(int lanes) {
        if (lanes > appearedAt.length) {
            int cap = Math.max(lanes, appearedAt.length * 2);
            appearedAt = Arrays.copyOf(appearedAt, cap);
            concludedAt = Arrays.copyOf(concludedAt, cap);
            opacity = Arrays.copyOf(opacity, cap);
            fadeIn = Arrays.copyOf(fadeIn, cap);
        }
        for (int i = knownLanes; i < lanes; i++) {
            // Lanes already there when the view first looks are simply shown; later ones fade in.
            appearedAt[i] = firstLook ? SHOWN : 0;
            concludedAt[i] = 0;
            opacity[i] = 1;
            fadeIn[i] = firstLook ? 1 : 0;
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

    // ---------------------------------------------------------------- pieces of a frame

    private void drawSegments(GraphicsContext g, LanesView c, TimelineModel.Lane lane, double y, double laneH,
                              double timeX0, double timeX1, double pxPerNs, long now, int hovered) {
        int n = lane.segmentCount();
        if (n == 0) return;
        // Whole pixels throughout: the software pipeline fills pixel-aligned rectangles much faster, and edges stay
        // crisp. Two segments that meet share one rounded edge.
        double pad = Math.max(1, Math.round(laneH * 0.12));
        double top = Math.round(y + pad), segH = Math.max(1, Math.round(y + laneH - pad) - top);
        double left = Math.round(timeX0), right = Math.round(timeX1);
        double viewEnd = viewStartNs + (timeX1 - timeX0) / pxPerNs;
        int i = Math.max(0, lane.segmentAt((long) viewStartNs));
        var hidden = c.getHiddenStates();
        boolean anyHidden = !hidden.isEmpty();
        while (i < n) {
            long s = lane.startNs(i);
            if (s > viewEnd) break;
            long e = i + 1 < n ? lane.startNs(i + 1) : Math.max(now, s);
            double xa = Math.max(left, Math.round(timeX0 + (s - viewStartNs) * pxPerNs));
            double xb = Math.min(right, Math.round(timeX0 + (e - viewStartNs) * pxPerNs));
            ThreadState state = STATES[lane.stateOrdinal(i)];
            if (xb - xa < 1) {
                // Segments thinner than a pixel: one column for the lot, the rest skipped by binary search.
                if (xa < right && e > viewStartNs && !(anyHidden && hidden.contains(state))) {
                    g.setFill(c.fill(state));
                    g.fillRect(xa, top, 1, segH);
                }
                long nextPixelNs = (long) Math.ceil(viewStartNs + (xa + 0.5 - timeX0) / pxPerNs);
                i = Math.max(i + 1, lane.segmentAt(nextPixelNs));
                continue;
            }
            if (!(anyHidden && hidden.contains(state))) {
                drawSegment(g, c, lane, i, state, xa, xb, top, segH, i == hovered);
            }
            i++;
        }
    }

    private void drawSegment(GraphicsContext g, LanesView c, TimelineModel.Lane lane, int i, ThreadState state,
                             double xa, double xb, double top, double h, boolean hovered) {
        double w = xb - xa;
        g.setFill(c.fill(state));
        g.fillRect(xa, top, w, h);
        // Patterns and borders need room to be seen; in very thin lanes the colour (and the hover card) must do.
        boolean detailed = h >= 10 && w >= 3;
        if (detailed) {
            switch (state) {
                case BLOCKED -> {
                    g.setFill(patterns[state.ordinal()]);
                    g.fillRect(xa, top, w, h);
                }
                case READY -> {
                    g.setFill(patterns[state.ordinal()]);
                    g.fillRect(xa, top, w, h);
                    strokeInside(g, c.pattern(state), 2, xa, top, w, h);
                }
                case CREATED -> strokeInside(g, c.pattern(state), 2, xa, top, w, h);
                default -> { }
            }
            // A hairline where a segment begins, so that back-to-back tasks in one state stay apart.
            if (w >= 6) {
                g.setFill(c.tone(Tone.BACKGROUND));
                g.fillRect(xa, top, 1, h);
            }
        }
        if (hovered) strokeInside(g, c.tone(Tone.TEXT), 2, xa, top, w, h);
        if (w >= 26 && h >= 12) drawSegmentText(g, c, lane, i, state, xa, top, w, h);
    }

    /**
     * A border just inside a rectangle, as four filled bars: in the software pipeline a stroked path costs several
     * times as much as filled rectangles.
     */
    private static void strokeInside(GraphicsContext g, Color color, double width, double x, double y, double w,
                                     double h) {
        if (w < 2 * width + 1) return;
        g.setFill(color);
        g.fillRect(x, y, w, width);
        g.fillRect(x, y + h - width, w, width);
        g.fillRect(x, y + width, width, h - 2 * width);
        g.fillRect(x + w - width, y + width, width, h - 2 * width);
    }

    private void drawSegmentText(GraphicsContext g, LanesView c, TimelineModel.Lane lane, int i, ThreadState state,
                                 double x, double top, double w, double h) {
        if (segmentMeter.font().getSize() > h) return;
        String stateName = state.name();
        String body = bodyText(state, lane.segmentReason(i), lane.segmentText(i));
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
        if (prefix == null && text == null) return;
        double textW = (prefix != null ? prefixW + (text != null ? gap : 0) : 0)
                + (text != null ? segmentMeter.width(text) : 0);
        double cy = top + h / 2;
        if (state == ThreadState.BLOCKED || state == ThreadState.READY) {
            // A plain plate under the words, so that the hatching does not run through them.
            double plateH = Math.min(h - 6, segmentMeter.font().getSize() + 8);
            if (state == ThreadState.READY) {
                g.setFill(c.tone(Tone.BACKGROUND));
                g.fillRect(x + 3, cy - plateH / 2, textW + 6, plateH);
            }
            g.setFill(c.fill(state));
            g.fillRect(x + 3, cy - plateH / 2, textW + 6, plateH);
        }
        g.setTextBaseline(VPos.CENTER);
        g.setTextAlign(TextAlignment.LEFT);
        g.setFill(c.text(state));
        double tx = x + 6;
        if (prefix != null) {
            g.setFont(stateMeter.font());
            g.fillText(prefix, tx, cy);
            tx += prefixW + gap;
        }
        if (text != null) {
            g.setFont(segmentMeter.font());
            g.fillText(text, tx, cy);
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

    private void drawHeader(GraphicsContext g, LanesView c, TimelineModel.Lane lane, double y, double laneH,
                            double alpha, boolean selected, long pulseNs, int index) {
        double hw = headerWidth;
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
        ToIntFunction<ThreadRef> identity = c.getIdentity();
        int colour = identity == null ? -1 : identity.applyAsInt(lane.thread());
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
    }

    private void drawGrid(GraphicsContext g, LanesView c, double axisH, double h, double timeX0, double timeX1,
                          double pxPerNs) {
        double npu = nanosPerUnit(c);
        double step = tickStep(pxPerNs * npu);
        double firstUnit = Math.ceil(viewStartNs / npu / step) * step;
        g.setFill(c.tone(Tone.GRID));
        for (double u = firstUnit; ; u += step) {
            double x = timeX0 + (u * npu - viewStartNs) * pxPerNs;
            if (x > timeX1) break;
            g.fillRect(Math.round(x), axisH, 1, h - axisH);
        }
    }

    private void drawAxis(GraphicsContext g, LanesView c, double w, double axisH, double timeX0, double timeX1,
                          double pxPerNs, long now) {
        g.setFill(c.tone(Tone.HEADER_BACKGROUND));
        g.fillRect(0, 0, w, axisH);
        g.setFill(c.tone(Tone.GRID));
        g.fillRect(0, axisH - 1, w, 1);
        g.fillRect(headerWidth - 1, 0, 1, axisH);
        double npu = nanosPerUnit(c);
        double step = tickStep(pxPerNs * npu);
        int decimals = step >= 1 ? 0 : (int) Math.ceil(-Math.log10(step) - 1e-9);
        double firstUnit = Math.ceil(viewStartNs / npu / step) * step;
        double[] badge = nowBadge(c, now, axisH, timeX0, timeX1, pxPerNs);
        g.setFont(smallMeter.font());
        g.setTextBaseline(VPos.CENTER);
        g.setTextAlign(TextAlignment.CENTER);
        double labelY = axisH / 2 - 2;
        for (double u = firstUnit; ; u += step) {
            double x = timeX0 + (u * npu - viewStartNs) * pxPerNs;
            if (x > timeX1) break;
            g.setFill(c.tone(Tone.GRID));
            g.fillRect(Math.round(x), axisH - 7, 1, 6);
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
    private double[] nowBadge(LanesView c, long now, double axisH, double timeX0, double timeX1, double pxPerNs) {
        double x = timeX0 + (now - viewStartNs) * pxPerNs;
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

    private void drawNowLine(GraphicsContext g, LanesView c, long now, double axisH, double h, double timeX0,
                             double timeX1, double pxPerNs) {
        double x = timeX0 + (now - viewStartNs) * pxPerNs;
        if (x < timeX0 - 1 || x > timeX1 + 1) return;
        g.setFill(c.tone(Tone.NOW));
        g.fillRect(Math.round(x) - 1, axisH, 2, h - axisH);
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
        patterns[ThreadState.BLOCKED.ordinal()] = stripes(c.pattern(ThreadState.BLOCKED), 10, 3, true);
        patterns[ThreadState.READY.ordinal()] = stripes(c.pattern(ThreadState.READY), 12, 2, false);
        headerMeasuredFor = -1;
        fittedLaneHeight = 0;
        dirty = true;
    }

    /**
     * A tile of diagonal stripes on a transparent ground, as a pattern anchored to the canvas so that stripes run on
     * across segment borders.
     */
    private static Paint stripes(Color color, int period, int thickness, boolean rising) {
        WritableImage tile = new WritableImage(period, period);
        PixelWriter px = tile.getPixelWriter();
        for (int y = 0; y < period; y++) {
            for (int x = 0; x < period; x++) {
                int d = Math.floorMod(rising ? x + y : x - y, period);
                if (d < thickness) px.setColor(x, y, color);
                else px.setColor(x, y, Color.TRANSPARENT);
            }
        }
        return new ImagePattern(tile, 0, 0, period, period, false);
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
        if (x + tw > canvas.getWidth()) x = Math.max(0, mouseX - 12 - tw);
        if (y + th > canvas.getHeight()) y = Math.max(0, mouseY - 12 - th);
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
        return Math.max(10, canvas.getWidth() - RIGHT_PAD - headerWidth);
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
        return new BoundingBox(canvas.getLayoutX(), canvas.getLayoutY() + y, canvas.getWidth(), laneHeight());
    }

    /** The x of time {@code tNs} in the control's coordinates, as of the last frame. */
    public double xForTime(long tNs) {
        double window = windowNs(getSkinnable());
        return canvas.getLayoutX() + headerWidth + (tNs - viewStartNs) * timeWidth() / window;
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
