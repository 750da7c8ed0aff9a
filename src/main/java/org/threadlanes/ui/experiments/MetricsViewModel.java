package org.threadlanes.ui.experiments;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import org.threadlanes.analysis.Metrics;
import org.threadlanes.analysis.MetricsTracker;
import org.threadlanes.executor.CoreModel;
import org.threadlanes.executor.Units;
import org.threadlanes.trace.Event;

/**
 * The live metrics of one run, for {@link MetricsPanel}: a value text and a sparkline series per
 * {@link Metrics.Kind}, computed by a {@link MetricsTracker} from the run's events.
 *
 * <pre>{@code
 * metrics.start(run.cores(), run.units());                 // a new run
 * FxBridge bridge = new FxBridge(batch -> { timeline.accept(batch); metrics.accept(batch); });
 * }</pre>
 *
 * <p>FX thread only (it is fed by {@link org.threadlanes.ui.FxBridge}'s sink); testable without a stage.
 */
public final class MetricsViewModel {
    private MetricsTracker tracker;
    private final ReadOnlyObjectWrapper<Metrics> current = new ReadOnlyObjectWrapper<>(this, "current", Metrics.ZERO);
    private final Map<Metrics.Kind, ReadOnlyStringWrapper> texts = new EnumMap<>(Metrics.Kind.class);
    private final ReadOnlyLongWrapper version = new ReadOnlyLongWrapper(this, "version");
    private final ReadOnlyBooleanWrapper wholeRun = new ReadOnlyBooleanWrapper(this, "wholeRun");

    /** A model with one core and a one-second unit until {@link #start} names a run's. */
    public MetricsViewModel() {
        for (Metrics.Kind k : Metrics.Kind.values()) texts.put(k, new ReadOnlyStringWrapper(this, k.name(), ""));
        start(new CoreModel(1), new Units(1000));
    }

    /** Forgets the previous run and follows a new one's core count and unit. */
    public void start(CoreModel cores, Units units) {
        Objects.requireNonNull(cores);
        Objects.requireNonNull(units);
        tracker = MetricsTracker.of(cores, units);
        wholeRun.set(false);
        publish();
    }

    /** Takes the next batch of the run's events (FX thread). */
    public void accept(List<Event> batch) {
        if (batch.isEmpty()) return;
        tracker.accept(batch);
        publish();
    }

    /** Lets run time pass with no event, so the sparklines keep moving through a long wait (FX thread). */
    public void advanceTo(long runNs) {
        if (runNs <= tracker.lastNs()) return;
        tracker.advanceTo(runNs);
        publish();
    }

    /** Forgets everything seen; the same run's cores and unit stay. */
    public void clear() {
        tracker.clear();
        wholeRun.set(false);
        publish();
    }

    /** The run has ended: the values now sum up all of it rather than its last two units (FX thread). */
    public void showWholeRun() {
        wholeRun.set(true);
        publish();
    }

    /** Whether the values are the whole run's (it ended) rather than the last two units'. */
    public ReadOnlyBooleanProperty wholeRunProperty() {
        return wholeRun.getReadOnlyProperty();
    }

    /** The latest metrics. */
    public ReadOnlyObjectProperty<Metrics> currentProperty() {
        return current.getReadOnlyProperty();
    }

    /** A metric's value as shown, with its unit's format. */
    public ReadOnlyStringProperty textProperty(Metrics.Kind kind) {
        return texts.get(kind).getReadOnlyProperty();
    }

    /** A metric's sampled values, oldest first, for its sparkline. */
    public double[] series(Metrics.Kind kind) {
        return tracker.series(kind);
    }

    /** Bumped whenever the values or series change. */
    public ReadOnlyLongProperty versionProperty() {
        return version.getReadOnlyProperty();
    }

    private void publish() {
        Metrics m = wholeRun.get() ? tracker.overall() : tracker.current();
        current.set(m);
        for (Metrics.Kind k : Metrics.Kind.values()) texts.get(k).set(k.format(k.of(m)));
        version.set(version.get() + 1);
    }
}
