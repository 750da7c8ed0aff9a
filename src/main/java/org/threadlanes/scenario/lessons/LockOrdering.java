package org.threadlanes.scenario.lessons;

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
 * Deadlocks 5: two threads take locks A and B in opposite orders.
 *
 * <p>Teaches: the classic lock-order deadlock. t1 holds A and wants B while t2 holds B and wants A; neither lets
 * go. Step mode shows it is a matter of interleaving: step t1 through both locks before t2 starts and it completes.
 *
 * <p>Run: {@code run lock-ordering}; or {@code run lock-ordering --steps t1,t2} (deadlock) versus
 * {@code --steps t1,t1,t1} (t1 gets both locks first: completes). Outcome to expect in free run: both threads
 * BLOCKED(LOCK), a deadlock of kind {@code LOCK}: "Deadlock (lock order): t1 holds A and waits for B, held by t2;
 * t2 holds B and waits for A, held by t1." The fix: {@link LockOrderingFixed}.
 */
public final class LockOrdering implements Scenario {
    private static final Listing LISTING = Listing.of("""
            import threading, time

            A = threading.Lock()
            B = threading.Lock()

            def transfer(first, second):
                with first:
                    time.sleep(1)              # hold the first lock a while
                    with second:               # t1 wants B while t2 holds it, and t2 wants A
                        print('moved')

            t1 = threading.Thread(target=transfer, args=(A, B), name='t1')
            t2 = threading.Thread(target=transfer, args=(B, A), name='t2')
            t1.start(); t2.start()
            t1.join(); t2.join()
            """, """
            ReentrantLock a = new ReentrantLock(), b = new ReentrantLock();
            BiConsumer<Lock, Lock> transfer = (first, second) -> {
                first.lock();
                try {
                    sleep(1000);                 // hold the first lock a while
                    second.lock();               // t1 wants B while t2 holds it, and t2 wants A
                    try { System.out.println("moved"); } finally { second.unlock(); }
                } finally { first.unlock(); }
            };
            Thread t1 = new Thread(() -> transfer.accept(a, b), "t1");
            Thread t2 = new Thread(() -> transfer.accept(b, a), "t2");
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

    @Override public String id() { return "lock-ordering"; }
    @Override public String title() { return "Locks taken in opposite orders"; }
    @Override public String summary() { return "t1 takes A then B, t2 takes B then A."; }
    @Override public Topic topic() { return Topic.DEADLOCKS; }
    @Override public int order() { return 5; }
    @Override public Settings defaults() { return new Settings(1, 2, 1000); }
    @Override public Set<Setting> exposed() { return Set.of(Setting.CORES, Setting.UNIT); }
    @Override public Listing listing() { return LISTING; }

    @Override
    public LessonText text() {
        return new LessonText(
                "Each thread takes its first lock, sleeps, and reaches for the other's lock.",
                "In step mode, find an order of steps that lets both threads finish.",
                "Deadlock (lock order): t1 holds A and waits for B; t2 holds B and waits for A.");
    }

    @Override
    public Object run(ScenarioContext ctx) throws Exception {
        return play(ctx, false);
    }

    /** The lesson and its fix: with {@code fixed}, both threads take A before B. */
    static Object play(ScenarioContext ctx, boolean fixed) throws Exception {
        Probe p = ctx.probe();
        TracedLock a = new TracedLock("A"), b = new TracedLock("B");
        CountDownLatch firstHeld = new CountDownLatch(2);
        AtomicInteger moved = new AtomicInteger();
        Thread t1 = ctx.thread("t1", () -> transfer(ctx, a, b, fixed ? null : firstHeld, moved));
        Thread t2 = ctx.thread("t2", () -> {
            if (fixed) transfer(ctx, a, b, null, moved);
            else transfer(ctx, b, a, firstHeld, moved);
        });
        p.at(ctx.line("t1.start()")).step("start t1 and t2");
        t1.start();
        t2.start();
        int join = ctx.line("t1.join()");
        p.at(join).join(t1);
        p.at(join).join(t2);
        ctx.log("moved " + moved.get() + " times");
        return Map.of("moved", moved.get());
    }

    /** One thread's transfer; {@code firstHeld} (broken lesson only) paces it so that the race goes the same way. */
    private static void transfer(ScenarioContext ctx, TracedLock first, TracedLock second, CountDownLatch firstHeld,
                                 AtomicInteger moved) throws InterruptedException {
        Probe p = ctx.probe();
        int withFirst = ctx.line("with first:"), withSecond = ctx.line("with second:");
        p.at(withFirst).lock(first);
        try {
            if (firstHeld != null) firstHeld.countDown();
            p.at(ctx.line("time.sleep(1)")).sleep(1);
            if (firstHeld != null) Pacing.holdUntil(p, firstHeld, 3);
            p.at(withSecond).lock(second);
            try {
                p.at(ctx.line("print('moved')")).step("print 'moved'");
                moved.incrementAndGet();
            } finally {
                p.at(withSecond).unlock(second);
            }
        } finally {
            p.at(withFirst).unlock(first);
        }
    }
}
