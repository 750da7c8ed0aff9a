package org.threadlanes.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import org.threadlanes.executor.Units;
import org.threadlanes.scenario.Rehearsal;
import org.threadlanes.scenario.Scenario;
import org.threadlanes.scenario.ScenarioRun;
import org.threadlanes.scenario.Scenarios;
import org.threadlanes.scenario.Settings;
import org.threadlanes.scenario.Timing;
import org.threadlanes.trace.Recorder;

/**
 * {@code bench [ID...]}: how closely the timing lessons reproduce the course's figures. Each lesson that promises
 * timings ({@link Scenario#timings}) runs {@code --runs} times at its default workers and cores (after one
 * rehearsal, as {@code run} does), and every promised figure is printed beside the median, minimum and maximum
 * measured, with its deviation and whether it holds within {@link Timing#TOLERANCE}.
 *
 * <p>This is the check of the library's timing target: a benchmark that prints figures, not a timed unit test, since
 * a busy machine only ever adds time. The exit code is 0 whatever the figures (2 on bad input).
 */
@Command(name = "bench", description = "Measure the timing lessons against the course's figures.")
final class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "ID", arity = "0..*",
            description = "Lessons to measure (default: every lesson that promises timings).")
    List<String> ids = new ArrayList<>();

    @Option(names = "--unit-ms", paramLabel = "M", defaultValue = "50",
            description = "Milliseconds per lesson unit (default ${DEFAULT-VALUE}, the figure the course's timings are"
                    + " checked at).")
    double unitMs;

    @Option(names = "--runs", paramLabel = "N", defaultValue = "3",
            description = "Measured runs per lesson, 1..50 (default ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--warm-up", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Rehearse each lesson once before measuring it (default: on).")
    boolean warmUp;

    @Option(names = "--timeout-s", paramLabel = "S", defaultValue = "120",
            description = "Time limit of each run in seconds (default ${DEFAULT-VALUE}); a late run counts as failed.")
    double timeoutS;

    @Override
    public Integer call() throws Exception {
        if (runs < 1 || runs > 50) throw new BadInputException("--runs must be 1..50, not " + runs);
        if (!(timeoutS > 0)) throw new BadInputException("--timeout-s must be positive, not " + timeoutS);
        List<Scenario> lessons = lessons();
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "bench: %d timing lesson%s at %s ms per unit, %d run%s each%s%n", lessons.size(),
                lessons.size() == 1 ? "" : "s", Units.format(unitMs), runs, runs == 1 ? "" : "s",
                warmUp ? " after a rehearsal" : "");
        out.printf("%-24s %-16s %8s %8s %8s %8s %8s  %s%n", "lesson", "figure", "expected", "median", "min", "max",
                "off", "within " + Math.round(Timing.TOLERANCE * 100) + "%");
        int held = 0, figures = 0;
        for (Scenario lesson : lessons) {
            Settings settings = settings(lesson);
            List<Timing> timings = lesson.timings(settings);
            if (warmUp) Rehearsal.run(lesson, settings);
            double[][] measured = new double[timings.size()][runs];
            int[] got = new int[timings.size()];
            for (int r = 0; r < runs; r++) {
                ScenarioRun run = runOnce(lesson, settings);
                for (int i = 0; i < timings.size(); i++) {
                    OptionalDouble m = run == null ? OptionalDouble.empty() : timings.get(i).measure(run);
                    if (m.isPresent()) measured[i][got[i]++] = m.getAsDouble();
                }
            }
            for (int i = 0; i < timings.size(); i++) {
                Timing t = timings.get(i);
                figures++;
                if (got[i] == 0) {
                    out.printf("%-24s %-16s %8s %8s %8s %8s %8s  %s%n", lesson.id(), t.figure(),
                            Units.format(t.units()), "-", "-", "-", "-", "no run completed");
                    continue;
                }
                double[] v = Arrays.copyOf(measured[i], got[i]);
                Arrays.sort(v);
                double median = v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
                boolean ok = t.holds(median);
                if (ok) held++;
                out.printf(Locale.ROOT, "%-24s %-16s %8s %8.2f %8.2f %8.2f %+7.1f%%  %s%n", lesson.id(), t.figure(),
                        Units.format(t.units()), median, v[0], v[v.length - 1], t.deviation(median) * 100,
                        ok ? "yes" : "NO");
            }
            out.flush();
        }
        out.printf("%n%d of %d figures within %d%% (median of %d run%s)%n", held, figures,
                Math.round(Timing.TOLERANCE * 100), runs, runs == 1 ? "" : "s");
        return 0;
    }

    /** The lessons asked for, each of which must promise timings; or all that do. */
    private List<Scenario> lessons() {
        List<Scenario> timed = Scenarios.all().stream().filter(this::promisesTimings).toList();
        if (ids.isEmpty()) return timed;
        List<Scenario> chosen = new ArrayList<>();
        for (String id : ids) {
            Scenario s = Scenarios.require(id);
            if (!promisesTimings(s)) {
                throw new BadInputException(id + " promises no timings; lessons that do: "
                        + String.join(", ", timed.stream().map(Scenario::id).toList()));
            }
            chosen.add(s);
        }
        return chosen;
    }

    private boolean promisesTimings(Scenario lesson) {
        return !lesson.timings(settings(lesson)).isEmpty();
    }

    private Settings settings(Scenario lesson) {
        Settings d = lesson.defaults();
        try {
            return new Settings(d.workers(), d.cores(), unitMs);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage());
        }
    }

    /** One measured run; null if it did not complete in time (its threads are ended). */
    private ScenarioRun runOnce(Scenario lesson, Settings settings) throws InterruptedException {
        ScenarioRun run = new ScenarioRun(lesson, settings, new Recorder(), line -> { });
        run.start();
        boolean ended = run.await((long) (timeoutS * 1e9), TimeUnit.NANOSECONDS);
        if (!ended || run.status() != ScenarioRun.Status.COMPLETED) {
            run.cancel();
            run.awaitThreadsEnded(10, TimeUnit.SECONDS);
            return null;
        }
        return run;
    }
}
