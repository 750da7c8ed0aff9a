package org.threadlanes.ui.lanes;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import javafx.scene.Group;
import javafx.scene.Node;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.shape.Rectangle;

import org.threadlanes.trace.ThreadRef;
import org.threadlanes.trace.ThreadState;
import org.threadlanes.ui.lanes.LanesView.Tone;
import org.threadlanes.ui.lanes.SegmentPainter.SegmentLabel;

/**
 * The time area as a strip of canvas tiles, each {@value #TILE_W} px wide showing a fixed stretch of absolute pixels
 * at the current zoom: keeps a tile for every stretch in view and one beyond the right edge, moves them as the view
 * scrolls, paints a tile new to its stretch, and repaints in every tile only the pixel ranges of lanes that changed
 * (see {@link LanesViewSkin}'s class comment). Remembers per lane (by model index) what its row in the tiles shows.
 *
 * <p>Touched on the FX thread only (or, for benchmarks, on one thread while the control is not showing).
 */
final class TileStrip {
    /** Width of a tile in pixels: a multiple of the stripe periods (10 and 12), so that hatching runs on. */
    static final int TILE_W = 480;
    private static final ThreadState[] STATES = ThreadState.values();

    /** One canvas of the time area, showing absolute pixels {@code [index * TILE_W, (index + 1) * TILE_W)}. */
    private static final class Tile {
        final Canvas canvas = new Canvas();
        long index;
    }

    private final LanesView control;
    private final LanesFrame f;
    private final LaneFades fades;
    private final SegmentPainter painter;
    private final Group layer = new Group();
    private final Rectangle clip = new Rectangle();
    private final List<Tile> tiles = new ArrayList<>();
    private final ArrayDeque<Tile> spareTiles = new ArrayDeque<>();

    // Per lane, what its row in the tiles shows: painted in which epoch, with how many segments, up to which time
    // (the end of its last segment then), with which label on its open segment, at which opacity.
    private int[] rowEpoch = new int[64];
    private int[] paintedCount = new int[64];
    private long[] paintedEnd = new long[64];
    private SegmentLabel[] paintedLabel = new SegmentLabel[64];
    private double[] paintedOpacity = new double[64];
    // Per-frame scratch: the pixel range of each lane to repaint.
    private double[] dirtyFrom = new double[64];
    private double[] dirtyTo = new double[64];

    TileStrip(LanesView control, LanesFrame frame, LaneFades fades, SegmentPainter painter) {
        this.control = control;
        this.f = frame;
        this.fades = fades;
        this.painter = painter;
        layer.setClip(clip);
        layer.setManaged(false);
    }

    /** The node holding the tiles, clipped to the time area. */
    Node node() {
        return layer;
    }

    /** Makes room for {@code lanes} lanes; rows from {@code known} on are new and will be painted whole. */
    void ensureCapacity(int lanes, int known) {
        if (lanes > rowEpoch.length) {
            int cap = Math.max(lanes, rowEpoch.length * 2);
            rowEpoch = Arrays.copyOf(rowEpoch, cap);
            paintedCount = Arrays.copyOf(paintedCount, cap);
            paintedEnd = Arrays.copyOf(paintedEnd, cap);
            paintedLabel = Arrays.copyOf(paintedLabel, cap);
            paintedOpacity = Arrays.copyOf(paintedOpacity, cap);
            dirtyFrom = Arrays.copyOf(dirtyFrom, cap);
            dirtyTo = Arrays.copyOf(dirtyTo, cap);
        }
        for (int i = known; i < lanes; i++) rowEpoch[i] = 0;
    }

    /** Sizes the clip and the tiles after a change of geometry; tiles are placed every frame. */
    void layout() {
        double right = Math.round(f.timeX1);
        clip.setX(f.timeX0);
        clip.setY(f.axisH);
        clip.setWidth(Math.max(0, right - f.timeX0));
        clip.setHeight(f.viewportH);
        for (Tile t : tiles) sizeTile(t);
        for (Tile t : spareTiles) sizeTile(t);
    }

    private void sizeTile(Tile t) {
        t.canvas.setWidth(TILE_W);
        t.canvas.setHeight(Math.ceil(f.viewportH));
    }

    /**
     * Keeps a tile for every stretch of the time area in view and one beyond its right edge (the next to scroll in),
     * moves each to its place, and paints those new to their stretch (all of them after a full invalidation).
     */
    void placeTiles(TimelineModel model, boolean full) {
        double timeW = Math.round(f.timeX1) - f.timeX0;
        long kFirst = Math.floorDiv((long) f.offPx, TILE_W);
        long kLast = Math.floorDiv((long) (f.offPx + timeW), TILE_W) + 1;
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
            t.canvas.relocate(f.timeX0 + k * TILE_W - f.offPx, f.axisH);
            if (fresh || full) paintTile(model, t);
        }
        if (full) {
            for (int i = f.first; i <= f.last; i++) markRowPainted(model, i);
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
        layer.getChildren().add(t.canvas);
        return t;
    }

    private void paintTile(TimelineModel model, Tile t) {
        GraphicsContext g = t.canvas.getGraphicsContext2D();
        // Clearing the whole canvas also drops the commands not yet rendered (a tile reused before it was shown).
        g.clearRect(0, 0, t.canvas.getWidth(), t.canvas.getHeight());
        double origin = (double) t.index * TILE_W;
        paintRegion(model, g, origin, origin, origin + TILE_W, f.first, f.last, true);
    }

    /** Records what lane {@code i}'s row shows after being painted up to now. */
    private void markRowPainted(TimelineModel model, int i) {
        TimelineModel.Lane lane = model.lane(i);
        int n = lane.segmentCount();
        rowEpoch[i] = f.epoch;
        paintedCount[i] = n;
        paintedEnd[i] = laneEnd(lane, n);
        paintedLabel[i] = openLabel(lane, n, i);
        paintedOpacity[i] = fades.opacity(i);
    }

    /** Where lane's picture ends: its last segment's end (now, or its start if that is later). */
    private long laneEnd(TimelineModel.Lane lane, int n) {
        return n == 0 ? f.nowNs : Math.max(f.nowNs, lane.startNs(n - 1));
    }

    /** The label lane {@code i}'s last (open) segment has at its current width. */
    private SegmentLabel openLabel(TimelineModel.Lane lane, int n, int i) {
        if (n == 0) return null;
        long s = lane.startNs(n - 1);
        double width = Math.round(Math.max(f.nowNs, s) * f.pxPerNs) - Math.round(s * f.pxPerNs);
        double y = f.rowY(i);
        return painter.label(STATES[lane.stateOrdinal(n - 1)], lane.segmentReason(n - 1), lane.segmentText(n - 1),
                width, LanesFrame.segmentHeight(y, f.rowY(i + 1) - y));
    }

    /**
     * Repaints, in every tile they touch, the pixel ranges of lanes that changed since the last frame (see the class
     * comment); consecutive lanes with the same range are repainted together.
     */
    void repaintChangedLanes(TimelineModel model) {
        double inf = Double.POSITIVE_INFINITY;
        boolean any = false;
        for (int i = f.first; i <= f.last; i++) {
            TimelineModel.Lane lane = model.lane(i);
            int n = lane.segmentCount();
            double from = inf, to = -inf;
            int pc = paintedCount[i];
            if (rowEpoch[i] != f.epoch || fades.opacity(i) != paintedOpacity[i] || pc > n || pc == 0 && n > 0) {
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
            dirtyFrom[i] = from == -inf ? -inf : Math.floor(from * f.pxPerNs) - 3;
            dirtyTo[i] = to == inf ? inf : Math.ceil(to * f.pxPerNs) + 2;
            markRowPainted(model, i);
        }
        if (!any) return;
        for (int i = f.first; i <= f.last; ) {
            if (Double.isNaN(dirtyFrom[i])) {
                i++;
                continue;
            }
            int j = i;
            while (j + 1 <= f.last && dirtyFrom[j + 1] == dirtyFrom[i] && dirtyTo[j + 1] == dirtyTo[i]) j++;
            for (Tile t : tiles) {
                double origin = (double) t.index * TILE_W;
                double x0 = Math.max(origin, dirtyFrom[i]), x1 = Math.min(origin + TILE_W, dirtyTo[i]);
                if (x1 > x0) paintRegion(model, t.canvas.getGraphicsContext2D(), origin, x0, x1, i, j, false);
            }
            i = j + 1;
        }
    }

    /**
     * Paints absolute pixels {@code [x0, x1)} of lanes {@code laneA..laneB} (or of the whole height when
     * {@code wholeHeight}) on a canvas whose x = 0 is absolute pixel {@code origin}: background, grid, lanes.
     */
    private void paintRegion(TimelineModel model, GraphicsContext g, double origin, double x0, double x1, int laneA,
                             int laneB, boolean wholeHeight) {
        LanesView c = control;
        double lx0 = x0 - origin, lx1 = x1 - origin;
        double y0 = wholeHeight ? 0 : Math.max(0, f.rowY(laneA));
        double y1 = wholeHeight ? Math.ceil(f.viewportH) : Math.min(Math.ceil(f.viewportH), f.rowY(laneB + 1));
        if (y1 <= y0 || lx1 <= lx0) return;
        g.save();
        g.beginPath();
        g.rect(lx0, y0, lx1 - lx0, y1 - y0);
        g.clip();
        g.setGlobalAlpha(1);
        g.setFill(c.tone(Tone.BACKGROUND));
        g.fillRect(lx0, y0, lx1 - lx0, y1 - y0);
        painter.drawGrid(g, origin, x0, x1, y0, y1);
        ThreadRef selected = c.getSelectedThread();
        for (int i = Math.max(laneA, f.first); i <= Math.min(laneB, f.last); i++) {
            TimelineModel.Lane lane = model.lane(i);
            double y = f.rowY(i), rh = f.rowY(i + 1) - y;
            g.setGlobalAlpha(fades.opacity(i));
            SegmentPainter.rowGround(g, c, i, selected != null && selected.id() == lane.thread().id(), lx0, y,
                    lx1 - lx0, rh);
            painter.drawSegments(g, lane, y, rh, origin, lx0, lx1);
        }
        g.restore();
    }
}
