package org.threadlanes.scenario;

import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * A duration a timing lesson promises, in units: the figure the course prints, which a headless run at
 * {@code --unit-ms 50} must reproduce within 10% (the {@code bench} command measures it).
 *
 * <p>The figure is read from a finished run: {@link #ELAPSED} is the whole run, {@link #AFTER_SETUP} the run after
 * its setup (see {@link ScenarioContext#setupDone()}), and any other name is a number in the lesson's result map,
 * which the lesson timed itself (such as {@code "poolUnits"}, or {@code "cpuBound.units"} in a nested map).
 *
 * @param figure where the duration is read (see above)
 * @param units  the duration the lesson promises
 */
public record Timing(String figure, double units) {
    /** The whole run, from its start to the end of its last thread. */
    public static final String ELAPSED = "elapsed";
    /**
     * From the end of the lesson's setup (such as starting the local web) to the moment the lesson returns its
     * result: the lesson's own work, without starting or closing its servers.
     */
    public static final String AFTER_SETUP = "afterSetup";
    /** How far a figure may stray from the promise: 10%. */
    public static final double TOLERANCE = 0.10;

    public Timing {
        Objects.requireNonNull(figure, "figure");
        if (!(units > 0)) throw new IllegalArgumentException("a timing promises a positive duration, not " + units);
    }

    /** The figure's value in a finished run, in units; empty when the run has no such figure. */
    public OptionalDouble measure(ScenarioRun run) {
        return switch (figure) {
            case ELAPSED -> OptionalDouble.of(run.elapsedUnits());
            case AFTER_SETUP -> run.unitsAfterSetup();
            default -> resultFigure(run.result(), figure);
        };
    }

    /** The figure in words, for people: "the whole run", "after the setup", or the result's name for it. */
    public String describe() {
        return switch (figure) {
            case ELAPSED -> "the whole run";
            case AFTER_SETUP -> "after the setup";
            default -> figure;
        };
    }

    /** How far {@code measured} is from the promise, as a fraction (+0.04 is 4% slower). */
    public double deviation(double measured) {
        return measured / units - 1;
    }

    /** Whether {@code measured} is within {@link #TOLERANCE} of the promise. */
    public boolean holds(double measured) {
        return Math.abs(deviation(measured)) <= TOLERANCE + 1e-9;
    }

    /**
     * A number in a lesson's result map, if there is one: {@code key} names it, with dots for nested maps
     * ({@code "cpuBound.units"}).
     */
    public static OptionalDouble resultFigure(Object result, String key) {
        Object at = result;
        for (String part : key.split("\\.", -1)) {
            if (!(at instanceof Map<?, ?> m)) return OptionalDouble.empty();
            at = m.get(part);
        }
        return at instanceof Number n ? OptionalDouble.of(n.doubleValue()) : OptionalDouble.empty();
    }
}
