package org.threadlanes.executor;

import java.util.concurrent.locks.ReentrantLock;

/**
 * A real {@link ReentrantLock} with a name and a visible owner, so that a blocked lane can say "lock A held by
 * worker-2" and the wait-for graph can draw the edge.
 */
public class TracedLock extends ReentrantLock {
    private static final long serialVersionUID = 1L;
    private final String name;

    public TracedLock(String name) {
        this(name, false);
    }

    public TracedLock(String name, boolean fair) {
        super(fair);
        this.name = name;
    }

    public String name() {
        return name;
    }

    /** The thread holding the lock, or {@code null}. */
    public Thread owner() {
        return getOwner();
    }

    /** A named condition of this lock. */
    public NamedCondition newCondition(String conditionName) {
        return new NamedCondition(conditionName, this, super.newCondition());
    }

    /** How many threads wait on {@code condition} (a condition of this lock); the caller must hold the lock. */
    public int waitingOn(NamedCondition condition) {
        return getWaitQueueLength(condition.delegate());
    }

    @Override
    public String toString() {
        return name;
    }
}
