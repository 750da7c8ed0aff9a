package org.threadlanes.scenario.lessons;

import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.HashMap;

import org.threadlanes.executor.NamedCondition;
import org.threadlanes.executor.Probe;
import org.threadlanes.executor.TracedLock;
import org.threadlanes.scenario.Listing;
import org.threadlanes.scenario.Scenario;
import org.threadlanes.scenario.ScenarioContext;
import org.threadlanes.scenario.Settings;
import org.threadlanes.scenario.Topic;

/**
 * Lesson 2.1 (seed 000): four consumers wait on a condition until a producer fills a shared queue and wakes them all.
 *
 * <p>Teaches: {@code Condition.wait} blocks without using a CPU and releases the lock; {@code notify_all} wakes every
 * waiter, and they then take turns for the lock. Expect four consumer lanes BLOCKED(CONDITION) until the producer
 * signals, then each RUNNING one after another; result {@code {"3":2,"10":55,"5":5,"7":13}}.
 */
public final class FibonacciCondition implements Scenario {
    static final List<Integer> INPUTS = List.of(3, 10, 5, 7);

    private static final Listing LISTING = Listing.of("""
            import threading
            from queue import Queue

            fibo = {}
            shared_queue = Queue()
            inputs = [3, 10, 5, 7]
            ready = threading.Condition()

            def fibonacci_task(cond):
                with cond:
                    while shared_queue.empty():
                        cond.wait()              # blocked: nothing to do yet
                    value = shared_queue.get()
                    a, b = 0, 1
                    for _ in range(value):
                        a, b = b, a + b
                    fibo[value] = a

            def queue_task(cond):
                time.sleep(1)                    # prepare the data
                with cond:
                    for item in inputs:
                        shared_queue.put(item)
                    cond.notify_all()            # wake every consumer

            consumers = [threading.Thread(target=fibonacci_task, args=(ready,)) for _ in range(4)]
            [t.start() for t in consumers]
            producer = threading.Thread(name='producer', target=queue_task, args=(ready,))
            producer.start()
            [t.join() for t in consumers]
            print(fibo)
            """, """
            Map<Integer, Long> fibo = new ConcurrentHashMap<>();
            Queue<Integer> shared = new ArrayDeque<>();
            ReentrantLock lock = new ReentrantLock();
            Condition ready = lock.newCondition();

            Runnable fibonacciTask = () -> {
                lock.lock();
                try {
                    while (shared.isEmpty()) ready.await();   // blocked: nothing to do yet
                    int value = shared.remove();
                    long a = 0, b = 1;
                    for (int i = 0; i < value; i++) { long t = a + b; a = b; b = t; }
                    fibo.put(value, a);
                } finally { lock.unlock(); }
            };
            Runnable queueTask = () -> {
                Thread.sleep(1000);                            // prepare the data
                lock.lock();
                try {
                    shared.addAll(List.of(3, 10, 5, 7));
                    ready.signalAll();                         // wake every consumer
                } finally { lock.unlock(); }
            };

            List<Thread> consumers = new ArrayList<>();
            for (int i = 0; i < 4; i++) consumers.add(new Thread(fibonacciTask));
            consumers.forEach(Thread::start);
            Thread producer = new Thread(queueTask, "producer");
            producer.start();
            for (Thread t : consumers) t.join();
            System.out.println(fibo);
            """)
            .javaAt("fibo = {}", "Map<Integer, Long> fibo")
            .javaAt("shared_queue = Queue()", "Queue<Integer> shared")
            .javaAt("ready = threading.Condition()", "Condition ready =")
            .javaAt("def fibonacci_task(cond):", "Runnable fibonacciTask")
            .javaAt("with cond:", 1, "lock.lock();", 1)
            .javaAt("while shared_queue.empty():", "while (shared.isEmpty())")
            .javaAt("cond.wait()", "ready.await();")
            .javaAt("value = shared_queue.get()", "int value = shared.remove();")
            .javaAt("a, b = 0, 1", "long a = 0, b = 1;")
            .javaAt("for _ in range(value):", "for (int i = 0; i < value; i++)")
            .javaAt("a, b = b, a + b", "for (int i = 0; i < value; i++)")
            .javaAt("fibo[value] = a", "fibo.put(value, a);")
            .javaAt("def queue_task(cond):", "Runnable queueTask")
            .javaAt("time.sleep(1)", "Thread.sleep(1000);")
            .javaAt("with cond:", 2, "lock.lock();", 2)
            .javaAt("for item in inputs:", "shared.addAll(")
            .javaAt("shared_queue.put(item)", "shared.addAll(")
            .javaAt("cond.notify_all()", "ready.signalAll();")
            .javaAt("consumers = [threading.Thread(", "consumers.add(new Thread(fibonacciTask))")
            .javaAt("[t.start() for t in consumers]", "consumers.forEach(Thread::start);")
            .javaAt("producer = threading.Thread(", "Thread producer = new Thread(")
            .javaAt("producer.start()", "producer.start();")
            .javaAt("[t.join() for t in consumers]", "for (Thread t : consumers) t.join();")
            .javaAt("print(fibo)", "System.out.println(fibo);");

    @Override public String id() { return "fibonacci-condition"; }
    @Override public String title() { return "Fibonacci terms fed through a Condition"; }
    @Override public String summary() { return "Four consumers wait on a condition until a producer signals all."; }
    @Override public Topic topic() { return Topic.SYNCHRONIZATION; }
    @Override public int order() { return 1; }
    @Override public Settings defaults() { return new Settings(4, 2, 1000); }
    @Override public Set<Setting> exposed() { return Set.of(Setting.CORES, Setting.UNIT); }
    @Override public Listing listing() { return LISTING; }

    @Override
    public LessonText text() {
        return new LessonText(
                "All four consumers block on the condition (not on a CPU) until the producer calls notify_all; then"
                        + " they take the lock one at a time.",
                "After notify_all, why do the consumers not all run at once?",
                "fibo = {3: 2, 10: 55, 5: 5, 7: 13}");
    }

    @Override
    public Object run(ScenarioContext ctx) throws Exception {
        Probe p = ctx.probe();
        TracedLock lock = new TracedLock("ready");
        NamedCondition ready = lock.newCondition("ready");
        Queue<Integer> shared = new ArrayDeque<>();       // guarded by lock
        Map<Integer, Long> fibo = new HashMap<>();         // guarded by lock
        int withCond = ctx.line("    with cond:");

        List<Thread> consumers = new ArrayList<>();
        for (int i = 1; i <= INPUTS.size(); i++) {
            consumers.add(ctx.thread("consumer-" + i, () -> {
                p.at(withCond).lock(lock);
                try {
                    while (shared.isEmpty()) {
                        p.at(ctx.line("cond.wait()")).await(ready);
                    }
                    p.at(ctx.line("value = shared_queue.get()")).step("get a value");
                    int value = shared.remove();
                    long a = 0, b = 1;
                    for (int k = 0; k < value; k++) {
                        long t = a + b;
                        a = b;
                        b = t;
                    }
                    p.at(ctx.line("fibo[value] = a")).compute(0.5);
                    fibo.put(value, a);
                } finally {
                    lock.unlock();
                }
            }));
        }
        Thread producer = ctx.thread("producer", () -> {
            p.at(ctx.line("time.sleep(1)")).sleep(1);
            p.at(ctx.line("with cond:", 2)).lock(lock);
            try {
                p.at(ctx.line("shared_queue.put(item)")).step("put the inputs");
                shared.addAll(INPUTS);
                p.at(ctx.line("cond.notify_all()")).signalAll(ready);
            } finally {
                lock.unlock();
            }
        });

        p.at(ctx.line("[t.start() for t in consumers]")).step("start consumers");
        consumers.forEach(Thread::start);
        awaitAllWaiting(lock, ready, consumers.size());
        p.at(ctx.line("producer.start()")).step("start producer");
        producer.start();
        for (Thread t : consumers) p.at(ctx.line("[t.join() for t in consumers]")).join(t);
        p.at(ctx.line("print(fibo)")).step("print");
        Map<String, Object> result = new LinkedHashMap<>();
        for (int v : INPUTS) result.put(Integer.toString(v), fibo.get(v)); // safe: every consumer was joined
        ctx.log("fibo = " + result);
        return result;
    }

    /**
     * Holds the producer back until every consumer waits on the condition, so the lesson's figure (all four blocked
     * before the signal) does not depend on the machine's speed. Not part of the listing: the course relies on the
     * producer's one-unit head start.
     */
    private static void awaitAllWaiting(TracedLock lock, NamedCondition ready, int n) throws InterruptedException {
        while (true) {
            lock.lockInterruptibly();
            try {
                if (lock.waitingOn(ready) >= n) return;
            } finally {
                lock.unlock();
            }
            Thread.sleep(1);
        }
    }
}
