/**
 * ThreadLanes: every thread of a running program as an animated lane.
 *
 * <p>Packages, with dependencies pointing toward the core (an ArchUnit test enforces it):
 * {@code trace} (events, recorder, trace files) &lt;- {@code executor} (instrumented pool, probes, core model,
 * step gate) &lt;- {@code analysis} (wait-for graph, metrics) &lt;- {@code scenario} (lessons) &lt;- {@code cli}
 * and {@code ui} (the only package that touches JavaFX).
 */
module threadlanes {
    requires java.net.http;
    requires jdk.httpserver;
    requires java.management;
    requires com.fasterxml.jackson.databind;
    requires info.picocli;

    requires javafx.controls;
    requires javafx.swing;
    requires org.controlsfx.controls;
    requires org.kordamp.ikonli.core;
    requires org.kordamp.ikonli.javafx;
    requires org.kordamp.ikonli.materialdesign2;
    requires atlantafx.base;

    exports org.threadlanes.trace;
    exports org.threadlanes.executor;
    exports org.threadlanes.analysis;
    exports org.threadlanes.scenario;
    exports org.threadlanes.scenario.lessons;
    exports org.threadlanes.ui;
    exports org.threadlanes.ui.lanes;
    exports org.threadlanes.ui.code;

    opens org.threadlanes.trace to com.fasterxml.jackson.databind;
    opens org.threadlanes.cli to info.picocli;

    uses org.threadlanes.scenario.Scenario;
    provides org.threadlanes.scenario.Scenario with
            org.threadlanes.scenario.lessons.ThreadLifecycle,
            org.threadlanes.scenario.lessons.FibonacciCondition,
            org.threadlanes.scenario.lessons.LoiterMap,
            // deadlocks (issue 4)
            org.threadlanes.scenario.lessons.FuturesWaitOnEachOther,
            org.threadlanes.scenario.lessons.FuturesWaitOnEachOtherFixed,
            org.threadlanes.scenario.lessons.SingleWorkerWaitsOnItself,
            org.threadlanes.scenario.lessons.SingleWorkerWaitsOnItselfFixed,
            org.threadlanes.scenario.lessons.LockOrdering,
            org.threadlanes.scenario.lessons.LockOrderingFixed,
            org.threadlanes.scenario.lessons.DiningPhilosophers,
            org.threadlanes.scenario.lessons.DiningPhilosophersFixed,
            org.threadlanes.scenario.lessons.LostWakeup,
            org.threadlanes.scenario.lessons.LostWakeupFixed,
            // experiments
            org.threadlanes.scenario.lessons.Workload,
            // lesson library (issue 5)
            org.threadlanes.scenario.lessons.LoiterAsCompleted,
            org.threadlanes.scenario.lessons.LoiterAsCompletedMap,
            org.threadlanes.scenario.lessons.WaitFirstCompleted,
            org.threadlanes.scenario.lessons.WaitAllCompleted,
            org.threadlanes.scenario.lessons.WaitFirstException,
            org.threadlanes.scenario.lessons.FutureApi,
            org.threadlanes.scenario.lessons.SequentialVsPool,
            org.threadlanes.scenario.lessons.PoolLifecycle,
            org.threadlanes.scenario.lessons.ProducerConsumerQueue,
            org.threadlanes.scenario.lessons.SemaphoreLimits,
            org.threadlanes.scenario.lessons.CpuVsIoGil,
            org.threadlanes.scenario.lessons.ThreadPerRequest,
            org.threadlanes.scenario.lessons.LoadUrlBadHost,
            org.threadlanes.scenario.lessons.CrawlPool,
            org.threadlanes.scenario.lessons.FlagsDownload;
}
