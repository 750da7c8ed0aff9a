/**
 * Step mode and deadlocks on screen: the {@link org.threadlanes.ui.deadlock.StepBar} (the user as the scheduler, and
 * Step back into the recording), the {@link org.threadlanes.ui.deadlock.WaitForGraphView} (who waits for whom, the
 * cycle highlighted) and the {@link org.threadlanes.ui.deadlock.DeadlockBanner} (the deadlock in plain words).
 *
 * <h2>Wiring a run (on the FX thread)</h2>
 * <pre>{@code
 * StepViewModel steps = new StepViewModel(FxBridge::post);
 * DeadlockViewModel deadlocks = new DeadlockViewModel(FxBridge::post);
 * deadlocks.viewTimeNsProperty().bind(steps.viewTimeNsProperty());      // Step back moves graph and banner too
 * steps.deadlockedProperty().bind(deadlocks.deadlockFoundProperty());   // the step status names the deadlock
 * steps.selectedThreadProperty().bindBidirectional(lanes.selectedThreadProperty());
 * Bindings.bindContent(lanes.getOutlinedThreads(), deadlocks.getCycleThreadIds());
 * lanes.setClock(steps.clock(run::elapsedNs));
 * StepBar bar = new StepBar(steps);  bar.installShortcuts(mainView);
 * WaitForGraphView graph = new WaitForGraphView(deadlocks);
 * DeadlockBanner banner = new DeadlockBanner(deadlocks);
 * // per run:
 * steps.setRun(run);  deadlocks.setRun(run);         // setRun(null) on reset
 * }</pre>
 *
 * <h2>Threads</h2>
 * Everything here is touched on the FX thread only. The step gate's and the deadlock detector's listeners run on
 * scenario and checker threads; they only queue values and hand one task at a time to the executor given to the
 * view-models ({@code FxBridge::post} in the app). No class here calls {@code Platform.runLater}, and nothing here
 * waits for a scenario thread: stepping hands out permission and returns.
 *
 * <h2>Look</h2>
 * Each control's user-agent stylesheet is {@code deadlock.css}; class names are the constants of
 * {@link org.threadlanes.ui.deadlock.DeadlockStyles}; colours are AtlantaFX theme variables only.
 */
package org.threadlanes.ui.deadlock;
