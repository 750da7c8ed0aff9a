package org.threadlanes.scenario.lessons;

import java.util.Set;

import org.threadlanes.scenario.Listing;
import org.threadlanes.scenario.Scenario;
import org.threadlanes.scenario.ScenarioContext;
import org.threadlanes.scenario.Settings;
import org.threadlanes.scenario.Topic;

/**
 * Deadlocks 8, the fix of {@link DiningPhilosophers}: one philosopher picks up the other fork first.
 *
 * <p>Teaches: breaking the ring at one place is enough. phil-5 reaches for fork 1 before fork 5, so forks are taken
 * in one global order (lowest number first) and no cycle can close.
 *
 * <p>Run: {@code run dining-philosophers-fixed}. Outcome to expect: some philosophers BLOCKED(LOCK) for a while,
 * all five eat; result {@code {"meals":5}}; no deadlock.
 */
public final class DiningPhilosophersFixed implements Scenario {
    private static final Listing LISTING = Listing.of("""
            import threading, time

            forks = [threading.Lock() for _ in range(5)]

            def philosopher(i):
                first, second = forks[i], forks[(i + 1) % 5]   # left fork, then right
                if i == 4:
                    first, second = second, first              # the last one reaches right first: no ring
                with first:
                    time.sleep(1)              # think, one fork in hand
                    with second:
                        time.sleep(1)          # eat

            phils = [threading.Thread(target=philosopher, args=(i,), name=f'phil-{i + 1}') for i in range(5)]
            for t in phils: t.start()
            for t in phils: t.join()
            """, """
            ReentrantLock[] forks = new ReentrantLock[5];
            for (int i = 0; i < 5; i++) forks[i] = new ReentrantLock();
            Thread[] phils = new Thread[5];
            for (int n = 0; n < 5; n++) {
                Lock first = forks[n], second = forks[(n + 1) % 5];
                if (n == 4) { Lock t = first; first = second; second = t; }   // the last one reaches right first
                Lock f = first, s = second;
                phils[n] = new Thread(() -> {
                    f.lock();
                    try {
                        sleep(1000);
                        s.lock();
                        try { sleep(1000); } finally { s.unlock(); }
                    } finally { f.unlock(); }
                }, "phil-" + (n + 1));
            }
            for (Thread t : phils) t.start();
            for (Thread t : phils) t.join();
            """)
            .javaAt("forks = [threading.Lock()", "ReentrantLock[] forks")
            .javaAt("def philosopher(i):", "phils[n] = new Thread(() -> {")
            .javaAt("first, second = forks[i]", "Lock first = forks[n]")
            .javaAt("if i == 4:", "if (n == 4)")
            .javaAt("first, second = second, first", "if (n == 4)")
            .javaAt("with first:", "f.lock();")
            .javaAt("time.sleep(1)", 1, "sleep(1000);", 1)
            .javaAt("with second:", "s.lock();")
            .javaAt("time.sleep(1)", 2, "try { sleep(1000); }", 1)
            .javaAt("phils = [threading.Thread(", "}, \"phil-\" + (n + 1));")
            .javaAt("for t in phils: t.start()", "for (Thread t : phils) t.start();")
            .javaAt("for t in phils: t.join()", "for (Thread t : phils) t.join();");

    @Override public String id() { return "dining-philosophers-fixed"; }
    @Override public String title() { return "Dining philosophers, one reaches right first (fixed)"; }
    @Override public String summary() { return "phil-5 picks up fork 1 before fork 5: the ring is broken."; }
    @Override public Topic topic() { return Topic.DEADLOCKS; }
    @Override public int order() { return 8; }
    @Override public Settings defaults() { return new Settings(1, 2, 1000); }
    @Override public Set<Setting> exposed() { return Set.of(Setting.CORES, Setting.UNIT); }
    @Override public Listing listing() { return LISTING; }

    @Override
    public LessonText text() {
        return new LessonText(
                "phil-5 and phil-1 now compete for fork 1; whoever loses holds nothing while it waits.",
                "Why does one changed philosopher suffice?",
                "{\"meals\": 5}; no deadlock.");
    }

    @Override
    public Object run(ScenarioContext ctx) throws Exception {
        return DiningPhilosophers.play(ctx, true);
    }
}
