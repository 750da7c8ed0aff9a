package org.threadlanes.ui.app;

import java.util.Locale;

/** The tabs of the side panel beside the lanes, in the order they appear. */
public enum SideTab {
    /** The lesson's text, and the last run's result beside the expected one. */
    LESSON,
    /** The run's tasks: queued, running on which worker, done. */
    TASKS,
    /** The run's live metrics with sparklines. */
    METRICS;

    /** The name a launch option uses: {@code metrics}. */
    public String optionName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
