package org.threadlanes.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import org.threadlanes.analysis.StateTimes;
import org.threadlanes.scenario.Scenario;
import org.threadlanes.scenario.ScenarioRun;
import org.threadlanes.scenario.Scenarios;
import org.threadlanes.scenario.Settings;
import org.threadlanes.trace.ThreadRef;
import org.threadlanes.trace.TraceFile;
import org.threadlanes.trace.TraceFiles;
import org.threadlanes.trace.ThreadState;

/** {@code run ID}: runs a lesson headless, prints a per-thread summary and the result, optionally writes a trace. */
@Command(name = "run", description = "Run a lesson without a window and print what every thread did.")
final class RunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "ID", description = "The lesson's id (see 'list').")
    String id;

    @Option(names = "--workers", paramLabel = "N", description = "Pool size (1..${sys:threadlanes.maxWorkers:-256}).")
    Integer workers;

    @Option(names = "--cores", paramLabel = "N", description = "Modelled CPU cores; 1 is GIL mode (1..64).")
    Integer cores;

    @Option(names = "--unit-ms", paramLabel = "M", description = "Milliseconds per lesson unit (1..10000).")
    Double unitMs;

    @Option(names = "--trace", paramLabel = "FILE", description = "Write the trace as JSON to FILE.")
    Path trace;

    @Option(names = "--timeout-s", paramLabel = "S", defaultValue = "120",
            description = "Give up after S seconds (default ${DEFAULT-VALUE}); exit 3.")
    double timeoutS;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Scenario scenario = Scenarios.require(id);
        Settings settings = settings(scenario);
        if (!(timeoutS > 0)) throw new BadInputException("--timeout-s must be positive, not " + timeoutS);
        checkTraceTarget();

        ScenarioRun run = new ScenarioRun(scenario, settings, new org.threadlanes.trace.Recorder(),
                line -> out.println("  | " + line));
        out.printf("%s: %s (workers=%d, cores=%d, unit=%s ms)%n", scenario.id(), scenario.title(),
                settings.workers(), settings.cores(), fmt(settings.unitMs()));
        run.start();
        long timeoutNs = (long) (timeoutS * 1e9);
        boolean ended = run.await(timeoutNs, TimeUnit.NANOSECONDS);
        if (!ended) {
            run.cancel();
            boolean gone = run.awaitThreadsEnded(10, TimeUnit.SECONDS);
            spec.commandLine().getErr().printf("threadlanes: %s did not finish within %s s; %s%n", scenario.id(),
                    fmt(timeoutS), gone ? "every thread it started was ended" : "some threads did not end");
            return Main.EXIT_TIMEOUT;
        }
        printSummary(out, run);
        if (trace != null) {
            TraceFiles.write(TraceFile.of(scenario.id(), settings.asMap(), run.recorder().snapshot(),
                    run.result(), null), trace);
            out.println("trace: " + trace);
        }
        if (run.status() == ScenarioRun.Status.FAILED) {
            spec.commandLine().getErr().println("threadlanes: the lesson failed: " + run.failure());
            return 1;
        }
        return 0;
    }

    private void checkTraceTarget() {
        if (trace == null) return;
        Path dir = trace.toAbsolutePath().getParent();
        if (dir != null && !java.nio.file.Files.isDirectory(dir)) {
            throw new BadInputException("--trace: folder " + dir + " does not exist");
        }
        if (java.nio.file.Files.isDirectory(trace)) throw new BadInputException("--trace: " + trace + " is a folder");
    }

    private Settings settings(Scenario scenario) {
        Settings d = scenario.defaults();
        try {
            return new Settings(workers == null ? d.workers() : workers, cores == null ? d.cores() : cores,
                    unitMs == null ? d.unitMs() : unitMs);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage());
        }
    }

    private static void printSummary(PrintWriter out, ScenarioRun run) throws Exception {
        var events = run.recorder().snapshot();
        out.printf("%nelapsed: %s units, %d events%n", fmt(round2(run.elapsedUnits())), events.size());
        printStateTable(out, events, run.elapsedNs(), run.units()::toUnits);
        out.println("result: " + new ObjectMapper().writeValueAsString(run.result()));
    }

    /** Time each thread spent ready, running and blocked, in units. */
    static void printStateTable(PrintWriter out, java.util.List<org.threadlanes.trace.Event> events, long endNs,
                                java.util.function.LongToDoubleFunction toUnits) {
        Map<ThreadRef, EnumMap<ThreadState, Long>> times = StateTimes.of(events, endNs);
        out.printf("%-20s %9s %9s %9s %9s%n", "thread", "ready", "running", "blocked", "total");
        for (var e : times.entrySet()) {
            EnumMap<ThreadState, Long> t = e.getValue();
            double ready = toUnits.applyAsDouble(t.getOrDefault(ThreadState.READY, 0L));
            double running = toUnits.applyAsDouble(t.getOrDefault(ThreadState.RUNNING, 0L));
            double blocked = toUnits.applyAsDouble(t.getOrDefault(ThreadState.BLOCKED, 0L));
            out.printf("%-20s %9.2f %9.2f %9.2f %9.2f%n", e.getKey().name(), ready, running, blocked,
                    ready + running + blocked);
        }
    }

    private static double round2(double v) {
        return Math.round(v * 100) / 100.0;
    }

    static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
