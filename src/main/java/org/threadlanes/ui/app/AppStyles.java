package org.threadlanes.ui.app;

/** Style classes of the main window, defined in {@code app.css}; colours there come only from theme variables. */
public final class AppStyles {
    /** The main window's root. */
    public static final String APP = "threadlanes-app";
    public static final String TOOLBAR = "main-toolbar";
    /** A setting's caption in the toolbar ("Workers"). */
    public static final String SETTING_LABEL = "setting-label";
    /** The muted hint that changed settings apply on the next run. */
    public static final String PENDING_HINT = "pending-hint";
    /** A small uppercase-looking heading over a panel. */
    public static final String PANEL_TITLE = "panel-title";
    public static final String PANEL = "panel";

    public static final String BROWSER = "scenario-browser";
    public static final String BROWSER_TOPIC = "browser-topic";
    public static final String BROWSER_TITLE = "browser-title";
    public static final String BROWSER_SUMMARY = "browser-summary";

    public static final String LANES_AREA = "lanes-area";
    public static final String LANES_HEADER = "lanes-header";
    /** The floating "Follow now" button over the lanes, shown once the user has panned away. */
    public static final String FOLLOW_BUTTON = "follow-button";
    /** The hint over the empty lanes before a run. */
    public static final String LANES_PLACEHOLDER = "lanes-placeholder";

    /** The vertical split of the lanes (top) and the code panel (bottom). */
    public static final String CENTRE_SPLIT = "centre-split";
    /** The side panel: the deadlock banner (when shown) over the tabs. */
    public static final String SIDE_BOX = "side-box";
    /** The side panel's tabs: Lesson, Tasks, Metrics. */
    public static final String SIDE_TABS = "side-tabs";

    /** What the lesson printed, under the lesson panel. */
    public static final String OUTPUT_BOX = "output-box";
    public static final String OUTPUT_HEADING = "output-heading";
    public static final String OUTPUT_SCROLL = "output-scroll";
    public static final String LESSON_OUTPUT = "lesson-output";

    /** The metrics tab and its explanation. */
    public static final String METRICS_PANE = "metrics-pane";
    public static final String METRICS_NOTE = "metrics-note";

    public static final String TASK_PANEL = "task-panel";
    public static final String TASK_SUMMARY = "task-summary";
    /** The state cell of a task; with one of {@link #taskStatus}'s classes. */
    public static final String TASK_STATUS = "task-status";
    /** The worker under a task's label in the task panel. */
    public static final String TASK_WORKER = "task-worker";

    public static final String STATUS_BAR = "status-bar";
    public static final String STATUS_MESSAGE = "status-message";
    public static final String STATUS_NOTICE = "status-notice";
    public static final String STATUS_FIGURE = "status-figure";

    private AppStyles() {
    }

    /** The style class of a task state, such as {@code task-running}. */
    public static String taskStatus(TasksViewModel.Status status) {
        return "task-" + status.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    /** The app stylesheet's URL, to add to a scene or parent. */
    public static String stylesheet() {
        return AppStyles.class.getResource("app.css").toExternalForm();
    }
}
