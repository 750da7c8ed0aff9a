package org.threadlanes.executor;

import org.threadlanes.trace.ThreadRef;

/** Cached {@link ThreadRef}s for live threads, so the hot path does not allocate one per event. */
public final class ThreadRefs {
    /** Roles that lanes and analyses understand. */
    public static final String MAIN = "main", WORKER = "worker", THREAD = "thread";

    private static final ThreadLocal<ThreadRef> CURRENT = new ThreadLocal<>();

    private ThreadRefs() {
    }

    /** The calling thread's ref; {@code role} applies only the first time the thread is seen. */
    public static ThreadRef current(String role) {
        ThreadRef ref = CURRENT.get();
        if (ref == null) {
            ref = ThreadRef.of(Thread.currentThread(), role);
            CURRENT.set(ref);
        }
        return ref;
    }

    /** The calling thread's ref, with role {@value #THREAD} if it has none yet. */
    public static ThreadRef current() {
        return current(THREAD);
    }

    /** Fixes the calling thread's role, for threads that start their own lane (a scenario's main thread). */
    public static ThreadRef bindCurrent(String role) {
        ThreadRef ref = ThreadRef.of(Thread.currentThread(), role);
        CURRENT.set(ref);
        return ref;
    }
}
