package org.threadlanes.ui.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.threadlanes.scenario.Listing;
import org.threadlanes.scenario.Scenario;
import org.threadlanes.scenario.ScenarioContext;
import org.threadlanes.scenario.ScenarioRun;
import org.threadlanes.scenario.Scenarios;
import org.threadlanes.scenario.Settings;
import org.threadlanes.scenario.Topic;
import org.threadlanes.trace.ThreadState;
import org.threadlanes.ui.deadlock.StepViewModel;
import org.threadlanes.ui.lanes.TimelineModel;

/**
 * The main window's view-model without a stage: the test thread plays the UI thread ({@link QueuedDelivery}), and
 * reset waits are queued so the test can see that reset itself never waits.
 */
class MainViewModelTest {
    private static final long TIMEOUT_S = 20;

    /** Collects the background waits a reset hands over; the test runs them. */
    private static final class QueuedExecutor implements Executor {
        final ConcurrentLinkedQueue<Runnable> waits = new ConcurrentLinkedQueue<>();

        @Override
        public void execute(Runnable command) {
            waits.add(command);
        }

        void runAll() {
            Runnable r;
            while ((r = waits.poll()) != null) r.run();
        }
    }

    /** A lesson that fails at once, to check how a failure is shown. */
    private static final class Failing implements Scenario {
        @Override public String id() { return "always-fails"; }
        @Override public String title() { return "A lesson that fails"; }
        @Override public String summary() { return "Throws at once."; }
        @Override public Topic topic() { return Topic.EXPERIMENTS; }
        @Override public int order() { return 1; }
        @Override public LessonText text() { return new LessonText("w", "q", "e"); }
        @Override public Settings defaults() { return new Settings(1, 1, 1); }
        @Override public Set<Setting> exposed() { return Set.of(Setting.UNIT); }
        @Override public Listing listing() { return Listing.of("fail()", ""); }

        @Override
        public Object run(ScenarioContext ctx) {
            throw new IllegalStateException("the disk caught fire");
        }
    }

    private final QueuedDelivery delivery = new QueuedDelivery();
    private final QueuedExecutor background = new QueuedExecutor();
    private final List<ScenarioRun> started = new ArrayList<>();
    private MainViewModel vm = newViewModel(Scenarios.all());

    private MainViewModel newViewModel(List<Scenario> scenarios) {
        MainViewModel m = new MainViewModel(scenarios, Scenarios.DEFAULT_ID, delivery, background);
        m.runProperty().addListener((o, was, now) -> {
            if (now != null) started.add(now);
        });
        return m;
    }

    /** Every run a test started is ended, even when the test fails. */
    @AfterEach
    void endRuns() throws InterruptedException {
        for (ScenarioRun r : started) {
            r.cancel();
            assertTrue(r.awaitThreadsEnded(TIMEOUT_S, TimeUnit.SECONDS), "threads of " + r.scenario().id());
        }
    }

    private void select(String id) {
        vm.selectedProperty().set(Scenarios.require(id));
    }

    /** Waits for the run to end and its threads to finish, then plays the UI thread's queue. */
    private ScenarioRun runToEnd() throws InterruptedException {
        ScenarioRun r = vm.runProperty().get();
        assertTrue(r.await(TIMEOUT_S, TimeUnit.SECONDS), "the run ends");
        delivery.pump();
        return r;
    }

    /** The window opens on thread-lifecycle with its default settings, ready to run. */
    @Test
    void opensWithTheDefaultLessonReadyToRun() {
        Scenario s = vm.selected();
        assertEquals(Scenarios.DEFAULT_ID, s.id());
        assertEquals(s.defaults().cores(), vm.coresProperty().get());
        assertEquals((int) s.defaults().unitMs(), vm.unitMsProperty().get());
        assertEquals(s.title(), vm.lesson().getTitle());
        assertEquals(s.text().watch(), vm.lesson().getWatch());
        assertEquals(s.text().question(), vm.lesson().getQuestion());
        assertEquals(s.text().expected(), vm.lesson().getExpected());
        assertEquals(s, vm.code().getScenario(), "the code panel shows the lesson's listing");
        assertEquals(s.listing().python().size(), vm.code().pythonLines().size());
        assertEquals(RunPhase.IDLE, vm.phase());
        assertTrue(vm.canRunProperty().get());
        assertFalse(vm.canPauseProperty().get());
        assertTrue(vm.statusTextProperty().get().startsWith("Ready"), vm.statusTextProperty().get());
        assertEquals("Elapsed: 0.0 units", vm.elapsedTextProperty().get());
    }

    /** The browser's groups follow Topic order, each holding its lessons by order. */
    @Test
    void lessonsAreGroupedByTopicInCourseOrder() {
        List<Topic> topics = vm.groups().stream().map(MainViewModel.TopicGroup::topic).toList();
        List<Topic> sorted = new ArrayList<>(topics);
        sorted.sort(null);
        assertEquals(sorted, topics);
        assertEquals(Set.copyOf(Scenarios.all()),
                Set.copyOf(vm.groups().stream().flatMap(g -> g.scenarios().stream()).toList()));
        for (MainViewModel.TopicGroup g : vm.groups()) {
            assertTrue(g.scenarios().stream().allMatch(s -> s.topic() == g.topic()), g.topic().name());
        }
    }

    /** Selecting a lesson loads its settings, which settings it exposes, and its text. */
    @Test
    void selectingALessonLoadsItsSettingsAndText() {
        select("loiter-map");
        Scenario s = vm.selected();
        assertEquals(s.defaults().workers(), vm.workersProperty().get());
        assertTrue(vm.exposedProperty(Scenario.Setting.WORKERS).get());
        assertEquals(s.text().watch(), vm.lesson().getWatch());
        assertEquals(s, vm.code().getScenario());

        select("thread-lifecycle");
        assertFalse(vm.exposedProperty(Scenario.Setting.WORKERS).get(), "thread-lifecycle has no pool");
        assertTrue(vm.exposedProperty(Scenario.Setting.CORES).get());
    }

    /** The GIL switch sets one core, and switching it off brings the previous number back. */
    @Test
    void gilSetsOneCoreAndRestoresThePreviousNumber() {
        select("loiter-map"); // the first lesson runs on one core: it opens with the switch on
        vm.coresProperty().set(4);
        vm.gilProperty().set(true);
        assertEquals(1, vm.coresProperty().get());
        assertEquals(1, vm.settings().cores());

        vm.gilProperty().set(false);
        assertEquals(4, vm.coresProperty().get());
    }

    /** A setting out of range is rejected with one clear message, and Run is refused until it is fixed. */
    @Test
    void outOfRangeSettingIsRejectedWithAMessage() {
        vm.workersProperty().set(0);

        assertEquals("workers must be 1.." + Settings.MAX_WORKERS + ", not 0", vm.settingsProblemProperty().get());
        assertFalse(vm.canRunProperty().get());
        vm.run();
        assertNull(vm.runProperty().get(), "no run starts");

        vm.workersProperty().set(3);
        assertEquals("", vm.settingsProblemProperty().get());
        assertTrue(vm.canRunProperty().get());
    }

    /** A run of loiter-map ends COMPLETED: every lane concluded, every task done, its result and output shown. */
    @Test
    void loiterMapRunsToCompletion() throws InterruptedException {
        select("loiter-map");
        vm.unitMsProperty().set(2);
        vm.run();
        assertEquals(RunPhase.RUNNING, vm.phase());
        assertEquals(2.0, vm.runProperty().get().settings().unitMs());

        runToEnd();

        assertEquals(RunPhase.COMPLETED, vm.phase());
        assertEquals("Result: [0, 10, 20, 30, 40]", vm.outcomeTextProperty().get());
        assertTrue(vm.lesson().isEnded());
        assertEquals("[0, 10, 20, 30, 40]", vm.lesson().getActual(), "the lesson panel shows the result as a list");
        assertTrue(vm.lesson().getTimings().matches("the whole run: \\d+\\.\\d\\d units \\(expected 5\\)"),
                "and the course's 5 units beside this run's time: " + vm.lesson().getTimings());
        assertTrue(vm.outputTextProperty().get().contains("result 4: 40"), vm.outputTextProperty().get());
        TimelineModel timeline = vm.timeline();
        assertEquals(4, timeline.laneCount(), "main and three workers");
        for (int i = 0; i < timeline.laneCount(); i++) {
            assertEquals(ThreadState.CONCLUDED, timeline.lane(i).currentState(), timeline.lane(i).thread().name());
        }
        assertEquals(5, vm.tasks().count(TasksViewModel.Status.DONE));
        assertEquals(5, vm.tasks().totalProperty().get());
        assertEquals("Tasks done: 5 of 5", vm.tasksDoneTextProperty().get());
        assertTrue(vm.statusTextProperty().get().startsWith("Finished after"), vm.statusTextProperty().get());
    }

    /** A task that failed is named in the status bar's count, so "4 of 5" does not read as one still to come. */
    @Test
    void tasksThatFailedAreCountedAsSuch() throws InterruptedException {
        select("load-url-bad-host");
        vm.unitMsProperty().set(5);
        vm.run();
        runToEnd();
        assertEquals(RunPhase.COMPLETED, vm.phase());
        assertEquals("Tasks done: 4 of 5 \u00b7 1 failed", vm.tasksDoneTextProperty().get());
    }

    /** A lesson that promises no timing shows none, and a new run forgets the last one's timings. */
    @Test
    void timingsShowOnlyForTimingLessonsAndOnlyAfterTheEnd() throws InterruptedException {
        select("sequential-vs-pool");
        vm.unitMsProperty().set(2);
        vm.run();
        assertEquals("", vm.lesson().getTimings(), "nothing before the end");
        runToEnd();
        String[] lines = vm.lesson().getTimings().split("\n");
        assertEquals(2, lines.length, vm.lesson().getTimings());
        assertTrue(lines[0].matches("sequentialUnits: \\d+\\.\\d\\d units \\(expected 4\\)"), lines[0]);
        assertTrue(lines[1].matches("poolUnits: \\d+\\.\\d\\d units \\(expected 1\\)"), lines[1]);

        select("thread-lifecycle");
        assertEquals("", vm.lesson().getTimings(), "a new lesson forgets them");
        vm.unitMsProperty().set(2);
        vm.run();
        runToEnd();
        assertEquals("", vm.lesson().getTimings(), "thread-lifecycle promises no timing");
    }

    /** The elapsed time stops at the end of a run and stays there. */
    @Test
    void elapsedTimeIsFrozenAfterTheEnd() throws InterruptedException {
        select("loiter-map");
        vm.unitMsProperty().set(2);
        vm.run();
        runToEnd();

        vm.tick(1);
        String atEnd = vm.elapsedTextProperty().get();
        long clock = vm.clockNs();
        vm.tick(2_000_000_000L);
        assertEquals(atEnd, vm.elapsedTextProperty().get());
        assertEquals(clock, vm.clockNs());
        assertTrue(vm.elapsedUnitsProperty().get() >= 5, "loiter-map takes 5 units: " + atEnd);
    }

    /** Pause stops the run's clock and holds the lesson; resume lets it finish. */
    @Test
    void pauseHoldsTheClockAndTheLessonUntilResumed() throws Exception {
        select("loiter-map");
        vm.unitMsProperty().set(20);
        vm.run();
        vm.pause();
        assertEquals(RunPhase.PAUSED, vm.phase());
        ScenarioRun r = vm.runProperty().get();
        long frozen = vm.clockNs();

        assertThrows(TimeoutException.class, () -> r.completion().get(300, TimeUnit.MILLISECONDS),
                "a paused 100 ms lesson does not end within 300 ms");
        assertEquals(frozen, vm.clockNs(), "the clock stood still");

        vm.resume();
        assertEquals(RunPhase.RUNNING, vm.phase());
        runToEnd();
        assertEquals(RunPhase.COMPLETED, vm.phase());
        assertTrue(vm.clockNs() > frozen);
    }

    /** Space runs when idle, then pauses, then resumes. */
    @Test
    void runOrPauseRunsThenPausesThenResumes() throws InterruptedException {
        select("loiter-map");
        vm.unitMsProperty().set(50);
        vm.runOrPause();
        assertEquals(RunPhase.RUNNING, vm.phase());
        vm.runOrPause();
        assertEquals(RunPhase.PAUSED, vm.phase());
        assertTrue(vm.runProperty().get().isPaused());
        vm.runOrPause();
        assertEquals(RunPhase.RUNNING, vm.phase());
        assertFalse(vm.runProperty().get().isPaused());
    }

    /** Reset clears the models at once and leaves the wait for the old threads to the background. */
    @Test
    void resetClearsAtOnceAndWaitsForTheOldThreadsInTheBackground() throws InterruptedException {
        select("loiter-map");
        vm.run(); // 1000 ms per unit: still going when reset
        ScenarioRun r = vm.runProperty().get();
        assertTrue(delivery.pumpUntil(() -> vm.timeline().laneCount() == 4, TIMEOUT_S, TimeUnit.SECONDS),
                "main and three workers appear");

        vm.reset();

        assertEquals(RunPhase.IDLE, vm.phase());
        assertNull(vm.runProperty().get());
        assertEquals(0, vm.timeline().laneCount());
        assertTrue(vm.tasks().rows().isEmpty());
        assertEquals(1, background.waits.size(), "the wait for the old threads was handed to the background");
        assertEquals(1, vm.endingRunsProperty().get());

        background.runAll();
        delivery.pump();
        assertFalse(r.anyAlive());
        assertEquals(0, vm.endingRunsProperty().get());
        assertEquals("", vm.noticeTextProperty().get());
        assertEquals(0, vm.timeline().laneCount(), "no late events from the old run");
    }

    /** Run after a run ended starts afresh: the old run is reset first and its models cleared. */
    @Test
    void runningAgainAfterTheEndResetsFirst() throws InterruptedException {
        select("loiter-map");
        vm.unitMsProperty().set(2);
        vm.run();
        ScenarioRun first = runToEnd();
        assertEquals(RunPhase.COMPLETED, vm.phase());

        vm.unitMsProperty().set(1);
        assertTrue(vm.settingsPendingProperty().get(), "changed settings apply on the next run");
        vm.run();
        ScenarioRun second = vm.runProperty().get();
        assertNotSame(first, second);
        assertNotSame(first.recorder(), second.recorder(), "a fresh recorder per run");
        assertEquals(1.0, second.settings().unitMs());
        assertFalse(vm.settingsPendingProperty().get());
        assertEquals(1, background.waits.size());
        assertTrue(vm.tasks().rows().isEmpty(), "the old run's tasks are gone");

        runToEnd();
        assertEquals(5, vm.tasks().count(TasksViewModel.Status.DONE));
        background.runAll();
    }

    /** A lesson that throws ends FAILED and shows its failure message. */
    @Test
    void failingLessonShowsItsFailureMessage() throws InterruptedException {
        vm = newViewModel(List.of(new Failing()));
        vm.run();
        runToEnd();

        assertEquals(RunPhase.FAILED, vm.phase());
        assertEquals("the disk caught fire", vm.failureTextProperty().get());
        assertEquals("Failed: the disk caught fire", vm.statusTextProperty().get());
        assertEquals("", vm.outcomeTextProperty().get());
        assertTrue(vm.lesson().isFailed());
        assertEquals("the disk caught fire", vm.lesson().getActual());
    }

    /** Selecting another lesson during a run resets the run: lanes and text never belong to different lessons. */
    @Test
    void selectingAnotherLessonResetsTheRun() {
        select("loiter-map");
        vm.run();
        select("fibonacci-condition");

        assertEquals(RunPhase.IDLE, vm.phase());
        assertNull(vm.runProperty().get());
        assertEquals(1, background.waits.size());
        background.runAll();
    }

    /** Events per second count the events that reached the models over the last window of wall time. */
    @Test
    void eventRateCountsDeliveredEventsPerSecond() throws InterruptedException {
        select("loiter-map");
        vm.unitMsProperty().set(1);
        vm.run();
        vm.tick(0);
        ScenarioRun r = vm.runProperty().get();
        assertTrue(r.await(TIMEOUT_S, TimeUnit.SECONDS));
        // Deliver every event but not yet the end of the run (queued after them), which zeroes the rate.
        long recorded = r.recorder().size();
        assertTrue(delivery.pumpUntil(() -> vm.timeline().eventCount() == recorded, TIMEOUT_S, TimeUnit.SECONDS));
        assertEquals(RunPhase.RUNNING, vm.phase());

        vm.tick(2_000_000_000L);

        assertEquals(recorded / 2.0, vm.eventsPerSecondProperty().get(), 1e-9);
        assertEquals(String.format(java.util.Locale.ROOT, "Events/s: %.0f", recorded / 2.0),
                vm.eventRateTextProperty().get());
        delivery.pump();
        assertEquals(RunPhase.COMPLETED, vm.phase());
        assertEquals(0.0, vm.eventsPerSecondProperty().get(), "no events flow once the run ended");
    }

    /** One run feeds every model from the same pipe: the code panel sees each thread on its lines, the metrics count
     *  every task, and a reset clears both. */
    @Test
    void codePanelAndMetricsFollowTheRunAndClearOnReset() throws InterruptedException {
        select("loiter-map");
        vm.unitMsProperty().set(2);
        vm.run();
        ScenarioRun r = vm.runProperty().get();
        assertEquals(r.units().toNanos(1), vm.code().getNanosPerUnit(), 1e-6, "the code panel's times are in units");

        runToEnd();

        long visited = vm.code().pythonLines().stream().filter(l -> l.visitCount() > 0).count();
        assertTrue(visited >= 3, "threads were seen on several lines of the listing: " + visited);
        assertEquals(0, vm.code().liveThreadsProperty().get(), "every thread concluded and left the listing");
        assertEquals(5, vm.metrics().currentProperty().get().completed(), "the metrics counted every task");

        vm.reset();
        assertEquals(0, vm.code().pythonLines().stream().filter(l -> l.visitCount() > 0).count());
        assertEquals(0, vm.metrics().currentProperty().get().completed());
        assertFalse(vm.lesson().isEnded(), "the lesson panel forgets the result");
        background.runAll();
    }

    /** Changing the pool size during a run resizes the running pool at once; nothing waits for the next Run. */
    @Test
    void workersChangeAppliesLiveToTheRunningPool() throws InterruptedException {
        select("workload");
        vm.unitMsProperty().set(50);
        vm.workersProperty().set(2);
        vm.run();
        ScenarioRun r = vm.runProperty().get();
        assertTrue(delivery.pumpUntil(() -> vm.timeline().laneCount() >= 3, TIMEOUT_S, TimeUnit.SECONDS),
                "main and two workers appear");

        vm.workersProperty().set(6);

        assertEquals(6, r.workers(), "the run's pool was resized at once");
        assertFalse(vm.settingsPendingProperty().get(), "nothing waits for the next Run");
        assertTrue(vm.statusTextProperty().get().contains("6 workers"), vm.statusTextProperty().get());
        assertTrue(delivery.pumpUntil(() -> vm.timeline().laneCount() >= 7, TIMEOUT_S, TimeUnit.SECONDS),
                "four more worker lanes appear: " + vm.timeline().laneCount());
        runToEnd();
        assertEquals(RunPhase.COMPLETED, vm.phase());
        assertEquals(20, vm.tasks().count(TasksViewModel.Status.DONE), "every task still done once");
    }

    /** Cores and the GIL switch apply live too; the speed is the one setting that waits for the next Run. */
    @Test
    void coresAndGilApplyLiveWhileSpeedWaitsForTheNextRun() {
        select("workload");
        vm.coresProperty().set(4);
        vm.run();
        ScenarioRun r = vm.runProperty().get();

        vm.coresProperty().set(3);
        assertEquals(3, r.cores().cores());
        vm.gilProperty().set(true);
        assertEquals(1, r.cores().cores(), "the GIL switch leaves one core at once");
        vm.gilProperty().set(false);
        assertEquals(3, r.cores().cores());
        assertFalse(vm.settingsPendingProperty().get());

        vm.unitMsProperty().set(100);
        assertTrue(vm.settingsPendingProperty().get());
        assertEquals("speed applies on the next Run", vm.pendingTextProperty().get());
        assertEquals(250.0, r.settings().unitMs(), "the run keeps its speed");
        vm.reset();
        background.runAll();
    }

    /** Pause enters step mode for the step bar, Resume leaves it, and a reset forgets the run's gate. */
    @Test
    void pauseEntersStepModeAndResumeLeavesIt() {
        select("lock-ordering");
        vm.run();
        assertEquals(StepViewModel.Phase.FREE_RUN, vm.steps().getPhase());

        vm.pause();
        assertEquals(StepViewModel.Phase.STEPPING, vm.steps().getPhase());
        assertTrue(vm.statusTextProperty().get().startsWith("Step mode:"), vm.statusTextProperty().get());
        vm.steps().resume(); // the step bar's Resume is the window's
        assertEquals(RunPhase.RUNNING, vm.phase());
        assertEquals(StepViewModel.Phase.FREE_RUN, vm.steps().getPhase());

        vm.reset();
        assertEquals(StepViewModel.Phase.NO_RUN, vm.steps().getPhase());
        background.runAll();
    }

    /**
     * In free run lock-ordering deadlocks: the detector's report reaches the UI thread through the delivery, the
     * status says so and names the cycle's threads; a reset clears it.
     */
    @Test
    void freeRunDeadlockIsReportedAndResetClearsIt() throws InterruptedException {
        select("lock-ordering");
        vm.unitMsProperty().set(20);
        vm.run();

        assertTrue(delivery.pumpUntil(() -> vm.deadlocks().isDeadlocked(), TIMEOUT_S, TimeUnit.SECONDS),
                "the detector's report arrives");
        assertTrue(vm.deadlocks().getExplanation().startsWith("Deadlock (lock order)"),
                vm.deadlocks().getExplanation());
        assertEquals(2, vm.deadlocks().getCycleThreadIds().size(), "t1 and t2 are on the cycle");
        assertTrue(vm.statusTextProperty().get().startsWith("Deadlock in"), vm.statusTextProperty().get());
        assertEquals(RunPhase.RUNNING, vm.phase(), "a deadlock is the lesson's outcome, not an end");

        vm.reset();
        assertFalse(vm.deadlocks().isDeadlocked());
        assertTrue(vm.deadlocks().getCycleThreadIds().isEmpty());
        background.runAll();
    }

    /** The theme switch goes from light to dark and back. */
    @Test
    void themeToggles() {
        assertEquals(AppTheme.LIGHT, vm.themeProperty().get());
        vm.toggleTheme();
        assertEquals(AppTheme.DARK, vm.themeProperty().get());
        assertTrue(vm.themeProperty().get().isDark());
        vm.toggleTheme();
        assertEquals(AppTheme.LIGHT, vm.themeProperty().get());
    }
}
