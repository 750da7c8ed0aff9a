// STUB: replaced by the lanes branch at merge
package org.threadlanes.ui.lanes;

import javafx.scene.control.Control;
import javafx.scene.control.Skin;
import javafx.scene.control.SkinBase;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.HBox;

import org.threadlanes.trace.ThreadState;

/** A legend of the five states; clicking a state toggles it in a LanesView's hidden states. */
public class StateLegend extends Control {
    private final LanesView lanes;

    public StateLegend(LanesView lanes) {
        this.lanes = lanes;
        getStyleClass().add("state-legend");
    }

    @Override
    protected Skin<?> createDefaultSkin() {
        return new StubSkin(this);
    }

    private static final class StubSkin extends SkinBase<StateLegend> {
        StubSkin(StateLegend legend) {
            super(legend);
            HBox box = new HBox(6);
            for (ThreadState s : ThreadState.values()) {
                String name = s.name().charAt(0) + s.name().substring(1).toLowerCase();
                ToggleButton b = new ToggleButton(name);
                b.setSelected(!legend.lanes.getHiddenStates().contains(s));
                b.selectedProperty().addListener((o, was, shown) -> {
                    if (shown) legend.lanes.getHiddenStates().remove(s);
                    else legend.lanes.getHiddenStates().add(s);
                });
                box.getChildren().add(b);
            }
            getChildren().add(box);
        }
    }
}
