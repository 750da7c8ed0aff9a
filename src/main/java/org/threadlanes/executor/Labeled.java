package org.threadlanes.executor;

import java.util.Objects;
import java.util.concurrent.Callable;

/**
 * A callable with a label. Submitting one to an {@link InstrumentedExecutor} makes its lane show the label.
 *
 * <pre>{@code pool.submit(Labeled.of("loiter(2)", () -> loiter(2)));}</pre>
 */
public interface Labeled<V> extends Callable<V> {
    String label();

    static <V> Labeled<V> of(String label, Callable<V> body) {
        Objects.requireNonNull(label);
        Objects.requireNonNull(body);
        return new Labeled<>() {
            @Override public String label() { return label; }
            @Override public V call() throws Exception { return body.call(); }
            @Override public String toString() { return label; }
        };
    }
}
