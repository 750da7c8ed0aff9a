package org.threadlanes.scenario.lessons;

import java.util.Set;

import org.threadlanes.scenario.Listing;
import org.threadlanes.scenario.Scenario;
import org.threadlanes.scenario.ScenarioContext;
import org.threadlanes.scenario.Settings;
import org.threadlanes.scenario.Topic;

/**
 * Deadlocks 6, the fix of {@link LockOrdering}: one global lock order, A before B, for every thread.
 *
 * <p>Teaches: if every thread takes locks in the same order, no thread can hold a later lock while waiting for an
 * earlier one, so no cycle can form, whatever the interleaving.
 *
 * <p>Run: {@code run lock-ordering-fixed}. Outcome to expect: t2 BLOCKED(LOCK, A held by t1) while t1 works, then
 * t2 runs; result {@code {"moved":2}}; no deadlock under any step order.
 */
public final class LockOrderingFixed implements Scenario {
    private static final Listing LISTING = Listing.of("""
            import threading, time

            A = threading.Lock()
            B = threading.Lock()

            def transfer(first, second):
                with first:
                    time.sleep(1)              # hold the first lock a while
                    with second:
                        print('moved')

            t1 = threading.Thread(target=transfer, args=(A, B), name='t1')
            t2 = threading.Thread(target=transfer, args=(A, B), name='t2')  # one order for all: A, then B
            t1.start(); t2.start()
            t1.join(); t2.join()
            """, """
            ReentrantLock a = new ReentrantLock(), b = new ReentrantLock();
            BiConsumer<Lock, Lock> transfer = (first, second) -> {
                first.lock();
                try {
                    sleep(1000);
                    second.lock();
                    try { System.out.println("moved"); } finally { second.unlock(); }
                } finally { first.unlock(); }
            };
            Thread t1 = new Thread(() -> transfer.accept(a, b), "t1");
            Thread t2 = new Thread(() -> transfer.accept(a, b), "t2");  // one order for all: A, then B
            t1.start(); t2.start();
            t1.join(); t2.join();
            """)
            .javaAt("A = threading.Lock()", "ReentrantLock a =")
            .javaAt("B = threading.Lock()", "ReentrantLock a =")
            .javaAt("def transfer(first, second):", "BiConsumer<Lock, Lock> transfer")
            .javaAt("with first:", "first.lock();")
            .javaAt("time.sleep(1)", "sleep(1000);")
            .javaAt("with second:", "second.lock();")
            .javaAt("print('moved')", "println(\"moved\")")
            .javaAt("t1 = threading.Thread(", "Thread t1 =")
            .javaAt("t2 = threading.Thread(", "Thread t2 =")
            .javaAt("t1.start(); t2.start()", "t1.start(); t2.start();")
            .javaAt("t1.join(); t2.join()", "t1.join(); t2.join();");

    @Override public String id() { return "lock-ordering-fixed"; }
    @Override public String title() { return "Locks taken in one global order (fixed)"; }
    @Override public String summary() { return "Both threads take A, then B."; }
    @Override public Topic topic() { return Topic.DEADLOCKS; }
    @Override public int order() { return 6; }
    @Override public Settings defaults() { return new Settings(1, 2, 1000); }
    @Override public Set<Setting> exposed() { return Set.of(Setting.CORES, Setting.UNIT); }
    @Override public Listing listing() { return LISTING; }

    @Override
    public LessonText text() {
        return new LessonText(
                "t2 now waits for A, which t1 takes first; t1 never waits for anything t2 holds.",
                "Can any step order make this version deadlock?",
                "{\"moved\": 2}; no deadlock.");
    }

    @Override
    public Object run(ScenarioContext ctx) throws Exception {
        return LockOrdering.play(ctx, true);
    }
}
