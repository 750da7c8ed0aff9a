package org.threadlanes.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import javafx.application.Platform;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import org.threadlanes.trace.Event;
import org.threadlanes.trace.EventKind;
import org.threadlanes.trace.ThreadRef;
import org.threadlanes.trace.ThreadState;

/** FxBridge: batches reach the sink on the FX thread, in order, coalesced into one hop; close stops delivery. */
@ExtendWith(ApplicationExtension.class)
@Timeout(30)
class FxBridgeTest {
    private static final ThreadRef T = new ThreadRef(7, "t", "thread");

    @Start
    void start(Stage stage) {
        stage.show();
    }

    private static List<Event> batch(long firstSeq, int n) {
        List<Event> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(new Event(firstSeq + i, firstSeq + i, T, EventKind.STATE, ThreadState.RUNNING, null, null, 0, 0,
                    null, 0));
        }
        return List.copyOf(out);
    }

    /** Batches that arrive while a hop is pending reach the sink together, in one call, in order. */
    @Test
    void batchesQueuedBeforeTheHopArriveInOneCall(FxRobot robot) {
        List<List<Event>> calls = new CopyOnWriteArrayList<>();
        FxBridge bridge = new FxBridge(calls::add);
        // Published from the FX thread itself, so the hop cannot run before all three are queued.
        robot.interact(() -> {
            bridge.listener().onEvents(batch(1, 3));
            bridge.listener().onEvents(batch(4, 3));
            bridge.listener().onEvents(batch(7, 3));
        });
        WaitForAsyncUtils.waitForFxEvents();

        assertEquals(1, calls.size());
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L), calls.get(0).stream().map(Event::seq).toList());
        assertEquals(9, bridge.eventsDelivered());
        assertEquals(1, bridge.batchesDelivered());
        assertEquals(0, bridge.pendingEvents());
    }

    /** Batches from a worker thread reach the sink on the FX thread, contiguous and in order. */
    @Test
    void workerBatchesReachTheSinkOnTheFxThreadInOrder() throws Exception {
        List<Long> seen = new CopyOnWriteArrayList<>();
        AtomicBoolean offThread = new AtomicBoolean();
        FxBridge bridge = new FxBridge(b -> {
            if (!Platform.isFxApplicationThread()) offThread.set(true);
            b.forEach(e -> seen.add(e.seq()));
        });
        CompletableFuture<Void> producer = CompletableFuture.runAsync(() -> {
            for (int i = 0; i < 200; i++) bridge.listener().onEvents(batch(1 + 10L * i, 10));
        });
        producer.get(10, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> bridge.eventsDelivered() == 2000);
        WaitForAsyncUtils.waitForFxEvents();

        assertEquals(2000, seen.size());
        for (int i = 0; i < seen.size(); i++) assertEquals(i + 1, seen.get(i));
        assertTrue(!offThread.get(), "the sink ran off the FX thread");
        assertTrue(bridge.batchesDelivered() <= 200);
    }

    /** A backlog larger than one hop's share goes over in several hops, in order, without losing any event. */
    @Test
    void hugeBacklogIsHandedOverInSeveralHopsInOrder(FxRobot robot) {
        List<List<Event>> calls = new CopyOnWriteArrayList<>();
        FxBridge bridge = new FxBridge(calls::add);
        int big = FxBridge.MAX_EVENTS_PER_HOP + 10;
        robot.interact(() -> {
            bridge.listener().onEvents(batch(1, big));
            bridge.listener().onEvents(batch(1 + big, 5));
        });
        WaitForAsyncUtils.waitForFxEvents();

        assertEquals(2, calls.size());
        assertEquals(FxBridge.MAX_EVENTS_PER_HOP, calls.get(0).size());
        assertEquals(15, calls.get(1).size(), "the tail of the split batch and the next batch go together");
        long expected = 1;
        for (List<Event> call : calls) {
            for (Event e : call) assertEquals(expected++, e.seq());
        }
        assertEquals(big + 5, bridge.eventsDelivered());
        assertEquals(0, bridge.pendingEvents());
    }

    /** After close, queued events are dropped and nothing more reaches the sink. */
    @Test
    void closeDropsPendingEventsAndStopsDelivery(FxRobot robot) {
        List<List<Event>> calls = new CopyOnWriteArrayList<>();
        FxBridge bridge = new FxBridge(calls::add);
        robot.interact(() -> {
            bridge.listener().onEvents(batch(1, 5));
            bridge.close();
            bridge.listener().onEvents(batch(6, 5));
        });
        WaitForAsyncUtils.waitForFxEvents();
        bridge.close(); // idempotent

        assertTrue(calls.isEmpty());
        assertTrue(bridge.isClosed());
        assertEquals(0, bridge.eventsDelivered());
        assertEquals(0, bridge.pendingEvents());
    }

    /** post runs a one-off action on the FX thread. */
    @Test
    void postRunsOnTheFxThread() throws Exception {
        CompletableFuture<Boolean> onFx = new CompletableFuture<>();
        FxBridge.post(() -> onFx.complete(Platform.isFxApplicationThread()));
        assertTrue(onFx.get(10, TimeUnit.SECONDS));
    }
}
