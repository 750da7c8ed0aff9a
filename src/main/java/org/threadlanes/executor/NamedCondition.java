package org.threadlanes.executor;

import java.util.Date;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;

/** A real {@link Condition} with a name and its lock, for lanes that say what a thread waits on. */
public final class NamedCondition implements Condition {
    private final String name;
    private final Lock lock;
    private final Condition delegate;

    public NamedCondition(String name, Lock lock, Condition delegate) {
        this.name = Objects.requireNonNull(name);
        this.lock = Objects.requireNonNull(lock);
        this.delegate = Objects.requireNonNull(delegate);
    }

    public String name() {
        return name;
    }

    Condition delegate() {
        return delegate;
    }

    public Lock lock() {
        return lock;
    }

    @Override public void await() throws InterruptedException { delegate.await(); }
    @Override public void awaitUninterruptibly() { delegate.awaitUninterruptibly(); }
    @Override public long awaitNanos(long nanos) throws InterruptedException { return delegate.awaitNanos(nanos); }
    @Override public boolean await(long time, TimeUnit unit) throws InterruptedException { return delegate.await(time, unit); }
    @Override public boolean awaitUntil(Date deadline) throws InterruptedException { return delegate.awaitUntil(deadline); }
    @Override public void signal() { delegate.signal(); }
    @Override public void signalAll() { delegate.signalAll(); }

    @Override
    public String toString() {
        return name;
    }
}
