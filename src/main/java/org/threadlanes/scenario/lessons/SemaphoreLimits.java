package org.threadlanes.scenario.lessons;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.threadlanes.executor.NamedCondition;
import org.threadlanes.executor.Probe;
import org.threadlanes.executor.TracedLock;
import org.threadlanes.scenario.Listing;
import org.threadlanes.scenario.Scenario;
import org.threadlanes.scenario.ScenarioContext;
import org.threadlanes.scenario.Settings;
import org.threadlanes.scenario.Timing;
import org.threadlanes.scenario.Topic;

/**
 * Lesson 2.3 (seed 001): a semaphore lets at most K of N threads into a section at once.
 *
 * <p>Teaches: {@code threading.Semaphore(K)} counts free slots; a thread that finds none waits (without a CPU) until
 * one is released. The semaphore here is built the way Python builds it, from a lock and a condition, so a waiting
 * lane shows BLOCKED(CONDITION, "a free slot"). Fixed sizes: K = 2 slots, N = 5 threads, 1 unit inside each.
 *
 * <p>Expect two downloads inside at a time and three waiting, in three waves: about 3 units; result
 * {@code {"permits":2,"maxInside":2}}.
 */
public final class SemaphoreLimits implements Scenario {
    static final int PERMITS = 2, THREADS = 5;

    private static final Listing LISTING = Listing.of("""
            import threading, time

            slots = threading.Semaphore(2)                     # at most 2 threads inside at once
            count_lock = threading.Lock()
            inside = most_inside = 0

            def download(n):
                global inside, most_inside
                with slots:                                    # blocks while 2 others are inside
                    with count_lock:
                        inside += 1
                        most_inside = max(most_inside, inside)
                    time.sleep(1)                              # the limited section: 1 unit
                    with count_lock:
                        inside -= 1

            threads = [threading.Thread(target=download, args=(n,)) for n in range(5)]
            for t in threads: t.start()
            for t in threads: t.join()
            print('most inside at once:', most_inside)
            """, """
            Semaphore slots = new Semaphore(2);                // at most 2 threads inside at once
            AtomicInteger inside = new AtomicInteger(), mostInside = new AtomicInteger();

            Runnable download = () -> {
                slots.acquire();                               // blocks while 2 others are inside
                try {
                    mostInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
                    Thread.sleep(1000);                        // the limited section: 1 unit
                    inside.decrementAndGet();
                } finally {
                    slots.release();
                }
            };
            List<Thread> threads = new ArrayList<>();
            for (int n = 0; n < 5; n++) threads.add(new Thread(download));
            for (Thread t : threads) t.start();
            for (Thread t : threads) t.join();
            System.out.println("most inside at once: " + mostInside);
            """)
            .javaAt("slots = threading.Semaphore(2)", "Semaphore slots =")
            .javaAt("inside = most_inside = 0", "AtomicInteger inside")
            .javaAt("def download(n):", "Runnable download")
            .javaAt("with slots:", "slots.acquire();")
            .javaAt("with count_lock:", 1, "inside.incrementAndGet()", 1)
            .javaAt("inside += 1", "inside.incrementAndGet()")
            .javaAt("most_inside = max(", "inside.incrementAndGet()")
            .javaAt("time.sleep(1)", "Thread.sleep(1000);")
            .javaAt("with count_lock:", 2, "inside.decrementAndGet();", 1)
            .javaAt("inside -= 1", "inside.decrementAndGet();")
            .javaAt("threads = [threading.Thread(", "threads.add(new Thread(download))")
            .javaAt("for t in threads: t.start()", "for (Thread t : threads) t.start();")
            .javaAt("for t in threads: t.join()", "for (Thread t : threads) t.join();")
            .javaAt("print('most inside at once:'", "System.out.println(");

    /** Made by the library, through ServiceLoader. */
    public SemaphoreLimits() {
        Warmup.ensure();
    }

    @Override public String id() { return "semaphore-limits"; }
    @Override public String title() { return "A semaphore: at most K threads inside"; }
    @Override public String summary() { return "Five downloads, two slots: never more than two inside at once."; }
    @Override public Topic topic() { return Topic.SYNCHRONIZATION; }
    @Override public int order() { return 3; }
    @Override public Settings defaults() { return new Settings(1, 2, 1000); }
    @Override public Set<Setting> exposed() { return Set.of(Setting.CORES, Setting.UNIT); }
    @Override public Listing listing() { return LISTING; }

    /** Five 1-unit visits through 2 slots: three waves. */
    @Override
    public List<Timing> timings(Settings settings) {
        return List.of(new Timing(Timing.ELAPSED, 3));
    }

    @Override
    public LessonText text() {
        return new LessonText(
                "Two downloads get a slot and sleep inside; the other three wait for a free slot. Each time one"
                        + " leaves, exactly one waiter gets in.",
                "How long would five downloads take with Semaphore(1)? With Semaphore(5)?",
                "never more than 2 inside at once; three waves, about 3 units.");
    }

    @Override
    public Object run(ScenarioContext ctx) throws Exception {
        Probe p = ctx.probe();
        Slots slots = new Slots(p, PERMITS);
        TracedLock countLock = new TracedLock("count_lock");
        int[] inside = {0}, mostInside = {0}; // guarded by countLock
        int withSlots = ctx.line("with slots:"), sleepLine = ctx.line("time.sleep(1)");
        int countIn = ctx.line("with count_lock:"), countOut = ctx.line("with count_lock:", 2);

        List<Thread> threads = new ArrayList<>();
        for (int n = 0; n < THREADS; n++) {
            threads.add(ctx.thread("download-" + n, () -> {
                slots.acquire(withSlots);
                try {
                    p.at(countIn).lock(countLock);
                    try {
                        inside[0]++;
                        mostInside[0] = Math.max(mostInside[0], inside[0]);
                    } finally {
                        countLock.unlock();
                    }
                    p.at(sleepLine).sleep(1);
                    p.at(countOut).lock(countLock);
                    try {
                        inside[0]--;
                    } finally {
                        countLock.unlock();
                    }
                } finally {
                    slots.release(withSlots);
                }
            }));
        }
        p.at(ctx.line("for t in threads: t.start()")).step("start the threads");
        threads.forEach(Thread::start);
        for (Thread t : threads) p.at(ctx.line("for t in threads: t.join()")).join(t);

        p.at(ctx.line("print('most inside")).step("print");
        int most;
        countLock.lock();
        try {
            most = mostInside[0];
        } finally {
            countLock.unlock();
        }
        ctx.log("most inside at once: " + most);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("permits", PERMITS);
        result.put("maxInside", most);
        return result;
    }

    /**
     * A counting semaphore made, as Python makes {@code threading.Semaphore}, of a lock and a condition, with every
     * wait visible: the lock as BLOCKED(LOCK), a thread waiting for a slot as BLOCKED(CONDITION).
     */
    private static final class Slots {
        private final Probe probe;
        private final TracedLock lock = new TracedLock("slots");
        private final NamedCondition free = lock.newCondition("a free slot");
        private int available; // guarded by lock

        Slots(Probe probe, int permits) {
            this.probe = probe;
            this.available = permits;
        }

        void acquire(int line) throws InterruptedException {
            probe.at(line).lock(lock);
            try {
                while (available == 0) probe.at(line).await(free);
                available--;
            } finally {
                lock.unlock();
            }
        }

        void release(int line) throws InterruptedException {
            // Released even on a reset: a slot must never leak, or a later waiter would wait forever.
            lock.lock();
            try {
                available++;
                free.signal();
            } finally {
                lock.unlock();
            }
            probe.at(line).step("release a slot");
        }
    }
}
