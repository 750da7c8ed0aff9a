package org.threadlanes.ui.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import javax.imageio.ImageIO;

import javafx.animation.AnimationTimer;
import javafx.application.Application;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.Spinner;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import atlantafx.base.theme.Styles;

import org.threadlanes.scenario.Scenario;
import org.threadlanes.scenario.Scenarios;
import org.threadlanes.trace.Recorder;
import org.threadlanes.trace.ThreadState;
import org.threadlanes.ui.lanes.LanesView;
import org.threadlanes.ui.lanes.LanesViewSkin;
import org.threadlanes.ui.lanes.TimelineModel;

/** The main window driven like a user would (TestFX on headless Monocle): real runs, real threads, real FX bridge. */
@ExtendWith(ApplicationExtension.class)
class MainViewFxTest {
    private static final long TIMEOUT_S = 20;

    private MainViewModel vm;
    private MainView view;

    @Start
    void start(Stage stage) {
        vm = MainViewModel.forApp();
        view = new MainView(vm);
        // Monocle's headless screen is 1280x800; a bigger window overflows its frame buffer.
        stage.setScene(new Scene(view, 1280, 800));
        stage.show();
    }

    /** Every run is reset and its threads are gone before the next test. */
    @AfterEach
    void endRun() throws TimeoutException {
        WaitForAsyncUtils.asyncFx(() -> vm.reset());
        WaitForAsyncUtils.waitFor(TIMEOUT_S, TimeUnit.SECONDS, () -> onFx(() -> vm.endingRunsProperty().get() == 0));
        WaitForAsyncUtils.asyncFx(() -> vm.themeProperty().set(AppTheme.LIGHT));
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static void waitFor(java.util.concurrent.Callable<Boolean> condition) throws TimeoutException {
        WaitForAsyncUtils.waitFor(TIMEOUT_S, TimeUnit.SECONDS, condition);
    }

    private static <T> T onFx(java.util.concurrent.Callable<T> read) {
        return WaitForAsyncUtils.waitForAsyncFx(TimeUnit.SECONDS.toMillis(TIMEOUT_S), read);
    }

    private void setSpeed(FxRobot robot, int msPerUnit) {
        TextField editor = robot.lookup("#speed .text-field").queryAs(TextField.class);
        robot.clickOn(editor);
        robot.interact(editor::selectAll);
        robot.write(Integer.toString(msPerUnit));
        robot.type(KeyCode.ENTER);
    }

    /** Clicks a lesson in the browser, scrolling the list to it first (the library is longer than the window). */
    private void pickLesson(FxRobot robot, String id) {
        Scenario lesson = Scenarios.require(id);
        robot.interact(() -> {
            javafx.scene.control.TreeView<?> tree = robot.lookup(".tree-view").query();
            for (int row = 0; row < tree.getExpandedItemCount(); row++) {
                if (tree.getTreeItem(row).getValue() == lesson) tree.scrollTo(Math.max(0, row - 1));
            }
        });
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn(lesson.title());
    }

    private String text(FxRobot robot, String query) {
        return onFx(() -> robot.lookup(query).queryLabeled().getText());
    }

    /** Picks loiter-map, sets 20 ms per unit with the speed control, and runs it to the end from the Run button. */
    @Test
    void loiterMapRunsToCompletionWithEveryLaneConcludedAndEveryTaskDone(FxRobot robot) throws TimeoutException {
        pickLesson(robot, "loiter-map");
        assertEquals("loiter-map", onFx(() -> vm.selected().id()));
        setSpeed(robot, 20);
        assertEquals(20, onFx(() -> vm.unitMsProperty().get()));

        robot.clickOn("#run");
        waitFor(() -> onFx(() -> vm.phase() == RunPhase.COMPLETED));
        TimelineModel timeline = vm.timeline();
        waitFor(() -> allConcluded(timeline));

        assertEquals(20.0, onFx(() -> vm.runProperty().get().settings().unitMs()));
        assertEquals(4, onFx(timeline::laneCount));
        TableView<?> table = robot.lookup("#tasks").queryTableView();
        List<TasksViewModel.Status> states = onFx(() -> table.getItems().stream()
                .map(row -> ((TasksViewModel.Row) row).status()).toList());
        assertEquals(List.of(TasksViewModel.Status.DONE, TasksViewModel.Status.DONE, TasksViewModel.Status.DONE,
                TasksViewModel.Status.DONE, TasksViewModel.Status.DONE), states);
        assertEquals("5 done", text(robot, "#taskSummary"));
        // Each task's cell names it and, under it, its worker; the tooltip has both whole.
        List<String> tips = onFx(() -> table.lookupAll(".table-cell").stream()
                .filter(n -> n instanceof javafx.scene.control.TableCell<?, ?> c && c.getTableColumn() != null
                        && "Task".equals(c.getTableColumn().getText()) && c.getTooltip() != null)
                .map(n -> ((javafx.scene.control.TableCell<?, ?>) n).getTooltip().getText()).sorted().toList());
        assertEquals(5, tips.size(), tips.toString());
        for (int i = 0; i < 5; i++) {
            assertTrue(tips.get(i).matches("loiter\\(" + i + "\\)\non worker-\\d"), tips.get(i));
        }
        List<String> workers = onFx(() -> table.lookupAll("." + AppStyles.TASK_WORKER).stream()
                .map(n -> ((Label) n).getText()).filter(t -> !t.isEmpty()).toList());
        assertTrue(workers.size() >= 5 && workers.stream().allMatch(w -> w.matches("on worker-\\d")), workers.toString());
        assertEquals("Tasks done: 5 of 5", text(robot, "#tasksDone"));
        assertEquals("[0, 10, 20, 30, 40]", text(robot, "#lesson-actual"));
    }

    /**
     * A run longer than the window ends shown whole, from 0, still following "now"; the next run starts at the zoom
     * it had before.
     */
    @Test
    void aFinishedRunIsShownWholeAndTheNextStartsAtTheOldZoom(FxRobot robot) throws TimeoutException {
        setSpeed(robot, 20);
        double before = onFx(() -> view.lanes().getVisibleUnits());
        robot.clickOn("#run");
        waitFor(() -> onFx(() -> vm.phase() == RunPhase.COMPLETED));
        double ended = onFx(() -> vm.clockNs() / vm.nanosPerUnitProperty().get());
        assertTrue(ended > before * LanesView.FOLLOW_AT, "thread-lifecycle outlasts the window: " + ended);
        double whole = onFx(() -> view.lanes().getVisibleUnits());
        assertTrue(whole * LanesView.FOLLOW_AT >= ended, "the window holds the whole run: " + whole + " for " + ended);
        assertTrue(onFx(() -> view.lanes().isFollowNow()));
        waitFor(() -> onFx(() -> ((LanesViewSkin) view.lanes().getSkin()).viewStartNs() == 0));

        setSpeed(robot, 1000); // the second run must not end before it is looked at
        robot.clickOn("#run");
        waitFor(() -> onFx(() -> vm.phase() == RunPhase.RUNNING));
        assertEquals(before, onFx(() -> view.lanes().getVisibleUnits()));
    }

    /**
     * A deadlock in free run holds the run up to it in view (from 0, no longer following "now"), while the stuck
     * threads' time goes on; Follow now is offered, and the next run starts at the old zoom.
     */
    @Test
    void aDeadlockInFreeRunHoldsItsStoryInView(FxRobot robot) throws TimeoutException {
        pickLesson(robot, "dining-philosophers");
        setSpeed(robot, 20);
        double before = onFx(() -> view.lanes().getVisibleUnits());
        robot.clickOn("#run");
        waitFor(() -> onFx(() -> vm.deadlocks().isDeadlocked()));
        assertFalse(onFx(() -> view.lanes().isFollowNow()), "the view stays on the deadlock's story");
        assertEquals(0, onFx(() -> ((LanesViewSkin) view.lanes().getSkin()).viewStartNs()));
        assertTrue(robot.lookup("#follow").tryQuery().map(n -> onFx(n::isVisible)).orElse(false),
                "Follow now is offered");

        robot.type(KeyCode.R);
        waitFor(() -> onFx(() -> vm.phase() == RunPhase.IDLE));
        setSpeed(robot, 1000);
        robot.clickOn("#run");
        waitFor(() -> onFx(() -> vm.phase() == RunPhase.RUNNING));
        assertEquals(before, onFx(() -> view.lanes().getVisibleUnits()));
        assertTrue(onFx(() -> view.lanes().isFollowNow()));
    }

    private static boolean allConcluded(TimelineModel timeline) {
        return onFx(() -> {
            if (timeline.laneCount() == 0) return false;
            for (int i = 0; i < timeline.laneCount(); i++) {
                if (timeline.lane(i).currentState() != ThreadState.CONCLUDED) return false;
            }
            return true;
        });
    }

    /** Space pauses: the elapsed label stays the same over later pulses; Space again resumes and it moves on. */
    @Test
    void pauseStopsTheClockAndResumeRestartsIt(FxRobot robot) throws TimeoutException {
        AtomicLong pulses = new AtomicLong();
        AnimationTimer counter = new AnimationTimer() {
            @Override
            public void handle(long now) {
                pulses.incrementAndGet();
            }
        };
        robot.interact(counter::start);
        try {
            pickLesson(robot, "loiter-map");
            robot.type(KeyCode.SPACE); // 1000 ms per unit: five seconds to catch it running
            waitFor(() -> onFx(() -> vm.phase() == RunPhase.RUNNING && vm.elapsedUnitsProperty().get() > 0.2));

            robot.type(KeyCode.SPACE);
            assertEquals(RunPhase.PAUSED, onFx(vm::phase));
            WaitForAsyncUtils.waitForFxEvents();
            String paused = text(robot, "#elapsed");
            long seen = pulses.get();
            waitFor(() -> pulses.get() >= seen + 10);
            assertEquals(paused, text(robot, "#elapsed"), "the clock stands still while paused");
            assertEquals("Resume", text(robot, "#pause"));

            robot.type(KeyCode.SPACE);
            assertEquals(RunPhase.RUNNING, onFx(vm::phase));
            waitFor(() -> !paused.equals(text(robot, "#elapsed")));
        } finally {
            robot.interact(counter::stop);
        }
    }

    /** Space on a focused Pause button toggles once: the key is handled before the button can fire as well. */
    @Test
    void spaceOnAFocusedButtonActsOnce(FxRobot robot) throws TimeoutException {
        pickLesson(robot, "loiter-map");
        robot.clickOn("#run");
        assertEquals(RunPhase.RUNNING, onFx(vm::phase));
        robot.interact(() -> robot.lookup("#pause").query().requestFocus());

        robot.type(KeyCode.SPACE);

        assertEquals(RunPhase.PAUSED, onFx(vm::phase));
    }

    /** Reset (R) ends the run: the models clear at once and no thread of the run is left alive. */
    @Test
    void resetLeavesNoScenarioThreadAlive(FxRobot robot) throws TimeoutException {
        Set<Thread> baseline = new HashSet<>(Thread.getAllStackTraces().keySet());
        pickLesson(robot, "loiter-map");
        robot.clickOn("#run");
        waitFor(() -> onFx(() -> vm.timeline().laneCount() == 4));
        assertFalse(newThreads(baseline).isEmpty(), "the run has threads of its own");
        robot.interact(() -> robot.lookup("#run").query().requestFocus());

        robot.type(KeyCode.R);

        assertEquals(RunPhase.IDLE, onFx(vm::phase));
        assertEquals(0, onFx(vm.timeline()::laneCount));
        assertTrue(onFx(() -> vm.tasks().rows().isEmpty()));
        try {
            waitFor(() -> newThreads(baseline).isEmpty());
        } catch (TimeoutException e) {
            fail("threads still alive " + TIMEOUT_S + " s after the reset: " + newThreads(baseline));
        }
        assertEquals(0, onFx(() -> vm.endingRunsProperty().get()));
    }

    /**
     * Live threads that were not there at the baseline, other than the recorder's shared drainer and the JDK's own
     * lazily started system threads (such as a {@code Cleaner-0} that a skin's first use of a Cleaner starts).
     */
    private static Set<String> newThreads(Set<Thread> baseline) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && !baseline.contains(t))
                .filter(t -> !t.getName().equals(Recorder.DRAINER_NAME))
                .filter(t -> t.getThreadGroup() == null || !t.getThreadGroup().getName().equals("InnocuousThreadGroup"))
                .map(Thread::getName).collect(Collectors.toSet());
    }

    /** The theme button and T switch the user agent stylesheet between PrimerLight and PrimerDark. */
    @Test
    void themeSwitchChangesTheUserAgentStylesheet(FxRobot robot) {
        assertEquals(new PrimerLight().getUserAgentStylesheet(), onFx(Application::getUserAgentStylesheet));

        robot.clickOn("#theme");
        assertEquals(new PrimerDark().getUserAgentStylesheet(), onFx(Application::getUserAgentStylesheet));

        robot.interact(() -> robot.lookup("#run").query().requestFocus());
        robot.type(KeyCode.T);
        assertEquals(new PrimerLight().getUserAgentStylesheet(), onFx(Application::getUserAgentStylesheet));
    }

    /** Clicking "Running" in the legend hides that state in the lanes. */
    @Test
    void legendClickHidesAState(FxRobot robot) {
        Node running = robot.from(robot.lookup("#legend").queryAll())
                .lookup((Node n) -> n instanceof Labeled l && l.getText() != null
                        && l.getText().strip().equalsIgnoreCase("running"))
                .query();
        assertFalse(onFx(() -> view.lanes().getHiddenStates().contains(ThreadState.RUNNING)));

        robot.clickOn(running);

        assertTrue(onFx(() -> view.lanes().getHiddenStates().contains(ThreadState.RUNNING)));
    }

    /** The GIL switch sets one core and locks the cores field; switching it off restores the number. */
    @Test
    void gilSwitchSetsOneCoreAndRestores(FxRobot robot) {
        pickLesson(robot, "loiter-map");
        int before = onFx(() -> vm.coresProperty().get());
        assertNotEquals(1, before);
        Spinner<?> cores = robot.lookup("#cores").queryAs(Spinner.class);

        robot.clickOn("#gil .thumb-area");
        assertEquals(1, onFx(() -> vm.coresProperty().get()));
        assertEquals(1, onFx(cores::getValue));
        assertTrue(onFx(cores::isDisabled));

        robot.clickOn("#gil .thumb-area");
        assertEquals(before, onFx(() -> vm.coresProperty().get()));
        assertFalse(onFx(cores::isDisabled));
    }

    /** A lesson modelled on one core opens with the GIL switch on; switching it off gives it two cores. */
    @Test
    void aOneCoreLessonOpensWithTheGilOn(FxRobot robot) {
        pickLesson(robot, "cpu-vs-io-gil");
        assertTrue(onFx(() -> vm.gilProperty().get()), "the lesson runs on one core, the switch says so");
        assertEquals(1, onFx(() -> vm.coresProperty().get()));
        robot.clickOn("#gil .thumb-area");
        assertFalse(onFx(() -> vm.gilProperty().get()));
        assertEquals(2, onFx(() -> vm.coresProperty().get()));

        pickLesson(robot, "loiter-map");
        assertFalse(onFx(() -> vm.gilProperty().get()), "a lesson with more cores opens with the switch off");
    }

    /** Typing a speed out of range marks the field as wrong, and committing clamps it into range. */
    @Test
    void outOfRangeSpeedIsFlaggedAndClamped(FxRobot robot) {
        TextField editor = robot.lookup("#speed .text-field").queryAs(TextField.class);
        robot.clickOn(editor);
        robot.interact(editor::selectAll);
        robot.write("99999");
        assertTrue(onFx(() -> editor.getPseudoClassStates().contains(Styles.STATE_DANGER)));

        robot.type(KeyCode.ENTER);

        assertEquals(10_000, onFx(() -> vm.unitMsProperty().get()));
        assertEquals("10000", onFx(editor::getText));
        assertFalse(onFx(() -> editor.getPseudoClassStates().contains(Styles.STATE_DANGER)));
    }

    /** A picture of the window mid-run goes to target/snapshots/main.png (and main-dark.png), the scene's size. */
    @Test
    void snapshotOfTheMainViewIsWritten(FxRobot robot) throws TimeoutException, IOException {
        pickLesson(robot, "loiter-map");
        setSpeed(robot, 500);
        robot.clickOn("#run");
        // 500 ms per unit: loiter-map runs 2.5 s; at 1.2 units two tasks are done and three run.
        waitFor(() -> onFx(() -> vm.elapsedUnitsProperty().get() > 1.2));
        robot.type(KeyCode.SPACE); // pause, so both pictures show the same moment
        WaitForAsyncUtils.waitForFxEvents();

        Path dir = Path.of("target", "snapshots");
        Files.createDirectories(dir);
        Path light = snapshot(robot, dir.resolve("main.png"));
        robot.interact(vm::toggleTheme);
        WaitForAsyncUtils.waitForFxEvents();
        Path dark = snapshot(robot, dir.resolve("main-dark.png"));

        for (Path p : List.of(light, dark)) {
            var image = ImageIO.read(p.toFile());
            assertEquals(1280, image.getWidth(), p.toString());
            assertEquals(800, image.getHeight(), p.toString());
        }
    }

    private Path snapshot(FxRobot robot, Path file) throws IOException {
        WritableImage image = onFx(() -> view.getScene().snapshot(null));
        File out = file.toFile();
        assertTrue(ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", out));
        return file;
    }

    /** L hides the lesson list and gives its width to the lanes; the toolbar button shows it again. */
    @Test
    void lessonListHidesAndShows(FxRobot robot) {
        double before = onFx(() -> view.lanes().getWidth());
        robot.interact(() -> robot.lookup("#run").query().requestFocus());

        robot.type(KeyCode.L);
        WaitForAsyncUtils.waitForFxEvents();

        assertTrue(robot.lookup("#scenarios").tryQuery().isEmpty(), "the lesson list is gone");
        assertTrue(onFx(() -> view.lanes().getWidth()) > before + 100, "the lanes got wider");

        robot.clickOn("#lessons");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(robot.lookup("#scenarios").tryQuery().isPresent(), "the lesson list is back");
        assertEquals(before, onFx(() -> view.lanes().getWidth()), 2.0);
    }

    /** J switches the code between Python and Java, and the next lesson opens in the language chosen. */
    @Test
    void codeLanguageIsKeptFromLessonToLesson(FxRobot robot) {
        robot.interact(() -> robot.lookup("#run").query().requestFocus());
        assertTrue(onFx(() -> view.codePanel().isShowingPython()));

        robot.type(KeyCode.J);
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(onFx(() -> view.codePanel().isShowingPython()), "J shows the Java listing");

        pickLesson(robot, "lock-ordering");
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(onFx(() -> view.codePanel().isShowingPython()), "the next lesson opens in Java too");

        robot.interact(() -> robot.lookup("#run").query().requestFocus());
        robot.type(KeyCode.J);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(onFx(() -> view.codePanel().isShowingPython()), "J goes back to Python");
        assertFalse(onFx(() -> vm.javaCodeProperty().get()));
    }

    /** Before any run, the lanes area tells how to start; the status bar names the lesson. */
    @Test
    void idleWindowTellsHowToStart(FxRobot robot) {
        Label hint = robot.lookup(".lanes-placeholder").queryAs(Label.class);
        assertTrue(onFx(hint::isVisible));
        assertTrue(text(robot, "#status").contains(Scenarios.require(Scenarios.DEFAULT_ID).title()));
        assertEquals("Elapsed: 0.0 units", text(robot, "#elapsed"));
    }

    /** Each figure of the status bar says what it counts; the event rate says why 0 does not mean stuck. */
    @Test
    void statusFiguresExplainThemselves(FxRobot robot) {
        for (String id : List.of("#elapsed", "#tasksDone", "#eventRate")) {
            Label figure = robot.lookup(id).queryAs(Label.class);
            assertTrue(figure.getTooltip() != null && !figure.getTooltip().getText().isBlank(), id);
        }
        assertTrue(robot.lookup("#eventRate").queryAs(Label.class).getTooltip().getText().contains("not stuck"));
    }
}
