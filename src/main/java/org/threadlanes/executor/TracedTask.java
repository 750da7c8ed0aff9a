package org.threadlanes.executor;

/** A task that an instrumented pool numbered and labelled: its lane shows the label while it runs. */
public interface TracedTask {
    /** The id its events carry, unique within the recorder; 1 and up. */
    long taskId();

    /** A short label such as {@code loiter(2)}. */
    String label();
}
