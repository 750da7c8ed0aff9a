package org.threadlanes.ui.app;

import org.controlsfx.control.ToggleSwitch;

/**
 * A ControlsFX {@link ToggleSwitch} drawn by the AtlantaFX theme alone. ControlsFX's own stylesheet for it looks up
 * Modena colours ({@code -fx-text-box-border}, {@code -fx-body-color}) that AtlantaFX does not define, so with it
 * the thumb is not drawn at all and every pulse logs CSS warnings; AtlantaFX styles {@code .toggle-switch},
 * {@code .thumb} and {@code .thumb-area} itself.
 */
final class ThemedToggleSwitch extends ToggleSwitch {
    ThemedToggleSwitch(String text) {
        super(text);
    }

    @Override
    public String getUserAgentStylesheet() {
        return null;
    }
}
