package org.threadlanes.ui.deadlock;

import java.util.ArrayList;
import java.util.List;

import atlantafx.base.theme.Styles;
import javafx.beans.InvalidationListener;
import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableBooleanValue;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.SkinBase;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.Subscription;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignH;
import org.kordamp.ikonli.materialdesign2.MaterialDesignP;
import org.kordamp.ikonli.materialdesign2.MaterialDesignR;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;

import org.threadlanes.trace.ThreadRef;
import org.threadlanes.ui.deadlock.StepViewModel.WaitingItem;

/**
 * The nodes of a {@link StepBar}: a row of buttons with the status line, the row of threads waiting at the gate
 * (one chip each), and the past strip. Binds only; every action goes to the {@link StepViewModel}.
 * {@link #dispose()} removes every binding and listener it added.
 */
public class StepBarSkin extends SkinBase<StepBar> {
    private final VBox box = new VBox(6);
    private final FlowPane chips = new FlowPane();
    private final Label nobody = new Label();
    private final List<Runnable> unbind = new ArrayList<>();
    private Subscription subscriptions = Subscription.EMPTY;

    /** Builds the bar's nodes and binds them to the model. */
    public StepBarSkin(StepBar control) {
        super(control);
        StepViewModel m = control.getModel();

        Button pause = button(StepBar.ID_PAUSE, "Pause", MaterialDesignP.PAUSE,
                "Pause: every thread stops at its next action, and you pick who goes (Space)", m::pause,
                m.canPauseProperty());
        Button step = button(StepBar.ID_STEP, "Step", MaterialDesignS.STEP_FORWARD,
                "Step: let the selected thread do its next action (S). Select a thread by clicking its lane or "
                        + "pressing 1-9", m::step, m.canStepProperty());
        step.getStyleClass().add(Styles.ACCENT);
        step.textProperty().bind(Bindings.createStringBinding(() -> {
            ThreadRef t = m.getStepTarget();
            return t == null ? "Step" : "Step " + t.name();
        }, m.stepTargetProperty()));
        unbind.add(() -> step.textProperty().unbind());
        Button any = button(StepBar.ID_STEP_ANY, "Step any", MaterialDesignA.AUTORENEW,
                "Step any: let the next waiting thread go, taking turns round robin (A)", m::stepAny,
                m.canStepAnyProperty());
        Button back = button(StepBar.ID_STEP_BACK, "Step back", MaterialDesignS.STEP_BACKWARD,
                "Step back: show the moment before the last step, from the recording (B). The program itself does "
                        + "not go back", m::stepBack, m.canStepBackProperty());
        Button resume = button(StepBar.ID_RESUME, "Resume", MaterialDesignP.PLAY,
                "Resume: leave step mode; the threads run freely again (Space)", m::resume, m.canResumeProperty());
        // Pause and Resume take turns in one place.
        bindShown(pause, m.canPauseProperty());
        bindShown(resume, m.canPauseProperty().not());

        Label status = new Label();
        status.getStyleClass().add(DeadlockStyles.STEP_STATUS);
        status.setWrapText(true);
        status.setMinHeight(Region.USE_PREF_SIZE);
        status.setMaxWidth(Double.MAX_VALUE);
        status.textProperty().bind(m.statusProperty());
        unbind.add(() -> status.textProperty().unbind());

        Label count = new Label();
        count.getStyleClass().add(DeadlockStyles.STEP_COUNT);
        count.setMinWidth(Region.USE_PREF_SIZE);
        count.textProperty().bind(Bindings.createStringBinding(() -> {
            int taken = m.stepsTakenProperty().get(), viewed = m.viewStepProperty().get();
            if (taken == 0) return "";
            return m.isViewingPast() ? "step " + viewed + " of " + taken : taken + (taken == 1 ? " step" : " steps");
        }, m.stepsTakenProperty(), m.viewStepProperty(), m.viewingPastProperty()));
        unbind.add(() -> count.textProperty().unbind());
        count.setTooltip(new Tooltip("Steps taken in step mode"));

        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox controls = new HBox(6, pause, resume, step, any, back, spacer, count);
        controls.getStyleClass().add(DeadlockStyles.STEP_CONTROLS);
        controls.setAlignment(Pos.CENTER_LEFT);

        Label caption = new Label("At the gate:");
        caption.getStyleClass().add(DeadlockStyles.GATE_CAPTION);
        caption.setMinWidth(Region.USE_PREF_SIZE);
        chips.setHgap(6);
        chips.setVgap(6);
        // A modest preferred width: the row grows it to the room there is (FlowPane reports its wrap length as its
        // preferred width, so a huge one would make the row shrink it to its minimum instead).
        chips.setPrefWrapLength(600);
        chips.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(chips, Priority.ALWAYS);
        nobody.getStyleClass().add(DeadlockStyles.STEP_STATUS);
        HBox gateRow = new HBox(8, caption, chips);
        gateRow.getStyleClass().add(DeadlockStyles.GATE_ROW);
        gateRow.setAlignment(Pos.CENTER_LEFT);
        bindShown(gateRow, Bindings.createBooleanBinding(
                () -> m.getPhase() == StepViewModel.Phase.STEPPING || m.isViewingPast(),
                m.phaseProperty(), m.viewingPastProperty()));

        FontIcon pastIcon = new FontIcon(MaterialDesignH.HISTORY);
        Label pastText = new Label();
        pastText.getStyleClass().add(DeadlockStyles.PAST_TEXT);
        pastText.setGraphic(pastIcon);
        pastText.setWrapText(true);
        pastText.textProperty().bind(m.pastTextProperty());
        unbind.add(() -> pastText.textProperty().unbind());
        pastText.setMaxWidth(Double.MAX_VALUE);
        pastText.setMinHeight(Region.USE_PREF_SIZE);
        HBox.setHgrow(pastText, Priority.ALWAYS);
        Button later = button(StepBar.ID_LATER, "Later", MaterialDesignS.SKIP_NEXT,
                "Show one step later (N)", m::viewLater, m.canViewLaterProperty());
        Button now = button(StepBar.ID_NOW, "Now", MaterialDesignC.CLOCK_OUTLINE,
                "Back to now: show the program as it is", m::backToNow, m.viewingPastProperty());
        Button replay = button(StepBar.ID_REPLAY, "Replay", MaterialDesignR.REPLAY,
                "Reset the lesson and replay your steps up to the moment shown, so that you can choose "
                        + "differently from there", m::replay, m.canReplayProperty());
        HBox past = new HBox(8, pastText, later, now, replay);
        past.getStyleClass().add(DeadlockStyles.PAST_STRIP);
        past.setAlignment(Pos.CENTER_LEFT);
        bindShown(past, m.viewingPastProperty());

        box.getChildren().setAll(controls, status, gateRow, past);
        getChildren().add(box);

        InvalidationListener refill = o -> fillChips();
        Observable[] on = {m.getWaiting(), m.stepTargetProperty(), m.viewingPastProperty()};
        Subscription s = Subscription.EMPTY;
        for (Observable o : on) {
            o.addListener(refill);
            s = s.and(() -> o.removeListener(refill));
        }
        InvalidationListener pastClass = o -> control.pseudoClassStateChanged(DeadlockStyles.PAST, m.isViewingPast());
        m.viewingPastProperty().addListener(pastClass);
        s = s.and(() -> m.viewingPastProperty().removeListener(pastClass));
        control.pseudoClassStateChanged(DeadlockStyles.PAST, m.isViewingPast());
        subscriptions = s;
        fillChips();
    }

    private Button button(String id, String text, Ikon icon, String tip, Runnable action,
                          ObservableBooleanValue enabled) {
        Button b = new Button(text, new FontIcon(icon));
        b.setId(id);
        b.setTooltip(new Tooltip(tip));
        b.setOnAction(e -> action.run());
        b.setMinWidth(Region.USE_PREF_SIZE);
        b.disableProperty().bind(Bindings.not(enabled));
        unbind.add(() -> b.disableProperty().unbind());
        return b;
    }

    private void bindShown(Region r, ObservableBooleanValue shown) {
        r.visibleProperty().bind(shown);
        r.managedProperty().bind(r.visibleProperty());
        unbind.add(() -> {
            r.visibleProperty().unbind();
            r.managedProperty().unbind();
        });
    }

    private void fillChips() {
        StepViewModel m = getSkinnable().getModel();
        List<javafx.scene.Node> out = new ArrayList<>();
        ThreadRef target = m.getStepTarget();
        boolean past = m.isViewingPast();
        for (WaitingItem item : m.getWaiting()) out.add(chip(m, item, !past && target != null
                && target.id() == item.thread().id()));
        if (out.isEmpty()) {
            nobody.setText(past ? "(not recorded)" : "nobody: no thread waits for a step right now");
            out.add(nobody);
        }
        chips.getChildren().setAll(out);
    }

    private static Button chip(StepViewModel m, WaitingItem item, boolean isTarget) {
        Label key = new Label(item.key() > 0 ? Integer.toString(item.key()) : "·");
        key.getStyleClass().add(DeadlockStyles.CHIP_KEY);
        key.setMinWidth(Region.USE_PREF_SIZE);
        Label name = new Label(item.thread().name());
        name.getStyleClass().add(DeadlockStyles.CHIP_NAME);
        name.setMinWidth(Region.USE_PREF_SIZE);
        Label action = new Label(item.nextText());
        action.getStyleClass().add(DeadlockStyles.CHIP_ACTION);
        action.setMinWidth(Region.USE_PREF_SIZE);
        HBox content = new HBox(6, key, name, action);
        content.setAlignment(Pos.CENTER_LEFT);
        if (item.line() > 0) {
            Label line = new Label("line " + item.line());
            line.getStyleClass().add(DeadlockStyles.CHIP_LINE);
            line.setMinWidth(Region.USE_PREF_SIZE);
            content.getChildren().add(line);
        }
        Button b = new Button(null, content);
        b.getStyleClass().add(DeadlockStyles.GATE_CHIP);
        b.setId("gate-" + item.thread().name());
        b.setMinWidth(Region.USE_PREF_SIZE);
        b.setFocusTraversable(false);
        b.pseudoClassStateChanged(DeadlockStyles.TARGET, isTarget);
        b.pseudoClassStateChanged(DeadlockStyles.STEPPED_NEXT, item.steppedNext());
        String keyText = item.key() > 0 ? " (key " + item.key() + ")" : "";
        b.setTooltip(new Tooltip(item.steppedNext()
                ? item.thread().name() + " was stepped next: it did " + item.action()
                : "Select " + item.thread().name() + keyText + "; Step then lets it " + item.action()));
        b.setOnAction(e -> m.setSelectedThread(item.thread()));
        return b;
    }

    // SkinBase asks its children for prefHeight(-1), which for wrapping text means one endless line.
    @Override
    protected double computePrefHeight(double width, double top, double right, double bottom, double left) {
        double w = width < 0 ? -1 : Math.max(0, width - left - right);
        return top + box.prefHeight(w) + bottom;
    }

    @Override
    protected double computeMinHeight(double width, double top, double right, double bottom, double left) {
        return computePrefHeight(width, top, right, bottom, left);
    }

    @Override
    public void dispose() {
        if (getSkinnable() == null) return;
        subscriptions.unsubscribe();
        subscriptions = Subscription.EMPTY;
        unbind.forEach(Runnable::run);
        unbind.clear();
        getChildren().clear();
        super.dispose();
    }
}
