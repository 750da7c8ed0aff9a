package org.threadlanes.scenario.lessons;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import org.threadlanes.executor.Probe;
import org.threadlanes.executor.TracedLock;
import org.threadlanes.scenario.Listing;
import org.threadlanes.scenario.Scenario;
import org.threadlanes.scenario.ScenarioContext;
import org.threadlanes.scenario.Settings;
import org.threadlanes.scenario.Topic;

/**
 * Deadlocks 7: five philosophers, five forks, everyone picks up the left fork first.
 *
 * <p>Teaches: a lock-order deadlock needs no two-party quarrel; a ring of five, each holding one fork and waiting for
 * the next, is a cycle too.
 *
 * <p>Run: {@code run dining-philosophers}; {@code --steps phil-1,phil-2,phil-3,phil-4,phil-5} drives it into the
 * deadlock, {@code --steps phil-1,phil-1,phil-1} lets phil-1 eat first and everyone finishes. Outcome to expect in
 * free run: all five BLOCKED(LOCK), a deadlock of kind {@code LOCK} whose cycle runs through all five philosophers
 * and forks: "phil-1 holds fork 1 and waits for fork 2, held by phil-2; ...; phil-5 holds fork 5 and waits for
 * fork 1, held by phil-1". The fix: {@link DiningPhilosophersFixed}.
 */
public final class DiningPhilosophers implements Scenario {
    static final int SEATS = 5;

    private static final Listing LISTING = Listing.of("""
            import threading, time

            forks = [threading.Lock() for _ in range(5)]

            def philosopher(i):
                first, second = forks[i], forks[(i + 1) % 5]   # left fork, then right
                with first:
                    time.sleep(1)              # think, one fork in hand
                    with second:               # every right fork is someone's left fork
                        time.sleep(1)          # eat

            phils = [threading.Thread(target=philosopher, args=(i,), name=f'phil-{i + 1}') for i in range(5)]
            for t in phils: t.start()
            for t in phils: t.join()
            """, """
            ReentrantLock[] forks = new ReentrantLock[5];
            for (int i = 0; i < 5; i++) forks[i] = new ReentrantLock();
            Thread[] phils = new Thread[5];
            for (int n = 0; n < 5; n++) {
                Lock first = forks[n], second = forks[(n + 1) % 5];   // left fork, then right
                phils[n] = new Thread(() -> {
                    first.lock();
                    try {
                        sleep(1000);                                  // think, one fork in hand
                        second.lock();                                // every right fork is someone's left fork
                        try { sleep(1000); } finally { second.unlock(); }   // eat
                    } finally { first.unlock(); }
                }, "phil-" + (n + 1));
            }
            for (Thread t : phils) t.start();
            for (Thread t : phils) t.join();
            """)
            .javaAt("forks = [threading.Lock()", "ReentrantLock[] forks")
            .javaAt("def philosopher(i):", "phils[n] = new Thread(() -> {")
            .javaAt("first, second = forks[i]", "Lock first = forks[n]")
            .javaAt("with first:", "first.lock();")
            .javaAt("time.sleep(1)", 1, "sleep(1000);", 1)
            .javaAt("with second:", "second.lock();")
            .javaAt("time.sleep(1)", 2, "try { sleep(1000); }", 1)
            .javaAt("phils = [threading.Thread(", "}, \"phil-\" + (n + 1));")
            .javaAt("for t in phils: t.start()", "for (Thread t : phils) t.start();")
            .javaAt("for t in phils: t.join()", "for (Thread t : phils) t.join();");

    @Override public String id() { return "dining-philosophers"; }
    @Override public String title() { return "Dining philosophers"; }
    @Override public String summary() { return "Five philosophers each hold a left fork and wait for a right one."; }
    @Override public Topic topic() { return Topic.DEADLOCKS; }
    @Override public int order() { return 7; }
    @Override public Settings defaults() { return new Settings(1, 2, 1000); }
    @Override public Set<Setting> exposed() { return Set.of(Setting.CORES, Setting.UNIT); }
    @Override public Listing listing() { return LISTING; }

    @Override
    public LessonText text() {
        return new LessonText(
                "All five lanes block on a fork held by the next philosopher: a ring of five waits.",
                "How many philosophers must change their habit to break the ring?",
                "Deadlock (lock order): a cycle of five philosophers and five forks.");
    }

    @Override
    public Object run(ScenarioContext ctx) throws Exception {
        return play(ctx, false);
    }

    /** The lesson and its fix: with {@code fixed}, phil-5 picks up its right fork (fork 1) first. */
    static Object play(ScenarioContext ctx, boolean fixed) throws Exception {
        Probe p = ctx.probe();
        List<TracedLock> forks = new ArrayList<>();
        for (int i = 1; i <= SEATS; i++) forks.add(new TracedLock("fork " + i));
        CountDownLatch allHoldOne = new CountDownLatch(SEATS);
        AtomicInteger meals = new AtomicInteger();
        int withFirst = ctx.line("with first:"), think = ctx.line("# think"), withSecond = ctx.line("with second:");
        int eat = ctx.line("# eat");
        List<Thread> phils = new ArrayList<>();
        for (int i = 0; i < SEATS; i++) {
            TracedLock left = forks.get(i), right = forks.get((i + 1) % SEATS);
            boolean swap = fixed && i == SEATS - 1;
            TracedLock first = swap ? right : left, second = swap ? left : right;
            phils.add(ctx.thread("phil-" + (i + 1), () -> {
                p.at(withFirst).lock(first);
                try {
                    if (!fixed) allHoldOne.countDown();
                    p.at(think).sleep(1);
                    // Broken lesson only: everyone holds a fork before anyone reaches, on any machine.
                    if (!fixed) Pacing.holdUntil(p, allHoldOne, 3);
                    p.at(withSecond).lock(second);
                    try {
                        p.at(eat).sleep(1);
                        meals.incrementAndGet();
                    } finally {
                        p.at(withSecond).unlock(second);
                    }
                } finally {
                    p.at(withFirst).unlock(first);
                }
            }));
        }
        p.at(ctx.line("for t in phils: t.start()")).step("start the philosophers");
        phils.forEach(Thread::start);
        int join = ctx.line("for t in phils: t.join()");
        for (Thread t : phils) p.at(join).join(t);
        ctx.log(meals.get() + " meals");
        return Map.of("meals", meals.get());
    }
}
