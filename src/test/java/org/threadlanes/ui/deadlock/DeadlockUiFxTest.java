package org.threadlanes.ui.deadlock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import javax.imageio.ImageIO;

import atlantafx.base.theme.PrimerLight;
import javafx.application.Application;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.BorderPane;
import javafx.scene.shape.Line;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import org.threadlanes.analysis.WaitForGraph;
import org.threadlanes.executor.StepController;
import org.threadlanes.scenario.ScenarioRun;
import org.threadlanes.scenario.Scenarios;
import org.threadlanes.ui.deadlock.StepViewModel.Phase;

/**
 * The step bar, the wait-for graph and the banner on a headless stage, driving real runs: the user steps
 * lock-ordering into its deadlock with clicks and keys, the views name and draw it, and Step back shows the past.
 * Gate changes and graphs reach the models through a queue that the test drains on the FX thread.
 */
@ExtendWith(ApplicationExtension.class)
@Timeout(120)
class DeadlockUiFxTest {
    private static final long WAIT_S = 20;

    private final QueuedExecutor fx = new QueuedExecutor();
    private final List<List<String>> replayed = new CopyOnWriteArrayList<>();
    private StepViewModel steps;
    private DeadlockViewModel deadlocks;
    private StepBar bar;
    private WaitForGraphView graph;
    private DeadlockBanner banner;
    private BorderPane root;
    private ScenarioRun run;

    @Start
    void start(Stage stage) {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        steps = new StepViewModel(fx);
        deadlocks = new DeadlockViewModel(fx);
        deadlocks.viewTimeNsProperty().bind(steps.viewTimeNsProperty());
        steps.deadlockedProperty().bind(deadlocks.deadlockFoundProperty());
        steps.setOnReplay(replayed::add);
        bar = new StepBar(steps);
        graph = new WaitForGraphView(deadlocks);
        banner = new DeadlockBanner(deadlocks);
        root = new BorderPane(graph, bar, null, banner, null);
        bar.installShortcuts(root);
        stage.setScene(new Scene(root, 1280, 820));
        stage.show();
    }

    @AfterEach
    void endRun() throws InterruptedException {
        if (run == null) return;
        run.cancel();
        assertTrue(run.awaitThreadsEnded(WAIT_S, TimeUnit.SECONDS), "every thread of the run ended");
    }

    /** Reads something on the FX thread. */
    private static <T> T onFx(FxRobot robot, Supplier<T> read) {
        AtomicReference<T> v = new AtomicReference<>();
        robot.interact(() -> v.set(read.get()));
        return v.get();
    }

    /** Hands queued changes to the models on the FX thread until {@code condition} (read there too) holds. */
    private void await(FxRobot robot, String what, Supplier<Boolean> condition) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(WAIT_S, TimeUnit.SECONDS, () -> onFx(robot, () -> {
                fx.drain();
                return condition.get();
            }));
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("timed out waiting for " + what + "; shown: " + onFx(robot, this::shown)
                    + "; status: " + onFx(robot, steps::getStatus), e);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    private List<String> shown() {
        return steps.getWaiting().stream().map(w -> w.thread().name()).toList();
    }

    /** A run of {@code id} at 20 ms a unit, held at the gate from its first probe, followed by both models. */
    private void startHeld(FxRobot robot, String id) {
        var scenario = Scenarios.require(id);
        run = new ScenarioRun(scenario, scenario.defaults().withUnitMs(20));
        robot.interact(() -> {
            run.stepMode(new StepController(t -> true, run.recorder()::now, () -> { }));
            steps.setRun(run);
            deadlocks.setRun(run);
            run.start();
        });
    }

    /** Selects {@code name} with its number key (its place among the waiting threads), then steps it with S. */
    private void stepWithKeys(FxRobot robot, String name) {
        int index = onFx(robot, () -> shown().indexOf(name));
        assertTrue(index >= 0 && index < 9, name + " is shown at the gate");
        robot.type(KeyCode.valueOf("DIGIT" + (index + 1)));
        assertEquals(name, onFx(robot, () -> steps.getSelectedThread().name()), "key " + (index + 1) + " selects " + name);
        robot.type(KeyCode.S);
    }

    /**
     * Issue 4: stepping lock-ordering with the Step button and the keys 1-9 and S reaches the deadlock; the banner
     * then says it in plain words, the graph highlights the four edges of the cycle, the lanes to outline are t1 and
     * t2; Step back moves the view time into the past until the deadlock is not formed yet; Replay hands over the
     * steps up to there; Now shows the present again. A snapshot of the components goes to
     * target/snapshots/deadlock.png.
     */
    @Test
    void stepsDriveLockOrderingIntoItsDeadlockAndTheViewsExplainIt(FxRobot robot) throws Exception {
        startHeld(robot, "lock-ordering");
        await(robot, "main at the gate", () -> shown().equals(List.of("main")));
        Button mainChip = robot.lookup("#gate-main").queryButton();
        assertTrue(((Label) robot.from(mainChip).lookup(".chip-action").query()).getText().startsWith("next: start"));
        assertEquals(Phase.STEPPING, onFx(robot, steps::getPhase));

        robot.clickOn("#" + StepBar.ID_STEP); // nothing selected: the first waiting thread, main
        await(robot, "t1 and t2 at the gate", () -> shown().containsAll(List.of("t1", "t2")));
        Label t1Line = (Label) robot.from(robot.lookup("#gate-t1").queryButton()).lookup(".chip-line").query();
        assertTrue(t1Line.getText().matches("line \\d+"), t1Line.getText());

        // t1 and t2 take turns, each as soon as it waits at the gate again: both take their first lock, sleep, and
        // reach for the other's lock.
        String next = "t1";
        int taken = 0;
        boolean clicked = false;
        while (true) {
            await(robot, "t1 or t2 at the gate, or the deadlock",
                    () -> deadlocks.isDeadlocked() || shown().contains("t1") || shown().contains("t2"));
            if (onFx(robot, deadlocks::isDeadlocked)) break;
            String want = next;
            String pick = onFx(robot, () -> shown().contains(want)) ? want : other(want);
            if (pick.equals("t2") && !clicked) {
                // Once with the mouse: t2's chip selects it, then the Step button steps it.
                robot.clickOn("#gate-t2");
                assertEquals("t2", onFx(robot, () -> steps.getStepTarget().name()));
                assertTrue(robot.lookup("#gate-t2").queryButton().getPseudoClassStates()
                        .contains(DeadlockStyles.TARGET), "t2's chip shows it is the one to step");
                robot.clickOn("#" + StepBar.ID_STEP);
                clicked = true;
            } else {
                stepWithKeys(robot, pick);
            }
            next = other(pick);
            assertTrue(++taken < 30, "the deadlock comes within a few steps");
        }
        await(robot, "the deadlock", deadlocks::isDeadlocked);

        // main, still at the gate, joins t1: it is stuck behind the cycle, its wait drawn but not highlighted.
        stepWithKeys(robot, "main");
        await(robot, "main's join in the graph",
                () -> deadlocks.getGraph().edges().stream().anyMatch(e -> e.kind() == WaitForGraph.EdgeKind.JOINS));

        Label sentence = robot.lookup(".deadlock-banner .explanation").queryAs(Label.class);
        assertEquals(Graphs.LOCK_SENTENCE, sentence.getText());
        assertTrue(banner.isVisible());
        assertEquals("lock order", robot.lookup(".deadlock-banner .kind-tag").queryAs(Label.class).getText());
        assertEquals(List.of("t1", "t2"), robot.lookup(".deadlock-banner .thread-chip").queryAllAs(Label.class)
                .stream().map(Label::getText).sorted().toList());
        Map<String, Long> ids = run.probe().threads().stream()
                .collect(Collectors.toMap(Thread::getName, Thread::getId, (a, b) -> a));
        assertEquals(Set.of(ids.get("t1"), ids.get("t2")), onFx(robot, () -> Set.copyOf(deadlocks.getCycleThreadIds())));
        assertTrue(onFx(robot, steps::getStatus).startsWith("Deadlock:"), onFx(robot, steps::getStatus));

        List<WaitForGraph.Edge> cycle = onFx(robot, () -> List.copyOf(graph.getHighlightedEdges()));
        assertEquals(4, cycle.size(), "t1 -> B -> t2 -> A -> t1: " + cycle);
        assertEquals(Set.of("t1", "B", "t2", "A"), cycle.stream().map(e -> e.from().label()).collect(Collectors.toSet()));
        for (int i = 0; i < cycle.size(); i++) {
            assertEquals(cycle.get(i).to(), cycle.get((i + 1) % cycle.size()).from(), "the edges close a cycle");
        }
        WaitForGraphViewSkin skin = (WaitForGraphViewSkin) graph.getSkin();
        List<Line> lines = onFx(robot, skin::cycleLines);
        assertEquals(4, lines.size());
        WaitForGraph.Edge join = onFx(robot, () -> deadlocks.getGraph().edges().stream()
                .filter(e -> e.kind() == WaitForGraph.EdgeKind.JOINS).findFirst().orElseThrow());
        Line plain = onFx(robot, () -> skin.edgeLine(join));
        assertNotNull(plain);
        for (Line l : lines) {
            assertTrue(l.getStyleClass().contains(DeadlockStyles.ON_CYCLE));
            assertTrue(l.getStrokeWidth() >= 2 * plain.getStrokeWidth(), "the cycle is drawn thick");
            assertNotEquals(plain.getStroke(), l.getStroke(), "and in another colour");
            assertTrue(l.isVisible());
        }
        assertFalse(plain.getStyleClass().contains(DeadlockStyles.ON_CYCLE));

        snapshot(robot, Path.of("target", "snapshots", "deadlock.png"));

        // Step back until the deadlock is not formed yet; each step back moves the view time earlier.
        List<StepController.Step> history = run.stepper().history();
        long viewTime = Long.MAX_VALUE;
        int back = 0;
        do {
            robot.type(KeyCode.B);
            long t = onFx(robot, steps::getViewTimeNs);
            assertTrue(onFx(robot, steps::isViewingPast));
            assertEquals(history.get(history.size() - 1 - back).tNs(), t, "the time of the step taken back");
            assertTrue(t < viewTime, "further into the past");
            viewTime = t;
            back++;
        } while (onFx(robot, deadlocks::isDeadlocked) && back < 4);
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(banner.isVisible(), "no deadlock yet at the moment viewed");
        assertTrue(graph.getHighlightedEdges().isEmpty());
        assertTrue(robot.lookup(".past-strip").query().isVisible());
        assertTrue(onFx(robot, steps::getPastText).startsWith("Viewing the past: just before step "));

        robot.clickOn("#" + StepBar.ID_REPLAY);
        List<String> expected = history.subList(0, history.size() - back).stream().map(s -> s.thread().name()).toList();
        assertEquals(List.of(expected), replayed, "Replay hands over the steps up to the moment viewed");

        robot.clickOn("#" + StepBar.ID_NOW);
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(onFx(robot, steps::isViewingPast));
        assertEquals(-1, onFx(robot, steps::getViewTimeNs));
        assertTrue(banner.isVisible(), "the deadlock again, now");
    }

    private static String other(String t) {
        return t.equals("t1") ? "t2" : "t1";
    }

    /**
     * Pause enters step mode on a running lesson; if every thread is asleep (their sleeps stand still with the clock),
     * Step any lets time run until one comes to the gate; Resume lets the lesson finish.
     */
    @Test
    void pauseAndResumeButtonsEnterAndLeaveStepMode(FxRobot robot) throws Exception {
        var scenario = Scenarios.require("dining-philosophers-fixed");
        // Slow enough (some seconds) that the run is still going when the robot's click lands.
        run = new ScenarioRun(scenario, scenario.defaults().withUnitMs(500));
        robot.interact(() -> {
            steps.setRun(run);
            deadlocks.setRun(run);
            run.start();
            steps.syncWithRun();
        });
        await(robot, "free run", () -> steps.getPhase() == Phase.FREE_RUN);
        assertTrue(robot.lookup("#" + StepBar.ID_STEP).queryButton().isDisabled(), "no stepping in free run");

        robot.clickOn("#" + StepBar.ID_PAUSE);
        assertTrue(run.isPaused(), "paused, with the run still " + run.status());
        await(robot, "step mode", () -> steps.getPhase() == Phase.STEPPING);
        if (onFx(robot, () -> steps.getWaiting().isEmpty())) {
            assertTrue(onFx(robot, steps::getStatus).contains("the clock stands still"), onFx(robot, steps::getStatus));
            robot.clickOn("#" + StepBar.ID_STEP_ANY);
        }
        await(robot, "a thread at the gate", () -> !steps.getWaiting().isEmpty());
        assertEquals(Phase.STEPPING, onFx(robot, steps::getPhase));
        assertFalse(robot.lookup("#" + StepBar.ID_STEP).queryButton().isDisabled());

        robot.clickOn("#" + StepBar.ID_RESUME);
        assertFalse(run.isPaused());
        assertEquals(ScenarioRun.Status.COMPLETED, run.completion().get(WAIT_S, TimeUnit.SECONDS));
        await(robot, "the end shown", () -> steps.getPhase() == Phase.ENDED);
        assertFalse(onFx(robot, deadlocks::isDeadlocked));
        assertFalse(banner.isVisible(), "no banner without a deadlock");
    }

    private void snapshot(FxRobot robot, Path file) throws Exception {
        WritableImage image = onFx(robot, () -> root.snapshot(null, null));
        Files.createDirectories(file.getParent());
        File out = file.toFile();
        assertTrue(ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", out));
        assertTrue(out.length() > 10_000, "a real picture: " + out.length() + " bytes");
    }
}
