package org.threadlanes.ui.code;

import java.util.ArrayList;
import java.util.List;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;

import org.threadlanes.scenario.Scenario;
import org.threadlanes.trace.Event;
import org.threadlanes.trace.ThreadState;

/**
 * A lesson's code, following its threads: the Python-style listing on a first tab with every live thread's current
 * line lit in the thread's colour and its name in the gutter, and the Java equivalent on a second tab. Clicking a
 * Python line lists the threads that passed there, when, and in which state.
 *
 * <p>A view over a {@link CodePanelViewModel}, which holds all the state; use it on the JavaFX thread only.
 * <pre>{@code
 *   CodePanel code = new CodePanel();
 *   code.setScenario(scenario);
 *   code.getViewModel().setNanosPerUnit(run.units().toNanos(1));
 *   FxBridge bridge = new FxBridge(batch -> { timeline.accept(batch); code.accept(batch); });
 *   // reset: code.clear();
 * }</pre>
 *
 * <p>Ids for tests and stylesheets: {@code #python-code} and {@code #java-code} (the two listings),
 * {@code #code-visits} (the "who was here" box) and {@code #visit-list} (its list).
 */
public class CodePanel extends BorderPane {
    /** The tabs' texts. */
    public static final String PYTHON_TAB = "Python", JAVA_TAB = "Java";

    private final CodePanelViewModel vm;
    private final TabPane tabs = new TabPane();
    private final Tab pythonTab = new Tab(PYTHON_TAB);
    private final Tab javaTab = new Tab(JAVA_TAB);
    private final ListView<CodeLine> pythonList;
    private final ListView<CodeLine> javaList;
    private final ListView<LineVisit> visitList = new ListView<>();
    private final Label javaNote = new Label();
    private final ReadOnlyBooleanWrapper javaChosen = new ReadOnlyBooleanWrapper(this, "javaChosen", false);

    /** A panel over a fresh view-model. */
    public CodePanel() {
        this(new CodePanelViewModel());
    }

    public CodePanel(CodePanelViewModel vm) {
        this.vm = vm;
        getStyleClass().add(CodeStyles.CODE_PANEL);

        pythonList = listing(vm.pythonLines(), true, "python-code",
                "Choose a lesson to see its code.");
        javaList = listing(vm.javaLines(), true, "java-code", "This lesson has no Java listing.");

        VBox pythonBox = new VBox(roster(false), pythonList);
        VBox.setVgrow(pythonList, Priority.ALWAYS);
        pythonTab.setClosable(false);
        pythonTab.setId("python-tab");
        pythonTab.setContent(pythonBox);
        pythonTab.setTooltip(new Tooltip("The lesson as the course writes it; each thread's line is lit"));
        // Only a lesson whose Java lines are not paired needs telling where its threads are.
        javaNote.setId("java-note");
        javaNote.setText("The same lesson in Java. Threads are followed on the Python tab.");
        javaNote.getStyleClass().add(CodeStyles.CODE_NOTE);
        javaNote.setWrapText(true);
        Region javaRoster = roster(true);
        Runnable noteJava = () -> {
            javaNote.setVisible(!vm.hasJavaPairs());
            javaNote.setManaged(!vm.hasJavaPairs());
            javaRoster.setVisible(vm.hasJavaPairs());
            javaRoster.setManaged(vm.hasJavaPairs());
        };
        vm.scenarioProperty().addListener(o -> noteJava.run());
        noteJava.run();
        VBox javaBox = new VBox(javaNote, javaRoster, javaList);
        VBox.setVgrow(javaList, Priority.ALWAYS);
        javaTab.setClosable(false);
        javaTab.setId("java-tab");
        javaTab.setTooltip(new Tooltip("The same lesson in Java; each thread stands on the line that does what its"
                + " Python line does (J switches)"));
        javaTab.setContent(javaBox);
        tabs.getTabs().addAll(pythonTab, javaTab);
        // Another tab (the wait-for graph) leaves the choice of language as it was.
        tabs.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            if (now == pythonTab || now == javaTab) javaChosen.set(now == javaTab);
        });
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        setCenter(tabs);

        setBottom(visitsBox());
        bindSelection();
    }

    private ListView<CodeLine> listing(ObservableList<CodeLine> items, boolean followsThreads, String id, String empty) {
        ListView<CodeLine> list = new ListView<>(items);
        list.setId(id);
        list.getStyleClass().add(CodeStyles.CODE_LIST);
        list.setCellFactory(l -> new CodeLineCell(vm, followsThreads));
        Label placeholder = new Label(empty);
        placeholder.getStyleClass().add(CodeStyles.CODE_NOTE);
        list.setPlaceholder(placeholder);
        return list;
    }

    /**
     * Every live thread as a chip with its line: a legend of the colours, and a way to threads scrolled away. The
     * Java tab's roster gives each thread's Java line.
     */
    private Region roster(boolean java) {
        FlowPane chips = new FlowPane();
        chips.setId(java ? "java-thread-roster" : "thread-roster");
        chips.getStyleClass().add(CodeStyles.ROSTER);
        Label none = new Label("No thread is running.");
        none.getStyleClass().add(CodeStyles.ROSTER_EMPTY);
        Runnable refresh = () -> {
            List<Node> nodes = new ArrayList<>();
            for (ThreadMark m : vm.liveThreads()) nodes.add(rosterChip(m, java));
            if (nodes.isEmpty()) nodes.add(none);
            chips.getChildren().setAll(nodes);
        };
        vm.liveThreads().addListener((ListChangeListener<ThreadMark>) c -> refresh.run());
        refresh.run();

        HBox legend = new HBox(
                legendEntry(ThreadState.CREATED, "created"),
                legendEntry(ThreadState.RUNNING, "running"),
                legendEntry(ThreadState.READY, "ready"),
                legendEntry(ThreadState.BLOCKED, "blocked"));
        legend.getStyleClass().add(CodeStyles.ROSTER_LEGEND);
        legend.setMinWidth(Region.USE_PREF_SIZE);
        HBox.setHgrow(chips, Priority.ALWAYS);
        HBox bar = new HBox(chips, legend);
        bar.getStyleClass().add(CodeStyles.ROSTER_BAR);
        return bar;
    }

    private Label rosterChip(ThreadMark m, boolean java) {
        int line = java ? vm.javaLineOf(m.line()) : m.line();
        String where = line > 0 ? "  " + line : "";
        Label chip = new Label(m.thread().name() + where, CodeLineCell.stateIcon(m.state()));
        chip.getStyleClass().addAll(CodeStyles.THREAD_CHIP, m.colorClass());
        chip.setMinWidth(Region.USE_PREF_SIZE);
        CodeLineCell.tooltipOnHover(chip, () -> m.thread().name() + " — " + m.describeState()
                + (line > 0 ? "\non line " + line + " (click to show it)" : "\nnot on a line of the listing"));
        if (line > 0) chip.setOnMouseClicked(e -> {
            if (java) revealJavaLine(line);
            else revealLine(line);
        });
        return chip;
    }

    private static Label legendEntry(ThreadState state, String text) {
        Label l = new Label(text, CodeLineCell.stateIcon(state));
        l.getStyleClass().add(CodeStyles.LEGEND_ENTRY);
        return l;
    }

    /** Scrolls the Python listing so that line {@code line} (1-based) shows, with a little context above it. */
    public void revealLine(int line) {
        showPython(true);
        pythonList.scrollTo(Math.max(0, line - 4));
    }

    /** Scrolls the Java listing so that line {@code line} (1-based) shows, with a little context above it. */
    public void revealJavaLine(int line) {
        showPython(false);
        javaList.scrollTo(Math.max(0, line - 4));
    }

    private VBox visitsBox() {
        Label title = new Label();
        title.setId("visits-title");
        title.getStyleClass().add(CodeStyles.VISITS_TITLE);
        title.setMinWidth(Region.USE_PREF_SIZE);
        Label codeText = new Label();
        codeText.getStyleClass().add(CodeStyles.VISITS_CODE);
        Runnable retitle = () -> {
            title.setText(visitsTitle());
            CodeLine line = shownCodeLine();
            codeText.setText(line == null ? "" : line.text().strip().replaceAll("\\s{2,}", "  "));
        };
        vm.selectedLineProperty().addListener(o -> retitle.run());
        vm.selectedVisits().addListener((ListChangeListener<LineVisit>) c -> retitle.run());
        tabs.getSelectionModel().selectedItemProperty().addListener(o -> retitle.run());

        Button close = new Button(null, new FontIcon(MaterialDesignC.CLOSE));
        close.setId("close-visits");
        close.getStyleClass().addAll("flat", "button-icon");
        close.setTooltip(new Tooltip("Close (Esc)"));
        close.setOnAction(e -> clearSelection());

        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox head = new HBox(title, codeText, spacer, close);
        head.getStyleClass().add("visits-head");

        visitList.setId("visit-list");
        visitList.setItems(vm.selectedVisits());
        visitList.setCellFactory(l -> new VisitCell());
        visitList.setFocusTraversable(false);
        Label none = new Label("No thread has been on this line yet.");
        none.getStyleClass().add(CodeStyles.CODE_NOTE);
        visitList.setPlaceholder(none);

        VBox box = new VBox(head, visitList);
        box.setId("code-visits");
        box.getStyleClass().add(CodeStyles.VISITS);
        VBox.setVgrow(visitList, Priority.ALWAYS);
        box.visibleProperty().bind(vm.selectedLineProperty().greaterThan(0));
        box.managedProperty().bind(box.visibleProperty());
        return box;
    }

    private String visitsTitle() {
        CodeLine line = vm.selectedCodeLine();
        if (line == null) return "";
        long all = line.visitCount();
        int shown = vm.selectedVisits().size();
        String count = all == 0 ? "nobody yet"
                : all > shown ? "the last " + shown + " of " + all + " visits"
                : all == 1 ? "1 visit" : all + " visits";
        int java = javaShown() ? vm.javaLineOf(line.number()) : 0;
        String where = java > 0 ? "Java line " + java + " (Python line " + line.number() + ")" : "line " + line.number();
        return "Who was on " + where + ": " + count;
    }

    private boolean javaShown() {
        return tabs.getSelectionModel().getSelectedItem() == javaTab;
    }

    /** The selected line as the tab on show writes it: its Java twin on the Java tab, if it has one. */
    private CodeLine shownCodeLine() {
        CodeLine line = vm.selectedCodeLine();
        int java = line != null && javaShown() ? vm.javaLineOf(line.number()) : 0;
        return java > 0 ? vm.javaLines().get(java - 1) : line;
    }

    private void bindSelection() {
        pythonList.getSelectionModel().selectedIndexProperty().addListener((o, was, now) -> {
            int line = now.intValue() + 1;
            if (line != vm.getSelectedLine()) vm.selectLine(line);
        });
        // A Java line selects the Python line paired with it: its visits are that line's.
        javaList.getSelectionModel().selectedIndexProperty().addListener((o, was, now) -> {
            // Already showing a twin of this line (the selection came from the Python tab): keep it.
            if (now.intValue() < 0 || vm.javaLineOf(vm.getSelectedLine()) == now.intValue() + 1) return;
            int line = vm.pythonLineOf(now.intValue() + 1);
            if (line != vm.getSelectedLine()) vm.selectLine(line);
        });
        vm.selectedLineProperty().addListener((o, was, now) -> {
            int index = now.intValue() - 1;
            if (index < 0) {
                pythonList.getSelectionModel().clearSelection();
            } else if (pythonList.getSelectionModel().getSelectedIndex() != index) {
                pythonList.getSelectionModel().select(index);
            }
            int java = now.intValue() > 0 ? vm.javaLineOf(now.intValue()) : 0;
            int javaAt = javaList.getSelectionModel().getSelectedIndex() + 1;
            if (java > 0 && java != javaAt) {
                javaList.getSelectionModel().select(java - 1);
            } else if (java == 0 && vm.pythonLineOf(javaAt) > 0) {
                // Keep a click on a Java line with no pair (a brace) where it is; drop one on a paired line.
                javaList.getSelectionModel().clearSelection();
            }
        });
        // A filter: the listing would otherwise take Esc for itself.
        addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ESCAPE && vm.getSelectedLine() > 0) {
                clearSelection();
                e.consume();
            }
        });
    }

    private void clearSelection() {
        vm.selectLine(0);
    }

    @Override
    public String getUserAgentStylesheet() {
        return CodeStyles.STYLESHEET;
    }

    /** The view-model this panel shows. */
    public CodePanelViewModel getViewModel() {
        return vm;
    }

    /** Shows a lesson's code (see {@link CodePanelViewModel#setScenario}); JavaFX thread. */
    public void setScenario(Scenario scenario) {
        vm.setScenario(scenario);
        tabs.getSelectionModel().select(pythonTab);
        pythonList.scrollTo(0);
        javaList.scrollTo(0);
    }

    /** Takes a batch of events (see {@link CodePanelViewModel#accept}); JavaFX thread. */
    public void accept(List<Event> batch) {
        vm.accept(batch);
    }

    /** Forgets the run's threads and visits, for a reset (see {@link CodePanelViewModel#clear}); JavaFX thread. */
    public void clear() {
        vm.clear();
    }

    /** Shows the Python tab (true) or the Java tab (false). */
    public void showPython(boolean python) {
        tabs.getSelectionModel().select(python ? pythonTab : javaTab);
    }

    /**
     * Adds a tab after the Python and Java ones, for a view that shares the code panel's room (the app puts the
     * wait-for graph there); select it with {@code tab.getTabPane().getSelectionModel().select(tab)}.
     */
    public void addTab(Tab tab) {
        tab.setClosable(false);
        tabs.getTabs().add(tab);
    }

    /** Whether the Python tab is showing. */
    /** Whether the listing last chosen is the Java one (the graph tab leaves it as it was). */
    public ReadOnlyBooleanProperty javaChosenProperty() {
        return javaChosen.getReadOnlyProperty();
    }

    public boolean isShowingPython() {
        return tabs.getSelectionModel().getSelectedItem() == pythonTab;
    }

    /** One entry of the "who was here" list: time, thread chip, what it was doing. */
    private final class VisitCell extends ListCell<LineVisit> {
        private final Label time = new Label();
        private final Label chip = new Label();
        private final Label state = new Label();
        private final HBox box = new HBox(time, chip, state);

        VisitCell() {
            getStyleClass().add(CodeStyles.VISIT);
            time.getStyleClass().add(CodeStyles.VISIT_TIME);
            time.setMinWidth(Region.USE_PREF_SIZE);
            chip.getStyleClass().add(CodeStyles.THREAD_CHIP);
            chip.setMinWidth(Region.USE_PREF_SIZE);
            state.getStyleClass().add(CodeStyles.VISIT_STATE);
            box.getStyleClass().add("visit-row");
        }

        @Override
        protected void updateItem(LineVisit v, boolean empty) {
            super.updateItem(v, empty);
            setText(null);
            if (empty || v == null) {
                setGraphic(null);
                return;
            }
            time.setText("t = " + vm.formatUnits(v.tNs()));
            chip.setText(v.thread().name());
            chip.setGraphic(CodeLineCell.stateIcon(v.state()));
            chip.getStyleClass().removeIf(ThreadColors::isColorClass);
            chip.getStyleClass().add(v.colorClass());
            state.setText(v.describe());
            setGraphic(box);
        }
    }
}
