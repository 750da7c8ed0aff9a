package org.threadlanes.scenario.lessons;

import java.util.Set;

import org.threadlanes.scenario.Listing;
import org.threadlanes.scenario.Scenario;
import org.threadlanes.scenario.ScenarioContext;
import org.threadlanes.scenario.Settings;
import org.threadlanes.scenario.Topic;

/**
 * Deadlocks 10, the fix of {@link LostWakeup}: wait in a loop on a predicate.
 *
 * <p>Teaches: the state change (item_ready) outlives the signal. A consumer that checks it before waiting never
 * waits for something that has already happened, and checking again after each wake-up also covers spurious
 * wake-ups and signals meant for someone else.
 *
 * <p>Run: {@code run lost-wakeup-fixed}. Outcome to expect: the producer sets the flag and signals; the consumer
 * sees the flag and never waits; result {@code {"consumed":true}}; no deadlock, in any step order.
 */
public final class LostWakeupFixed implements Scenario {
    private static final Listing LISTING = Listing.of("""
            import threading, time

            ready = threading.Condition()
            item_ready = False

            def consumer():
                time.sleep(1)                  # turns up late
                with ready:
                    while not item_ready:      # check first, and again after every wake-up
                        ready.wait()
                print('consumed')

            def producer():
                global item_ready
                with ready:
                    item_ready = True          # the state outlives the signal
                    ready.notify()

            c = threading.Thread(target=consumer, name='consumer')
            p = threading.Thread(target=producer, name='producer')
            c.start(); p.start()
            c.join(); p.join()
            """, """
            ReentrantLock lock = new ReentrantLock();
            Condition ready = lock.newCondition();
            boolean[] itemReady = {false};            // guarded by lock
            Thread c = new Thread(() -> {
                sleep(1000);                          // turns up late
                lock.lock();
                try { while (!itemReady[0]) ready.await(); }   // check first, and after every wake-up
                finally { lock.unlock(); }
                System.out.println("consumed");
            }, "consumer");
            Thread p = new Thread(() -> {
                lock.lock();
                try { itemReady[0] = true; ready.signal(); }   // the state outlives the signal
                finally { lock.unlock(); }
            }, "producer");
            c.start(); p.start();
            c.join(); p.join();
            """)
            .javaAt("item_ready = False", "boolean[] itemReady")
            .javaAt("ready = threading.Condition()", "Condition ready =")
            .javaAt("def consumer():", "Thread c = new Thread(() -> {")
            .javaAt("time.sleep(1)", "sleep(1000);")
            .javaAt("with ready:", 1, "lock.lock();", 1)
            .javaAt("while not item_ready:", "while (!itemReady[0])")
            .javaAt("ready.wait()", "ready.await()")
            .javaAt("item_ready = True", "itemReady[0] = true;")
            .javaAt("print('consumed')", "println(\"consumed\")")
            .javaAt("def producer():", "Thread p = new Thread(() -> {")
            .javaAt("with ready:", 2, "lock.lock();", 2)
            .javaAt("ready.notify()", "ready.signal()")
            .javaAt("c = threading.Thread(", "}, \"consumer\");")
            .javaAt("p = threading.Thread(", "}, \"producer\");")
            .javaAt("c.start(); p.start()", "c.start(); p.start();")
            .javaAt("c.join(); p.join()", "c.join(); p.join();");

    @Override public String id() { return "lost-wakeup-fixed"; }
    @Override public String title() { return "Waiting in a loop on a predicate (fixed)"; }
    @Override public String summary() { return "The consumer checks item_ready before it waits, and after."; }
    @Override public Topic topic() { return Topic.DEADLOCKS; }
    @Override public int order() { return 10; }
    @Override public Settings defaults() { return new Settings(1, 2, 1000); }
    @Override public Set<Setting> exposed() { return Set.of(Setting.CORES, Setting.UNIT); }
    @Override public Listing listing() { return LISTING; }

    @Override
    public LessonText text() {
        return new LessonText(
                "The producer still signals before the consumer arrives, but the consumer finds item_ready set.",
                "Why a while loop and not an if?",
                "{\"consumed\": true}; no deadlock.");
    }

    @Override
    public Object run(ScenarioContext ctx) throws Exception {
        return LostWakeup.play(ctx, true);
    }
}
