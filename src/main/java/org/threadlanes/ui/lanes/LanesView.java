// STUB: replaced by the lanes branch at merge
package org.threadlanes.ui.lanes;

import java.util.function.LongSupplier;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableSet;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.Skin;
import javafx.scene.control.SkinBase;
import javafx.scene.layout.VBox;

import org.threadlanes.trace.ThreadRef;
import org.threadlanes.trace.ThreadState;

/** The lanes (stub: one text row per lane with its current state). */
public class LanesView extends Control {
    private final TimelineModel model;
    private final ObjectProperty<LongSupplier> clock = new SimpleObjectProperty<>(this, "clock", () -> 0L);
    private final DoubleProperty nanosPerUnit = new SimpleDoubleProperty(this, "nanosPerUnit", 1e9);
    private final DoubleProperty visibleUnits = new SimpleDoubleProperty(this, "visibleUnits", 10);
    private final BooleanProperty followNow = new SimpleBooleanProperty(this, "followNow", true);
    private final ObservableSet<ThreadState> hiddenStates = FXCollections.observableSet();
    private final ObjectProperty<ThreadRef> selectedThread = new SimpleObjectProperty<>(this, "selectedThread");
    private final ObservableSet<Long> outlinedThreads = FXCollections.observableSet();

    public LanesView(TimelineModel model) {
        this.model = model;
        getStyleClass().add("lanes-view");
    }

    public TimelineModel getModel() {
        return model;
    }

    public ObjectProperty<LongSupplier> clockProperty() {
        return clock;
    }

    public DoubleProperty nanosPerUnitProperty() {
        return nanosPerUnit;
    }

    public DoubleProperty visibleUnitsProperty() {
        return visibleUnits;
    }

    public BooleanProperty followNowProperty() {
        return followNow;
    }

    public ObservableSet<ThreadState> getHiddenStates() {
        return hiddenStates;
    }

    public ObjectProperty<ThreadRef> selectedThreadProperty() {
        return selectedThread;
    }

    public ObservableSet<Long> getOutlinedThreads() {
        return outlinedThreads;
    }

    @Override
    protected Skin<?> createDefaultSkin() {
        return new StubSkin(this);
    }

    private static final class StubSkin extends SkinBase<LanesView> {
        private final VBox rows = new VBox(4);

        StubSkin(LanesView view) {
            super(view);
            getChildren().add(rows);
            view.getModel().versionProperty().addListener((o, a, b) -> refresh());
            view.getHiddenStates().addListener((javafx.collections.SetChangeListener<ThreadState>) c -> refresh());
            refresh();
        }

        private void refresh() {
            rows.getChildren().clear();
            TimelineModel m = getSkinnable().getModel();
            for (int i = 0; i < m.laneCount(); i++) {
                TimelineModel.Lane lane = m.lane(i);
                ThreadState s = lane.currentState();
                String shown = getSkinnable().getHiddenStates().contains(s) ? "" : String.valueOf(s);
                rows.getChildren().add(new Label(lane.thread().name() + "   " + shown));
            }
        }
    }
}
