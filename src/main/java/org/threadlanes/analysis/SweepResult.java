package org.threadlanes.analysis;

import java.util.List;
import java.util.Objects;

/**
 * What a sweep measured: its points in the order they ran, and the task profile measured from their runs (for the
 * ideal curve; see {@link SweepProfile}).
 *
 * @param points  every point measured (fewer than planned if the sweep was cancelled)
 * @param profile the tasks' shape, averaged over the points' runs
 * @param status  whether the sweep ran to the end
 */
public record SweepResult(List<SweepPoint> points, SweepProfile profile, Status status) {
    /** How a sweep ended. */
    public enum Status {
        /** Every planned point was measured. */
        COMPLETED,
        /** Cancel stopped it; the points measured before are kept. */
        CANCELLED
    }

    public SweepResult {
        points = List.copyOf(points);
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(status, "status");
    }

    /** The points measured with {@code cores} cores, in order of workers. */
    public List<SweepPoint> pointsFor(int cores) {
        return points.stream().filter(p -> p.cores() == cores)
                .sorted(java.util.Comparator.comparingInt(SweepPoint::workers)).toList();
    }

    /**
     * The measured knee for {@code cores}: the fewest workers whose time is within {@code tolerance} (0.1 = 10%) of
     * the best time measured with those cores, or 0 if there is no point.
     */
    public int measuredKnee(int cores, double tolerance) {
        List<SweepPoint> ps = pointsFor(cores).stream().filter(p -> p.status() == SweepPoint.Status.OK).toList();
        double best = ps.stream().mapToDouble(SweepPoint::units).min().orElse(Double.NaN);
        return ps.stream().filter(p -> p.units() <= best * (1 + tolerance)).mapToInt(SweepPoint::workers).min()
                .orElse(0);
    }
}
