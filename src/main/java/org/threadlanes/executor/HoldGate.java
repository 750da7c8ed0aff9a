package org.threadlanes.executor;

import org.threadlanes.trace.ThreadRef;

/**
 * A gate that stops every thread at its next probe until released: what Pause installs. Threads waiting here show
 * READY with their pending action.
 */
public final class HoldGate implements StepGate {
    private boolean released; // guarded by this

    @Override
    public synchronized void pass(ThreadRef thread, String action, int line) throws InterruptedException {
        while (!released) wait();
    }

    /** Lets every held thread go, now and for good. */
    public synchronized void release() {
        released = true;
        notifyAll();
    }
}
