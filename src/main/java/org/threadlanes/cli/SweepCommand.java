package org.threadlanes.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import org.threadlanes.analysis.SweepCsv;
import org.threadlanes.analysis.SweepPoint;
import org.threadlanes.analysis.SweepProfile;
import org.threadlanes.analysis.SweepRange;
import org.threadlanes.analysis.SweepResult;
import org.threadlanes.executor.Units;
import org.threadlanes.scenario.Scenario;
import org.threadlanes.scenario.ScenarioRun;
import org.threadlanes.scenario.Scenarios;
import org.threadlanes.scenario.Settings;
import org.threadlanes.scenario.SweepEngine;
import org.threadlanes.scenario.lessons.Workload;

/**
 * {@code sweep ID --workers 1..16 --cores 1,2,4 [--unit-ms M] [--csv FILE]}: runs a lesson once per combination,
 * prints a row per run as it ends (total time in units, throughput, and the ideal time), then the knee per core
 * count, and writes the CSV. Exit codes: 0 when every run completed, 1 when a run failed or outlived
 * {@code --timeout-s} (its row says so; the others are still measured), 2 for bad input.
 *
 * <p>{@code --tasks}, {@code --cpu} and {@code --io} shape the {@code workload} lesson (they are not lesson settings:
 * see {@link Workload}).
 */
@Command(name = "sweep", description = "Run a lesson for every (workers, cores) combination; print and save the "
        + "times.")
final class SweepCommand implements Callable<Integer> {
    /** Default unit for sweeps: short enough for a quick sweep, long enough that overheads stay small. */
    static final double DEFAULT_UNIT_MS = 20;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "ID", description = "The lesson's id (see 'list'), such as workload.")
    String id;

    @Option(names = "--workers", paramLabel = "LIST", defaultValue = "1..8",
            description = "Pool sizes: a range 1..16, a list 1,2,4, or both (default ${DEFAULT-VALUE}).")
    String workers;

    @Option(names = "--cores", paramLabel = "LIST", defaultValue = "1,2",
            description = "Modelled core counts, as for --workers (default ${DEFAULT-VALUE}).")
    String cores;

    @Option(names = "--unit-ms", paramLabel = "M", description = "Milliseconds per lesson unit (1..10000; default 20).")
    Double unitMs;

    @Option(names = "--csv", paramLabel = "FILE", description = "Write the table as CSV to FILE.")
    Path csv;

    @Option(names = "--tasks", paramLabel = "N", description = "workload only: number of tasks (default 20).")
    Integer tasks;

    @Option(names = "--cpu", paramLabel = "U", description = "workload only: CPU units per task (default 1).")
    Double cpu;

    @Option(names = "--io", paramLabel = "U", description = "workload only: I/O units per task (default 3).")
    Double io;

    @Option(names = "--timeout-s", paramLabel = "S", defaultValue = "120",
            description = "Time limit of each run in seconds (default ${DEFAULT-VALUE}); a late run is ended.")
    double timeoutS;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        SweepEngine.Plan plan = plan();
        out.printf("sweep %s: workers %s x cores %s, unit %s ms, %d runs%n", plan.scenario().id(),
                SweepRange.format(plan.workers()), SweepRange.format(plan.cores()), Units.format(plan.unitMs()),
                plan.size());
        plan.scenario().sweepFigure().ifPresent(figure -> out.printf(
                "units: the lesson's own timing of the pooled part (its result's \"%s\"), not the whole run%n", figure));
        out.printf("%5s %7s %10s %10s %11s %6s  %s%n", "cores", "workers", "units", "ideal", "throughput", "tasks",
                "status");
        SweepEngine.Sweep sweep = SweepEngine.start(plan, new SweepEngine.Listener() {
            // Runs so far, for the ideal column; the CSV's ideal uses the same rule over the whole sweep.
            private final SweepProfile.Collector profiles = SweepEngine.profiles(plan);

            @Override
            public void runEnded(ScenarioRun run, SweepPoint p) {
                if (p.status() == SweepPoint.Status.OK) {
                    profiles.add(p.workers(), SweepProfile.estimate(run.recorder().snapshot(), run.units().toNanos(1)));
                }
            }

            @Override
            public void pointDone(SweepPoint p, int done, int total) {
                SweepProfile profile = profiles.profile();
                String ideal = profile.tasks() == 0 ? "-"
                        : String.format(Locale.ROOT, "%.2f", profile.idealUnits(p.workers(), p.cores()));
                out.printf(Locale.ROOT, "%5d %7d %10.2f %10s %11.4f %6d  %s%n", p.cores(), p.workers(), p.units(),
                        ideal, p.throughput(), p.tasks(), p.status());
            }
        });
        SweepResult result;
        try {
            result = sweep.completion().get();
        } catch (InterruptedException e) {
            sweep.cancel();
            sweep.awaitEnded(10, TimeUnit.SECONDS);
            throw e;
        } catch (ExecutionException e) {
            throw new IllegalStateException("the sweep failed: " + e.getCause(), e.getCause());
        }
        printIdeal(out, result, plan);
        if (csv != null) {
            try {
                SweepCsv.write(result, csv);
            } catch (IOException e) {
                throw new BadInputException("cannot write " + csv + ": " + e.getMessage());
            }
            out.println("wrote " + csv);
        }
        boolean allOk = result.points().stream().allMatch(p -> p.status() == SweepPoint.Status.OK);
        return allOk ? 0 : 1;
    }

    private SweepEngine.Plan plan() {
        Scenario scenario = Scenarios.require(id);
        if (tasks != null || cpu != null || io != null) {
            if (!(scenario instanceof Workload)) {
                throw new BadInputException("--tasks, --cpu and --io shape the workload lesson only, not " + id);
            }
            scenario = new Workload(tasks == null ? Workload.DEFAULT_TASKS : tasks,
                    cpu == null ? Workload.DEFAULT_CPU : cpu, io == null ? Workload.DEFAULT_IO : io);
        }
        List<Integer> w = SweepRange.parse(workers, "--workers", 1, Settings.MAX_WORKERS);
        List<Integer> c = SweepRange.parse(cores, "--cores", 1, Settings.MAX_CORES);
        if (!(timeoutS > 0)) throw new BadInputException("--timeout-s must be positive, not " + timeoutS);
        double unit = unitMs == null ? DEFAULT_UNIT_MS : unitMs;
        return new SweepEngine.Plan(scenario, w, c, unit, (long) (timeoutS * 1e9));
    }

    private static void printIdeal(PrintWriter out, SweepResult result, SweepEngine.Plan plan) {
        SweepProfile profile = result.profile();
        if (profile.tasks() == 0) {
            out.println("no task ran in a pool: no ideal curve");
            return;
        }
        out.printf(Locale.ROOT, "%ntasks per run: %d, each %.2f cpu + %.2f wait units (%s)%n", profile.tasks(),
                profile.cpuUnits(), profile.waitUnits(),
                SweepEngine.profiles(plan).isDeclared() ? "as the lesson declares" : "measured");
        out.println("ideal = max(ceil(tasks / workers) x (cpu + wait), tasks x cpu / cores + wait):"
                + " Little's law with a CPU ceiling");
        for (int c : plan.cores()) {
            // With little CPU work the cores never saturate: more workers help until every task has its own.
            String ideal = profile.knee(c) > profile.tasks()
                    ? String.format(Locale.ROOT, "ideal %d = one worker per task%s", profile.tasks(),
                            profile.cpuUnits() < 0.01 ? " (the tasks use no CPU)" : "")
                    : String.format(Locale.ROOT, "ideal %.1f = cores x (1 + wait/cpu)", profile.knee(c));
            out.printf(Locale.ROOT, "knee, %d core%s: measured at %d workers (within 10%% of the best time); %s%n",
                    c, c == 1 ? "" : "s", result.measuredKnee(c, 0.10), ideal);
        }
    }
}
