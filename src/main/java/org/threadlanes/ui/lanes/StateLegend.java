package org.threadlanes.ui.lanes;

import java.util.Objects;

import javafx.scene.control.Control;
import javafx.scene.control.Skin;

import org.threadlanes.trace.ThreadState;

/**
 * A legend of the five states: a swatch (same colour and pattern as in the lanes) and the state's name for each.
 * Clicking a state, or pressing Space or Enter on it, toggles it in the {@link LanesView}'s hidden states; a hidden
 * state's entry is dimmed and crossed out. Each entry's tooltip explains its state in one line.
 *
 * <pre>{@code
 * LanesView lanes = new LanesView(timeline);
 * VBox box = new VBox(new StateLegend(lanes), lanes);
 * }</pre>
 */
public class StateLegend extends Control {
    private final LanesView lanes;

    /** A legend that shows and hides states in {@code lanes}. */
    public StateLegend(LanesView lanes) {
        this.lanes = Objects.requireNonNull(lanes, "lanes");
        getStyleClass().add(LanesStyles.STATE_LEGEND);
    }

    /** The lanes whose hidden states this legend toggles. */
    public LanesView getLanes() {
        return lanes;
    }

    /** Hides {@code state} in the lanes if shown, shows it if hidden. */
    public void toggle(ThreadState state) {
        if (!lanes.getHiddenStates().remove(state)) lanes.getHiddenStates().add(state);
    }

    /** One line that explains {@code state} to a student. */
    public static String explain(ThreadState state) {
        return switch (state) {
            case CREATED -> "CREATED: made, but not started yet.";
            case READY -> "READY: could run now, but waits for a free CPU core (outlined, striped).";
            case RUNNING -> "RUNNING: on a CPU core, doing work (solid).";
            case BLOCKED -> "BLOCKED: waits for something else (sleep, I/O, a lock, a result...) and uses no CPU"
                    + " (hatched).";
            case CONCLUDED -> "CONCLUDED: finished; its lane dims.";
        };
    }

    @Override
    protected Skin<?> createDefaultSkin() {
        return new StateLegendSkin(this);
    }

    @Override
    public String getUserAgentStylesheet() {
        return LanesStyles.STYLESHEET;
    }
}
