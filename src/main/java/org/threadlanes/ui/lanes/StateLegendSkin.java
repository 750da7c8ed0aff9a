package org.threadlanes.ui.lanes;

import java.util.EnumMap;
import java.util.Map;

import javafx.scene.AccessibleAttribute;
import javafx.scene.AccessibleRole;
import javafx.scene.control.Label;
import javafx.scene.control.SkinBase;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.util.Duration;
import javafx.util.Subscription;

import org.threadlanes.trace.ThreadState;

/**
 * The nodes of a {@link StateLegend}: a row of entries, each a {@link Label} with a swatch, styled by
 * {@code lanes.css}. Keeps each entry's {@code :off} pseudo-class in step with the lanes' hidden states.
 */
public class StateLegendSkin extends SkinBase<StateLegend> {
    private final HBox box = new HBox();
    private final Map<ThreadState, Label> entries = new EnumMap<>(ThreadState.class);
    private Subscription subscription;

    /** Builds one entry per state. */
    public StateLegendSkin(StateLegend legend) {
        super(legend);
        box.getStyleClass().add(LanesStyles.LEGEND_BOX);
        for (ThreadState s : ThreadState.values()) {
            Region swatch = new Region();
            swatch.getStyleClass().addAll(LanesStyles.SWATCH, LanesStyles.of(s));
            Label entry = new Label(s.name(), swatch);
            entry.getStyleClass().addAll(LanesStyles.LEGEND_ENTRY, LanesStyles.of(s));
            entry.setId("legend-" + LanesStyles.of(s));
            entry.setFocusTraversable(true);
            // Names are short: never let the row squeeze them into "CREAT...".
            entry.setMinWidth(Region.USE_PREF_SIZE);
            entry.setAccessibleRole(AccessibleRole.TOGGLE_BUTTON);
            Tooltip tooltip = new Tooltip(StateLegend.explain(s) + "\nClick to hide or show these segments.");
            tooltip.setShowDelay(Duration.millis(300));
            entry.setTooltip(tooltip);
            entry.setOnMouseClicked(e -> {
                if (e.getButton() == MouseButton.PRIMARY) {
                    entry.requestFocus();
                    legend.toggle(s);
                    e.consume();
                }
            });
            entry.setOnKeyPressed(e -> {
                if (e.getCode() == KeyCode.SPACE || e.getCode() == KeyCode.ENTER) {
                    legend.toggle(s);
                    e.consume();
                }
            });
            entries.put(s, entry);
            box.getChildren().add(entry);
        }
        getChildren().add(box);
        subscription = legend.getLanes().getHiddenStates().subscribe(this::sync);
        sync();
    }

    private void sync() {
        var hidden = getSkinnable().getLanes().getHiddenStates();
        entries.forEach((s, entry) -> {
            boolean off = hidden.contains(s);
            entry.pseudoClassStateChanged(LanesStyles.OFF, off);
            entry.setAccessibleHelp(off ? s.name() + " hidden" : s.name() + " shown");
            entry.notifyAccessibleAttributeChanged(AccessibleAttribute.SELECTED);
        });
    }

    /** The entry of {@code state}, for tests and tools. */
    public Label entry(ThreadState state) {
        return entries.get(state);
    }

    @Override
    public void dispose() {
        if (getSkinnable() == null) return;
        subscription.unsubscribe();
        getChildren().clear();
        super.dispose();
    }
}
