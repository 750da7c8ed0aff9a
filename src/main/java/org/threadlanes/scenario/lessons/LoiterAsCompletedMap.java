package org.threadlanes.scenario.lessons;

/**
 * Lesson 3.5 (seed 001): the second variant of {@link LoiterAsCompleted}'s listing, {@code with_map}: the same
 * {@code loiter(n)} over {@code [4, 1, 2, 5, 3]} on three workers, read through {@code executor.map}.
 *
 * <p>Teaches: map hands results back in submission order, so the main thread blocks on loiter(4) although
 * loiter(1) and loiter(2) finished earlier, takes those two at once, then blocks on loiter(5), the slowest. Expect
 * result {@code {"submissionOrder":[40,10,20,50,30]}} after 6 units with 3 workers (the same 6 units as
 * {@code as_completed}: only the order in which main sees the results changes).
 */
public final class LoiterAsCompletedMap extends LoiterAsCompleted {
    /** Made by the library, through ServiceLoader. */
    public LoiterAsCompletedMap() {
        super(true);
    }
}
