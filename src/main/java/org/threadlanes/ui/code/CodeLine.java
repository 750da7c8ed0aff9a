package org.threadlanes.ui.code;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * One line of a listing as the code panel shows it: its number, its text, the live threads standing on it, and the
 * latest threads that passed by. Changed only by its {@link CodePanelViewModel}, on the JavaFX thread.
 */
public final class CodeLine {
    private final int number;
    private final String text;
    private final List<Syntax.Token> tokens;
    private final int historyLimit;
    private final ReadOnlyObjectWrapper<List<ThreadMark>> marks = new ReadOnlyObjectWrapper<>(this, "marks", List.of());
    private final ArrayDeque<LineVisit> visits = new ArrayDeque<>();
    private long visitCount;

    CodeLine(int number, String text, List<Syntax.Token> tokens, int historyLimit) {
        this.number = number;
        this.text = text;
        this.tokens = List.copyOf(tokens);
        this.historyLimit = historyLimit;
    }

    /** The 1-based line number. */
    public int number() {
        return number;
    }

    /** The line as written. */
    public String text() {
        return text;
    }

    List<Syntax.Token> tokens() {
        return tokens;
    }

    /** The live threads on this line, in order of first appearance; an immutable list, replaced when it changes. */
    public ReadOnlyObjectProperty<List<ThreadMark>> marksProperty() {
        return marks.getReadOnlyProperty();
    }

    public List<ThreadMark> getMarks() {
        return marks.get();
    }

    /** The latest visits, newest first (at most the view-model's history limit). */
    public List<LineVisit> visits() {
        return new ArrayList<>(visits);
    }

    /** Every visit since the last reset, including those dropped from {@link #visits()}. */
    public long visitCount() {
        return visitCount;
    }

    void setMarks(List<ThreadMark> list) {
        marks.set(List.copyOf(list));
    }

    /** Records a visit; returns the visit dropped to keep the history bounded, or null. */
    LineVisit addVisit(LineVisit v) {
        visitCount++;
        visits.addFirst(v);
        return visits.size() > historyLimit ? visits.removeLast() : null;
    }

    void reset() {
        visits.clear();
        visitCount = 0;
        if (!marks.get().isEmpty()) marks.set(List.of());
    }

    @Override
    public String toString() {
        return number + ": " + text;
    }
}
