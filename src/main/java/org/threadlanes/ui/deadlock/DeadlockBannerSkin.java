package org.threadlanes.ui.deadlock;

import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.SkinBase;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.Subscription;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.kordamp.ikonli.materialdesign2.MaterialDesignR;

/**
 * The nodes of a {@link DeadlockBanner}: an icon, a title row (title and kind tag), the sentence, a row of thread
 * chips and a note. Binds to the banner's {@link DeadlockViewModel}; {@link #dispose()} unbinds everything.
 */
public class DeadlockBannerSkin extends SkinBase<DeadlockBanner> {
    private final HBox row = new HBox(12);
    private final Label title = new Label();
    private final Label kind = new Label();
    private final Label sentence = new Label();
    private final Label caption = new Label();
    private final FlowPane chips = new FlowPane();
    private final Label note = new Label();
    private final ListChangeListener<String> onNames = c -> fillChips();
    private Subscription subscriptions = Subscription.EMPTY;

    /** Builds the banner's nodes and binds them to the model. */
    public DeadlockBannerSkin(DeadlockBanner control) {
        super(control);
        DeadlockViewModel m = control.getModel();
        FontIcon icon = new FontIcon(MaterialDesignA.ALERT_OCTAGON);
        icon.getStyleClass().add(DeadlockStyles.BANNER_ICON);

        title.getStyleClass().add(DeadlockStyles.BANNER_TITLE);
        title.textProperty().bind(Bindings.when(m.deadlockedProperty()).then("Deadlock").otherwise("No deadlock"));
        kind.getStyleClass().add(DeadlockStyles.KIND_TAG);
        kind.textProperty().bind(m.kindTextProperty());
        kind.visibleProperty().bind(m.deadlockedProperty());
        kind.managedProperty().bind(kind.visibleProperty());
        HBox head = new HBox(10, title, kind);
        head.setAlignment(Pos.CENTER_LEFT);

        sentence.getStyleClass().add(DeadlockStyles.EXPLANATION);
        sentence.setWrapText(true);
        sentence.textProperty().bind(Bindings.when(m.deadlockedProperty()).then(m.explanationProperty())
                .otherwise("Every thread can still move."));
        sentence.setMinHeight(Region.USE_PREF_SIZE);

        caption.getStyleClass().add(DeadlockStyles.THREADS_CAPTION);
        caption.textProperty().bind(m.threadsCaptionProperty());
        caption.setMinWidth(Region.USE_PREF_SIZE);
        chips.getStyleClass().add(DeadlockStyles.THREAD_CHIPS);
        chips.setHgap(6);
        chips.setVgap(4);
        // A modest preferred width: the row grows it to the room there is (FlowPane reports its wrap length as its
        // preferred width, so a huge one would make the row shrink it to its minimum instead).
        chips.setPrefWrapLength(600);
        chips.setAlignment(Pos.CENTER_LEFT);
        HBox threads = new HBox(8, caption, chips);
        threads.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(chips, Priority.ALWAYS);
        threads.visibleProperty().bind(Bindings.isNotEmpty(m.getThreadNames()));
        threads.managedProperty().bind(threads.visibleProperty());

        note.getStyleClass().add(DeadlockStyles.BANNER_NOTE);
        note.setWrapText(true);
        note.textProperty().bind(m.noteProperty());
        note.visibleProperty().bind(m.noteProperty().isNotEmpty());
        note.managedProperty().bind(note.visibleProperty());
        note.setMinHeight(Region.USE_PREF_SIZE);

        VBox body = new VBox(6, head, sentence, threads, note);
        HBox.setHgrow(body, Priority.ALWAYS);
        row.getChildren().setAll(icon, body);
        row.setAlignment(Pos.TOP_LEFT);
        row.getStyleClass().add(DeadlockStyles.BANNER_ROW);
        getChildren().add(row);

        m.getThreadNames().addListener(onNames);
        subscriptions = () -> m.getThreadNames().removeListener(onNames);
        fillChips();
    }

    private void fillChips() {
        chips.getChildren().clear();
        for (String name : getSkinnable().getModel().getThreadNames()) {
            Label chip = new Label(name, new FontIcon(MaterialDesignR.RAY_START_ARROW));
            chip.getStyleClass().add(DeadlockStyles.THREAD_CHIP);
            chips.getChildren().add(chip);
        }
    }

    // SkinBase asks its children for prefHeight(-1), which for wrapping text means one endless line.
    @Override
    protected double computePrefHeight(double width, double top, double right, double bottom, double left) {
        double w = width < 0 ? -1 : Math.max(0, width - left - right);
        return top + row.prefHeight(w) + bottom;
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
        for (Label l : new Label[]{title, kind, sentence, caption, note}) {
            l.textProperty().unbind();
            l.visibleProperty().unbind();
            l.managedProperty().unbind();
        }
        getChildren().clear();
        super.dispose();
    }
}
