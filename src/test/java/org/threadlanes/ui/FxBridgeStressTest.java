package org.threadlanes.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import atlantafx.base.theme.PrimerLight;
import javafx.animation.AnimationTimer;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import org.threadlanes.trace.BlockReason;
import org.threadlanes.trace.Event;
import org.threadlanes.trace.EventKind;
import org.threadlanes.trace.Recorder;
import org.threadlanes.trace.ThreadRef;
import org.threadlanes.trace.ThreadState;
import org.threadlanes.ui.lanes.LanesView;
import org.threadlanes.ui.lanes.TimelineModel;

/**
 * FxBridge under load: eight threads publish a million events through a real Recorder while a LanesView animates.
 * Figures (batches, longest gap between pulses, largest backlog) are printed for the report, not asserted as
 * timings: speed targets belong to benchmarks.
 */
@ExtendWith(ApplicationExtension.class)
class FxBridgeStressTest {
    private static final int THREADS = 8, PER_THREAD = 125_000, TOTAL = THREADS * PER_THREAD;

    private TimelineModel model;
    private LanesView view;

    @Start
    void start(Stage stage) {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        model = new TimelineModel();
        view = new LanesView(model);
        stage.setScene(new Scene(view, 1280, 800));
        stage.show();
    }

    /**
     * A million events from eight threads all reach the sink, with contiguous sequence numbers, in far fewer
     * runLater hops than events, and the bridge's backlog is empty at the end.
     */
    @Test
    @Timeout(180)
    void millionEventsFromEightThreadsArriveInOrderInFewHops(FxRobot robot) throws Exception {
        Recorder recorder = new Recorder();
        AtomicLong nextSeq = new AtomicLong(1);   // touched by the sink, on the FX thread only
        AtomicLong outOfOrder = new AtomicLong();
        FxBridge bridge = new FxBridge(batch -> {
            for (Event e : batch) {
                if (e.seq() != nextSeq.getAndIncrement()) outOfOrder.incrementAndGet();
            }
            model.accept(batch);
        });
        recorder.addListener(bridge.listener());

        // Pulses and backlog, sampled on the FX thread while the stress runs.
        long[] lastPulse = {0};
        AtomicLong maxGapNs = new AtomicLong(), pulses = new AtomicLong(), maxPending = new AtomicLong();
        AnimationTimer probe = new AnimationTimer() {
            @Override
            public void handle(long now) {
                if (lastPulse[0] != 0) maxGapNs.accumulateAndGet(now - lastPulse[0], Math::max);
                lastPulse[0] = now;
                pulses.incrementAndGet();
                maxPending.accumulateAndGet(bridge.pendingEvents(), Math::max);
            }
        };
        robot.interact(() -> {
            view.setNanosPerUnit(100_000_000);   // 10 units = 1 s: the whole stress stays in view
            view.setClock(recorder::now);
            probe.start();
        });

        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        long t0 = System.nanoTime();
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> producers = new ArrayList<>();
            for (int p = 0; p < THREADS; p++) {
                ThreadRef me = new ThreadRef(1000 + p, "producer-" + p, "worker");
                producers.add(pool.submit(() -> {
                    go.await();
                    for (int i = 0; i < PER_THREAD; i++) {
                        switch (i % 3) {
                            case 0 -> recorder.state(me, ThreadState.READY, 0);
                            case 1 -> recorder.state(me, ThreadState.RUNNING, 0);
                            default -> recorder.record(me, EventKind.STATE, ThreadState.BLOCKED, BlockReason.SLEEP,
                                    "sleep 1", 0, 0, null, 0);
                        }
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : producers) f.get(120, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
            assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS), "producers did not end");
        }
        long published = System.nanoTime() - t0;
        assertEquals(TOTAL, recorder.flush());
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> bridge.eventsDelivered() == TOTAL);
        long delivered = System.nanoTime() - t0;
        robot.interact(probe::stop);
        WaitForAsyncUtils.waitForFxEvents();

        long[] segments = {0};
        robot.interact(() -> {
            for (int i = 0; i < model.laneCount(); i++) segments[0] += model.lane(i).segmentCount();
        });
        System.out.printf("FxBridge stress: %,d events from %d threads, %,d runLater hops (%.0f events/hop),"
                        + " published in %d ms, delivered in %d ms; %,d pulses, longest gap between pulses %.1f ms;"
                        + " largest backlog %,d events, backlog at end %d%n",
                bridge.eventsDelivered(), THREADS, bridge.batchesDelivered(),
                (double) bridge.eventsDelivered() / bridge.batchesDelivered(), published / 1_000_000,
                delivered / 1_000_000, pulses.get(), maxGapNs.get() / 1e6, maxPending.get(), bridge.pendingEvents());

        assertEquals(TOTAL, bridge.eventsDelivered(), "events lost");
        assertEquals(0, outOfOrder.get(), "sequence numbers not contiguous at the sink");
        assertEquals(TOTAL + 1, nextSeq.get());
        assertEquals(TOTAL, model.eventCount());
        assertEquals(THREADS, model.laneCount());
        assertEquals(TOTAL, segments[0]);
        assertTrue(bridge.batchesDelivered() * 100 < TOTAL,
                "expected far fewer hops than events, got " + bridge.batchesDelivered());
        assertEquals(0, bridge.pendingEvents(), "the bridge's queue was not drained");
        assertTrue(pulses.get() > 0, "the UI did not animate during the stress");
        bridge.close();
    }
}
