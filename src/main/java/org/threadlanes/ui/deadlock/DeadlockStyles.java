package org.threadlanes.ui.deadlock;

import java.util.Locale;

import javafx.css.PseudoClass;

import org.threadlanes.analysis.WaitForGraph;

/**
 * Style class names and pseudo-classes of the deadlock package, as constants. The stylesheet is
 * {@code deadlock.css}, the user-agent stylesheet of {@link StepBar}, {@link WaitForGraphView} and
 * {@link DeadlockBanner}; its colours are AtlantaFX theme variables only, so light and dark themes both work.
 */
public final class DeadlockStyles {
    // ------------------------------------------------------------------ step bar
    /** The {@link StepBar} control. */
    public static final String STEP_BAR = "step-bar";
    /** The row of step buttons and the status line. */
    public static final String STEP_CONTROLS = "step-controls";
    /** The one-line hint of what to do next. */
    public static final String STEP_STATUS = "step-status";
    /** "step 7": how many steps were taken. */
    public static final String STEP_COUNT = "step-count";
    /** The row of threads waiting at the gate. */
    public static final String GATE_ROW = "gate-row";
    /** The caption before the waiting threads. */
    public static final String GATE_CAPTION = "gate-caption";
    /** One waiting thread (a clickable chip). */
    public static final String GATE_CHIP = "gate-chip";
    /** The key number (1-9) on a chip. */
    public static final String CHIP_KEY = "chip-key";
    /** The thread's name on a chip. */
    public static final String CHIP_NAME = "chip-name";
    /** The pending action ("next: lock B") on a chip. */
    public static final String CHIP_ACTION = "chip-action";
    /** The listing line on a chip. */
    public static final String CHIP_LINE = "chip-line";
    /** The strip shown while viewing the past. */
    public static final String PAST_STRIP = "past-strip";
    /** The text of the past strip. */
    public static final String PAST_TEXT = "past-text";
    /** On the chip of the thread to be stepped (the selection, or the first waiting thread). */
    public static final PseudoClass TARGET = PseudoClass.getPseudoClass("target");
    /** On the chip of the thread that was stepped next, while viewing the past. */
    public static final PseudoClass STEPPED_NEXT = PseudoClass.getPseudoClass("stepped-next");
    /** On the step bar while viewing the past. */
    public static final PseudoClass PAST = PseudoClass.getPseudoClass("past");

    // ------------------------------------------------------------------ wait-for graph
    /** The {@link WaitForGraphView} control. */
    public static final String GRAPH_VIEW = "wait-for-graph";
    /** The pane that holds the graph's shapes. */
    public static final String GRAPH_CANVAS = "wfg-canvas";
    /** A node of the graph (a label); also carries its kind's class, see {@link #of(WaitForGraph.NodeKind)}. */
    public static final String GRAPH_NODE = "wfg-node";
    /** An edge's line. */
    public static final String GRAPH_EDGE = "wfg-edge";
    /** An edge's arrowhead. */
    public static final String GRAPH_ARROW = "wfg-arrow";
    /** An edge's words ("held by"). */
    public static final String GRAPH_EDGE_LABEL = "wfg-edge-label";
    /** The text shown when the graph is empty. */
    public static final String GRAPH_PLACEHOLDER = "wfg-placeholder";
    /** The caption of the graph's legend line. */
    public static final String GRAPH_LEGEND = "wfg-legend";
    /** On nodes, edges, arrowheads and edge labels on the deadlock cycle. */
    public static final String ON_CYCLE = "on-cycle";
    /** On thread nodes that wait for nothing (running, or waiting at the step gate). */
    public static final String FREE = "free";

    // ------------------------------------------------------------------ banner
    /** The {@link DeadlockBanner} control. */
    public static final String BANNER = "deadlock-banner";
    /** The banner's row: icon and body. */
    public static final String BANNER_ROW = "banner-row";
    /** The banner's warning icon. */
    public static final String BANNER_ICON = "banner-icon";
    /** The banner's title ("Deadlock"). */
    public static final String BANNER_TITLE = "banner-title";
    /** The kind of deadlock, as a tag ("pool starvation"). */
    public static final String KIND_TAG = "kind-tag";
    /** The plain-words sentence. */
    public static final String EXPLANATION = "explanation";
    /** A thread on the cycle, as a chip. */
    public static final String THREAD_CHIP = "thread-chip";
    /** The flow of thread chips. */
    public static final String THREAD_CHIPS = "thread-chips";
    /** The caption before the thread chips. */
    public static final String THREADS_CAPTION = "threads-caption";
    /** A note under the sentence (other deadlocks, the JVM's view, viewing the past). */
    public static final String BANNER_NOTE = "banner-note";
    /** On the banner when there is no deadlock to show. */
    public static final PseudoClass CLEAR = PseudoClass.getPseudoClass("clear");

    /** The stylesheet of the package's controls, as an external form URL. */
    static final String STYLESHEET = DeadlockStyles.class.getResource("deadlock.css").toExternalForm();

    private DeadlockStyles() {
    }

    /** The style class of a node kind: {@code thread}, {@code lock}, {@code future}, {@code task}, {@code pool}... */
    public static String of(WaitForGraph.NodeKind kind) {
        return kind.name().toLowerCase(Locale.ROOT);
    }
}
