package org.threadlanes.scenario;

import java.util.LinkedHashMap;
import java.util.Map;

import org.threadlanes.executor.Units;

/**
 * The knobs of one run.
 *
 * @param workers pool size (core = maximum) for lessons that use a pool; 1..{@value #MAX_WORKERS}
 * @param cores   modelled CPU cores; 1 is "GIL mode"; 1..{@value #MAX_CORES}
 * @param unitMs  milliseconds per lesson unit; {@value Units#MIN_MS}..{@value Units#MAX_MS}
 */
public record Settings(int workers, int cores, double unitMs) {
    public static final int MAX_WORKERS = 256, MAX_CORES = 64;

    /** @throws IllegalArgumentException naming the first value out of range */
    public Settings {
        if (workers < 1 || workers > MAX_WORKERS) {
            throw new IllegalArgumentException("workers must be 1.." + MAX_WORKERS + ", not " + workers);
        }
        if (cores < 1 || cores > MAX_CORES) {
            throw new IllegalArgumentException("cores must be 1.." + MAX_CORES + ", not " + cores);
        }
        if (!(unitMs >= Units.MIN_MS && unitMs <= Units.MAX_MS)) {
            throw new IllegalArgumentException("unit must be " + Units.MIN_MS + ".." + Units.MAX_MS + " ms, not "
                    + unitMs);
        }
    }

    public Settings withWorkers(int n) {
        return new Settings(n, cores, unitMs);
    }

    public Settings withCores(int n) {
        return new Settings(workers, n, unitMs);
    }

    public Settings withUnitMs(double ms) {
        return new Settings(workers, cores, ms);
    }

    /** As the trace file's {@code settings} object. */
    public Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("workers", workers);
        m.put("cores", cores);
        m.put("unitMs", unitMs == Math.rint(unitMs) ? (Object) (long) unitMs : (Object) unitMs);
        return m;
    }
}
