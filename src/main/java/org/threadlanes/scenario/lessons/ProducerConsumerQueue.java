package org.threadlanes.scenario.lessons;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

import org.threadlanes.executor.Probe;
import org.threadlanes.scenario.Listing;
import org.threadlanes.scenario.Scenario;
import org.threadlanes.scenario.ScenarioContext;
import org.threadlanes.scenario.Settings;
import org.threadlanes.scenario.Timing;
import org.threadlanes.scenario.Topic;

/**
 * Lesson 2.2 (seeds 000, 001): producers and consumers joined by a bounded queue.
 *
 * <p>Teaches: a bounded {@code queue.Queue} is both the hand-over and the brake. Consumers block on {@code get}
 * while it is empty; producers, which make an item in a quarter unit while a consumer needs a whole unit to use one,
 * soon block on {@code put} because it is full. One stop sign per consumer ends them. Fixed sizes: 2 producers of 5
 * items each, 2 consumers, capacity 2.
 *
 * <p>Expect both consumers BLOCKED(QUEUE, empty) at the start, then the producers BLOCKED(QUEUE, full) most of the
 * time; about 5.25 units; result {@code {"produced":10,"consumed":10}}.
 */
public final class ProducerConsumerQueue implements Scenario {
    static final int PRODUCERS = 2, CONSUMERS = 2, ITEMS_EACH = 5, CAPACITY = 2;
    /** The stop sign (Python's None): a queue of integers cannot hold null. */
    private static final int DONE = -1;

    private static final Listing LISTING = Listing.of("""
            import threading, queue, time

            q = queue.Queue(maxsize=2)                         # bounded: put blocks while it is full
            DONE = None                                        # the stop sign
            produced, consumed = [], []

            def producer(items):
                for item in items:
                    time.sleep(0.25)                           # make the item
                    q.put(item)                                # blocks while the queue is full
                    produced.append(item)

            def consumer():
                while True:
                    item = q.get()                             # blocks while the queue is empty
                    if item is DONE:
                        break
                    time.sleep(1)                              # use the item: slower than making it
                    consumed.append(item)

            consumers = [threading.Thread(target=consumer) for _ in range(2)]
            producers = [threading.Thread(target=producer, args=(range(p * 5, p * 5 + 5),)) for p in range(2)]
            for t in consumers + producers: t.start()
            for t in producers: t.join()
            for _ in consumers: q.put(DONE)                    # one stop sign per consumer
            for t in consumers: t.join()
            print(len(produced), 'produced,', len(consumed), 'consumed')
            """, """
            BlockingQueue<Integer> q = new ArrayBlockingQueue<>(2);  // bounded: put blocks while it is full
            final Integer DONE = -1;                                 // the stop sign
            AtomicInteger produced = new AtomicInteger(), consumed = new AtomicInteger();

            IntFunction<Runnable> producer = p -> () -> {
                for (int item = p * 5; item < p * 5 + 5; item++) {
                    Thread.sleep(250);                               // make the item
                    q.put(item);                                     // blocks while the queue is full
                    produced.incrementAndGet();
                }
            };
            Runnable consumer = () -> {
                while (true) {
                    Integer item = q.take();                         // blocks while the queue is empty
                    if (item.equals(DONE)) break;
                    Thread.sleep(1000);                              // use the item
                    consumed.incrementAndGet();
                }
            };
            List<Thread> consumers = List.of(new Thread(consumer), new Thread(consumer));
            List<Thread> producers = List.of(new Thread(producer.apply(0)), new Thread(producer.apply(1)));
            for (Thread t : consumers) t.start();
            for (Thread t : producers) t.start();
            for (Thread t : producers) t.join();
            for (Thread t : consumers) q.put(DONE);                  // one stop sign per consumer
            for (Thread t : consumers) t.join();
            System.out.println(produced + " produced, " + consumed + " consumed");
            """)
            .javaAt("q = queue.Queue(maxsize=2)", "BlockingQueue<Integer> q")
            .javaAt("DONE = None", "final Integer DONE")
            .javaAt("produced, consumed = [], []", "AtomicInteger produced")
            .javaAt("def producer(items):", "IntFunction<Runnable> producer")
            .javaAt("for item in items:", "for (int item = p * 5;")
            .javaAt("time.sleep(0.25)", "Thread.sleep(250);")
            .javaAt("q.put(item)", "q.put(item);")
            .javaAt("produced.append(item)", "produced.incrementAndGet();")
            .javaAt("def consumer():", "Runnable consumer")
            .javaAt("while True:", "while (true)")
            .javaAt("item = q.get()", "q.take();")
            .javaAt("if item is DONE:", "if (item.equals(DONE))")
            .javaAt("break", "if (item.equals(DONE))")
            .javaAt("time.sleep(1)", "Thread.sleep(1000);")
            .javaAt("consumed.append(item)", "consumed.incrementAndGet();")
            .javaAt("consumers = [threading.Thread(", "List<Thread> consumers =")
            .javaAt("producers = [threading.Thread(", "List<Thread> producers =")
            .javaAt("for t in consumers + producers: t.start()", "for (Thread t : consumers) t.start();")
            .javaAt("for t in producers: t.join()", "for (Thread t : producers) t.join();")
            .javaAt("for _ in consumers: q.put(DONE)", "q.put(DONE);")
            .javaAt("for t in consumers: t.join()", "for (Thread t : consumers) t.join();")
            .javaAt("print(len(produced)", "System.out.println(produced");

    /** Made by the library, through ServiceLoader. */
    public ProducerConsumerQueue() {
        Warmup.ensure();
    }

    @Override public String id() { return "producer-consumer-queue"; }
    @Override public String title() { return "Producers and consumers on a bounded queue"; }
    @Override public String summary() { return "put blocks while the queue is full, get while it is empty."; }
    @Override public Topic topic() { return Topic.SYNCHRONIZATION; }
    @Override public int order() { return 2; }
    @Override public Settings defaults() { return new Settings(1, 2, 1000); }
    @Override public Set<Setting> exposed() { return Set.of(Setting.CORES, Setting.UNIT); }
    @Override public Listing listing() { return LISTING; }

    /** The consumers set the pace once the queue is full: the last item is taken at about 5.25. */
    @Override
    public List<Timing> timings(Settings settings) {
        return List.of(new Timing(Timing.ELAPSED, 5.25));
    }

    @Override
    public LessonText text() {
        return new LessonText(
                "At first the consumers wait on an empty queue. Soon the queue is full and the fast producers"
                        + " wait on put instead: the slow consumers set the pace.",
                "What would happen to memory if the queue had no maxsize and the producers never stopped?",
                "10 produced, 10 consumed; producers blocked on a full queue most of the time.");
    }

    @Override
    public Object run(ScenarioContext ctx) throws Exception {
        Probe p = ctx.probe();
        BlockingQueue<Integer> q = p.name(new ArrayBlockingQueue<>(CAPACITY), "q");
        AtomicInteger produced = new AtomicInteger(), consumed = new AtomicInteger();
        int makeLine = ctx.line("time.sleep(0.25)"), putLine = ctx.line("q.put(item)"),
                producedLine = ctx.line("produced.append(item)");
        int getLine = ctx.line("item = q.get()"), doneLine = ctx.line("if item is DONE"),
                useLine = ctx.line("time.sleep(1)"), consumedLine = ctx.line("consumed.append(item)");

        List<Thread> consumers = new ArrayList<>();
        for (int c = 1; c <= CONSUMERS; c++) {
            consumers.add(ctx.thread("consumer-" + c, () -> {
                while (true) {
                    int item = p.at(getLine).take(q);
                    p.at(doneLine).step("is it DONE?");
                    if (item == DONE) break;
                    p.at(useLine).sleep(1);
                    p.at(consumedLine).step("consumed.append");
                    consumed.incrementAndGet();
                }
            }));
        }
        List<Thread> producers = new ArrayList<>();
        for (int k = 0; k < PRODUCERS; k++) {
            int first = k * ITEMS_EACH;
            producers.add(ctx.thread("producer-" + (k + 1), () -> {
                for (int item = first; item < first + ITEMS_EACH; item++) {
                    p.at(makeLine).sleep(0.25);
                    p.at(putLine).put(q, item);
                    p.at(producedLine).step("produced.append");
                    produced.incrementAndGet();
                }
            }));
        }

        p.at(ctx.line("for t in consumers + producers: t.start()")).step("start the threads");
        consumers.forEach(Thread::start);
        producers.forEach(Thread::start);
        for (Thread t : producers) p.at(ctx.line("for t in producers: t.join()")).join(t);
        for (int i = 0; i < CONSUMERS; i++) p.at(ctx.line("q.put(DONE)")).put(q, DONE);
        for (Thread t : consumers) p.at(ctx.line("for t in consumers: t.join()")).join(t);

        p.at(ctx.line("print(len(produced)")).step("print");
        ctx.log(produced.get() + " produced, " + consumed.get() + " consumed");
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("produced", produced.get());
        result.put("consumed", consumed.get());
        return result;
    }
}
