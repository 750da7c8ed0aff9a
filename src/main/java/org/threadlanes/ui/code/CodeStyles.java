package org.threadlanes.ui.code;

import javafx.css.PseudoClass;

/** Style class names, pseudo-classes and ids of the code and lesson panels, as constants (stylesheet {@code code.css}). */
public final class CodeStyles {
    /** The {@link CodePanel}. */
    public static final String CODE_PANEL = "code-panel";
    /** A listing (a ListView of lines). */
    public static final String CODE_LIST = "code-list";
    /** One line of a listing (a ListCell). */
    public static final String CODE_LINE = "code-line";
    /** The left part of a line: chips and number. */
    public static final String GUTTER = "code-gutter";
    /** Where a line's thread chips go. */
    public static final String CHIPS = "code-chips";
    /** A thread's name chip; also carries the thread's colour class. */
    public static final String THREAD_CHIP = "thread-chip";
    /** A line number. */
    public static final String LINE_NUMBER = "line-number";
    /** A line's code text (a TextFlow). */
    public static final String CODE_TEXT = "code-text";
    /** One token of a line's code (a Text); also carries its kind's class, such as {@code tok-keyword}. */
    public static final String CODE_TOKEN = "code-token";
    /** The bar above the Python listing: the roster and the glyph legend. */
    public static final String ROSTER_BAR = "roster-bar";
    /** Every live thread as a chip with its line. */
    public static final String ROSTER = "thread-roster";
    /** Shown in the roster when no thread is live. */
    public static final String ROSTER_EMPTY = "roster-empty";
    /** The legend of the state glyphs. */
    public static final String ROSTER_LEGEND = "roster-legend";
    /** One glyph of the legend. */
    public static final String LEGEND_ENTRY = "legend-entry";
    /** The note above the Java listing. */
    public static final String CODE_NOTE = "code-note";
    /** The "who was here" box under the listing. */
    public static final String VISITS = "code-visits";
    /** The title of the "who was here" box. */
    public static final String VISITS_TITLE = "visits-title";
    /** The code of the line whose visits are listed. */
    public static final String VISITS_CODE = "visits-code";
    /** One visit in the "who was here" list. */
    public static final String VISIT = "code-visit";
    /** A visit's time. */
    public static final String VISIT_TIME = "visit-time";
    /** A visit's state. */
    public static final String VISIT_STATE = "visit-state";

    /** The {@link LessonPanel}. */
    public static final String LESSON_PANEL = "lesson-panel";
    /** The lesson's title. */
    public static final String LESSON_TITLE = "lesson-title";
    /** The lesson's topic, above the title. */
    public static final String LESSON_TOPIC = "lesson-topic";
    /** A section heading ("Watch for"). */
    public static final String LESSON_HEADING = "lesson-heading";
    /** Body text. */
    public static final String LESSON_TEXT = "lesson-text";
    /** The expected / actual outcome box. */
    public static final String LESSON_OUTCOME = "lesson-outcome";
    /** A result value (expected or actual), shown in monospace. */
    public static final String LESSON_VALUE = "lesson-value";

    /** On a line with at least one live thread. */
    public static final PseudoClass OCCUPIED = PseudoClass.getPseudoClass("occupied");
    /** On a line with two live threads or more. */
    public static final PseudoClass CROWDED = PseudoClass.getPseudoClass("crowded");
    /** On the outcome box once the run has failed. */
    public static final PseudoClass FAILED = PseudoClass.getPseudoClass("failed");

    /** The user-agent stylesheet of both panels (it imports {@link ThreadColors#STYLESHEET}). */
    static final String STYLESHEET = CodeStyles.class.getResource("code.css").toExternalForm();

    private CodeStyles() {
    }
}
