package org.threadlanes.scenario.lessons;

import org.threadlanes.scenario.lessons.PyExecutor.ReturnWhen;

/**
 * Lesson 3.8 (seed 002): the {@code ALL_COMPLETED} variant of {@link WaitFirstCompleted}, on the same five tasks.
 *
 * <p>Teaches: {@code wait(return_when=ALL_COMPLETED)} (the default) returns only when every future is done, and a
 * future that raised counts as done. Expect main BLOCKED in wait for 5 units; result {@code {"done":5,"notDone":0}}.
 */
public final class WaitAllCompleted extends WaitFirstCompleted {
    /** Made by the library, through ServiceLoader. */
    public WaitAllCompleted() {
        super(ReturnWhen.ALL_COMPLETED);
    }
}
