package org.threadlanes.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.threadlanes.trace.Event;

/**
 * Every Python line a lesson's threads stand on has its Java line, so the code panel's Java tab shows the threads
 * where the Python tab does.
 */
@Timeout(120)
class JavaLinesTest {
    @ParameterizedTest(name = "{0}")
    @MethodSource("org.threadlanes.scenario.LessonRecordings#ids")
    void everyLineAThreadStandsOnHasItsJavaLine(String id) throws Exception {
        ScenarioRun run = LessonRecordings.record(id);
        Listing listing = run.scenario().listing();
        TreeSet<Integer> shown = run.recorder().snapshot().stream().map(Event::line)
                .filter(listing::hasLine).collect(Collectors.toCollection(TreeSet::new));
        assertTrue(!shown.isEmpty(), id + ": its threads stand on lines of the listing");
        String missing = shown.stream().filter(l -> listing.javaLineOf(l) == 0)
                .map(l -> l + ": " + listing.python().get(l - 1).strip()).collect(Collectors.joining("\n"));
        assertEquals("", missing, id + ": Python lines with no Java line");
    }

    /** A pair names lines by what they contain; a marker that matches nothing is a mistake in the lesson. */
    @Test
    void pairsAreFoundByTheirTextAndCheckedAgainstBothListings() {
        Listing l = Listing.of("a = 1\nb = 2\nb = 3", "int a = 1;\nint b = 2;\nint b = 3;")
                .javaAt("b =", 2, "int b", 2).javaAt("a =", "int a");
        assertEquals(Map.of(3, 3, 1, 1), l.javaLines());
        assertEquals(0, l.javaLineOf(2));
        assertEquals("Java listing has no line #1 containing 'long c'",
                assertThrows(IllegalArgumentException.class, () -> l.javaAt("a =", "long c")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Listing(List.of("x"), List.of("y"), Map.of(2, 1)));
    }
}
