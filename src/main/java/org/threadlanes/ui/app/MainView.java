package org.threadlanes.ui.app;

import javafx.animation.AnimationTimer;
import javafx.application.Application;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.value.ObservableValue;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.IndexedCell;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.Tooltip;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Rectangle;
import javafx.stage.Window;

import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;

import org.threadlanes.trace.ThreadRef;
import org.threadlanes.ui.code.CodePanel;
import org.threadlanes.ui.code.LessonPanel;
import org.threadlanes.ui.code.ThreadMark;
import org.threadlanes.ui.deadlock.DeadlockBanner;
import org.threadlanes.ui.deadlock.StepBar;
import org.threadlanes.ui.deadlock.StepViewModel;
import org.threadlanes.ui.deadlock.WaitForGraphView;
import org.threadlanes.ui.experiments.MetricsPanel;
import org.threadlanes.ui.lanes.LanesView;
import org.threadlanes.ui.lanes.StateLegend;

/**
 * The main window's content: the toolbar on top (with the step bar under it in step mode), the lesson library on
 * the left, the lanes in the centre with their legend and the lesson's code under them (with the wait-for graph as
 * a tab beside the Python and Java listings), a side panel on the right with the lesson, the tasks and the live
 * metrics as tabs (headed by the deadlock banner when there is a deadlock), and the status bar at the bottom. It builds nodes and binds
 * them to a {@link MainViewModel}; all state and decisions live there.
 *
 * <p>Keyboard: Space runs, pauses (entering step mode) and resumes; R resets; T switches the theme; F follows
 * "now"; L shows or hides the lesson list; C shows or hides the code; Ctrl+E opens the sweep window. In step mode
 * 1-9 select a waiting thread (as does a click on its lane), S steps it, A steps any, B steps back and N forward
 * again. They are handled by event filters, before the focused control sees them, so that Space never also presses
 * a focused button.
 */
public final class MainView extends BorderPane {
    /** The narrowest the lanes area gets when the window is small; the side panels give way first. */
    private static final double CENTRE_MIN_WIDTH = 420;
    /** Where the lesson list ends and the side panel starts, in parts of the width: at 1400 pixels the lanes and the
     *  code under them get about 820, enough for the code panel's thread gutter and a line of code. */
    private static final double LIBRARY_DIVIDER = 0.16, SIDE_DIVIDER = 0.74;
    /** Where the lanes end and the code starts, in parts of the centre's height. */
    private static final double CODE_DIVIDER = 0.52;
    /** The lanes' time window when the window opens, in units. */
    static final double INITIAL_VISIBLE_UNITS = 4;
    /** The sweep window's shortcut. */
    static final KeyCombination SWEEP_KEY = new KeyCodeCombination(KeyCode.E, KeyCombination.SHORTCUT_DOWN);

    private final MainViewModel vm;
    private final LanesView lanes;
    private final CodePanel code;
    /** The lanes' zoom before a finished run was shown whole (restored when the next run starts), or NaN. */
    private double zoomBeforeWhole = Double.NaN;
    private final TabPane side;
    private final Tab lessonTab, tasksTab, metricsTab;
    private final Tab graphTab;
    private final StepBar stepBar;
    private final DeadlockBanner banner;
    private final RunToolBar toolbar;
    private final SweepWindow sweep;
    /** Held so that the binding lives as long as the view (bindings listen to their sources weakly). */
    private final BooleanBinding ticking;
    private final AnimationTimer ticker = new AnimationTimer() {
        @Override
        public void handle(long now) {
            vm.tick(now);
        }
    };

    /** Builds the window's content bound to {@code vm}; installs {@code vm}'s theme as the user agent stylesheet. */
    public MainView(MainViewModel vm) {
        this.vm = vm;
        getStyleClass().add(AppStyles.APP);
        getStylesheets().add(AppStyles.stylesheet());

        lanes = new LanesView(vm.timeline());
        lanes.setId("lanes");
        // Now, or while stepping back the moment viewed: the lanes show the recording up to then.
        lanes.clockProperty().set(vm.steps().clock(vm::clockNs));
        lanes.nanosPerUnitProperty().bind(vm.nanosPerUnitProperty());
        // Four units across: a lesson's first moments are wide enough to label (most lessons last a few units; the
        // view scrolls with "now" after that, and Ctrl+wheel or -/+ zoom).
        lanes.setVisibleUnits(INITIAL_VISIBLE_UNITS);
        // A finished run is shown whole, from its first moment, without panning back; the next run starts at the
        // zoom it had before.
        vm.phaseProperty().addListener((o, was, now) -> {
            if (now == RunPhase.COMPLETED && lanes.isFollowNow()) {
                zoomBeforeWhole = lanes.showWhole(vm.clockNs());
            } else if (now == RunPhase.RUNNING && !was.isActive() && !Double.isNaN(zoomBeforeWhole)) {
                lanes.setVisibleUnits(zoomBeforeWhole);
                lanes.setFollowNow(true);
                zoomBeforeWhole = Double.NaN;
            }
        });
        // Each lane's name carries its thread's colour, the colour of its chips in the code panel.
        lanes.setIdentity(t -> vm.code().colors().peek(t.id()));
        // A click on a lane (or keys 1-9) picks the thread Step lets through; the deadlock's cycle is outlined.
        vm.steps().selectedThreadProperty().bindBidirectional(lanes.selectedThreadProperty());
        Bindings.bindContent(lanes.getOutlinedThreads(), vm.deadlocks().getCycleThreadIds());

        code = new CodePanel(vm.code());
        code.setId("code");
        code.setMinHeight(0);
        // A new lesson opens on the listing last chosen: Python as the course writes it, or Java.
        vm.selectedProperty().subscribe(s -> code.showPython(!vm.javaCodeProperty().get()));
        vm.javaCodeProperty().subscribe(java -> {
            if (code.javaChosenProperty().get() != java) code.showPython(!java);
        });
        code.javaChosenProperty().subscribe(java -> vm.javaCodeProperty().set(java));

        WaitForGraphView graph = new WaitForGraphView(vm.deadlocks());
        graph.setId("wait-for-graph");
        graphTab = new Tab("Who waits for whom", graph);
        graphTab.setId("graph-tab");
        graphTab.setTooltip(new Tooltip("The wait-for graph: each arrow points from a waiting thread to what it waits"
                + " for; a deadlock's cycle is drawn thick"));
        code.addTab(graphTab);
        // A deadlock is the lesson's moment: show its cycle (the banner over the lanes says it in words).
        vm.deadlocks().deadlockFoundProperty().subscribe(found -> {
            if (found) {
                vm.codeShownProperty().set(true);
                graphTab.getTabPane().getSelectionModel().select(graphTab);
                // The lanes hold the run up to the deadlock in view instead of scrolling on with the stuck threads.
                if (lanes.isFollowNow() && vm.phase() == RunPhase.RUNNING) {
                    zoomBeforeWhole = lanes.holdFromStart(vm.clockNs());
                }
            }
        });

        banner = new DeadlockBanner(vm.deadlocks());
        banner.setId("deadlock-banner");

        sweep = new SweepWindow();
        toolbar = new RunToolBar(vm, this::openSweep);
        stepBar = new StepBar(vm.steps());
        stepBar.setId("step-bar");
        // In step mode (the tool bar's Pause enters it, Resume leaves it), and after a stepped run has ended, so that
        // Step back can still show how it went.
        BooleanBinding stepping = vm.phaseProperty().isEqualTo(RunPhase.PAUSED)
                .or(vm.steps().phaseProperty().isEqualTo(StepViewModel.Phase.STEPPING))
                .or(vm.steps().phaseProperty().isEqualTo(StepViewModel.Phase.ENDED)
                        .and(vm.steps().stepsTakenProperty().greaterThan(0)));
        stepBar.visibleProperty().bind(stepping);
        // A replay steps by itself until it has brought the run back to the moment viewed.
        stepBar.disableProperty().bind(vm.replayingProperty());
        stepBar.managedProperty().bind(stepBar.visibleProperty());
        setTop(new VBox(toolbar, stepBar));
        stepBar.installShortcuts(this);
        // The step target's line shows in the listing, as the selected lane's does.
        vm.steps().selectedLineProperty().addListener((o, was, now) -> keepThreadsInView());

        ScenarioBrowser browser = new ScenarioBrowser(vm);
        VBox library = titled("Lessons", browser);
        library.setMinWidth(200);

        lessonTab = tab("Lesson", "lesson-tab", lessonPane(),
                "What to watch for, a question for the class, and what to expect beside what this run gave");
        tasksTab = tab("Tasks", "tasks-tab", new TaskPanel(vm.tasks()),
                "The run's tasks: queued, running on which worker, and how each ended");
        metricsTab = tab("Metrics", "metrics-tab", metricsPane(),
                "Live throughput, core use, queue and times, each with a sparkline of its recent values");
        side = new TabPane(lessonTab, tasksTab, metricsTab);
        side.setId("side");
        side.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        side.getStyleClass().addAll(AppStyles.SIDE_TABS, Styles.DENSE);
        side.setMinWidth(300);
        // The view-model names the tab shown (a launch option may pick one); the tab pane follows it and back.
        Tab[] tabs = {lessonTab, tasksTab, metricsTab};
        vm.sideTabProperty().subscribe(t -> side.getSelectionModel().select(tabs[t.ordinal()]));
        side.getSelectionModel().selectedIndexProperty().subscribe(i -> {
            if (i.intValue() >= 0) vm.sideTabProperty().set(SideTab.values()[i.intValue()]);
        });

        // The deadlock banner heads the side panel, over whichever tab is shown: the lanes keep their height for the
        // outlined lanes, and the graph under them its room for the cycle.
        VBox sideBox = new VBox(banner, side);
        VBox.setVgrow(side, Priority.ALWAYS);
        sideBox.setMinWidth(300);
        sideBox.getStyleClass().add(AppStyles.SIDE_BOX);

        SplitPane main = new SplitPane(library, centre(), sideBox);
        main.setDividerPositions(LIBRARY_DIVIDER, SIDE_DIVIDER);
        SplitPane.setResizableWithParent(library, false);
        SplitPane.setResizableWithParent(sideBox, false);
        setCenter(main);
        vm.lessonsShownProperty().addListener((o, was, shown) -> {
            double[] at = main.getDividerPositions();
            double sideAt = at[at.length - 1];
            if (shown) {
                main.getItems().add(0, library);
                main.setDividerPositions(LIBRARY_DIVIDER, sideAt);
            } else {
                main.getItems().remove(library);
                main.setDividerPositions(sideAt);
            }
        });
        setBottom(new StatusBar(vm));

        vm.themeProperty().subscribe(t -> Application.setUserAgentStylesheet(t.stylesheet()));
        addEventFilter(KeyEvent.KEY_PRESSED, this::shortcut);
        // A button fires on release: swallow that half of Space too.
        addEventFilter(KeyEvent.KEY_RELEASED, e -> {
            if (e.getCode() == KeyCode.SPACE && plain(e)) e.consume();
        });
        // Tick only while a run goes on in a window that is shown: nothing else changes the figures, and a closed
        // window leaves no timer behind.
        ObservableValue<Boolean> showing = sceneProperty().flatMap(Scene::windowProperty)
                .flatMap(Window::showingProperty).orElse(false);
        ticking = Bindings.createBooleanBinding(() -> showing.getValue() && vm.phase().isActive(),
                showing, vm.phaseProperty());
        ticking.subscribe(on -> {
            if (on) ticker.start();
            else ticker.stop();
        });
        // The sweep window belongs to this one: it closes with it.
        showing.subscribe(shown -> {
            if (!shown) sweep.close();
        });
    }

    /** The lanes in the centre. */
    public LanesView lanes() {
        return lanes;
    }

    /** The code panel under the lanes. */
    public CodePanel codePanel() {
        return code;
    }

    /** The side panel's tabs: Lesson, Tasks, Metrics. */
    public TabPane sideTabs() {
        return side;
    }

    /** The step bar (shown in step mode). */
    public StepBar stepBar() {
        return stepBar;
    }

    /** The deadlock banner over the lanes (shown when the run's detector found a deadlock). */
    public DeadlockBanner deadlockBanner() {
        return banner;
    }

    /** The sweep window (opened by the toolbar's Sweep button or Ctrl+E). */
    SweepWindow sweepWindow() {
        return sweep;
    }

    /** Opens the sweep window for the selected lesson, or brings it to the front. */
    public void openSweep() {
        sweep.show(getScene() == null ? null : getScene().getWindow(), vm.selected());
    }

    private Node centre() {
        // The legend heads the lanes: its five entries never shrink, and clicking one hides that state.
        StateLegend legend = new StateLegend(lanes);
        legend.setId("legend");
        HBox header = new HBox(legend);
        header.setAlignment(Pos.CENTER_LEFT);
        header.getStyleClass().add(AppStyles.LANES_HEADER);

        Label placeholder = new Label("Press Run (or Space) to start the lesson.\n"
                + "Every thread appears here as a lane.");
        placeholder.getStyleClass().add(AppStyles.LANES_PLACEHOLDER);
        placeholder.setMouseTransparent(true);
        placeholder.visibleProperty().bind(vm.phaseProperty().isEqualTo(RunPhase.IDLE));

        // Shown only once the user has panned away from "now": one click (or F) brings the lanes back to it.
        Button follow = new Button("Follow now", new FontIcon(MaterialDesignC.CROSSHAIRS_GPS));
        follow.setId("follow");
        follow.getStyleClass().addAll(Styles.ACCENT, AppStyles.FOLLOW_BUTTON);
        follow.setTooltip(new Tooltip("Back to the newest moment, and keep it in view (F)"));
        follow.setOnAction(e -> lanes.setFollowNow(true));
        follow.visibleProperty().bind(lanes.followNowProperty().not().and(vm.phaseProperty().isNotEqualTo(RunPhase.IDLE)));
        follow.managedProperty().bind(follow.visibleProperty());
        StackPane.setAlignment(follow, Pos.BOTTOM_RIGHT);
        StackPane.setMargin(follow, new Insets(0, 24, 16, 0));

        // The lanes may be as narrow as the window leaves them; they scroll and zoom rather than push panels away.
        lanes.setMinSize(0, 0);
        StackPane stack = new StackPane(lanes, placeholder, follow);
        stack.setMinSize(0, 0);

        VBox top = new VBox(header, stack);
        VBox.setVgrow(stack, Priority.ALWAYS);
        top.getStyleClass().add(AppStyles.LANES_AREA);
        top.setMinSize(0, 120);
        clipToBounds(top);

        SplitPane split = new SplitPane(top, code);
        split.setId("centre-split");
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(CODE_DIVIDER);
        split.getStyleClass().add(AppStyles.CENTRE_SPLIT);
        split.setMinWidth(CENTRE_MIN_WIDTH);
        vm.codeShownProperty().addListener((o, was, shown) -> {
            if (shown) {
                split.getItems().add(code);
                split.setDividerPositions(CODE_DIVIDER);
            } else {
                split.getItems().remove(code);
            }
        });

        // The code follows the threads: the selected lane's thread, else any thread when none is in view.
        vm.code().liveThreads().addListener((ListChangeListener<ThreadMark>) c -> keepThreadsInView());
        lanes.selectedThreadProperty().addListener((o, was, now) -> keepThreadsInView());
        return split;
    }

    /**
     * Scrolls the Python listing so that the line that matters shows: the step target's line in step mode, else the
     * selected lane's thread's line, else the line where most live threads stand (the topmost of a tie), such as the
     * four consumers waiting on a condition. It scrolls only when that line is out of view, so a listing that shows
     * it stays where the reader put it.
     */
    private void keepThreadsInView() {
        if (!vm.codeShownProperty().get() || !code.isShowingPython()) return;
        if (!(code.lookup("#python-code") instanceof ListView<?> list)) return;
        if (!(list.lookup(".virtual-flow") instanceof VirtualFlow<?> flow)) return;
        IndexedCell<?> firstCell = flow.getFirstVisibleCell(), lastCell = flow.getLastVisibleCell();
        if (firstCell == null || lastCell == null) return;
        // The last cell may be cut off at the bottom: count it as out of view.
        int first = firstCell.getIndex() + 1, last = Math.max(first, lastCell.getIndex());
        int target = vm.steps().selectedLineProperty().get();
        ThreadRef selected = lanes.getSelectedThread();
        if (target <= 0 && selected != null) target = vm.code().lineOf(selected.id());
        if (target <= 0) target = busiestLine();
        if (target > 0 && (target < first || target > last)) code.revealLine(target);
    }

    /** The listing line with the most live threads on it (the topmost of a tie), or 0 when none stands on one. */
    private int busiestLine() {
        java.util.Map<Integer, Integer> count = new java.util.HashMap<>();
        int best = 0, most = 0;
        for (ThreadMark m : vm.code().liveThreads()) {
            if (m.line() <= 0) continue;
            int n = count.merge(m.line(), 1, Integer::sum);
            if (n > most || (n == most && m.line() < best)) {
                most = n;
                best = m.line();
            }
        }
        return best;
    }

    /** The lesson tab: the lesson panel (expected beside actual), then what the lesson printed. */
    private Node lessonPane() {
        LessonPanel lesson = new LessonPanel(vm.lesson());
        lesson.setId("lesson");
        lesson.getStyleClass().add(Tweaks.EDGE_TO_EDGE);

        Label heading = new Label("Output", new FontIcon(MaterialDesignC.CONSOLE));
        heading.getStyleClass().add(AppStyles.OUTPUT_HEADING);
        Label output = new Label();
        output.setId("output");
        output.getStyleClass().add(AppStyles.LESSON_OUTPUT);
        output.textProperty().bind(vm.outputTextProperty());
        output.setWrapText(true);
        output.setMinHeight(Region.USE_PREF_SIZE);
        ScrollPane outputScroll = new ScrollPane(output);
        outputScroll.setFitToWidth(true);
        outputScroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        outputScroll.getStyleClass().addAll(AppStyles.OUTPUT_SCROLL, Tweaks.EDGE_TO_EDGE);
        VBox outputBox = new VBox(4, heading, outputScroll);
        outputBox.getStyleClass().add(AppStyles.OUTPUT_BOX);
        outputBox.visibleProperty().bind(Bindings.isNotEmpty(vm.outputTextProperty()));
        outputBox.managedProperty().bind(outputBox.visibleProperty());
        // Follow the newest line.
        output.heightProperty().addListener((o, a, b) -> outputScroll.setVvalue(1));

        VBox box = new VBox(lesson, outputBox);
        VBox.setVgrow(lesson, Priority.ALWAYS);
        // Long output scrolls in a box of its own; the lesson's text keeps most of the height.
        outputScroll.maxHeightProperty().bind(box.heightProperty().multiply(0.4));
        return box;
    }

    private Node metricsPane() {
        Label note = new Label();
        note.setId("metrics-note");
        // Once a run has ended, its last two units are mostly threads winding down: the figures then sum it up whole.
        note.textProperty().bind(Bindings.when(vm.metrics().wholeRunProperty())
                .then("The whole run, now that it has ended: throughput, CPU utilization and speedup over all of it."
                        + " The sparklines show how they went. Hover a name for what it measures.")
                .otherwise("Live while a run goes on, over the last two units; each line is a sparkline of its recent"
                        + " values. Hover a name for what it measures."));
        note.getStyleClass().add(AppStyles.METRICS_NOTE);
        note.setWrapText(true);
        note.setMinHeight(Region.USE_PREF_SIZE);
        MetricsPanel metrics = new MetricsPanel(vm.metrics());
        metrics.setId("metrics");
        // In a narrow side panel the sparklines give way, never the metric's name.
        metrics.getColumnConstraints().get(0).setMinWidth(Region.USE_PREF_SIZE);
        VBox box = new VBox(10, note, metrics);
        box.getStyleClass().addAll(AppStyles.PANEL, AppStyles.METRICS_PANE);
        ScrollPane scroll = new ScrollPane(box);
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        scroll.getStyleClass().add(Tweaks.EDGE_TO_EDGE);
        return scroll;
    }

    private static Tab tab(String text, String id, Node content, String tooltip) {
        Tab t = new Tab(text, content);
        t.setId(id);
        t.setClosable(false);
        t.setTooltip(new Tooltip(tooltip));
        return t;
    }

    /** Nothing drawn outside the region, however wide its content wants to be. */
    private static void clipToBounds(Region region) {
        Rectangle clip = new Rectangle();
        clip.widthProperty().bind(region.widthProperty());
        clip.heightProperty().bind(region.heightProperty());
        region.setClip(clip);
    }

    private static VBox titled(String text, Node content) {
        Label title = new Label(text);
        title.getStyleClass().add(AppStyles.PANEL_TITLE);
        VBox box = new VBox(title, content);
        box.getStyleClass().add(AppStyles.PANEL);
        VBox.setVgrow(content, Priority.ALWAYS);
        return box;
    }

    private void shortcut(KeyEvent e) {
        if (SWEEP_KEY.match(e)) {
            openSweep();
            e.consume();
            return;
        }
        if (!plain(e)) return;
        boolean typing = getScene() != null && getScene().getFocusOwner() instanceof TextInputControl;
        switch (e.getCode()) {
            case SPACE -> {
                // The setting fields take digits only, so Space always means run/pause; commit typed values first.
                toolbar.commitSettings();
                vm.runOrPause();
            }
            case R -> {
                if (typing) return;
                vm.reset();
            }
            case T -> {
                if (typing) return;
                vm.toggleTheme();
            }
            case F -> {
                if (typing) return;
                lanes.followNowProperty().set(true);
            }
            case L -> {
                if (typing) return;
                vm.toggleLessons();
            }
            case C -> {
                if (typing) return;
                vm.toggleCode();
            }
            case J -> {
                if (typing) return;
                vm.toggleCodeLanguage();
            }
            default -> {
                return;
            }
        }
        e.consume();
    }

    private static boolean plain(KeyEvent e) {
        return !e.isControlDown() && !e.isAltDown() && !e.isMetaDown() && !e.isShortcutDown();
    }
}
