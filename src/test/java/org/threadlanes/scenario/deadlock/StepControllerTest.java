package org.threadlanes.scenario.deadlock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.threadlanes.executor.CoreModel;
import org.threadlanes.executor.Probe;
import org.threadlanes.executor.StepController;
import org.threadlanes.executor.Units;
import org.threadlanes.trace.Event;
import org.threadlanes.trace.Recorder;
import org.threadlanes.trace.ThreadRef;
import org.threadlanes.trace.ThreadState;

/** The step gate on its own: one probe per step, nothing banked, round robin, resume, reset. */
@Timeout(30)
class StepControllerTest {
    private final Recorder recorder = new Recorder();
    private final Probe probe = new Probe(recorder, new CoreModel(2), new Units(1));
    private final StepController gate = new StepController();
    private final List<Thread> threads = new ArrayList<>();

    StepControllerTest() {
        probe.setGate(gate);
    }

    @AfterEach
    void endThreads() throws InterruptedException {
        gate.resume();
        for (Thread t : threads) t.interrupt();
        for (Thread t : threads) {
            t.join(10_000);
            assertFalse(t.isAlive(), t.getName() + " ended");
        }
    }

    private Thread start(String name, Probe.ThrowingRunnable body) {
        Thread t = probe.newThread(name, body);
        threads.add(t);
        t.start();
        return t;
    }

    /** Waits until {@code name} waits at the gate for {@code action}; returns that entry. */
    private StepController.Waiting awaitWaiting(String name, String action) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        StepController.Snapshot s = gate.snapshot();
        while (System.nanoTime() < deadline) {
            for (StepController.Waiting w : s.waiting()) {
                if (w.thread().name().equals(name) && w.action().equals(action)) return w;
            }
            s = gate.awaitChange(s.version(), 100, TimeUnit.MILLISECONDS);
        }
        throw new AssertionError(name + " never waited for '" + action + "'; waiting: " + gate.waiting());
    }

    /** A waiting thread shows its pending action and line, and one step lets exactly one probe through. */
    @Test
    void stepLetsExactlyOneProbeThrough() throws Exception {
        CountDownLatch done = new CountDownLatch(1);
        start("a", () -> {
            probe.at(3).step("first");
            probe.at(4).step("second");
            done.countDown();
        });
        StepController.Waiting w = awaitWaiting("a", "first");
        assertEquals(3, w.line());
        assertTrue(gate.step("a"));
        awaitWaiting("a", "second");
        assertEquals(1, done.getCount(), "the second probe waits for a second step");
        assertEquals(List.of("a"), gate.script());
        assertTrue(gate.step("a"));
        assertTrue(done.await(10, TimeUnit.SECONDS));
        assertEquals(List.of("first", "second"), gate.history().stream().map(StepController.Step::action).toList());
    }

    /** A thread held at the gate is READY with "next: action" and the action's line on its lane. */
    @Test
    void heldThreadIsReadyWithItsNextActionAndLine() throws Exception {
        start("a", () -> probe.at(7).step("lock B"));
        awaitWaiting("a", "lock B");
        recorder.flush();
        Optional<Event> ready = recorder.snapshot().stream()
                .filter(e -> e.thread().name().equals("a") && e.state() == ThreadState.READY
                        && "next: lock B".equals(e.detail()))
                .findFirst();
        assertTrue(ready.isPresent(), "READY next: lock B recorded");
        assertEquals(7, ready.get().line());
    }

    /** Picking a thread that is not at the gate does nothing and is not saved for later. */
    @Test
    void stepIsNeverBanked() throws Exception {
        CountDownLatch between = new CountDownLatch(1), proceed = new CountDownLatch(1), done = new CountDownLatch(1);
        start("a", () -> {
            probe.step("first");
            between.countDown();
            proceed.await();
            probe.step("second");
            done.countDown();
        });
        awaitWaiting("a", "first");
        assertTrue(gate.step("a"));
        assertTrue(between.await(10, TimeUnit.SECONDS));
        assertFalse(gate.step("a"), "a is between probes, not at the gate");
        assertFalse(gate.step("nobody"));
        proceed.countDown();
        awaitWaiting("a", "second");
        assertEquals(1, done.getCount(), "the refused step did not let the second probe through");
        assertEquals(1, gate.history().size());
    }

    /** Step-any picks waiting threads in lane order, continuing after the last one stepped and wrapping round. */
    @Test
    void stepAnyGoesRoundRobin() throws Exception {
        for (String n : List.of("a", "b", "c")) {
            start(n, () -> {
                probe.step("one");
                probe.step("two");
            });
        }
        for (String n : List.of("a", "b", "c")) awaitWaiting(n, "one");
        List<String> order = new ArrayList<>();
        for (int i = 0; i < 3; i++) order.add(gate.stepAny().orElseThrow().name());
        assertEquals(List.of("a", "b", "c"), order);
        for (String n : List.of("a", "b", "c")) awaitWaiting(n, "two");
        assertEquals("a", gate.stepAny().orElseThrow().name(), "wraps round to the first lane");
        assertEquals("b", gate.stepAny().orElseThrow().name());
    }

    /** Resume lets every waiting thread go and no thread waits at the gate again. */
    @Test
    void resumeReturnsToFreeRun() throws Exception {
        CountDownLatch done = new CountDownLatch(2);
        for (String n : List.of("a", "b")) {
            start(n, () -> {
                probe.step("one");
                probe.step("two");
                done.countDown();
            });
        }
        awaitWaiting("a", "one");
        awaitWaiting("b", "one");
        gate.resume();
        assertTrue(done.await(10, TimeUnit.SECONDS));
        assertTrue(gate.waiting().isEmpty());
        assertFalse(gate.holds());
    }

    /** An interrupt (reset) takes a thread off the gate, and listeners hear every change with a rising version. */
    @Test
    void interruptLeavesTheGateAndListenersHearIt() throws Exception {
        List<StepController.Snapshot> heard = new CopyOnWriteArrayList<>();
        gate.addListener(heard::add);
        Thread a = start("a", () -> probe.step("forever"));
        awaitWaiting("a", "forever");
        a.interrupt();
        a.join(10_000);
        assertFalse(a.isAlive());
        assertTrue(gate.waiting().isEmpty());
        assertTrue(heard.size() >= 2, "arrival and departure heard: " + heard);
        long max = heard.stream().mapToLong(StepController.Snapshot::version).max().orElseThrow();
        assertEquals(gate.snapshot().version(), max);
        assertTrue(heard.stream().anyMatch(s -> s.waiting().isEmpty() && s.version() == max));
    }

    /** A gate scoped to some threads lets the others run free, without a READY "next:" at each probe. */
    @Test
    void scopedGateLetsOtherThreadsRunFree() throws Exception {
        StepController scoped = new StepController(t -> t.name().equals("held"), System::nanoTime, () -> { });
        probe.setGate(scoped);
        CountDownLatch freeDone = new CountDownLatch(1);
        Thread held = start("held", () -> probe.step("wait for me"));
        start("free", () -> {
            probe.step("go");
            freeDone.countDown();
        });
        assertTrue(freeDone.await(10, TimeUnit.SECONDS));
        recorder.flush();
        assertTrue(recorder.snapshot().stream().noneMatch(e -> e.thread().name().equals("free")
                && e.detail() != null && e.detail().startsWith("next: ")));
        ThreadRef heldRef = new ThreadRef(held.getId(), "held", "thread");
        assertTrue(scoped.holds(heldRef));
        scoped.resume();
        held.join(10_000);
        assertFalse(held.isAlive());
    }
}
