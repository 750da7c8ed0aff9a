package org.threadlanes.scenario.lessons;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import org.threadlanes.scenario.Scenario;
import org.threadlanes.scenario.ScenarioRun;
import org.threadlanes.scenario.Scenarios;
import org.threadlanes.scenario.Settings;
import org.threadlanes.trace.Event;
import org.threadlanes.trace.EventKind;
import org.threadlanes.trace.ThreadState;

/** Runs lessons headless for tests, and reads their traces. */
final class LessonRuns {
    /** Long enough for any lesson at the units tests use; a run that takes longer has hung. */
    static final long TIMEOUT_S = 60;

    private LessonRuns() {
    }

    /** Runs {@code id} with its defaults at {@code unitMs}, changed by {@code settings}; fails unless it completes. */
    static ScenarioRun complete(String id, double unitMs, UnaryOperator<Settings> settings) throws InterruptedException {
        Scenario s = Scenarios.require(id);
        ScenarioRun run = new ScenarioRun(s, settings.apply(s.defaults().withUnitMs(unitMs)));
        run.start();
        if (!run.await(TIMEOUT_S, TimeUnit.SECONDS)) {
            run.cancel();
            run.awaitThreadsEnded(10, TimeUnit.SECONDS);
            fail(id + " did not finish within " + TIMEOUT_S + " s");
        }
        assertEquals(ScenarioRun.Status.COMPLETED, run.status(), () -> id + " failed: " + run.failure());
        assertTrue(!run.anyAlive(), id + " left a thread running");
        return run;
    }

    static ScenarioRun complete(String id, double unitMs) throws InterruptedException {
        return complete(id, unitMs, s -> s);
    }

    /** Task labels by task id, from SUBMITTED events (ids are per pool: use with one pool, or labels that differ). */
    static Map<Long, String> labels(List<Event> events) {
        Map<Long, String> out = new HashMap<>();
        for (Event e : events) if (e.kind() == EventKind.SUBMITTED) out.put(e.task(), e.detail());
        return out;
    }

    /** The first event of {@code kind} for the task labelled {@code label}. */
    static Event taskEvent(List<Event> events, EventKind kind, String label) {
        Map<Long, String> labels = labels(events);
        for (Event e : events) {
            if (e.kind() == kind && label.equals(labels.get(e.task()))) return e;
        }
        throw new AssertionError("no " + kind + " event for " + label);
    }

    /** Details of the BLOCKED events of the thread named {@code thread}, in order. */
    static List<String> blockedDetails(List<Event> events, String thread) {
        List<String> out = new ArrayList<>();
        for (Event e : events) {
            if (e.state() == ThreadState.BLOCKED && e.thread().name().equals(thread)) out.add(e.detail());
        }
        return out;
    }

    /**
     * How long (ns) more than {@code cores} threads named {@code prefix...} were RUNNING at once. (The probe gives a
     * core back an instant before it publishes the lane's next state, so a one-core run can show two lanes RUNNING
     * for microseconds; callers allow for that.)
     */
    static long overRunningNs(List<Event> events, String prefix, int cores) {
        Map<Long, ThreadState> state = new HashMap<>();
        long over = 0, since = -1;
        for (Event e : events) {
            if (e.state() == null || !e.thread().name().startsWith(prefix)) continue;
            state.put(e.threadId(), e.state());
            long running = state.values().stream().filter(s -> s == ThreadState.RUNNING).count();
            if (running > cores && since < 0) {
                since = e.tNs();
            } else if (running <= cores && since >= 0) {
                over += e.tNs() - since;
                since = -1;
            }
        }
        return over;
    }

    /** The largest number of threads named {@code prefix...} that were BLOCKED for {@code reason} at once. */
    static int mostBlockedAtOnce(List<Event> events, String prefix, org.threadlanes.trace.BlockReason reason) {
        Map<Long, Boolean> blocked = new HashMap<>();
        int most = 0;
        for (Event e : events) {
            if (e.state() == null || !e.thread().name().startsWith(prefix)) continue;
            blocked.put(e.threadId(), e.state() == ThreadState.BLOCKED && e.reason() == reason);
            most = Math.max(most, (int) blocked.values().stream().filter(b -> b).count());
        }
        return most;
    }

    /** Whether some thread named {@code prefix...} was READY while another such thread was RUNNING. */
    static boolean readyWhileAnotherRuns(List<Event> events, String prefix) {
        Map<Long, ThreadState> state = new HashMap<>();
        for (Event e : events) {
            if (e.state() == null || !e.thread().name().startsWith(prefix)) continue;
            state.put(e.threadId(), e.state());
            boolean running = state.values().contains(ThreadState.RUNNING);
            if (running && state.values().contains(ThreadState.READY)) return true;
        }
        return false;
    }
}
