package org.threadlanes.scenario;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One lesson of the library: an id, what it teaches, the code it shows, and a run that makes real threads do it.
 *
 * <p>Lessons are registered with {@link java.util.ServiceLoader} (module-info {@code provides}, and
 * {@code META-INF/services} for the class path) and listed by {@link Scenarios}.
 *
 * <p>A run's threads must be made through the {@link ScenarioContext} (its probe, threads and pools) so that every
 * one shows as a lane and a reset can end them all. The result it returns goes into the trace's {@code result}; it
 * must be plain data (maps, lists, strings, numbers, booleans) that Jackson can write.
 */
public interface Scenario {
    /** A stable id in kebab-case, such as {@code fibonacci-condition}. */
    String id();

    /** A title for the browser. */
    String title();

    /** The lesson in one line. */
    String summary();

    /** Where it sits in the course. */
    Topic topic();

    /** Order within the topic (smaller first). */
    int order();

    /** What to watch for, a question for the class, and the expected outcome. */
    LessonText text();

    /** The settings the lesson starts with. */
    Settings defaults();

    /** Which of the settings the lesson uses (and the UI therefore offers). */
    Set<Setting> exposed();

    /** The code the lesson shows. */
    Listing listing();

    /**
     * Runs the lesson on the calling thread, which is the lesson's {@code main} lane, and returns its result.
     *
     * @throws InterruptedException when the run is reset; the lesson should simply let it propagate
     */
    Object run(ScenarioContext ctx) throws Exception;

    /**
     * The durations this lesson promises with {@code settings}, for a timing lesson; none for the others. Each one
     * must hold within {@link Timing#TOLERANCE} in a headless run at 50 ms per unit.
     */
    default List<Timing> timings(Settings settings) {
        return List.of();
    }

    /**
     * The result's figure (a number of units the lesson timed itself) that a sweep plots against workers, for a
     * lesson that times more than the part the pool size changes (such as a sequential baseline first); empty: the
     * whole run.
     */
    default Optional<String> sweepFigure() {
        return Optional.empty();
    }

    /** The settings a user can change. */
    enum Setting { WORKERS, CORES, UNIT }

    /**
     * The lesson text shown beside the lanes.
     *
     * @param watch    what to watch for
     * @param question a question to ask the class
     * @param expected the outcome to expect
     */
    record LessonText(String watch, String question, String expected) {
    }
}
