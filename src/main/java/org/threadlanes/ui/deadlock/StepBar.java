package org.threadlanes.ui.deadlock;

import java.util.Objects;

import javafx.event.EventHandler;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Control;
import javafx.scene.control.Skin;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.util.Subscription;

/**
 * The step controls: Pause, Step (the selected thread), Step any (round robin), Step back, Resume; the threads
 * waiting at the gate, each with its number key, its pending action ("next: lock B") and its line; and, while viewing
 * the past, a strip that says so, with Later, Now and Replay.
 *
 * <pre>{@code
 * StepBar bar = new StepBar(steps);          // a StepViewModel
 * bar.installShortcuts(mainView);            // keys 1-9, S, A, B, N anywhere in the window
 * }</pre>
 *
 * <h2>Keys</h2>
 * {@code 1}-{@code 9} select the n-th waiting thread, {@code S} steps, {@code A} steps any, {@code B} steps back,
 * {@code N} shows the next step while in the past. Pause and Resume are the main window's Space. Keys with a modifier,
 * or typed into a text field, are left alone. Touched on the FX thread only.
 */
public class StepBar extends Control {
    /** Id of the Pause button. */
    public static final String ID_PAUSE = "step-pause";
    /** Id of the Step button. */
    public static final String ID_STEP = "step-one";
    /** Id of the Step any button. */
    public static final String ID_STEP_ANY = "step-any";
    /** Id of the Step back button. */
    public static final String ID_STEP_BACK = "step-back";
    /** Id of the Resume button. */
    public static final String ID_RESUME = "step-resume";
    /** Id of the Later button (past strip). */
    public static final String ID_LATER = "view-later";
    /** Id of the Now button (past strip). */
    public static final String ID_NOW = "view-now";
    /** Id of the Replay button (past strip). */
    public static final String ID_REPLAY = "step-replay";

    /** Key of Step. */
    public static final KeyCode STEP_KEY = KeyCode.S;
    /** Key of Step any. */
    public static final KeyCode STEP_ANY_KEY = KeyCode.A;
    /** Key of Step back. */
    public static final KeyCode STEP_BACK_KEY = KeyCode.B;
    /** Key of Later (one step forward in the view of the past). */
    public static final KeyCode LATER_KEY = KeyCode.N;

    private final StepViewModel model;
    private final EventHandler<KeyEvent> keys = e -> {
        if (handleKey(e)) e.consume();
    };

    /** A bar driving {@code model}. */
    public StepBar(StepViewModel model) {
        this.model = Objects.requireNonNull(model);
        getStyleClass().add(DeadlockStyles.STEP_BAR);
        addEventHandler(KeyEvent.KEY_PRESSED, keys);
    }

    /** The model driven. */
    public StepViewModel getModel() {
        return model;
    }

    /**
     * Handles a step key (see the class comment); returns whether it did something. The caller consumes the event.
     */
    public boolean handleKey(KeyEvent e) {
        if (e.isControlDown() || e.isAltDown() || e.isMetaDown() || e.isShortcutDown()) return false;
        if (typing(e)) return false;
        KeyCode code = e.getCode();
        int digit = digit(code);
        if (digit > 0) return model.selectNth(digit);
        if (code == STEP_KEY) return model.step();
        if (code == STEP_ANY_KEY) return model.stepAny() != null;
        if (code == STEP_BACK_KEY && model.canStepBackProperty().get()) {
            model.stepBack();
            return true;
        }
        if (code == LATER_KEY && model.canViewLaterProperty().get()) {
            model.viewLater();
            return true;
        }
        return false;
    }

    /**
     * Handles the step keys anywhere under {@code root} (an event filter, so that a focused button does not eat
     * them first). Returns the subscription that removes it.
     */
    public Subscription installShortcuts(Node root) {
        EventHandler<KeyEvent> filter = e -> {
            if (handleKey(e)) e.consume();
        };
        root.addEventFilter(KeyEvent.KEY_PRESSED, filter);
        return () -> root.removeEventFilter(KeyEvent.KEY_PRESSED, filter);
    }

    private static boolean typing(KeyEvent e) {
        if (e.getTarget() instanceof TextInputControl) return true;
        Object src = e.getSource();
        Scene scene = src instanceof Node n ? n.getScene() : src instanceof Scene s ? s : null;
        return scene != null && scene.getFocusOwner() instanceof TextInputControl;
    }

    private static int digit(KeyCode code) {
        return switch (code) {
            case DIGIT1, NUMPAD1 -> 1;
            case DIGIT2, NUMPAD2 -> 2;
            case DIGIT3, NUMPAD3 -> 3;
            case DIGIT4, NUMPAD4 -> 4;
            case DIGIT5, NUMPAD5 -> 5;
            case DIGIT6, NUMPAD6 -> 6;
            case DIGIT7, NUMPAD7 -> 7;
            case DIGIT8, NUMPAD8 -> 8;
            case DIGIT9, NUMPAD9 -> 9;
            default -> 0;
        };
    }

    /** Its height depends on its width: the status, the chips and the past strip wrap. */
    @Override
    public Orientation getContentBias() {
        return Orientation.HORIZONTAL;
    }

    @Override
    protected Skin<?> createDefaultSkin() {
        return new StepBarSkin(this);
    }

    @Override
    public String getUserAgentStylesheet() {
        return DeadlockStyles.STYLESHEET;
    }
}
