package org.threadlanes.ui.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import org.threadlanes.analysis.Metrics;
import org.threadlanes.ui.deadlock.StepViewModel;
import org.threadlanes.analysis.SweepResult;
import org.threadlanes.scenario.ScenarioRun;
import org.threadlanes.scenario.Scenarios;
import org.threadlanes.trace.ThreadState;
import org.threadlanes.ui.code.CodeLine;
import org.threadlanes.ui.code.LineVisit;
import org.threadlanes.ui.experiments.MetricsPanel;
import org.threadlanes.ui.experiments.SweepView;

/**
 * The components wired into the main window, driven like a user would (TestFX on headless Monocle, real runs and
 * the real FX bridge): the code panel follows a run, workers change the pool of a running lesson, the live metrics
 * move, and the sweep window opens and charts its runs.
 */
@ExtendWith(ApplicationExtension.class)
class MainWindowWiringFxTest {
    private static final long TIMEOUT_S = 30;
    private static final Set<String> CONSUMERS = Set.of("consumer-1", "consumer-2", "consumer-3", "consumer-4");

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

    /** Every run is reset and its threads are gone, and the sweep window closed with its sweep, before the next test. */
    @AfterEach
    void endEverything() throws Exception {
        SweepView sweep = onFx(() -> view.sweepWindow().view());
        WaitForAsyncUtils.asyncFx(() -> {
            view.sweepWindow().close();
            vm.reset();
        });
        if (sweep != null && sweep.getModel().sweep() != null) {
            assertTrue(sweep.getModel().sweep().awaitEnded(TIMEOUT_S, TimeUnit.SECONDS), "the sweep's thread ended");
        }
        waitFor(() -> onFx(() -> vm.endingRunsProperty().get() == 0));
    }

    private static void waitFor(Callable<Boolean> condition) throws TimeoutException {
        WaitForAsyncUtils.waitFor(TIMEOUT_S, TimeUnit.SECONDS, condition);
    }

    private static <T> T onFx(Callable<T> read) {
        return WaitForAsyncUtils.waitForAsyncFx(TimeUnit.SECONDS.toMillis(TIMEOUT_S), read);
    }

    /** Selects a lesson as the browser would (the lesson list itself is tested in {@link MainViewFxTest}). */
    private void pick(FxRobot robot, String id) {
        robot.interact(() -> vm.selectedProperty().set(Scenarios.require(id)));
        assertEquals(id, onFx(() -> vm.selected().id()));
    }

    private void type(FxRobot robot, String spinnerId, int value) {
        TextField editor = robot.lookup("#" + spinnerId + " .text-field").queryAs(TextField.class);
        robot.clickOn(editor);
        robot.interact(editor::selectAll);
        robot.write(Integer.toString(value));
        robot.type(KeyCode.ENTER);
    }

    private int waitLine() {
        return onFx(() -> {
            for (CodeLine l : vm.code().pythonLines()) if (l.text().contains("cond.wait()")) return l.number();
            throw new AssertionError("fibonacci-condition's listing has a cond.wait() line");
        });
    }

    /** The names on the chips of threads in {@code state} drawn in the listing's cell of {@code line}. */
    private Set<String> chipsOnLine(FxRobot robot, int line, ThreadState state) {
        String stateClass = state.name().toLowerCase(java.util.Locale.ROOT);
        return onFx((Callable<Set<String>>) () -> {
            for (Node n : robot.lookup("#python-code .code-line").queryAll()) {
                if (n instanceof ListCell<?> cell && cell.getItem() instanceof CodeLine l && l.number() == line) {
                    return cell.lookupAll(".thread-chip").stream()
                            .filter(c -> c.getStyleClass().contains(stateClass))
                            .map(c -> ((Label) c).getText())
                            .collect(Collectors.<String, Set<String>>toCollection(TreeSet::new));
                }
            }
            return Set.<String>of();
        });
    }

    /**
     * Running fibonacci-condition, the code panel shows the four consumers together on the cond.wait() line, blocked,
     * until the producer signals: the listing scrolls there by itself and draws their four chips in that line; the
     * lanes carry the same thread colours as the chips.
     */
    @Test
    void codePanelShowsTheFourConsumersWaitingOnTheCondition(FxRobot robot) throws TimeoutException {
        pick(robot, "fibonacci-condition");
        // 500 ms per unit: the consumers wait one unit for the producer, long enough for any frame rate.
        type(robot, "speed", 500);
        int line = waitLine();

        robot.clickOn("#run");

        try {
            waitFor(() -> chipsOnLine(robot, line, ThreadState.BLOCKED).equals(new TreeSet<>(CONSUMERS)));
        } catch (TimeoutException e) {
            throw new AssertionError("the four consumers were not drawn on line " + line + "; chips there: "
                    + chipsOnLine(robot, line, ThreadState.BLOCKED) + ", marks: " + onFx(() -> vm.code().marksAt(line))
                    + ", cells: " + onFx(() -> robot.lookup("#python-code .code-line").queryAll().stream()
                    .map(n -> ((ListCell<?>) n).getIndex()).toList()) + ", phase " + onFx(vm::phase), e);
        }
        assertEquals(RunPhase.RUNNING, onFx(vm::phase), "seen while the run goes on");
        // Each lane carries its thread's colour, the one of its chips: the n-th thread seen has the n-th colour.
        List<Integer> identities = onFx(() -> {
            java.util.ArrayList<Integer> out = new java.util.ArrayList<>();
            for (int i = 0; i < vm.timeline().laneCount(); i++) {
                out.add(view.lanes().getIdentity().applyAsInt(vm.timeline().lane(i).thread()));
            }
            return out;
        });
        assertEquals(java.util.stream.IntStream.range(0, identities.size()).boxed().toList(), identities,
                "lane identity colours follow the code panel's: " + identities);
    }

    /**
     * At 20 ms per unit the code panel gets every event of the run: clicking the cond.wait() line afterwards lists
     * each of the four consumers there, blocked on the condition.
     */
    @Test
    void codePanelReceivesEveryConsumersVisitAtTwentyMsPerUnit(FxRobot robot) throws TimeoutException {
        pick(robot, "fibonacci-condition");
        type(robot, "speed", 20);
        int line = waitLine();
        robot.clickOn("#run");
        waitFor(() -> onFx(() -> vm.phase() == RunPhase.COMPLETED));
        waitFor(() -> onFx(() -> vm.code().liveThreadsProperty().get() == 0));

        robot.interact(() -> view.codePanel().revealLine(line));
        WaitForAsyncUtils.waitForFxEvents();
        Node cell = robot.lookup("#python-code .code-line").match((Node n) -> n instanceof ListCell<?> c
                && c.getItem() instanceof CodeLine l && l.number() == line).query();
        robot.clickOn(cell);

        assertEquals(line, onFx(() -> vm.code().getSelectedLine()));
        List<LineVisit> visits = onFx(() -> List.copyOf(vm.code().selectedVisits()));
        Set<String> blocked = visits.stream().filter(v -> v.state() == ThreadState.BLOCKED)
                .map(v -> v.thread().name()).collect(Collectors.toSet());
        assertEquals(CONSUMERS, blocked, "each consumer was seen blocked on the line: " + visits);
        assertTrue(onFx(() -> robot.lookup("#code-visits").query().isVisible()), "the who-was-here list shows");
        assertEquals("3: 2\n10: 55\n5: 5\n7: 13", onFx(() -> vm.lesson().getActual()),
                "the lesson panel shows the result under the expected one");
    }

    /**
     * Typing a larger pool size while workload runs resizes its pool at once: more worker lanes appear, the live
     * metrics count the tasks, and every task is still done once.
     */
    @Test
    void workersChangedDuringARunAddLanesAndTheMetricsFollow(FxRobot robot) throws TimeoutException {
        pick(robot, "workload");
        type(robot, "speed", 100);
        type(robot, "workers", 2);
        robot.clickOn("#run");
        waitFor(() -> onFx(() -> vm.timeline().laneCount() >= 3));
        int before = onFx(() -> vm.timeline().laneCount());
        assertTrue(onFx(() -> vm.phase() == RunPhase.RUNNING));

        type(robot, "workers", 6);

        assertEquals(6, onFx(() -> vm.runProperty().get().workers()), "the running pool was resized");
        assertFalse(onFx(() -> robot.lookup("#pending").query().isVisible()), "no 'next Run' hint");
        waitFor(() -> onFx(() -> vm.timeline().laneCount() >= 7));
        assertTrue(onFx(() -> vm.timeline().laneCount()) > before);

        robot.clickOn("Metrics");
        MetricsPanel metrics = robot.lookup("#metrics").queryAs(MetricsPanel.class);
        waitFor(() -> onFx(() -> vm.phase() == RunPhase.COMPLETED));
        assertEquals(20, onFx(() -> vm.metrics().currentProperty().get().completed()));
        assertTrue(onFx(() -> metrics.isVisible() && metrics.getScene() != null), "the metrics tab shows");
        assertTrue(onFx(() -> vm.metrics().series(Metrics.Kind.THROUGHPUT).length) > 1, "a sparkline has points");
        assertFalse(onFx(() -> metrics.valueLabel(Metrics.Kind.THROUGHPUT).getText()).isBlank());
        assertEquals(20, onFx(() -> vm.tasks().count(TasksViewModel.Status.DONE)));
    }

    /**
     * Ctrl+E opens the sweep window on the selected lesson; its Run measures every combination and the chart gets a
     * measured and an ideal series per core count.
     */
    @Test
    void sweepWindowOpensOnTheSelectedLessonAndChartsItsRuns(FxRobot robot) throws Exception {
        pick(robot, "workload");

        robot.press(KeyCode.CONTROL).type(KeyCode.E).release(KeyCode.CONTROL);

        assertTrue(onFx(() -> view.sweepWindow().isShowing()), "the sweep window opened");
        SweepView sweep = onFx(() -> view.sweepWindow().view());
        assertNotNull(sweep);
        assertEquals("workload", onFx(() -> sweep.getModel().scenarioProperty().get().id()));
        robot.interact(() -> {
            sweep.getModel().workersProperty().set("1,2");
            sweep.getModel().coresProperty().set("1");
            sweep.getModel().unitMsProperty().set(2);
        });

        robot.clickOn("#sweep-run");
        CompletableFuture<SweepResult> done = WaitForAsyncUtils.asyncFx(() -> sweep.getModel().lastCompletion()).get();
        assertEquals(SweepResult.Status.COMPLETED, done.get(TIMEOUT_S * 2, TimeUnit.SECONDS).status());
        WaitForAsyncUtils.waitForFxEvents();

        List<XYChart.Series<Number, Number>> series = onFx(() -> List.copyOf(sweep.timeChart().getData()));
        assertEquals(2, series.size(), "one measured and one ideal line for the one core count");
        for (XYChart.Series<Number, Number> s : series) assertEquals(2, onFx(() -> s.getData().size()));

        // The sweep form fits the window on a 1280-pixel screen: no label or button is cut short.
        javafx.scene.layout.Region form = robot.lookup(".sweep-form").queryAs(javafx.scene.layout.Region.class);
        double wanted = onFx(() -> form.prefWidth(-1)), width = onFx(() -> sweep.getScene().getWidth());
        assertTrue(wanted <= width, "the form wants " + wanted + " px of " + width);
        snapshot(sweep.getScene(), "sweep-window.png");

        robot.interact(view::openSweep);
        assertTrue(onFx(() -> view.sweepWindow().view()) == sweep, "asking again brings the same window back");

        // Esc closes it, as it closes a dialog.
        robot.interact(() -> sweep.getScene().getWindow().requestFocus());
        robot.type(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(onFx(() -> view.sweepWindow().isShowing()), "Esc closed the sweep window");
    }

    /** Writes a picture of {@code scene} to target/snapshots/{@code name}, for a person to look at. */
    private static void snapshot(Scene scene, String name) throws java.io.IOException {
        java.nio.file.Path dir = java.nio.file.Path.of("target", "snapshots");
        java.nio.file.Files.createDirectories(dir);
        javafx.scene.image.WritableImage image = onFx(() -> scene.snapshot(null));
        assertTrue(javax.imageio.ImageIO.write(javafx.embed.swing.SwingFXUtils.fromFXImage(image, null), "png",
                dir.resolve(name).toFile()));
    }

    private List<String> atTheGate() {
        return vm.steps().getWaiting().stream().map(w -> w.thread().name()).toList();
    }

    /** Selects {@code name} with its number key (its place at the gate), then steps it with S. */
    private void stepWithKeys(FxRobot robot, String name) {
        int index = onFx(() -> atTheGate().indexOf(name));
        assertTrue(index >= 0 && index < 9, name + " waits at the gate");
        robot.type(KeyCode.valueOf("DIGIT" + (index + 1)));
        assertEquals(name, onFx(() -> view.lanes().getSelectedThread().name()), "the key selects its lane");
        robot.type(KeyCode.S);
    }

    /**
     * Issue 4 in the main window: paused, lock-ordering is stepped with the keys (1-9 and S, A when only the clock
     * can move) into its deadlock; the banner over the lanes says it in plain words, the lanes of t1 and t2 are
     * outlined, the wait-for graph's tab comes to the front, Step back (B) moves the lanes' clock into the past, and
     * Replay runs the lesson again up to the moment viewed.
     */
    @Test
    void steppingLockOrderingIntoItsDeadlockShowsTheBannerAndOutlinesTwoLanes(FxRobot robot) throws Exception {
        pick(robot, "lock-ordering");
        robot.interact(() -> vm.unitMsProperty().set(50));
        // Pause at once: every thread stops at its next probe, and the step bar shows.
        robot.interact(() -> {
            vm.run();
            vm.pause();
        });
        assertTrue(onFx(() -> view.stepBar().isVisible()), "the step bar shows in step mode");
        waitFor(() -> onFx(() -> vm.steps().getPhase() == StepViewModel.Phase.STEPPING));

        String next = "t1";
        for (int taken = 0; !onFx(() -> vm.deadlocks().isDeadlocked()); taken++) {
            assertTrue(taken < 40, "the deadlock comes within a few steps; at the gate: " + onFx(this::atTheGate));
            waitFor(() -> onFx(() -> vm.deadlocks().isDeadlocked() || !atTheGate().isEmpty()
                    || vm.steps().canStepAnyProperty().get()));
            if (onFx(() -> vm.deadlocks().isDeadlocked())) break;
            List<String> gate = onFx(this::atTheGate);
            String want = next;
            if (gate.contains(want) || gate.contains(other(want))) {
                String pickThread = gate.contains(want) ? want : other(want);
                stepWithKeys(robot, pickThread);
                next = other(pickThread);
            } else if (!gate.isEmpty()) {
                stepWithKeys(robot, gate.get(0)); // main starting the threads
            } else {
                robot.type(KeyCode.A); // nobody at the gate: let the clock run until a sleeper comes back
            }
            int before = taken;
            waitFor(() -> onFx(() -> vm.deadlocks().isDeadlocked() || vm.steps().stepsTakenProperty().get() > before
                    || !atTheGate().isEmpty()));
        }

        String sentence = onFx(() -> vm.deadlocks().getExplanation());
        assertEquals("Deadlock (lock order): t1 holds A and waits for B, held by t2; t2 holds B and waits for A,"
                + " held by t1.", sentence);
        Label shown = robot.lookup("#deadlock-banner .explanation").queryAs(Label.class);
        assertEquals(sentence, onFx(shown::getText));
        assertTrue(onFx(() -> view.deadlockBanner().isVisible()), "the banner shows");
        ScenarioRun run = onFx(() -> vm.runProperty().get());
        Map<String, Long> ids = run.probe().threads().stream()
                .collect(Collectors.toMap(Thread::getName, Thread::getId, (a, b) -> a));
        assertEquals(Set.of(ids.get("t1"), ids.get("t2")), onFx(() -> Set.copyOf(view.lanes().getOutlinedThreads())),
                "the two lanes on the cycle are outlined");
        assertTrue(onFx(this::graphTabSelected), "the wait-for graph's tab is in front");
        snapshot(view.getScene(), "main-deadlock.png");

        long now = onFx(() -> view.lanes().getClock().getAsLong());
        robot.type(KeyCode.B);
        assertTrue(onFx(() -> vm.steps().isViewingPast()), "Step back views the past");
        assertTrue(onFx(() -> view.lanes().getClock().getAsLong()) < now, "the lanes' clock went back");

        int upTo = onFx(() -> vm.steps().viewStepProperty().get());
        robot.clickOn("#step-replay");
        waitFor(() -> onFx(() -> !vm.replayingProperty().get()));
        assertTrue(onFx(() -> vm.runProperty().get()) != run, "Replay runs the lesson afresh");
        assertEquals(upTo, onFx(() -> vm.steps().stepsTakenProperty().get()), "the same steps, replayed");
        assertEquals(StepViewModel.Phase.STEPPING, onFx(() -> vm.steps().getPhase()), "and step mode goes on");
        assertEquals(RunPhase.PAUSED, onFx(vm::phase));
    }

    private boolean graphTabSelected() {
        return view.codePanel().lookupAll(".tab").stream().anyMatch(n -> "graph-tab".equals(n.getId())
                && n.getPseudoClassStates().contains(javafx.css.PseudoClass.getPseudoClass("selected")));
    }

    private static String other(String t) {
        return t.equals("t1") ? "t2" : "t1";
    }
}
