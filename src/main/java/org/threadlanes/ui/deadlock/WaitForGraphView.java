package org.threadlanes.ui.deadlock;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.control.Control;
import javafx.scene.control.Skin;

import org.threadlanes.analysis.DeadlockReport;
import org.threadlanes.analysis.WaitForGraph;
import org.threadlanes.analysis.WaitForGraph.Edge;
import org.threadlanes.analysis.WaitForGraph.Node;

/**
 * The wait-for graph, drawn: threads, locks, futures, tasks and pools as labelled boxes, who-waits-for-whom as
 * arrows, and the deadlock's cycle highlighted (thick, in the theme's danger colour). The layout is deterministic:
 * the cycle on a ring, what hangs from it around it, other waits in layers, free threads in a row at the bottom.
 *
 * <pre>{@code
 * WaitForGraphView graph = new WaitForGraphView(deadlocks);   // bound to a DeadlockViewModel
 * // or, fed by hand on the FX thread:
 * graph.setGraph(detector.graph());
 * graph.setReport(report);                                      // optional: the cycle to highlight
 * }</pre>
 * Touched on the FX thread only. The highlighted edges are {@link #getHighlightedEdges()}: the edges of the graph
 * that lie on the report's cycle (matched by their nodes' ids and kind, so a later graph of the same run still
 * matches).
 */
public class WaitForGraphView extends Control {
    private final ObjectProperty<WaitForGraph> graph = new SimpleObjectProperty<>(this, "graph", WaitForGraph.empty());
    private final ObjectProperty<DeadlockReport> report = new SimpleObjectProperty<>(this, "report");
    private final StringProperty placeholderText = new SimpleStringProperty(this, "placeholderText",
            "No thread waits for another right now.");
    private final ObservableList<Edge> highlightedEdges = FXCollections.observableArrayList();
    private final ObservableList<Edge> highlightedEdgesView = FXCollections.unmodifiableObservableList(highlightedEdges);
    private final ObservableList<Node> highlightedNodes = FXCollections.observableArrayList();
    private final ObservableList<Node> highlightedNodesView = FXCollections.unmodifiableObservableList(highlightedNodes);

    /** An empty graph, to be fed with {@link #setGraph} and {@link #setReport}. */
    public WaitForGraphView() {
        getStyleClass().add(DeadlockStyles.GRAPH_VIEW);
        graph.addListener(o -> updateHighlight());
        report.addListener(o -> updateHighlight());
    }

    /** A graph bound to {@code model}'s graph and first deadlock. */
    public WaitForGraphView(DeadlockViewModel model) {
        this();
        graph.bind(model.graphProperty());
        report.bind(model.reportProperty());
    }

    /** The graph to draw; never null (null shows an empty graph). */
    public ObjectProperty<WaitForGraph> graphProperty() { return graph; }
    /** The graph drawn (an empty one for null). */
    public WaitForGraph getGraph() { return graph.get() == null ? WaitForGraph.empty() : graph.get(); }
    /** Sets the graph to draw. */
    public void setGraph(WaitForGraph g) { graph.set(g); }

    /** The deadlock whose cycle to highlight, or null. */
    public ObjectProperty<DeadlockReport> reportProperty() { return report; }
    /** The deadlock highlighted, or null. */
    public DeadlockReport getReport() { return report.get(); }
    /** Sets the deadlock to highlight (null: none). */
    public void setReport(DeadlockReport r) { report.set(r); }

    /** What the view says when there is nothing to draw. */
    public StringProperty placeholderTextProperty() { return placeholderText; }

    /** The edges of the graph drawn highlighted: those on the report's cycle. */
    public ObservableList<Edge> getHighlightedEdges() { return highlightedEdgesView; }

    /** The nodes of the graph drawn highlighted: the ends of the highlighted edges. */
    public ObservableList<Node> getHighlightedNodes() { return highlightedNodesView; }

    private void updateHighlight() {
        DeadlockReport r = report.get();
        List<Edge> edges = new ArrayList<>();
        Set<Node> nodes = new LinkedHashSet<>();
        if (r != null && !r.cycle().isEmpty()) {
            Set<String> keys = new HashSet<>();
            for (Edge e : r.cycle()) keys.add(GraphLayout.key(e));
            // In cycle order, as the report gives it, then any match it did not list (none, normally).
            for (Edge c : r.cycle()) {
                for (Edge e : getGraph().edges()) {
                    if (GraphLayout.key(e).equals(GraphLayout.key(c)) && !edges.contains(e)) edges.add(e);
                }
            }
            for (Edge e : getGraph().edges()) if (keys.contains(GraphLayout.key(e)) && !edges.contains(e)) edges.add(e);
            for (Edge e : edges) {
                nodes.add(e.from());
                nodes.add(e.to());
            }
        }
        // Nodes first: whoever listens to the edges finds the nodes up to date.
        List<Node> nodeList = new ArrayList<>(nodes);
        if (!nodeList.equals(highlightedNodes)) highlightedNodes.setAll(nodeList);
        if (!edges.equals(highlightedEdges)) highlightedEdges.setAll(edges);
    }

    @Override
    protected Skin<?> createDefaultSkin() {
        return new WaitForGraphViewSkin(this);
    }

    @Override
    public String getUserAgentStylesheet() {
        return DeadlockStyles.STYLESHEET;
    }
}
