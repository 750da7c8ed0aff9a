package org.threadlanes.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.fasterxml.jackson.databind.ObjectMapper;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import org.threadlanes.analysis.Deadlock;
import org.threadlanes.analysis.StateTimes;
import org.threadlanes.executor.StepScript;
import org.threadlanes.executor.Units;
import org.threadlanes.scenario.Rehearsal;
import org.threadlanes.scenario.Scenario;
import org.threadlanes.scenario.ScenarioRun;
import org.threadlanes.scenario.Scenarios;
import org.threadlanes.scenario.Settings;
import org.threadlanes.scenario.Timing;
import org.threadlanes.trace.ThreadRef;
import org.threadlanes.trace.ThreadState;
import org.threadlanes.trace.TraceFile;
import org.threadlanes.trace.TraceFiles;

/**
 * {@code run ID}: runs a lesson headless, prints a per-thread summary and the result, optionally writes a trace.
 *
 * <p>A deadlock is a lesson's outcome, not an error: when the run's detector finds one, the summary names its kind,
 * threads and cycle with a sentence in plain words, every thread is ended, and the exit code is 0. With
 * {@code --steps t1,t2,...} the lesson starts in step mode and the named threads take one probe each, in that order
 * (see {@link StepScript}); the rest then runs free.
 */
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

    @Option(names = "--steps", paramLabel = "T1,T2,...",
            description = "Replay a step sequence by thread name (one probe per name), then run free.")
    String steps;

    @Option(names = "--warm-up", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Rehearse a timing lesson once, unseen, at 1 ms per unit before the measured run, so that"
                    + " the JVM's first-time costs do not count in its figures (default: on; --no-warm-up: off).")
    boolean warmUp;

    /** The deadlock the run ended in, or {@code null}: the trace file's "deadlock" field ({@link Deadlock#asMap}). */
    Deadlock deadlock;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Scenario scenario = Scenarios.require(id);
        Settings settings = settings(scenario);
        if (!(timeoutS > 0)) throw new BadInputException("--timeout-s must be positive, not " + timeoutS);
        checkTraceTarget();

        StepScript script = null;
        if (steps != null) {
            try {
                script = StepScript.parse(steps);
            } catch (IllegalArgumentException e) {
                throw new BadInputException(e.getMessage());
            }
        }

        List<Timing> timings = scenario.timings(settings);
        if (warmUp && script == null && !timings.isEmpty()) Rehearsal.run(scenario, settings);

        ScenarioRun run = new ScenarioRun(scenario, settings, new org.threadlanes.trace.Recorder(),
                line -> out.println("  | " + line));
        if (script != null) run.stepMode(script.controller(run.recorder()::now));
        out.printf("%s: %s (workers=%d, cores=%d, unit=%s ms)%n", scenario.id(), scenario.title(),
                settings.workers(), settings.cores(), Units.format(settings.unitMs()));
        long deadline = System.nanoTime() + (long) (timeoutS * 1e9);
        run.start();
        if (script != null) {
            StepScript.Outcome o = script.play(run.stepper(), run.probe(),
                    () -> run.deadlock() != null || run.completion().isDone(), left(deadline), TimeUnit.NANOSECONDS);
            if (o.problem() != null) {
                run.cancel();
                run.awaitThreadsEnded(10, TimeUnit.SECONDS);
                throw new BadInputException(o.problem());
            }
            out.printf("stepped %d of %d: %s%n", o.taken(), script.names().size(),
                    String.join(",", script.names().subList(0, o.taken())));
            run.resume();
        }

        boolean settled = awaitCompletionOrDeadlock(run, left(deadline));
        deadlock = run.deadlock();
        if (deadlock != null && !run.completion().isDone()) {
            // The deadlock is the outcome: end every thread, then report.
            run.cancel();
            boolean gone = run.awaitThreadsEnded(10, TimeUnit.SECONDS);
            printSummary(out, run);
            printDeadlock(out, deadlock);
            writeTrace(out, run);
            if (!gone) {
                spec.commandLine().getErr().println("threadlanes: some threads of the deadlocked run did not end");
                return 1;
            }
            out.println("every thread of the run was ended");
            return 0;
        }
        boolean ended = settled && run.await(Math.max(1, left(deadline)), TimeUnit.NANOSECONDS);
        if (!ended) {
            run.cancel();
            boolean gone = run.awaitThreadsEnded(10, TimeUnit.SECONDS);
            spec.commandLine().getErr().printf("threadlanes: %s did not finish within %s s; %s%n", scenario.id(),
                    Units.format(timeoutS), gone ? "every thread it started was ended" : "some threads did not end");
            return Main.EXIT_TIMEOUT;
        }
        printSummary(out, run);
        if (deadlock != null) printDeadlock(out, deadlock);
        printTimings(out, run, timings);
        writeTrace(out, run);
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

    /** Writes the trace if asked, with the deadlock (if any) in its "deadlock" field. */
    private void writeTrace(PrintWriter out, ScenarioRun run) throws java.io.IOException {
        if (trace == null) return;
        Object result = run.status() == ScenarioRun.Status.COMPLETED ? run.result() : null;
        TraceFiles.write(TraceFile.of(run.scenario().id(), run.settings().asMap(), run.recorder().snapshot(),
                result, deadlock == null ? null : deadlock.asMap()), trace);
        out.println("trace: " + trace);
    }

    /** Waits until the run completes or its detector finds a deadlock; false on timeout. */
    private static boolean awaitCompletionOrDeadlock(ScenarioRun run, long nanos) throws InterruptedException {
        try {
            CompletableFuture.anyOf(run.completion(), run.detector().firstDeadlock())
                    .get(Math.max(1, nanos), TimeUnit.NANOSECONDS);
            return true;
        } catch (ExecutionException | TimeoutException e) {
            return false;
        }
    }

    private static long left(long deadline) {
        return Math.max(0, deadline - System.nanoTime());
    }

    private static void printDeadlock(PrintWriter out, Deadlock d) {
        out.printf("%ndeadlock: %s%n", d.kind());
        out.println("  threads: " + String.join(", ", d.threads()));
        out.println("  cycle:   " + String.join(" -> ", d.cycle()));
        out.println("  " + d.explanation());
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
        out.printf("%nelapsed: %s units, %d events%n", Units.format(round2(run.elapsedUnits())), events.size());
        printStateTable(out, events, run.elapsedNs(), run.units()::toUnits);
        if (run.status() == ScenarioRun.Status.CANCELLED) {
            out.println("result: none (the run was ended)");
        } else {
            out.println("result: " + new ObjectMapper().writeValueAsString(run.result()));
        }
    }

    /** Each figure the lesson promises beside what this run measured. */
    private static void printTimings(PrintWriter out, ScenarioRun run, List<Timing> timings) {
        if (timings.isEmpty() || run.status() != ScenarioRun.Status.COMPLETED) return;
        out.printf("%ntimings (the course's figures; within %d%% at 50 ms per unit):%n",
                Math.round(Timing.TOLERANCE * 100));
        for (Timing t : timings) {
            OptionalDouble m = t.measure(run);
            if (m.isEmpty()) {
                out.printf(Locale.ROOT, "  %-16s %8s units, expected %s: not measured%n", t.figure(), "-",
                        Units.format(t.units()));
            } else {
                out.printf(Locale.ROOT, "  %-16s %8.2f units, expected %s (%+.0f%%)%n", t.figure(), m.getAsDouble(),
                        Units.format(t.units()), t.deviation(m.getAsDouble()) * 100);
            }
        }
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
}
