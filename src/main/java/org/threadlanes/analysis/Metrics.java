package org.threadlanes.analysis;

import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * The numbers of a pool experiment at one moment of a run, as {@link MetricsTracker} computes them from events.
 *
 * <p>Definitions (a task's life: SUBMITTED, then STARTED on a worker, then FINISHED):
 * <ul>
 *   <li><b>throughput</b>: tasks finished per unit over the last window (a rate that reacts to live tuning);</li>
 *   <li><b>utilization</b>: the share of the modelled cores that were busy (some thread RUNNING on them) over the
 *       last window, 0..1;</li>
 *   <li><b>queue length</b>: tasks submitted and not yet started, now;</li>
 *   <li><b>average queued time</b>: SUBMITTED to STARTED (waiting for a worker, then for a core), over the tasks
 *       started so far;</li>
 *   <li><b>average service time</b>: STARTED to FINISHED minus the time the worker waited READY for a core, over the
 *       tasks finished so far: the time the task needed, computing or waiting on I/O;</li>
 *   <li><b>speedup</b>: the sequential baseline (one thread doing every task's service back to back, i.e. the sum
 *       of service times) divided by the elapsed time. Counted as work goes, so it is the average number of tasks
 *       in service at once.</li>
 * </ul>
 *
 * @param tNs             run time of the snapshot, in nanoseconds
 * @param throughput      tasks per unit
 * @param utilization     busy share of the cores, 0..1
 * @param queueLength     tasks waiting to start
 * @param avgQueuedUnits  average queued time, in units (0 before any task started)
 * @param avgServiceUnits average service time, in units (0 before any task finished)
 * @param speedup         sum of service times over elapsed time (0 at time 0)
 * @param completed       tasks finished so far (cancelled ones excluded)
 */
public record Metrics(long tNs, double throughput, double utilization, int queueLength, double avgQueuedUnits,
                      double avgServiceUnits, double speedup, long completed) {

    /** The snapshot of a run that has not started. */
    public static final Metrics ZERO = new Metrics(0, 0, 0, 0, 0, 0, 0, 0);

    /** The value of one kind of metric. */
    public double value(Kind kind) {
        return kind.of(this);
    }

    /** The metrics a panel shows, each with a name, a unit and a format. */
    public enum Kind {
        /** Tasks finished per unit. */
        THROUGHPUT("Throughput", "tasks/unit", Metrics::throughput),
        /** Busy share of the modelled cores. */
        UTILIZATION("CPU utilization", "% of cores", Metrics::utilization),
        /** Tasks waiting to start. */
        QUEUE_LENGTH("Queue length", "tasks", m -> m.queueLength),
        /** Average queued time per task. */
        QUEUED_TIME("Avg queued time", "units", Metrics::avgQueuedUnits),
        /** Average service time per task. */
        SERVICE_TIME("Avg service time", "units", Metrics::avgServiceUnits),
        /** Speedup against running the tasks one after another. */
        SPEEDUP("Speedup", "× sequential", Metrics::speedup);

        private final String title;
        private final String unit;
        private final ToDoubleFunction<Metrics> getter;

        Kind(String title, String unit, ToDoubleFunction<Metrics> getter) {
            this.title = title;
            this.unit = unit;
            this.getter = getter;
        }

        /** A short title, such as "Throughput". */
        public String title() {
            return title;
        }

        /** The unit the value is shown in. */
        public String unit() {
            return unit;
        }

        /** This metric's value in {@code m}. */
        public double of(Metrics m) {
            return getter.applyAsDouble(m);
        }

        /** The value as shown: utilization in percent, the queue as a whole number, the others with two decimals. */
        public String format(double v) {
            return switch (this) {
                case UTILIZATION -> String.format(Locale.ROOT, "%.0f %%", v * 100);
                case QUEUE_LENGTH -> Long.toString(Math.round(v));
                case SPEEDUP -> String.format(Locale.ROOT, "%.2f ×", v);
                default -> String.format(Locale.ROOT, "%.2f", v);
            };
        }
    }
}
