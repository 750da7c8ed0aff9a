package org.threadlanes.ui.code;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

import javax.imageio.ImageIO;

import atlantafx.base.theme.PrimerLight;
import javafx.application.Application;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import org.threadlanes.scenario.lessons.FibonacciCondition;
import org.threadlanes.trace.Event;
import org.threadlanes.trace.ThreadState;

/**
 * The code panel on a headless stage, following a real fibonacci-condition run: the four consumers gather on the
 * {@code cond.wait()} line, concluded threads leave, a clicked line lists who was there, the Java tab shows Java.
 */
@ExtendWith(ApplicationExtension.class)
@Timeout(90)
class CodePanelTest {
    private static final List<String> CONSUMERS = List.of("consumer-1", "consumer-2", "consumer-3", "consumer-4");

    private Stage stage;
    private CodePanel panel;
    private CodePanelViewModel vm;

    @Start
    void start(Stage stage) {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        this.stage = stage;
        panel = new CodePanel();
        vm = panel.getViewModel();
        // Within Monocle's 1280x800 headless screen: a bigger window overflows its painter's buffer.
        stage.setScene(new Scene(panel, 1200, 760));
        // TestFX hands every test the same stage: undo a size an earlier test set.
        stage.setWidth(1200);
        stage.setHeight(760);
        stage.show();
    }

    // ------------------------------------------------------------------ helpers

    /**
     * Feeds a run's batches to the panel on the FX thread, one interact() per batch, and stops right after the event
     * at which {@code moment} first holds for a shadow view-model fed event by event (the rest of that batch is kept
     * for the next call), so that a moment inside a batch is still seen on screen.
     */
    private final class Replay {
        private final List<List<Event>> batches;
        private final CodePanelViewModel shadow = new CodePanelViewModel();
        private int next;
        private List<Event> rest = List.of();

        Replay(List<List<Event>> batches, RealRun real) {
            this.batches = batches;
            shadow.setScenario(real.lesson);
        }

        /** Feeds until {@code moment} holds; returns false if the run ended first. */
        boolean until(FxRobot robot, Predicate<CodePanelViewModel> moment) {
            while (!rest.isEmpty() || next < batches.size()) {
                List<Event> batch = rest.isEmpty() ? batches.get(next++) : rest;
                rest = List.of();
                int cut = batch.size();
                for (int i = 0; i < batch.size(); i++) {
                    shadow.accept(List.of(batch.get(i)));
                    if (moment.test(shadow)) {
                        cut = i + 1;
                        break;
                    }
                }
                List<Event> now = batch.subList(0, cut);
                rest = batch.subList(cut, batch.size());
                robot.interact(() -> panel.accept(now));
                if (cut < batch.size() || moment.test(shadow)) {
                    WaitForAsyncUtils.waitForFxEvents();
                    return true;
                }
            }
            WaitForAsyncUtils.waitForFxEvents();
            return false;
        }

        void toEnd(FxRobot robot) {
            until(robot, vm -> false);
        }
    }

    /** The listing cell showing line {@code line} of listing {@code list}, once it is laid out on screen. */
    private ListCell<CodeLine> cell(FxRobot robot, String list, int line) throws TimeoutException {
        AtomicReference<ListCell<CodeLine>> found = new AtomicReference<>();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> {
            robot.interact(() -> found.set(findCell(robot, list, line)));
            return found.get() != null;
        });
        return found.get();
    }

    @SuppressWarnings("unchecked")
    private static ListCell<CodeLine> findCell(FxRobot robot, String list, int line) {
        for (Node n : robot.lookup("#" + list + " ." + CodeStyles.CODE_LINE).queryAll()) {
            ListCell<CodeLine> c = (ListCell<CodeLine>) n;
            if (!c.isEmpty() && c.getItem() != null && c.getItem().number() == line && c.isVisible()) return c;
        }
        return null;
    }

    /** The names on the thread chips under {@code node}, in order. */
    private static List<String> chips(FxRobot robot, Node node) {
        List<String> names = new ArrayList<>();
        robot.interact(() -> {
            for (Node n : node.lookupAll("." + CodeStyles.THREAD_CHIP)) names.add(((Label) n).getText());
        });
        return names;
    }

    private static String text(TextFlow flow) {
        StringBuilder sb = new StringBuilder();
        for (Node n : flow.getChildren()) sb.append(((Text) n).getText());
        return sb.toString();
    }

    private static boolean fourWaiting(CodePanelViewModel m, int line) {
        return m.marksAt(line).stream().filter(x -> x.state() == ThreadState.BLOCKED).count() == 4;
    }

    private void snapshot(FxRobot robot, String file) throws Exception {
        AtomicReference<WritableImage> image = new AtomicReference<>();
        robot.interact(() -> image.set(stage.getScene().snapshot(null)));
        File f = new File(file);
        f.getParentFile().mkdirs();
        ImageIO.write(SwingFXUtils.fromFXImage(image.get(), null), "png", f);
        assertTrue(f.length() > 10_000, "snapshot written: " + f);
    }

    // ------------------------------------------------------------------ tests

    /**
     * While they wait, the four consumers of a real run show together on the {@code cond.wait()} line, each as a
     * chip with its name, and the line is lit; a picture of it goes to target/snapshots/code-panel.png.
     */
    @Test
    void fourConsumersShowOnTheConditionLineWhileTheyWait(FxRobot robot) throws Exception {
        try (RealRun real = new RealRun()) {
            List<List<Event>> batches = real.runToEnd();
            int waitLine = real.line("cond.wait()");
            robot.interact(() -> {
                panel.setScenario(real.lesson);
                vm.setNanosPerUnit(real.run.units().toNanos(1));
            });
            Replay replay = new Replay(batches, real);
            assertTrue(replay.until(robot, m -> fourWaiting(m, waitLine)), "the four consumers never waited together");

            ListCell<CodeLine> cell = cell(robot, "python-code", waitLine);
            assertEquals(CONSUMERS, chips(robot, cell));
            assertTrue(cell.getPseudoClassStates().contains(CodeStyles.CROWDED), "the line is lit");
            assertTrue(text((TextFlow) cell.lookup("." + CodeStyles.CODE_TEXT)).strip().startsWith("cond.wait()"));
            List<String> roster = chips(robot, robot.lookup("#thread-roster").query());
            for (String c : CONSUMERS) assertTrue(roster.contains(c + "  " + waitLine), "roster: " + roster);
            // Another line shows none of them.
            assertEquals(List.of(), chips(robot, cell(robot, "python-code", waitLine - 1)));
            snapshot(robot, "target/snapshots/code-panel.png");

            // The Java tab shows them on the line that does the same: the condition's await.
            robot.clickOn(CodePanel.JAVA_TAB);
            WaitForAsyncUtils.waitForFxEvents();
            int javaLine = vm.javaLineOf(waitLine);
            ListCell<CodeLine> javaCell = cell(robot, "java-code", javaLine);
            assertTrue(text((TextFlow) javaCell.lookup("." + CodeStyles.CODE_TEXT)).contains("await()"));
            assertEquals(CONSUMERS, chips(robot, javaCell));
            List<String> javaRoster = chips(robot, robot.lookup("#java-thread-roster").query());
            for (String c : CONSUMERS) assertTrue(javaRoster.contains(c + "  " + javaLine), "roster: " + javaRoster);
            robot.clickOn(javaCell);
            WaitForAsyncUtils.waitForFxEvents();
            assertEquals(waitLine, vm.getSelectedLine(), "a Java line lists the visits of its Python twin");
            assertTrue(robot.lookup("#visits-title").queryAs(Label.class).getText()
                    .startsWith("Who was on Java line " + javaLine + " (Python line " + waitLine + ")"));
            snapshot(robot, "target/snapshots/code-panel-java.png");
        }
    }

    /** A thread that concludes leaves the panel while the others stay; at the end of the run no chip is left. */
    @Test
    void concludedThreadsDisappear(FxRobot robot) throws Exception {
        try (RealRun real = new RealRun()) {
            List<List<Event>> batches = real.runToEnd();
            robot.interact(() -> panel.setScenario(real.lesson));
            Replay replay = new Replay(batches, real);
            assertTrue(replay.until(robot, m -> m.liveThreads().stream().anyMatch(t -> t.thread().name().equals("producer"))));
            assertTrue(chips(robot, panel).stream().anyMatch(n -> n.startsWith("producer")), "the producer shows");

            // The producer concludes once it has signalled; the consumers are still there.
            assertTrue(replay.until(robot, m -> m.liveThreads().stream()
                    .noneMatch(t -> t.thread().name().equals("producer")) && m.liveThreadsProperty().get() > 1));
            List<String> shown = chips(robot, panel);
            assertTrue(shown.stream().noneMatch(n -> n.startsWith("producer")), "producer gone: " + shown);
            assertTrue(shown.stream().anyMatch(n -> n.startsWith("consumer")), "consumers stay: " + shown);

            replay.toEnd(robot);
            assertEquals(List.of(), chips(robot, panel), "no thread left after the run");
            assertEquals(0, vm.liveThreadsProperty().get());
            for (CodeLine l : vm.pythonLines()) assertTrue(l.getMarks().isEmpty(), "line " + l.number());
        }
    }

    /** Clicking a line lists the threads that were there, with the time in units and their state then. */
    @Test
    void clickingALineListsTheThreadsThatWereThere(FxRobot robot) throws Exception {
        try (RealRun real = new RealRun()) {
            List<List<Event>> batches = real.runToEnd();
            int waitLine = real.line("cond.wait()");
            robot.interact(() -> {
                panel.setScenario(real.lesson);
                vm.setNanosPerUnit(real.run.units().toNanos(1));
            });
            new Replay(batches, real).toEnd(robot);
            assertFalse(robot.lookup("#code-visits").query().isVisible(), "hidden until a line is clicked");

            robot.clickOn(cell(robot, "python-code", waitLine));
            WaitForAsyncUtils.waitForFxEvents();
            assertEquals(waitLine, vm.getSelectedLine());
            assertTrue(robot.lookup("#code-visits").query().isVisible());
            ListView<?> visits = robot.lookup("#visit-list").queryAs(ListView.class);
            List<String> who = new ArrayList<>();
            robot.interact(() -> visits.getItems().forEach(v -> who.add(((LineVisit) v).thread().name())));
            assertTrue(who.containsAll(CONSUMERS), "visits: " + who);
            assertTrue(chips(robot, visits).containsAll(CONSUMERS), "the list shows the consumers' chips");
            LineVisit oldest = (LineVisit) visits.getItems().get(visits.getItems().size() - 1);
            assertEquals(ThreadState.BLOCKED, oldest.state(), "the first visitor came to wait");
            String title = robot.lookup("#visits-title").queryAs(Label.class).getText();
            assertTrue(title.startsWith("Who was on line " + waitLine + ":"), title);
            assertTrue(robot.lookup(".visit-time").queryAllAs(Label.class).stream()
                    .anyMatch(l -> l.getText().matches("t = \\d+\\.\\d\\d")), "times in units");

            robot.type(KeyCode.ESCAPE);
            WaitForAsyncUtils.waitForFxEvents();
            assertEquals(0, vm.getSelectedLine());
            assertFalse(robot.lookup("#code-visits").query().isVisible(), "Esc closes the list");
        }
    }

    /** The Java tab exists and shows the lesson's Java listing, numbered; before a run no thread stands on it. */
    @Test
    void javaTabShowsTheJavaListing(FxRobot robot) throws Exception {
        FibonacciCondition lesson = new FibonacciCondition();
        robot.interact(() -> panel.setScenario(lesson));
        assertTrue(panel.isShowingPython());
        robot.clickOn(CodePanel.JAVA_TAB);
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(panel.isShowingPython());
        ListView<?> java = robot.lookup("#java-code").queryAs(ListView.class);
        assertTrue(java.isVisible());
        List<String> javaLines = lesson.listing().java();
        assertEquals(javaLines.size(), java.getItems().size());
        int awaitLine = 0;
        for (int i = 0; i < javaLines.size(); i++) {
            if (javaLines.get(i).contains("ready.await()")) awaitLine = i + 1;
        }
        ListCell<CodeLine> cell = cell(robot, "java-code", awaitLine);
        assertTrue(text((TextFlow) cell.lookup("." + CodeStyles.CODE_TEXT)).contains("ready.await()"));
        assertEquals(Integer.toString(awaitLine), ((Label) cell.lookup("." + CodeStyles.LINE_NUMBER)).getText());
        assertEquals(List.of(), chips(robot, cell), "no thread before a run");
        robot.clickOn(CodePanel.PYTHON_TAB);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(panel.isShowingPython());
    }

    /** Keywords, strings and comments get their own style classes (the tint). */
    @Test
    void syntaxIsTinted(FxRobot robot) throws Exception {
        FibonacciCondition lesson = new FibonacciCondition();
        robot.interact(() -> panel.setScenario(lesson));
        ListCell<CodeLine> def = cell(robot, "python-code", lesson.listing().lineOf("def fibonacci_task"));
        Text keyword = (Text) def.lookup(".tok-keyword");
        assertEquals("def", keyword.getText());
        ListCell<CodeLine> wait = cell(robot, "python-code", lesson.listing().lineOf("cond.wait()"));
        assertEquals("# blocked: nothing to do yet", ((Text) wait.lookup(".tok-comment")).getText());
    }

    /** Clicking a thread in the roster scrolls its line into view. */
    @Test
    void rosterChipRevealsItsLine(FxRobot robot) throws Exception {
        try (RealRun real = new RealRun()) {
            List<List<Event>> batches = real.runToEnd();
            int joinLine = real.line("[t.join() for t in consumers]");
            robot.interact(() -> {
                stage.setHeight(420);
                panel.setScenario(real.lesson);
            });
            Replay replay = new Replay(batches, real);
            assertTrue(replay.until(robot, m -> m.lineOf(mainId(m)) == joinLine));
            WaitForAsyncUtils.waitForFxEvents();
            assertTrue(robot.lookup("#python-code .code-line").queryAll().stream()
                    .noneMatch(n -> showsLine(n, joinLine)), "line " + joinLine + " starts out of view");
            robot.clickOn(robot.lookup("#thread-roster .thread-chip").queryAs(Label.class));
            WaitForAsyncUtils.waitForFxEvents();
            assertTrue(robot.lookup("#python-code .code-line").queryAll().stream()
                    .anyMatch(n -> showsLine(n, joinLine)), "the main thread's line is shown");
            assertEquals(List.of("main"), chips(robot, cell(robot, "python-code", joinLine)));
        }
    }

    private static long mainId(CodePanelViewModel m) {
        return m.liveThreads().stream().filter(t -> t.thread().name().equals("main")).findFirst()
                .map(t -> t.thread().id()).orElse(-1L);
    }

    @SuppressWarnings("unchecked")
    private static boolean showsLine(Node n, int line) {
        ListCell<CodeLine> c = (ListCell<CodeLine>) n;
        return c.isVisible() && !c.isEmpty() && c.getItem() != null && c.getItem().number() == line
                && c.getLayoutY() >= 0 && c.getLayoutY() < ((ListView<?>) c.getListView()).getHeight() - c.getHeight();
    }

    /** clear() after a run removes every chip and the history, and the roster says no thread runs. */
    @Test
    void clearRemovesEveryTrace(FxRobot robot) throws Exception {
        try (RealRun real = new RealRun()) {
            List<List<Event>> batches = real.runToEnd();
            int waitLine = real.line("cond.wait()");
            robot.interact(() -> panel.setScenario(real.lesson));
            Replay replay = new Replay(batches, real);
            assertTrue(replay.until(robot, m -> fourWaiting(m, waitLine)));
            assertFalse(chips(robot, panel).isEmpty());
            robot.interact(panel::clear);
            WaitForAsyncUtils.waitForFxEvents();
            assertEquals(List.of(), chips(robot, panel));
            assertEquals(0, vm.pythonLines().get(waitLine - 1).visitCount());
            assertTrue(robot.lookup(".roster-empty").query().isVisible());
        }
    }
}
