package org.threadlanes.scenario.lessons;

import org.threadlanes.scenario.lessons.PyExecutor.ReturnWhen;

/**
 * Lesson 3.9 (seed 002): the {@code FIRST_EXCEPTION} variant of {@link WaitFirstCompleted}, on the same five tasks.
 *
 * <p>Teaches: {@code wait(return_when=FIRST_EXCEPTION)} returns as soon as a future raises (or when all are done if
 * none does), and its done set holds every future finished by then. Expect main BLOCKED in wait until task 3 fails at
 * unit 3; result {@code {"done":3,"notDone":2}}; 5 units in all.
 */
public final class WaitFirstException extends WaitFirstCompleted {
    /** Made by the library, through ServiceLoader. */
    public WaitFirstException() {
        super(ReturnWhen.FIRST_EXCEPTION);
    }
}
