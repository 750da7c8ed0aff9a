package org.threadlanes.executor;

import java.util.concurrent.TimeUnit;

/**
 * The lesson clock: how many milliseconds one scenario unit lasts. Lessons speak in units ("loiter(2) sleeps two
 * units"); the app defaults to 1 unit = 1000 ms so a class can follow, tests use a few milliseconds.
 *
 * <p>Thread-safe; the speed may change while a lesson runs and applies to the next wait.
 */
public final class Units {
    /** The range a user may choose, in milliseconds per unit. */
    public static final int MIN_MS = 1, MAX_MS = 10_000;

    private volatile double msPerUnit;

    public Units(double msPerUnit) {
        setMsPerUnit(msPerUnit);
    }

    public double msPerUnit() {
        return msPerUnit;
    }

    /** @throws IllegalArgumentException outside {@value #MIN_MS}..{@value #MAX_MS} */
    public void setMsPerUnit(double ms) {
        if (!(ms >= MIN_MS && ms <= MAX_MS)) {
            throw new IllegalArgumentException("unit must be " + MIN_MS + ".." + MAX_MS + " ms, not " + ms);
        }
        this.msPerUnit = ms;
    }

    public long toNanos(double units) {
        return Math.round(units * msPerUnit * 1_000_000d);
    }

    /** Nanoseconds as units. */
    public double toUnits(long nanos) {
        return nanos / (msPerUnit * 1_000_000d);
    }

    public long toMillis(double units) {
        return TimeUnit.NANOSECONDS.toMillis(toNanos(units));
    }

    /** A number of units (or milliseconds) as people write it: 2 as "2", 2.5 as "2.5". */
    public static String format(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
