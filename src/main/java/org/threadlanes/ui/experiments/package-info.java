/**
 * Pool-size experiments in the app: {@link org.threadlanes.ui.experiments.SweepView} (sweep a lesson over workers
 * and cores, chart the times and the ideal curve, export CSV and PNG) and
 * {@link org.threadlanes.ui.experiments.MetricsPanel} (a run's live metrics, each with a sparkline). Each view binds
 * to a view model that is testable without a stage; work reaches the FX thread only through
 * {@link org.threadlanes.ui.FxBridge}.
 */
package org.threadlanes.ui.experiments;
