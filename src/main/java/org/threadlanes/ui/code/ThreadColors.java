package org.threadlanes.ui.code;

import java.util.HashMap;
import java.util.Map;

import org.threadlanes.trace.ThreadRef;

/**
 * Each thread's identity colour: the thread's index of first appearance in a run picks one of {@value #SLOTS}
 * categorical colours, so that a thread keeps its colour in every view (code panel, lanes, task list).
 *
 * <p>The colours themselves live only in the stylesheet {@code thread-colors.css} ({@link #STYLESHEET}), as
 * looked-up colours built on the AtlantaFX theme's categorical chart colours ({@code -color-chart-1..8}), which read
 * on light and dark backgrounds alike. A node that carries {@link #styleClass(int)} defines for itself and its
 * children:
 * <ul>
 *   <li>{@code -tl-thread}: the solid colour (chips, bars);</li>
 *   <li>{@code -tl-thread-tint}: a translucent tint of it (a highlighted line's background);</li>
 *   <li>{@code -tl-thread-text}: a text colour that reads on the solid colour.</li>
 * </ul>
 * Colour is never the only signal: every view that uses it also shows the thread's name.
 *
 * <p>Usage: one instance per run, fed in event order, touched only on the JavaFX thread:
 * <pre>{@code
 *   int index = colors.indexOf(event.thread());          // assigns on first sight
 *   chip.getStyleClass().add(ThreadColors.styleClass(index));
 * }</pre>
 */
public final class ThreadColors {
    /** How many distinct colours there are; the 9th thread shares the 1st one's colour. */
    public static final int SLOTS = 8;

    /** The stylesheet defining the {@code tl-thread-N} classes, as an external form URL. */
    public static final String STYLESHEET = ThreadColors.class.getResource("thread-colors.css").toExternalForm();

    private static final String PREFIX = "tl-thread-";

    private final Map<Long, Integer> indexById = new HashMap<>();

    /** The index of {@code thread}, assigning the next one if it has none yet. */
    public int indexOf(ThreadRef thread) {
        return indexById.computeIfAbsent(thread.id(), id -> indexById.size());
    }

    /** The index of the thread with id {@code threadId}, or -1 if it has not appeared yet. */
    public int peek(long threadId) {
        Integer i = indexById.get(threadId);
        return i == null ? -1 : i;
    }

    /** How many threads have an index. */
    public int size() {
        return indexById.size();
    }

    /** Forgets every thread (a reset): the next thread seen gets index 0 again. */
    public void clear() {
        indexById.clear();
    }

    /** The colour slot (0..{@value #SLOTS}-1) of a thread index. */
    public static int slot(int index) {
        if (index < 0) throw new IllegalArgumentException("no colour for thread index " + index);
        return index % SLOTS;
    }

    /** The style class that gives a node the colour of thread index {@code index}, such as {@code tl-thread-3}. */
    public static String styleClass(int index) {
        return PREFIX + slot(index);
    }

    /** Whether {@code styleClass} is one of the classes {@link #styleClass(int)} returns. */
    public static boolean isColorClass(String styleClass) {
        return styleClass.startsWith(PREFIX);
    }

    /**
     * The looked-up colour of slot {@code slot(index)} defined on {@code .root} by {@link #STYLESHEET}, such as
     * {@code -tl-thread-color-3}, for a stylesheet or a skin that resolves colours itself (a canvas).
     */
    public static String colorVariable(int index) {
        return "-tl-thread-color-" + slot(index);
    }
}
