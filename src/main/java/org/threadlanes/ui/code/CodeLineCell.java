package org.threadlanes.ui.code;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

import javafx.beans.value.ChangeListener;
import javafx.beans.value.WeakChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import javafx.util.Duration;

import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignP;
import org.kordamp.ikonli.materialdesign2.MaterialDesignT;

import org.threadlanes.trace.ThreadState;

/**
 * One listing line: [thread chips | number] code. The code's text nodes are built when the cell shows another line
 * (scrolling), the chips only when the line's live threads change; a batch of events therefore touches only the
 * cells of the lines it changed.
 */
final class CodeLineCell extends ListCell<CodeLine> {
    private final CodePanelViewModel vm;
    private final boolean followsThreads;
    private final HBox row = new HBox();
    private final FlowPane chips = new FlowPane();
    private final Label number = new Label();
    private final TextFlow code = new TextFlow();
    private final ChangeListener<List<ThreadMark>> marksChanged = (o, was, now) -> showMarks(now);
    /** Held weakly by the line, so a cell the list throws away is not kept alive by it. */
    private final WeakChangeListener<List<ThreadMark>> weakMarksChanged = new WeakChangeListener<>(marksChanged);
    private CodeLine shown;

    CodeLineCell(CodePanelViewModel vm, boolean followsThreads) {
        this.vm = vm;
        this.followsThreads = followsThreads;
        getStyleClass().add(CodeStyles.CODE_LINE);
        chips.getStyleClass().add(CodeStyles.CHIPS);
        number.getStyleClass().add(CodeStyles.LINE_NUMBER);
        number.setMinWidth(Region.USE_PREF_SIZE);
        code.getStyleClass().add(CodeStyles.CODE_TEXT);
        // Code never wraps: a long line scrolls sideways instead of breaking the indentation.
        code.setMinWidth(Region.USE_PREF_SIZE);
        HBox gutter = followsThreads ? new HBox(chips, number) : new HBox(number);
        gutter.getStyleClass().add(CodeStyles.GUTTER);
        gutter.setMinWidth(Region.USE_PREF_SIZE);
        row.getChildren().addAll(gutter, code);
        row.setMinWidth(Region.USE_PREF_SIZE);
        // The code keeps its own height, centred beside the gutter: stretched to a tall row of chips, its text sat at
        // the top while the line number sat in the middle.
        row.setFillHeight(false);
        row.setAlignment(Pos.CENTER_LEFT);
    }

    @Override
    protected void updateItem(CodeLine item, boolean empty) {
        super.updateItem(item, empty);
        CodeLine line = empty ? null : item;
        if (line != shown) {
            if (shown != null) shown.marksProperty().removeListener(weakMarksChanged);
            shown = line;
            if (line != null) {
                line.marksProperty().addListener(weakMarksChanged);
                showCode(line);
            }
        }
        setText(null);
        setGraphic(line == null ? null : row);
        showMarks(line == null || !followsThreads ? List.of() : line.getMarks());
    }

    private void showCode(CodeLine line) {
        number.setText(Integer.toString(line.number()));
        List<Node> texts = new ArrayList<>();
        for (Syntax.Token t : line.tokens()) {
            Text text = new Text(t.text());
            text.getStyleClass().addAll(CodeStyles.CODE_TOKEN, t.kind().styleClass());
            texts.add(text);
        }
        // An empty line still needs a text node to keep its height.
        if (texts.isEmpty()) {
            Text blank = new Text(" ");
            blank.getStyleClass().add(CodeStyles.CODE_TOKEN);
            texts.add(blank);
        }
        code.getChildren().setAll(texts);
    }

    private void showMarks(List<ThreadMark> marks) {
        getStyleClass().removeIf(ThreadColors::isColorClass);
        pseudoClassStateChanged(CodeStyles.OCCUPIED, marks.size() == 1);
        pseudoClassStateChanged(CodeStyles.CROWDED, marks.size() > 1);
        if (marks.size() == 1) getStyleClass().add(marks.get(0).colorClass());
        List<Node> nodes = new ArrayList<>(marks.size());
        for (ThreadMark m : marks) nodes.add(chip(m));
        chips.getChildren().setAll(nodes);
    }

    private Label chip(ThreadMark m) {
        Label chip = new Label(m.thread().name(), stateIcon(m.state()));
        chip.getStyleClass().addAll(CodeStyles.THREAD_CHIP, m.colorClass());
        if (m.state() != null) chip.getStyleClass().add(m.state().name().toLowerCase(Locale.ROOT));
        chip.setMinWidth(Region.USE_PREF_SIZE);
        tooltipOnHover(chip, () -> m.thread().name() + " — " + m.describeState()
                + "\non this line since " + vm.formatUnits(m.sinceNs()) + " units");
        return chip;
    }

    /**
     * Gives {@code node} a tooltip made when the pointer first enters it: chips are remade as threads move, and a
     * tooltip (a popup window) for each one would cost more than the chip.
     */
    static void tooltipOnHover(Label node, Supplier<String> text) {
        node.setOnMouseEntered(e -> {
            if (node.getTooltip() == null) {
                Tooltip tip = new Tooltip();
                tip.setShowDelay(Duration.millis(250));
                node.setTooltip(tip);
            }
            node.getTooltip().setText(text.get());
        });
    }

    /** A glyph for the state, so that a chip says "waiting" or "running" without relying on colour. */
    static Node stateIcon(ThreadState state) {
        Ikon ikon = state == null ? null : switch (state) {
            case RUNNING -> MaterialDesignP.PLAY;
            case BLOCKED -> MaterialDesignP.PAUSE;
            case READY -> MaterialDesignT.TIMER_SAND;
            case CREATED -> MaterialDesignP.PLUS;
            case CONCLUDED -> null;
        };
        if (ikon == null) return null;
        FontIcon icon = new FontIcon(ikon);
        icon.getStyleClass().add("chip-icon");
        return icon;
    }
}
