package org.threadlanes.scenario.lessons;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

import org.threadlanes.executor.NamedCondition;
import org.threadlanes.executor.Probe;
import org.threadlanes.executor.TracedLock;
import org.threadlanes.scenario.Listing;
import org.threadlanes.scenario.Scenario;
import org.threadlanes.scenario.ScenarioContext;
import org.threadlanes.scenario.Settings;
import org.threadlanes.scenario.Topic;

/**
 * Deadlocks 9: a consumer waits on a condition after the only signal was sent.
 *
 * <p>Teaches: a signal is not remembered. {@code notify} wakes only threads already waiting; a thread that waits
 * later, without first checking whether what it waits for has happened, waits for ever. There is no cycle at all:
 * every live thread is simply blocked, and nothing is left running that could wake one.
 *
 * <p>Run: {@code run lost-wakeup}; {@code --steps producer,producer,producer} signals first (the deadlock),
 * {@code --steps consumer,consumer,consumer} lets the consumer wait first, and the signal reaches it. Outcome to expect in
 * free run: producer concludes at once, consumer BLOCKED(CONDITION) for good, main BLOCKED(JOIN); a deadlock of kind
 * {@code ALL_BLOCKED}: "main waits for consumer to end; consumer waits for a signal on ready; no thread is left that
 * could wake them." The fix: {@link LostWakeupFixed}.
 */
public final class LostWakeup implements Scenario {
    private static final Listing LISTING = Listing.of("""
            import threading, time

            ready = threading.Condition()

            def consumer():
                time.sleep(1)                  # turns up late
                with ready:
                    ready.wait()               # no check first: the signal came and went
                print('consumed')

            def producer():
                with ready:
                    ready.notify()             # nobody waits yet: the signal is lost

            c = threading.Thread(target=consumer, name='consumer')
            p = threading.Thread(target=producer, name='producer')
            c.start(); p.start()
            c.join(); p.join()
            """, """
            ReentrantLock lock = new ReentrantLock();
            Condition ready = lock.newCondition();
            Thread c = new Thread(() -> {
                sleep(1000);                          // turns up late
                lock.lock();
                try { ready.await(); } finally { lock.unlock(); }   // no check first: the signal came and went
                System.out.println("consumed");
            }, "consumer");
            Thread p = new Thread(() -> {
                lock.lock();
                try { ready.signal(); } finally { lock.unlock(); }  // nobody waits yet: the signal is lost
            }, "producer");
            c.start(); p.start();
            c.join(); p.join();
            """)
            .javaAt("ready = threading.Condition()", "Condition ready =")
            .javaAt("def consumer():", "Thread c = new Thread(() -> {")
            .javaAt("time.sleep(1)", "sleep(1000);")
            .javaAt("with ready:", 1, "lock.lock();", 1)
            .javaAt("ready.wait()", "ready.await()")
            .javaAt("print('consumed')", "println(\"consumed\")")
            .javaAt("def producer():", "Thread p = new Thread(() -> {")
            .javaAt("with ready:", 2, "lock.lock();", 2)
            .javaAt("ready.notify()", "ready.signal()")
            .javaAt("c = threading.Thread(", "}, \"consumer\");")
            .javaAt("p = threading.Thread(", "}, \"producer\");")
            .javaAt("c.start(); p.start()", "c.start(); p.start();")
            .javaAt("c.join(); p.join()", "c.join(); p.join();");

    @Override public String id() { return "lost-wakeup"; }
    @Override public String title() { return "A lost wake-up"; }
    @Override public String summary() { return "The consumer waits on a condition after its only signal was sent."; }
    @Override public Topic topic() { return Topic.DEADLOCKS; }
    @Override public int order() { return 9; }
    @Override public Settings defaults() { return new Settings(1, 2, 1000); }
    @Override public Set<Setting> exposed() { return Set.of(Setting.CORES, Setting.UNIT); }
    @Override public Listing listing() { return LISTING; }

    @Override
    public LessonText text() {
        return new LessonText(
                "The producer signals and concludes before the consumer waits. Then every lane left is blocked.",
                "What should the consumer check before it waits, and why in a loop?",
                "Deadlock (all blocked): consumer waits for a signal that will never come; main waits for consumer.");
    }

    @Override
    public Object run(ScenarioContext ctx) throws Exception {
        return play(ctx, false);
    }

    /** The lesson and its fix: with {@code fixed}, a flag records the event and the consumer waits in a loop on it. */
    static Object play(ScenarioContext ctx, boolean fixed) throws Exception {
        Probe p = ctx.probe();
        TracedLock lock = new TracedLock("ready");
        NamedCondition ready = lock.newCondition("ready");
        boolean[] itemReady = {false}; // guarded by lock
        CountDownLatch signalled = new CountDownLatch(1);
        int withConsumer = ctx.line("with ready:", 1), withProducer = ctx.line("with ready:", 2);
        Thread consumer = ctx.thread("consumer", () -> {
            p.at(ctx.line("time.sleep(1)")).sleep(1);
            // Broken lesson only: the producer's signal comes first on any machine, as the sleep intends.
            if (!fixed) Pacing.holdUntil(p, signalled, 3);
            p.at(withConsumer).lock(lock);
            try {
                if (fixed) {
                    int check = ctx.line("while not item_ready:");
                    while (true) {
                        p.at(check).step("check item_ready");
                        if (itemReady[0]) break;
                        p.at(ctx.line("ready.wait()")).await(ready);
                    }
                } else {
                    p.at(ctx.line("ready.wait()")).await(ready);
                }
            } finally {
                p.at(withConsumer).unlock(lock);
            }
            p.at(ctx.line("print('consumed')")).step("print 'consumed'");
            ctx.log("consumed");
        });
        Thread producer = ctx.thread("producer", () -> {
            p.at(withProducer).lock(lock);
            try {
                if (fixed) {
                    p.at(ctx.line("item_ready = True")).step("item_ready = True");
                    itemReady[0] = true;
                }
                p.at(ctx.line("ready.notify()")).signal(ready);
                signalled.countDown();
            } finally {
                p.at(withProducer).unlock(lock);
            }
        });
        p.at(ctx.line("c.start()")).step("start consumer and producer");
        consumer.start();
        producer.start();
        int join = ctx.line("c.join()");
        p.at(join).join(consumer);
        p.at(join).join(producer);
        return Map.of("consumed", true);
    }
}
