package org.threadlanes.ui.deadlock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.threadlanes.executor.StepController;
import org.threadlanes.trace.ThreadRef;
import org.threadlanes.ui.deadlock.StepViewModel.Phase;
import org.threadlanes.ui.deadlock.StepViewModel.WaitingItem;

/**
 * The step view-model without a stage: a bare gate, test threads passing it, and gate changes handed over through a
 * queue that the test drains on its own thread (standing in for the FX thread).
 */
@Timeout(30)
class StepViewModelTest {
    private static final ThreadRef T1 = new ThreadRef(101, "t1", "thread");
    private static final ThreadRef T2 = new ThreadRef(102, "t2", "thread");
    private static final ThreadRef T3 = new ThreadRef(103, "t3", "thread");

    private final AtomicLong clock = new AtomicLong(1_000);
    private final StepController gate = new StepController(t -> true, clock::get, () -> { });
    private final QueuedExecutor fx = new QueuedExecutor();
    private final StepViewModel vm = new StepViewModel(fx);
    private final List<Thread> threads = new ArrayList<>();

    @AfterEach
    void endThreads() throws InterruptedException {
        gate.resume();
        for (Thread t : threads) t.interrupt();
        for (Thread t : threads) {
            t.join(10_000);
            assertFalse(t.isAlive(), t.getName() + " ended");
        }
    }

    /** A thread that passes the gate once per action, at line 10, 11, ...; each pass releases one permit. */
    private Semaphore passer(ThreadRef ref, String... actions) {
        Semaphore passed = new Semaphore(0);
        Thread t = new Thread(() -> {
            try {
                for (int i = 0; i < actions.length; i++) {
                    gate.pass(ref, actions[i], 10 + i);
                    passed.release();
                }
            } catch (InterruptedException e) {
                // the test is over
            }
        }, "passer-" + ref.name());
        t.setDaemon(true);
        threads.add(t);
        t.start();
        return passed;
    }

    /**
     * Waits until exactly these threads wait at the gate, then hands the model what is queued and the gate as it is
     * now (a listener may not have handed over the last arrival yet: it publishes just after the gate changes).
     */
    private void awaitAtGate(ThreadRef... refs) throws InterruptedException {
        Set<Long> want = Arrays.stream(refs).map(ThreadRef::id).collect(Collectors.toSet());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        StepController.Snapshot s = gate.snapshot();
        while (!ids(s).equals(want)) {
            if (System.nanoTime() > deadline) throw new AssertionError("waiting: " + s.waiting() + ", wanted " + want);
            s = gate.awaitChange(s.version(), 100, TimeUnit.MILLISECONDS);
        }
        fx.drain();
        vm.accept(s);
    }

    private static Set<Long> ids(StepController.Snapshot s) {
        return s.waiting().stream().map(w -> w.thread().id()).collect(Collectors.toSet());
    }

    private List<String> shownNames() {
        return vm.getWaiting().stream().map(w -> w.thread().name()).toList();
    }

    /** The threads at the gate are shown in lane order, each with its key, its pending action and its line. */
    @Test
    void showsWaitingThreadsWithKeyActionAndLine() throws Exception {
        vm.setGate(gate);
        passer(T2, "lock B");
        passer(T1, "lock A");
        awaitAtGate(T1, T2);

        assertEquals(Phase.STEPPING, vm.getPhase());
        assertEquals(List.of(new WaitingItem(1, T1, "lock A", 10, false), new WaitingItem(2, T2, "lock B", 10, false)),
                vm.getWaiting());
        assertEquals("next: lock A", vm.getWaiting().get(0).nextText());
        assertEquals(T1, vm.getStepTarget(), "with nothing selected, Step takes the first waiting thread");
        assertTrue(vm.getStatus().contains("Step lets t1 lock A (line 10)"), vm.getStatus());
        assertEquals(10, vm.selectedLineProperty().get());
    }

    /** Step lets exactly the selected thread through, and the step is recorded. */
    @Test
    void stepLetsTheSelectedThreadThrough() throws Exception {
        vm.setGate(gate);
        Semaphore p1 = passer(T1, "lock A", "lock B");
        Semaphore p2 = passer(T2, "lock B");
        awaitAtGate(T1, T2);

        vm.setSelectedThread(T2);
        assertEquals(T2, vm.getStepTarget());
        assertTrue(vm.step());
        assertTrue(p2.tryAcquire(10, TimeUnit.SECONDS), "t2 went on");
        assertEquals(0, p1.availablePermits(), "t1 still waits");
        assertEquals(1, vm.stepsTakenProperty().get());
        assertEquals("Step 1: t2 lock B (line 10)", vm.lastStepTextProperty().get());
        assertEquals(List.of("t1"), shownNames(), "t2 left the gate at once, before any hand-over");
    }

    /** Selecting a thread that is not at the gate disables Step, and the status says why. */
    @Test
    void selectedThreadNotAtTheGateCannotStep() throws Exception {
        vm.setGate(gate);
        passer(T1, "lock A");
        awaitAtGate(T1);

        vm.setSelectedThread(T3);
        assertNull(vm.getStepTarget());
        assertFalse(vm.canStepProperty().get());
        assertTrue(vm.canStepAnyProperty().get());
        assertTrue(vm.getStatus().startsWith("t3 is not at the gate"), vm.getStatus());
        assertFalse(vm.step());
    }

    /** Keys 1-9 select the n-th thread shown; a number past the last selects nothing. */
    @Test
    void selectNthPicksTheNthWaitingThread() throws Exception {
        vm.setGate(gate);
        passer(T1, "a");
        passer(T2, "b");
        passer(T3, "c");
        awaitAtGate(T1, T2, T3);

        assertTrue(vm.selectNth(3));
        assertEquals(T3, vm.getSelectedThread());
        assertTrue(vm.selectNth(2));
        assertEquals(T2, vm.getStepTarget());
        assertFalse(vm.selectNth(4));
        assertFalse(vm.selectNth(0));
        assertEquals(T2, vm.getSelectedThread());
    }

    /** Step any takes the waiting threads in turn. */
    @Test
    void stepAnyTakesTurns() throws Exception {
        vm.setGate(gate);
        passer(T1, "a1", "a2");
        passer(T2, "b1", "b2");
        awaitAtGate(T1, T2);

        assertEquals(T1, vm.stepAny());
        awaitAtGate(T1, T2);
        assertEquals(T2, vm.stepAny());
        awaitAtGate(T1, T2);
        assertEquals(T1, vm.stepAny());
        assertEquals(List.of("t1", "t2", "t1"), vm.replayScript());
    }

    /**
     * Step back shows the moment before the last step (the view time is that step's time), then the one before;
     * the threads shown are those that waited then, the one stepped next marked; Later and Now come back.
     */
    @Test
    void stepBackMovesTheViewTimeIntoThePast() throws Exception {
        vm.setGate(gate);
        passer(T1, "lock A", "lock B");
        passer(T2, "lock B");
        awaitAtGate(T1, T2);
        clock.set(5_000);
        vm.setSelectedThread(T1);
        assertTrue(vm.step());
        awaitAtGate(T1, T2);
        clock.set(9_000);
        vm.setSelectedThread(T2);
        assertTrue(vm.step());
        awaitAtGate(T1);
        assertEquals(-1, vm.getViewTimeNs(), "viewing now");

        vm.stepBack();
        assertTrue(vm.isViewingPast());
        assertEquals(9_000, vm.getViewTimeNs(), "the moment before step 2");
        assertEquals(1, vm.viewStepProperty().get());
        assertEquals(List.of(new WaitingItem(1, T1, "lock B", 11, false), new WaitingItem(2, T2, "lock B", 10, true)),
                vm.getWaiting());
        assertTrue(vm.getPastText().startsWith("Viewing the past: just before step 2 of 2, when t2 went on to lock B"),
                vm.getPastText());

        vm.stepBack();
        assertEquals(5_000, vm.getViewTimeNs(), "the moment before step 1");
        assertFalse(vm.canStepBackProperty().get(), "nothing before the first step");
        assertEquals(List.of("t1", "t2"), shownNames());

        vm.viewLater();
        assertEquals(9_000, vm.getViewTimeNs());
        vm.backToNow();
        assertFalse(vm.isViewingPast());
        assertEquals(-1, vm.getViewTimeNs());
        assertEquals(List.of("t1"), shownNames());
    }

    /** The clock handed to the lanes gives the view time in the past and the live time otherwise. */
    @Test
    void clockFollowsTheViewTime() throws Exception {
        vm.setGate(gate);
        passer(T1, "a", "b");
        awaitAtGate(T1);
        clock.set(4_000);
        vm.step();
        awaitAtGate(T1);
        var lanesClock = vm.clock(() -> 77_000);

        assertEquals(77_000, lanesClock.getAsLong());
        vm.stepBack();
        assertEquals(4_000, lanesClock.getAsLong());
        vm.backToNow();
        assertEquals(77_000, lanesClock.getAsLong());
    }

    /** Replay hands over the steps up to the moment viewed: all of them from now, fewer from the past. */
    @Test
    void replayGivesTheStepsUpToTheMomentViewed() throws Exception {
        AtomicReference<List<String>> replayed = new AtomicReference<>();
        vm.setGate(gate);
        assertFalse(vm.canReplayProperty().get(), "no replay without a handler");
        vm.setOnReplay(replayed::set);
        passer(T1, "a", "b");
        passer(T2, "c");
        awaitAtGate(T1, T2);
        vm.step(T2);
        vm.step(T1);
        awaitAtGate(T1);

        vm.replay();
        assertEquals(List.of("t2", "t1"), replayed.get());
        vm.stepBack();
        vm.replay();
        assertEquals(List.of("t2"), replayed.get());
        vm.stepBack();
        assertFalse(vm.canReplayProperty().get(), "before the first step there is nothing to replay");
        replayed.set(null);
        vm.replay();
        assertNull(replayed.get());
    }

    /** Step from the past first returns to now, then steps. */
    @Test
    void stepWhileViewingThePastReturnsToNow() throws Exception {
        vm.setGate(gate);
        Semaphore p1 = passer(T1, "a", "b");
        awaitAtGate(T1);
        vm.step();
        assertTrue(p1.tryAcquire(10, TimeUnit.SECONDS));
        awaitAtGate(T1);
        vm.stepBack();
        assertTrue(vm.isViewingPast());

        assertTrue(vm.step());
        assertFalse(vm.isViewingPast());
        assertTrue(p1.tryAcquire(10, TimeUnit.SECONDS), "t1 took its second step");
        assertEquals(2, vm.stepsTakenProperty().get());
    }

    /** Resume opens the gate for good: everyone goes on, and the model says free run. */
    @Test
    void resumeOpensTheGate() throws Exception {
        vm.setGate(gate);
        Semaphore p1 = passer(T1, "a", "b", "c");
        awaitAtGate(T1);
        assertTrue(vm.canResumeProperty().get());

        vm.resume();
        assertTrue(p1.tryAcquire(3, 10, TimeUnit.SECONDS), "every action went through");
        assertTrue(gate.isReleased());
        assertEquals(Phase.FREE_RUN, vm.getPhase());
        assertFalse(vm.canStepProperty().get());
        assertTrue(vm.getWaiting().isEmpty());
    }

    /** Gate changes reach the model only through the hand-over (or accept); an older snapshot changes nothing. */
    @Test
    void gateChangesArriveThroughTheHandOverAndOldOnesAreIgnored() throws Exception {
        vm.setGate(gate);
        passer(T1, "a");
        passer(T2, "b");
        passer(T3, "c");
        StepController.Snapshot s = gate.snapshot();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (s.waiting().size() < 3 && System.nanoTime() < deadline) {
            s = gate.awaitChange(s.version(), 100, TimeUnit.MILLISECONDS);
        }
        assertTrue(vm.getWaiting().isEmpty(), "nothing shown before the hand-over runs");
        fx.drain();
        vm.accept(s);
        assertEquals(List.of("t1", "t2", "t3"), shownNames());

        vm.accept(new StepController.Snapshot(1, List.of(), false));
        assertEquals(List.of("t1", "t2", "t3"), shownNames(), "an old version is ignored");
    }

    /** Following nothing forgets the gate, its steps and the view of the past, and ignores late hand-overs. */
    @Test
    void detachingForgetsEverything() throws Exception {
        vm.setGate(gate);
        passer(T1, "a", "b");
        awaitAtGate(T1);
        vm.step();
        awaitAtGate(T1);
        vm.stepBack();

        vm.setRun(null);
        passer(T2, "c");
        awaitAtGate(T1, T2);
        assertEquals(Phase.NO_RUN, vm.getPhase());
        assertTrue(vm.getWaiting().isEmpty());
        assertFalse(vm.isViewingPast());
        assertEquals(0, vm.stepsTakenProperty().get());
        assertFalse(vm.canStepProperty().get());
    }
}
