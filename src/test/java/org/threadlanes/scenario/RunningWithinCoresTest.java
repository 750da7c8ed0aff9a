package org.threadlanes.scenario;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.threadlanes.trace.Event;
import org.threadlanes.trace.ThreadState;

/**
 * The lanes never show more threads RUNNING than the lesson has modelled cores: a thread gives its core back only
 * after its lane has left RUNNING, so the next thread's RUNNING cannot begin before that. (Before, a handover showed
 * two lanes RUNNING on one core for a millisecond or two.)
 */
@Timeout(120)
class RunningWithinCoresTest {
    @ParameterizedTest
    @MethodSource("org.threadlanes.scenario.LessonRecordings#ids")
    void runningLanesNeverOutnumberTheCores(String id) throws Exception {
        ScenarioRun run = LessonRecordings.record(id);
        List<Event> events = run.recorder().snapshot();
        int cores = run.settings().cores();
        Map<Long, Boolean> running = new HashMap<>();
        int worst = 0;
        long worstAt = -1;
        String who = "";
        // Events with the same time stamp form one instant: only the state after all of them lasts.
        for (int i = 0; i < events.size(); ) {
            long t = events.get(i).tNs();
            int j = i;
            while (j < events.size() && events.get(j).tNs() == t) {
                Event e = events.get(j++);
                if (e.state() != null) running.put(e.threadId(), e.state() == ThreadState.RUNNING);
            }
            long n = running.values().stream().filter(b -> b).count();
            if (n > worst) {
                worst = (int) n;
                worstAt = t;
                who = events.get(j - 1).toString();
            }
            i = j;
        }
        assertTrue(worst <= cores, id + ": " + worst + " RUNNING on " + cores + " cores at " + worstAt + " ns, " + who);
    }
}
