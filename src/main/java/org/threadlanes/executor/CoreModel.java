package org.threadlanes.executor;

import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Set;

/**
 * A model of the machine's CPU cores: at most {@link #cores()} threads are RUNNING at once; the others that want to
 * run wait in a first-come, first-served ready line. One core is "GIL mode": CPU-bound threads take turns.
 *
 * <p>A thread acquires a core when it starts running and keeps it until it blocks (every blocking probe releases
 * it) or finishes. Long computations are sliced: a thread that has held a core for a quantum while others wait gives
 * it up and goes to the back of the line.
 *
 * <p>Thread-safe; all state is guarded by {@code this}. The core count may change while a run is in progress:
 * raising it wakes waiters, lowering it lets current holders finish their slice.
 */
public final class CoreModel {
    private int cores;                                   // guarded by this
    private final Set<Thread> holders = new HashSet<>(); // guarded by this
    private final ArrayDeque<Thread> line = new ArrayDeque<>(); // guarded by this: the ready line, FIFO

    /** @throws IllegalArgumentException if {@code cores < 1} */
    public CoreModel(int cores) {
        setCores(cores);
    }

    /** A model with as many cores as this machine has. */
    public static CoreModel ofMachine() {
        return new CoreModel(Runtime.getRuntime().availableProcessors());
    }

    public synchronized int cores() {
        return cores;
    }

    /** @throws IllegalArgumentException if {@code n < 1} */
    public synchronized void setCores(int n) {
        if (n < 1) throw new IllegalArgumentException("cores must be at least 1, not " + n);
        cores = n;
        notifyAll();
    }

    /** Threads holding a core right now. */
    public synchronized int busy() {
        return holders.size();
    }

    /** Threads waiting in the ready line. */
    public synchronized int waiting() {
        return line.size();
    }

    public synchronized boolean holds(Thread t) {
        return holders.contains(t);
    }

    /** Takes a core without waiting if one is free and nobody is ahead in line; true if the caller now holds one. */
    public synchronized boolean tryAcquire() {
        Thread me = Thread.currentThread();
        if (holders.contains(me)) return true;
        if (line.isEmpty() && holders.size() < cores) {
            holders.add(me);
            return true;
        }
        return false;
    }

    /** Waits in the ready line for a core. Returns at once if the caller already holds one. */
    public synchronized void acquire() throws InterruptedException {
        Thread me = Thread.currentThread();
        if (holders.contains(me)) return;
        line.addLast(me);
        try {
            while (line.peekFirst() != me || holders.size() >= cores) wait();
        } finally {
            line.remove(me);
            notifyAll(); // the next in line may be able to go too
        }
        holders.add(me);
    }

    /** Gives the caller's core back, if it holds one. */
    public synchronized void release() {
        if (holders.remove(Thread.currentThread())) notifyAll();
    }

    /**
     * Whether a thread in the ready line is about to take a free core: it is parked, but moving (it has been woken
     * and needs only to be scheduled).
     */
    public synchronized boolean admitting() {
        return !line.isEmpty() && holders.size() < cores;
    }

    /** Whether a holder should yield at the end of its slice: someone waits and no core is free. */
    public synchronized boolean contended() {
        return !line.isEmpty() && holders.size() >= cores;
    }
}
