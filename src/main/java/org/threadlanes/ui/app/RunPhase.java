package org.threadlanes.ui.app;

/** Where the window's current run is, as the toolbar and status bar show it. */
public enum RunPhase {
    /** No run yet, or the last one was reset: Run starts one. */
    IDLE,
    /** A run is going. */
    RUNNING,
    /** A run is paused: its clock stands still and its threads wait at their next probe. */
    PAUSED,
    /** The lesson returned; its result is shown. */
    COMPLETED,
    /** The lesson threw; its failure is shown. */
    FAILED,
    /** The run was ended before it finished (other than by Reset, which goes back to IDLE). */
    CANCELLED;

    /** Whether a run is under way (running or paused). */
    public boolean isActive() {
        return this == RUNNING || this == PAUSED;
    }

    /** Whether a run has ended and its picture is still shown. */
    public boolean isEnded() {
        return this == COMPLETED || this == FAILED || this == CANCELLED;
    }
}
