package org.threadlanes.ui.code;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.threadlanes.scenario.Listing;
import org.threadlanes.scenario.Scenario;
import org.threadlanes.scenario.ScenarioContext;
import org.threadlanes.scenario.Settings;
import org.threadlanes.scenario.Topic;
import org.threadlanes.trace.BlockReason;
import org.threadlanes.trace.EventKind;
import org.threadlanes.trace.ThreadRef;
import org.threadlanes.trace.ThreadState;

/** CodePanelViewModel without a stage: hand-made events move threads between lines and leave visits behind. */
class CodePanelViewModelTest {
    static final ThreadRef MAIN = new ThreadRef(1, "main", "main");
    static final ThreadRef A = new ThreadRef(21, "alpha", "thread");
    static final ThreadRef B = new ThreadRef(22, "beta", "thread");
    static final ThreadRef C = new ThreadRef(23, "gamma", "thread");

    /** A five-line lesson: enough lines to move threads around. */
    static final Scenario LESSON = new Scenario() {
        @Override public String id() { return "tiny"; }
        @Override public String title() { return "Tiny"; }
        @Override public String summary() { return "Threads walk five lines."; }
        @Override public Topic topic() { return Topic.THREADS; }
        @Override public int order() { return 1; }
        @Override public LessonText text() { return new LessonText("watch", "question", "expected"); }
        @Override public Settings defaults() { return new Settings(1, 1, 100); }
        @Override public Set<Setting> exposed() { return Set.of(); }
        @Override public Listing listing() {
            return Listing.of("""
                    import threading
                    def work():
                        lock.acquire()   # may block
                        print('done')
                    t.join()
                    """, """
                    void work() {
                        lock.lock();
                    }
                    """).javaAt("def work", "void work").javaAt("lock.acquire", "lock.lock");
        }
        @Override public Object run(ScenarioContext ctx) { return null; }
    };

    private CodePanelViewModel vm;
    private Events ev;

    @BeforeEach
    void setUp() {
        vm = new CodePanelViewModel(3);
        vm.setScenario(LESSON);
        ev = new Events();
    }

    private static List<String> names(List<ThreadMark> marks) {
        return marks.stream().map(m -> m.thread().name()).toList();
    }

    /** A lesson's Python and Java listings become numbered lines, and the unit comes from its defaults. */
    @Test
    void listingsBecomeNumberedLines() {
        assertEquals(5, vm.pythonLines().size());
        assertEquals(3, vm.javaLines().size());
        assertEquals(3, vm.pythonLines().get(2).number());
        assertEquals("    lock.acquire()   # may block", vm.pythonLines().get(2).text());
        assertEquals("    lock.lock();", vm.javaLines().get(1).text());
        assertEquals(100_000_000d, vm.getNanosPerUnit());
        assertSame(LESSON, vm.getScenario());
    }

    /** A thread stands on the line of its latest event, and leaves the line it was on before. */
    @Test
    void threadStandsOnTheLineOfItsLatestEvent() {
        vm.accept(ev.state(0, A, ThreadState.RUNNING, 2).batch());
        assertEquals(List.of("alpha"), names(vm.marksAt(2)));
        vm.accept(ev.blocked(10, A, BlockReason.LOCK, "lock held by beta", 3).batch());
        assertEquals(List.of(), vm.marksAt(2));
        assertEquals(List.of("alpha"), names(vm.marksAt(3)));
        ThreadMark m = vm.marksAt(3).get(0);
        assertEquals(ThreadState.BLOCKED, m.state());
        assertEquals("blocked: lock held by beta", m.describeState());
        assertEquals(10, m.sinceNs());
        assertEquals(3, vm.lineOf(A.id()));
    }

    /**
     * A thread on a paired Python line stands on its Java twin too, and leaves it with the Python line; a Python line
     * with no Java twin puts nobody on the Java tab.
     */
    @Test
    void threadsStandOnTheJavaLinePairedWithTheirPythonLine() {
        assertTrue(vm.hasJavaPairs());
        vm.accept(ev.state(0, A, ThreadState.RUNNING, 2).blocked(1, B, BlockReason.LOCK, "lock held by alpha", 3)
                .batch());
        assertEquals(List.of("alpha"), names(vm.javaMarksAt(1)));
        assertEquals(List.of("beta"), names(vm.javaMarksAt(2)));
        assertEquals(ThreadState.BLOCKED, vm.javaMarksAt(2).get(0).state());

        vm.accept(ev.state(2, A, ThreadState.RUNNING, 4).batch()); // print('done') has no Java line
        assertEquals(List.of(), vm.javaMarksAt(1));
        assertEquals(List.of("alpha"), names(vm.marksAt(4)));
        assertEquals(List.of("beta"), names(vm.javaMarksAt(2)));

        assertEquals(2, vm.javaLineOf(3));
        assertEquals(3, vm.pythonLineOf(2));
        assertEquals(0, vm.pythonLineOf(3), "the closing brace is nobody's twin");
        assertEquals(2, vm.pythonLineOf(1));
        vm.clear();
        assertEquals(List.of(), vm.javaMarksAt(2));
    }

    /** Several threads on one line are all shown, in order of first appearance, each with its own colour. */
    @Test
    void severalThreadsShareALineInOrderOfFirstAppearance() {
        vm.accept(ev.state(0, MAIN, ThreadState.RUNNING, 5)
                .state(1, C, ThreadState.RUNNING, 1)
                .state(2, A, ThreadState.RUNNING, 1)
                .blocked(3, B, BlockReason.LOCK, null, 3)
                .blocked(4, A, BlockReason.LOCK, null, 3)
                .blocked(5, C, BlockReason.LOCK, null, 3).batch());
        assertEquals(List.of("gamma", "alpha", "beta"), names(vm.marksAt(3)));
        List<Integer> colours = vm.marksAt(3).stream().map(ThreadMark::colorIndex).toList();
        assertEquals(List.of(1, 2, 3), colours);
        assertEquals(0, vm.colors().peek(MAIN.id()));
        assertEquals(4, vm.liveThreadsProperty().get());
    }

    /** A concluded thread disappears from the panel, and the live count drops. */
    @Test
    void concludedThreadDisappears() {
        vm.accept(ev.state(0, A, ThreadState.RUNNING, 4).state(0, B, ThreadState.RUNNING, 4).batch());
        assertEquals(2, vm.liveThreadsProperty().get());
        vm.accept(ev.state(5, A, ThreadState.CONCLUDED, 4).batch());
        assertEquals(List.of("beta"), names(vm.marksAt(4)));
        assertEquals(0, vm.lineOf(A.id()));
        assertEquals(1, vm.liveThreadsProperty().get());
        // A task milestone after the end does not bring it back.
        vm.accept(ev.task(6, A, EventKind.FINISHED, "late", 4).batch());
        assertEquals(List.of("beta"), names(vm.marksAt(4)));
    }

    /** Line 0 and lines past the listing are "unknown": the thread is not drawn anywhere. */
    @Test
    void unknownLineDrawsTheThreadNowhere() {
        vm.accept(ev.state(0, A, ThreadState.RUNNING, 2).batch());
        vm.accept(ev.state(1, A, ThreadState.READY, 0).batch());
        assertEquals(0, vm.lineOf(A.id()));
        vm.accept(ev.state(2, A, ThreadState.RUNNING, 99).batch());
        assertEquals(0, vm.lineOf(A.id()));
        for (int line = 1; line <= 5; line++) assertEquals(List.of(), vm.marksAt(line));
    }

    /** Task milestones carry the line but keep the thread's state. */
    @Test
    void taskMilestoneKeepsTheState() {
        vm.accept(ev.blocked(0, MAIN, BlockReason.JOIN, "join alpha", 5).batch());
        vm.accept(ev.task(1, MAIN, EventKind.SUBMITTED, "work()", 5).batch());
        ThreadMark m = vm.marksAt(5).get(0);
        assertEquals(ThreadState.BLOCKED, m.state());
        assertEquals(BlockReason.JOIN, m.reason());
        List<LineVisit> visits = vm.pythonLines().get(4).visits();
        assertEquals(2, visits.size());
        assertEquals("submitted work() (blocked: join alpha)", visits.get(0).describe());
    }

    /** Only the lines whose occupants changed get a new marks list: the others keep the same instance. */
    @Test
    void batchTouchesOnlyTheLinesItChanges() {
        vm.accept(ev.state(0, A, ThreadState.RUNNING, 1).state(0, B, ThreadState.RUNNING, 4).batch());
        List<ThreadMark> line4 = vm.marksAt(4);
        AtomicInteger changes = new AtomicInteger();
        for (CodeLine l : vm.pythonLines()) l.marksProperty().addListener((o, was, now) -> changes.incrementAndGet());
        vm.accept(ev.state(1, A, ThreadState.RUNNING, 2).batch());
        assertSame(line4, vm.marksAt(4));
        assertEquals(2, changes.get(), "line 1 lost alpha, line 2 gained it");
        // An event that changes nothing (same state, same line) touches no line.
        vm.accept(ev.state(2, A, ThreadState.RUNNING, 2).batch());
        assertEquals(2, changes.get());
    }

    /** Visits record who was on a line, when and in which state; repeated identical events add nothing. */
    @Test
    void visitsRecordWhoWasThereAndWhen() {
        vm.accept(ev.state(100, A, ThreadState.RUNNING, 3)
                .state(150, A, ThreadState.RUNNING, 3)
                .blocked(200, A, BlockReason.LOCK, "lock L", 3)
                .state(300, B, ThreadState.RUNNING, 3)
                .state(400, A, ThreadState.CONCLUDED, 3).batch());
        List<LineVisit> v = vm.pythonLines().get(2).visits();
        // 100 (arrives), 200 (blocks), 300 (beta arrives), 400 (alpha concludes): 150 repeated 100 and is no visit.
        assertEquals(4, vm.pythonLines().get(2).visitCount());
        assertEquals(3, v.size(), "the history keeps the last 3");
        assertEquals(List.of(400L, 300L, 200L), v.stream().map(LineVisit::tNs).toList(), "newest first");
        assertEquals(List.of("alpha", "beta", "alpha"), v.stream().map(x -> x.thread().name()).toList());
        assertEquals("blocked: lock L", v.get(2).describe());
        assertEquals(ThreadState.CONCLUDED, v.get(0).state());
    }

    /** Visit history per line is bounded; the selected line's list follows new visits and drops the oldest. */
    @Test
    void selectedLineListsItsVisitsLive() {
        vm.selectLine(2);
        assertEquals(2, vm.getSelectedLine());
        assertTrue(vm.selectedVisits().isEmpty());
        for (int i = 0; i < 5; i++) {
            vm.accept(ev.state(i * 10L, A, ThreadState.RUNNING, 2).state(i * 10L + 5, A, ThreadState.RUNNING, 1).batch());
        }
        assertEquals(3, vm.selectedVisits().size());
        assertEquals(List.of(40L, 30L, 20L), vm.selectedVisits().stream().map(LineVisit::tNs).toList());
        assertEquals(vm.selectedCodeLine().visits(), List.copyOf(vm.selectedVisits()), "the list follows the line");
        assertEquals(5, vm.selectedCodeLine().visitCount());
        vm.selectLine(0);
        assertTrue(vm.selectedVisits().isEmpty());
        assertNull(vm.selectedCodeLine());
        vm.selectLine(42);
        assertEquals(0, vm.getSelectedLine(), "a line outside the listing selects nothing");
    }

    /** Times show in units of the run. */
    @Test
    void timesShowInUnits() {
        vm.setNanosPerUnit(20_000_000);
        assertEquals("12.63", vm.formatUnits(252_600_000));
        assertThrows(IllegalArgumentException.class, () -> vm.setNanosPerUnit(0));
    }

    /** clear() forgets threads, colours and visits but keeps the lesson and the selected line. */
    @Test
    void clearForgetsTheRunButKeepsTheLesson() {
        vm.selectLine(3);
        vm.accept(ev.state(0, A, ThreadState.RUNNING, 3).state(0, B, ThreadState.RUNNING, 3).batch());
        long before = vm.versionProperty().get();
        vm.clear();
        assertNotEquals(before, vm.versionProperty().get());
        assertEquals(List.of(), vm.marksAt(3));
        assertEquals(0, vm.pythonLines().get(2).visitCount());
        assertTrue(vm.selectedVisits().isEmpty());
        assertEquals(3, vm.getSelectedLine());
        assertEquals(0, vm.colors().size());
        assertEquals(0, vm.liveThreadsProperty().get());
        vm.accept(ev.state(1, B, ThreadState.RUNNING, 1).batch());
        assertEquals(0, vm.marksAt(1).get(0).colorIndex(), "colours start again from the first thread seen");
    }

    /** A new lesson replaces the listing and forgets the old run and selection; null shows nothing. */
    @Test
    void newLessonReplacesEverything() {
        vm.selectLine(2);
        vm.accept(ev.state(0, A, ThreadState.RUNNING, 2).batch());
        vm.setScenario(null);
        assertTrue(vm.pythonLines().isEmpty());
        assertTrue(vm.javaLines().isEmpty());
        assertEquals(0, vm.getSelectedLine());
        assertNull(vm.getScenario());
        vm.accept(ev.state(1, A, ThreadState.RUNNING, 2).batch());
        assertEquals(0, vm.lineOf(A.id()), "no listing: no line");
        vm.setScenario(LESSON);
        assertFalse(vm.pythonLines().isEmpty());
        assertEquals(List.of(), vm.marksAt(2));
    }

    /** The read-only lists cannot be changed from outside. */
    @Test
    void listsAreReadOnly() {
        assertThrows(UnsupportedOperationException.class, () -> vm.pythonLines().clear());
        assertThrows(UnsupportedOperationException.class, () -> vm.selectedVisits().add(null));
        assertThrows(IllegalArgumentException.class, () -> new CodePanelViewModel(0));
        List<ThreadMark> marks = new ArrayList<>(vm.marksAt(1));
        assertTrue(marks.isEmpty());
    }

    /**
     * Replaying a real fibonacci-condition run batch by batch, the four consumers stand together on the
     * {@code cond.wait()} line before the producer signals, and every thread has left the panel at the end.
     */
    @Test
    void realRunShowsFourConsumersWaitingThenNobody() throws Exception {
        try (RealRun real = new RealRun()) {
            List<List<org.threadlanes.trace.Event>> batches = real.runToEnd();
            CodePanelViewModel live = new CodePanelViewModel();
            live.setScenario(real.lesson);
            int waitLine = real.line("cond.wait()");
            List<String> most = List.of();
            for (List<org.threadlanes.trace.Event> batch : batches) {
                for (org.threadlanes.trace.Event e : batch) {
                    live.accept(List.of(e)); // one event at a time: no moment is skipped
                    List<String> here = names(live.marksAt(waitLine));
                    if (here.size() > most.size()) most = here;
                }
            }
            assertEquals(List.of("consumer-1", "consumer-2", "consumer-3", "consumer-4"), most);
            assertTrue(live.marksAt(waitLine).isEmpty());
            for (CodeLine l : live.pythonLines()) assertEquals(List.of(), l.getMarks(), "line " + l.number());
            assertEquals(0, live.liveThreadsProperty().get());
            assertTrue(live.pythonLines().get(waitLine - 1).visitCount() >= 4);
        }
    }
}
