package org.threadlanes.ui.app;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import atlantafx.base.theme.Theme;

/** The two looks of the app: light for a screen, dark for a projector in a dim room. */
public enum AppTheme {
    LIGHT(new PrimerLight()),
    DARK(new PrimerDark());

    private final Theme theme;

    AppTheme(Theme theme) {
        this.theme = theme;
    }

    /** The user agent stylesheet to install with {@code Application.setUserAgentStylesheet}. */
    public String stylesheet() {
        return theme.getUserAgentStylesheet();
    }

    /** Whether it is the dark theme. */
    public boolean isDark() {
        return theme.isDarkMode();
    }

    /** The other theme. */
    public AppTheme toggled() {
        return this == LIGHT ? DARK : LIGHT;
    }
}
