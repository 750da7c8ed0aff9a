package org.threadlanes.ui.deadlock;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javafx.beans.InvalidationListener;
import javafx.beans.Observable;
import javafx.geometry.Bounds;
import javafx.geometry.BoundingBox;
import javafx.scene.control.Label;
import javafx.scene.control.SkinBase;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Pane;
import javafx.scene.shape.Line;
import javafx.scene.shape.Polygon;
import javafx.util.Subscription;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.kordamp.ikonli.materialdesign2.MaterialDesignB;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignL;
import org.kordamp.ikonli.materialdesign2.MaterialDesignR;
import org.kordamp.ikonli.materialdesign2.MaterialDesignT;

import org.threadlanes.analysis.Deadlock;
import org.threadlanes.analysis.DeadlockReport;
import org.threadlanes.analysis.WaitForGraph;
import org.threadlanes.analysis.WaitForGraph.Edge;
import org.threadlanes.analysis.WaitForGraph.EdgeKind;
import org.threadlanes.analysis.WaitForGraph.Node;
import org.threadlanes.analysis.WaitForGraph.NodeKind;

/**
 * Draws a {@link WaitForGraphView} as a pane of shapes: a {@link Label} per node (icon, name, kind as a style
 * class), a {@link Line} and a {@link Polygon} arrowhead per edge, and a small label with the edge's words. Colours
 * and widths come from {@code deadlock.css}. The shapes are rebuilt when the graph or its highlight changes (a
 * lesson's graph has a dozen nodes) and placed in {@link #layoutChildren} from the {@link GraphLayout}, scaled to
 * the control's size. Touched on the FX thread only.
 */
public class WaitForGraphViewSkin extends SkinBase<WaitForGraphView> {
    private static final double PAD = 14, GAP = 3;
    private static final double ARROW_LENGTH = 11, ARROW_WIDTH = 9, CYCLE_ARROW_LENGTH = 17, CYCLE_ARROW_WIDTH = 15;
    /** Two edges between the same nodes in opposite directions are drawn this far apart. */
    private static final double PAIR_OFFSET = 7;

    /** The shapes of one edge. */
    private record EdgeShapes(Edge edge, Line line, Polygon arrow, Label words, boolean onCycle) {
    }

    private final Pane canvas = new Pane();
    private final Label placeholder = new Label();
    private final Label legend = new Label();
    private final Map<String, Label> nodeLabels = new LinkedHashMap<>();
    private final List<EdgeShapes> edgeShapes = new ArrayList<>();
    private GraphLayout.Result layout = new GraphLayout.Result(Map.of(), List.of(), List.of());
    private Subscription subscriptions;

    /** Builds the pane, the placeholder and the legend, and starts watching the control. */
    public WaitForGraphViewSkin(WaitForGraphView control) {
        super(control);
        canvas.getStyleClass().add(DeadlockStyles.GRAPH_CANVAS);
        canvas.setMinSize(0, 0);
        placeholder.getStyleClass().add(DeadlockStyles.GRAPH_PLACEHOLDER);
        placeholder.textProperty().bind(control.placeholderTextProperty());
        placeholder.setWrapText(true);
        placeholder.setManaged(false);
        legend.getStyleClass().add(DeadlockStyles.GRAPH_LEGEND);
        legend.setWrapText(true);
        getChildren().addAll(canvas, legend);

        InvalidationListener rebuild = o -> rebuild();
        Observable[] on = {control.graphProperty(), control.reportProperty(), control.getHighlightedEdges()};
        Subscription s = Subscription.EMPTY;
        for (Observable o : on) {
            o.addListener(rebuild);
            s = s.and(() -> o.removeListener(rebuild));
        }
        subscriptions = s;
        rebuild();
    }

    @Override
    public void dispose() {
        if (getSkinnable() == null) return;
        subscriptions.unsubscribe();
        placeholder.textProperty().unbind();
        getChildren().clear();
        super.dispose();
    }

    // ------------------------------------------------------------------ for tests and the snapshot

    /** The label drawn for the node with this id, or null. */
    public Label nodeLabel(String nodeId) {
        return nodeLabels.get(nodeId);
    }

    /** The line drawn for {@code edge} (matched by its nodes and kind), or null. */
    public Line edgeLine(Edge edge) {
        for (EdgeShapes s : edgeShapes) if (GraphLayout.key(s.edge()).equals(GraphLayout.key(edge))) return s.line();
        return null;
    }

    /** The lines drawn highlighted, in the order of the control's highlighted edges. */
    public List<Line> cycleLines() {
        List<Line> out = new ArrayList<>();
        for (EdgeShapes s : edgeShapes) if (s.onCycle()) out.add(s.line());
        return out;
    }

    /** Where the node with this id sits, in the control's coordinates, or null. */
    public Bounds nodeBounds(String nodeId) {
        Label l = nodeLabels.get(nodeId);
        if (l == null) return null;
        Bounds b = l.getBoundsInParent();
        return new BoundingBox(b.getMinX() + canvas.getLayoutX(), b.getMinY() + canvas.getLayoutY(), b.getWidth(),
                b.getHeight());
    }

    // ------------------------------------------------------------------ building

    private void rebuild() {
        WaitForGraphView c = getSkinnable();
        WaitForGraph g = c.getGraph();
        List<Edge> cycle = c.getHighlightedEdges();
        Set<String> cycleKeys = new HashSet<>();
        for (Edge e : cycle) cycleKeys.add(GraphLayout.key(e));
        Set<String> cycleNodes = new HashSet<>();
        for (Edge e : cycle) {
            cycleNodes.add(e.from().id());
            cycleNodes.add(e.to().id());
        }
        layout = GraphLayout.of(g, cycle);
        Set<String> free = new HashSet<>(layout.free());

        nodeLabels.clear();
        edgeShapes.clear();
        List<javafx.scene.Node> lines = new ArrayList<>(), cycleLines = new ArrayList<>(), arrows = new ArrayList<>(),
                words = new ArrayList<>(), nodes = new ArrayList<>();
        for (Node n : g.nodes()) {
            Label l = nodeLabel(n, cycleNodes.contains(n.id()), free.contains(n.id()));
            nodeLabels.put(n.id(), l);
            nodes.add(l);
        }
        for (Edge e : g.edges()) {
            boolean on = cycleKeys.contains(GraphLayout.key(e));
            Line line = new Line();
            line.getStyleClass().add(DeadlockStyles.GRAPH_EDGE);
            line.setManaged(false);
            Polygon arrow = new Polygon();
            arrow.getStyleClass().add(DeadlockStyles.GRAPH_ARROW);
            arrow.setManaged(false);
            Label w = new Label(words(e.kind()));
            w.getStyleClass().add(DeadlockStyles.GRAPH_EDGE_LABEL);
            w.setManaged(false);
            w.setMouseTransparent(true);
            if (on) {
                line.getStyleClass().add(DeadlockStyles.ON_CYCLE);
                arrow.getStyleClass().add(DeadlockStyles.ON_CYCLE);
                w.getStyleClass().add(DeadlockStyles.ON_CYCLE);
            }
            line.setUserData(e);
            Tooltip.install(line, new Tooltip(sentence(e)));
            (on ? cycleLines : lines).add(line);
            arrows.add(arrow);
            words.add(w);
            edgeShapes.add(new EdgeShapes(e, line, arrow, w, on));
        }
        List<javafx.scene.Node> all = new ArrayList<>(lines);
        all.addAll(cycleLines);
        all.addAll(arrows);
        all.addAll(words);
        all.addAll(nodes);
        if (g.nodes().isEmpty()) all.add(placeholder);
        canvas.getChildren().setAll(all);

        legend.setText(legendText(g, cycle, c.getReport()));
        getSkinnable().requestLayout();
    }

    private static String legendText(WaitForGraph g, List<Edge> cycle, DeadlockReport report) {
        String arrows = "Each arrow points from a waiting thread to what it waits for. ";
        if (g.edges().isEmpty()) {
            return "Nobody waits for anybody: the dashed threads wait for nothing (they run, or wait at the step gate).";
        }
        if (cycle.isEmpty()) return arrows + "Dashed threads wait for nothing.";
        if (report != null && report.deadlock().kind() == Deadlock.Kind.ALL_BLOCKED) {
            return arrows + "Thick red: the waits of the blocked threads. Nothing left running can end them.";
        }
        return arrows + "Thick red: the deadlock's cycle. Every thread on it waits for the next, so none can ever move.";
    }

    private static Label nodeLabel(Node n, boolean onCycle, boolean free) {
        String text = n.kind() == NodeKind.THREAD && n.task() != null ? n.label() + "\nruns " + n.task()
                : n.kind() == NodeKind.THREAD ? n.label() : n.describe();
        Label l = new Label(text, new FontIcon(icon(n.kind())));
        l.getStyleClass().addAll(DeadlockStyles.GRAPH_NODE, DeadlockStyles.of(n.kind()));
        if (onCycle) l.getStyleClass().add(DeadlockStyles.ON_CYCLE);
        if (free) l.getStyleClass().add(DeadlockStyles.FREE);
        l.setManaged(false);
        l.setUserData(n);
        l.setTooltip(new Tooltip(tooltip(n, free)));
        return l;
    }

    private static Ikon icon(NodeKind kind) {
        return switch (kind) {
            case THREAD -> MaterialDesignR.RAY_START_ARROW;
            case LOCK -> MaterialDesignL.LOCK;
            case FUTURE -> MaterialDesignT.TIMER_SAND;
            case TASK -> MaterialDesignC.CLIPBOARD_TEXT_OUTLINE;
            case POOL -> MaterialDesignA.ACCOUNT_GROUP;
            case CONDITION -> MaterialDesignB.BELL_OUTLINE;
            case QUEUE -> MaterialDesignT.TRAY_FULL;
        };
    }

    private static String tooltip(Node n, boolean free) {
        return switch (n.kind()) {
            case THREAD -> "Thread " + n.label() + (n.task() != null ? ", running task " + n.task() : "")
                    + (free ? ": waits for nothing (it runs, or waits at the step gate)" : "");
            case LOCK -> "Lock " + n.label() + ": one thread at a time may hold it";
            case FUTURE -> "The future of " + n.label() + ": get() waits until that task is done";
            case TASK -> "Task " + n.label();
            case POOL -> "The pool: a queued task waits for a free worker";
            case CONDITION -> "Condition " + n.label() + ": a waiter sleeps until someone signals it";
            case QUEUE -> "Queue " + n.label();
        };
    }

    /** An edge as a sentence, for its tooltip: "t1 wants lock B". */
    static String sentence(Edge e) {
        String from = e.from().kind() == NodeKind.THREAD ? e.from().label() : e.from().describe();
        String to = e.to().kind() == NodeKind.THREAD ? e.to().label() : e.to().describe();
        return e.kind() == EdgeKind.JOINS ? from + " waits for " + to + " to end (join)"
                : from + " " + words(e.kind()) + " " + to;
    }

    /** An edge in words, read from its tail to its head ("t1 wants lock B", "lock B held by t2"). */
    static String words(EdgeKind kind) {
        return switch (kind) {
            case WAITS_FOR_LOCK -> "wants";
            case HELD_BY -> "held by";
            case WAITS_ON_FUTURE -> "waits for";
            case RESULT_OF -> "result of";
            case RUNS_ON -> "runs on";
            case QUEUED_IN -> "queued in";
            case BUSY_WORKER -> "busy";
            case JOINS -> "joins";
            case WAITS_ON -> "waits on";
        };
    }

    // ------------------------------------------------------------------ placing

    @Override
    protected void layoutChildren(double x, double y, double w, double h) {
        double legendH = snapSizeY(legend.prefHeight(w));
        legend.resizeRelocate(x, y + h - legendH, w, legendH);
        double areaH = Math.max(0, h - legendH);
        canvas.resizeRelocate(x, y, w, areaH);

        if (nodeLabels.isEmpty()) {
            double pw = Math.min(w - 2 * PAD, placeholder.prefWidth(-1));
            double ph = placeholder.prefHeight(pw);
            placeholder.resizeRelocate(Math.max(0, (w - pw) / 2), Math.max(0, (areaH - ph) / 2), Math.max(0, pw), ph);
            return;
        }

        Map<String, double[]> size = new LinkedHashMap<>();
        double maxW = 0, maxH = 0;
        for (Map.Entry<String, Label> e : nodeLabels.entrySet()) {
            Label l = e.getValue();
            double lw = snapSizeX(l.prefWidth(-1)), lh = snapSizeY(l.prefHeight(-1));
            size.put(e.getKey(), new double[]{lw, lh});
            maxW = Math.max(maxW, lw);
            maxH = Math.max(maxH, lh);
        }
        // Scale abstract units to pixels, each axis on its own, but never so far apart that the graph falls apart.
        double spanX = layout.maxX() - layout.minX(), spanY = layout.maxY() - layout.minY();
        double capX = Math.max(230, maxW + 130), capY = Math.max(110, maxH * 3);
        double sx = spanX > 0 ? Math.max(0, Math.min(capX, (w - 2 * PAD - maxW) / spanX)) : 0;
        double sy = spanY > 0 ? Math.max(0, Math.min(capY, (areaH - 2 * PAD - maxH) / spanY)) : 0;
        double midX = (layout.minX() + layout.maxX()) / 2, midY = (layout.minY() + layout.maxY()) / 2;

        Map<String, double[]> centre = new LinkedHashMap<>();
        for (Map.Entry<String, Label> e : nodeLabels.entrySet()) {
            GraphLayout.Point p = layout.positions().get(e.getKey());
            double cx = w / 2 + (p.x() - midX) * sx, cy = areaH / 2 + (p.y() - midY) * sy;
            double[] s = size.get(e.getKey());
            e.getValue().resizeRelocate(snapPositionX(cx - s[0] / 2), snapPositionY(cy - s[1] / 2), s[0], s[1]);
            centre.put(e.getKey(), new double[]{cx, cy});
        }

        Set<String> pairs = new HashSet<>();
        for (EdgeShapes s : edgeShapes) pairs.add(s.edge().from().id() + ">" + s.edge().to().id());
        for (EdgeShapes s : edgeShapes) {
            Edge e = s.edge();
            double[] a = centre.get(e.from().id()), b = centre.get(e.to().id());
            double[] sa = size.get(e.from().id()), sb = size.get(e.to().id());
            placeEdge(s, a, sa, b, sb, pairs.contains(e.to().id() + ">" + e.from().id()), w / 2, areaH / 2);
        }
    }

    /** Places an edge's line, arrowhead and words; the words sit beside the line, on the side away from the middle. */
    private static void placeEdge(EdgeShapes s, double[] a, double[] sa, double[] b, double[] sb, boolean paired,
                                  double midX, double midY) {
        double dx = b[0] - a[0], dy = b[1] - a[1];
        double len = Math.hypot(dx, dy);
        boolean visible = len > 1;
        double ux = visible ? dx / len : 0, uy = visible ? dy / len : 0;
        double px = -uy, py = ux;
        double off = paired ? PAIR_OFFSET : 0;
        double startD = toBorder(ux, uy, sa[0] / 2, sa[1] / 2) + GAP;
        double endD = toBorder(ux, uy, sb[0] / 2, sb[1] / 2) + GAP;
        double arrowL = s.onCycle() ? CYCLE_ARROW_LENGTH : ARROW_LENGTH;
        double arrowW = s.onCycle() ? CYCLE_ARROW_WIDTH : ARROW_WIDTH;
        visible &= len - startD - endD > arrowL;
        for (javafx.scene.Node n : List.of(s.line(), s.arrow(), s.words())) n.setVisible(visible);
        if (!visible) return;

        double x0 = a[0] + ux * startD + px * off, y0 = a[1] + uy * startD + py * off;
        double x1 = b[0] - ux * endD + px * off, y1 = b[1] - uy * endD + py * off;
        double bx = x1 - ux * arrowL, by = y1 - uy * arrowL;
        // The line stops inside the arrowhead, so a thick line's square end does not poke out past the tip.
        s.line().setStartX(x0);
        s.line().setStartY(y0);
        s.line().setEndX(bx + ux * 2);
        s.line().setEndY(by + uy * 2);
        s.arrow().getPoints().setAll(x1, y1, bx + px * arrowW / 2, by + py * arrowW / 2,
                bx - px * arrowW / 2, by - py * arrowW / 2);

        Label w = s.words();
        double ww = w.prefWidth(-1), wh = w.prefHeight(-1);
        // Words that would spill over the nodes are left out; the line's tooltip still says them.
        w.setVisible(ww <= Math.hypot(bx - x0, by - y0) + 8);
        double mx = (x0 + bx) / 2, my = (y0 + by) / 2;
        double side = px * (mx - midX) + py * (my - midY);
        double sign = side > 0.5 ? 1 : side < -0.5 ? -1 : py > 0 ? -1 : 1;
        double away = Math.abs(px) * ww / 2 + Math.abs(py) * wh / 2 + 3;
        mx += sign * px * away;
        my += sign * py * away;
        w.resizeRelocate(mx - ww / 2, my - wh / 2, ww, wh);
    }

    /** Distance from a box's centre to its border along the unit vector (ux, uy). */
    private static double toBorder(double ux, double uy, double halfW, double halfH) {
        double tx = Math.abs(ux) < 1e-9 ? Double.MAX_VALUE : halfW / Math.abs(ux);
        double ty = Math.abs(uy) < 1e-9 ? Double.MAX_VALUE : halfH / Math.abs(uy);
        return Math.min(tx, ty);
    }

    @Override
    protected double computePrefWidth(double height, double top, double right, double bottom, double left) {
        return 520 + left + right;
    }

    @Override
    protected double computePrefHeight(double width, double top, double right, double bottom, double left) {
        return 360 + top + bottom;
    }

    @Override
    protected double computeMinWidth(double height, double top, double right, double bottom, double left) {
        return 120 + left + right;
    }

    @Override
    protected double computeMinHeight(double width, double top, double right, double bottom, double left) {
        return 100 + top + bottom;
    }
}
