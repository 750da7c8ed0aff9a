package org.threadlanes.ui.lanes;

import java.util.Locale;

import javafx.css.PseudoClass;

import org.threadlanes.trace.ThreadState;

/** Style class names and pseudo-classes of the lanes package, as constants (the stylesheet is {@code lanes.css}). */
public final class LanesStyles {
    /** The {@link LanesView} control. */
    public static final String LANES_VIEW = "lanes-view";
    /** The hover card that shows a segment's exact times and event. */
    public static final String LANES_TOOLTIP = "lanes-tooltip";
    /** The {@link StateLegend} control. */
    public static final String STATE_LEGEND = "state-legend";
    /** The row of legend entries. */
    public static final String LEGEND_BOX = "legend-box";
    /** One state of the legend (a swatch and the state's name); also carries the state's own class. */
    public static final String LEGEND_ENTRY = "legend-entry";
    /** The coloured sample of a state. */
    public static final String SWATCH = "swatch";
    /** On a legend entry whose state is hidden in the lanes. */
    public static final PseudoClass OFF = PseudoClass.getPseudoClass("off");

    /** The stylesheet of LanesView and StateLegend, as an external form URL. */
    static final String STYLESHEET = LanesStyles.class.getResource("lanes.css").toExternalForm();

    private LanesStyles() {
    }

    /** The style class of a state: {@code created}, {@code ready}, {@code running}, {@code blocked}... */
    public static String of(ThreadState state) {
        return state.name().toLowerCase(Locale.ROOT);
    }
}
