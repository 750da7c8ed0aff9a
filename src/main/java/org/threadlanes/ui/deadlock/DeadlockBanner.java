package org.threadlanes.ui.deadlock;

import java.util.Objects;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.geometry.Orientation;
import javafx.scene.control.Control;
import javafx.scene.control.Skin;

/**
 * The deadlock in plain words: a title with the kind as a tag, the sentence ("Deadlock (pool starvation): task
 * wait_on_future on worker-1 waits for pow(5, 2), which is queued; the pool's only worker is worker-1."), the threads
 * on the cycle as chips, and a note (threads stuck behind it, other deadlocks, the JVM's view).
 *
 * <pre>{@code
 * DeadlockBanner banner = new DeadlockBanner(deadlocks);   // a DeadlockViewModel
 * }</pre>
 * With {@link #autoHideProperty()} on (the default) the banner is neither visible nor managed while there is no
 * deadlock, so it takes no room; off, it says that no deadlock was found. Touched on the FX thread only.
 */
public class DeadlockBanner extends Control {
    private final DeadlockViewModel model;
    private final BooleanProperty autoHide = new SimpleBooleanProperty(this, "autoHide", true);

    /** A banner showing {@code model}'s first deadlock. */
    public DeadlockBanner(DeadlockViewModel model) {
        this.model = Objects.requireNonNull(model);
        getStyleClass().add(DeadlockStyles.BANNER);
        visibleProperty().bind(autoHide.not().or(model.deadlockedProperty()));
        managedProperty().bind(visibleProperty());
        pseudoClassStateChanged(DeadlockStyles.CLEAR, !model.isDeadlocked());
        model.deadlockedProperty().addListener((o, was, now) -> pseudoClassStateChanged(DeadlockStyles.CLEAR, !now));
    }

    /** The model shown. */
    public DeadlockViewModel getModel() {
        return model;
    }

    /** Whether the banner hides itself (and gives up its room) while there is no deadlock. */
    public BooleanProperty autoHideProperty() {
        return autoHide;
    }

    /** Its height depends on its width: the sentence wraps. */
    @Override
    public Orientation getContentBias() {
        return Orientation.HORIZONTAL;
    }

    @Override
    protected Skin<?> createDefaultSkin() {
        return new DeadlockBannerSkin(this);
    }

    @Override
    public String getUserAgentStylesheet() {
        return DeadlockStyles.STYLESHEET;
    }
}
